"""Re-ingesting: a new extractor version or --force re-extracts stored content, and a file without
URL that was edited replaces the document read from it before."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j import AsyncDriver
from neo4j.exceptions import ConstraintError

from kg.errors import Problem
from kg.graph import queries as q
from kg.graph.repository import GraphRepository
from kg.ingest import ingest_documents
from kg.model import Extraction, RelationType, SourceDocument
from kg.settings import Settings
from loaders.documents import iter_documents
from tests.integration.ingest_support import LineExtractor, corpus, document, fingerprint

pytestmark = pytest.mark.integration



class CountingExtractor(LineExtractor):
    """LineExtractor that records which documents it was asked to read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Extraction | Problem]:
        for doc in docs:
            self.read.append(doc.id)
            yield from super().extract_many([doc])


class NoAttacksExtractor(CountingExtractor):
    """A later version of the line extractor that no longer reads ATTACKED."""

    version = "test.lines.v2"

    def extract(self, doc: SourceDocument) -> Extraction:
        extraction = super().extract(doc)
        kept = tuple(r for r in extraction.relations if r.type is not RelationType.ATTACKED)
        return extraction.model_copy(update={"relations": kept})


async def stored_extractors(driver: AsyncDriver) -> set[str]:
    records, _, _ = await driver.execute_query("MATCH (d:Document) RETURN DISTINCT d.extractor AS e")
    return {record["e"] for record in records}


async def typed_relationship_types(driver: AsyncDriver) -> set[str]:
    records, _, _ = await driver.execute_query("MATCH (:Entity)-[r]->(:Entity) RETURN DISTINCT type(r) AS t")
    return {record["t"] for record in records}


async def test_a_new_extractor_version_re_extracts_stored_documents_once(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    docs = corpus(6)
    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=neo4j_settings)
    assert "ATTACKED" in await typed_relationship_types(clean_graph)

    newer = NoAttacksExtractor()
    upgraded = await ingest_documents(docs, repository=repository, extractor=newer, settings=neo4j_settings)
    again = NoAttacksExtractor()
    unchanged = await ingest_documents(docs, repository=repository, extractor=again, settings=neo4j_settings)

    assert (upgraded.new, upgraded.unchanged, upgraded.replaced, upgraded.failed) == (0, 0, 6, 0)
    assert sorted(newer.read) == sorted(doc.id for doc in docs)
    assert "ATTACKED" not in await typed_relationship_types(clean_graph)
    attacked, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim {type: 'ATTACKED'}) RETURN count(c) AS n"
    )
    assert attacked[0]["n"] == 0
    assert await stored_extractors(clean_graph) == {"test.lines.v2"}
    assert (await repository.counts()).documents == 6
    # Stored by the current version now: skipped before any extraction.
    assert (unchanged.new, unchanged.unchanged, unchanged.replaced) == (0, 6, 0)
    assert again.read == []


async def test_force_re_extracts_with_the_same_extractor_to_the_same_graph(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    docs = corpus(5)
    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=neo4j_settings)
    graph, counts = await fingerprint(clean_graph), await repository.counts()

    extractor = CountingExtractor()
    forced = await ingest_documents(docs, repository=repository, extractor=extractor,
                                    settings=neo4j_settings, force=True)

    assert (forced.new, forced.unchanged, forced.replaced, forced.failed) == (0, 0, 5, 0)
    assert len(extractor.read) == 5
    assert await fingerprint(clean_graph) == graph
    assert await repository.counts() == counts


async def test_an_edited_file_without_url_replaces_its_earlier_version(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Ann Lee (PERSON) ATTACKED Bay Town (LOCATION)\n", encoding="utf-8")
    first = await ingest_documents(iter_documents([str(path)]), repository=repository,
                                   extractor=LineExtractor(), settings=neo4j_settings)
    path.write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)\n", encoding="utf-8")
    # The same file named differently (relative to the working directory) is the same source.
    edited = await ingest_documents(iter_documents([os.path.relpath(path)]), repository=repository,
                                    extractor=LineExtractor(), settings=neo4j_settings)

    assert (first.new, edited.new, edited.replaced) == (1, 0, 1)
    counts = await repository.counts()
    assert (counts.documents, counts.claims) == (1, 1)
    assert await typed_relationship_types(clean_graph) == {"MET"}
    entities, _, _ = await clean_graph.execute_query("MATCH (e:Entity) RETURN e.id AS id ORDER BY id")
    assert [r["id"] for r in entities] == ["ann-lee", "cy-ray"]


async def test_documents_without_a_file_of_their_own_are_not_replaced_by_source(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    lines = tmp_path / "feed.jsonl"
    lines.write_text('{"text": "Ann Lee (PERSON) MET Cy Ray (PERSON)"}\n', encoding="utf-8")
    await ingest_documents(iter_documents([str(lines)]), repository=repository,
                           extractor=LineExtractor(), settings=neo4j_settings)
    lines.write_text('{"text": "Bo Park (PERSON) URGED Cy Ray (PERSON)"}\n', encoding="utf-8")
    jsonl = await ingest_documents(iter_documents([str(lines)]), repository=repository,
                                   extractor=LineExtractor(), settings=neo4j_settings)
    piped = [document("Ann Lee (PERSON) MET Bo Park (PERSON)", source="<stdin>"),
             document("Cy Ray (PERSON) MET Bo Park (PERSON)", source="<stdin>")]
    stdin = await ingest_documents(piped, repository=repository, extractor=LineExtractor(),
                                   settings=neo4j_settings)

    # A record's position in a feed (path:line) or standard input says nothing about which
    # article it is: only a URL would.
    assert (jsonl.new, jsonl.replaced, stdin.new, stdin.replaced) == (1, 0, 2, 0)
    assert (await repository.counts()).documents == 4


def test_cli_ingest_edited_file_then_force(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    pytest.importorskip("kg.nlp.extractor")
    from kg.cli import main

    password = neo4j_settings.neo4j_password.get_secret_value() if neo4j_settings.neo4j_password else ""
    env = {"KG_NEO4J_URI": neo4j_settings.neo4j_uri or "", "KG_NEO4J_USER": neo4j_settings.neo4j_user,
           "KG_NEO4J_PASSWORD": password, "KG_NEO4J_DATABASE": neo4j_settings.neo4j_database}
    path = tmp_path / "brief.txt"
    path.write_text("The foreign minister of Norway met the prime minister of Sweden in Oslo.\n",
                    encoding="utf-8")
    runner = CliRunner()
    args = ["ingest", str(path), "--published", "2024-03-01"]

    first = runner.invoke(main, args, env=env)
    path.write_text("The president of Finland criticized the government of Denmark on Monday.\n",
                    encoding="utf-8")
    edited = runner.invoke(main, args, env=env)
    same = runner.invoke(main, args, env=env)
    forced = runner.invoke(main, [*args, "--force"], env=env)

    assert first.exit_code == 0, first.output
    assert "documents: 1 new, 0 unchanged, 0 replaced" in first.output
    assert edited.exit_code == 0 and "documents: 0 new, 0 unchanged, 1 replaced" in edited.output
    assert same.exit_code == 0 and "documents: 0 new, 1 unchanged, 0 replaced" in same.output
    assert forced.exit_code == 0 and "documents: 0 new, 0 unchanged, 1 replaced" in forced.output


async def test_each_link_is_stored_once_however_often_a_document_is_written(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    # Mentions and claims of a document written from scratch are CREATEd: a re-ingest (same
    # extractor), a forced one and a new extractor version must each leave one link per fact.
    docs = corpus(5)
    for extractor, force in ((LineExtractor(), False), (LineExtractor(), False),
                             (LineExtractor(), True), (NoAttacksExtractor(), False)):
        await ingest_documents(docs, repository=repository, extractor=extractor,
                               settings=neo4j_settings, force=force)

    links, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim) RETURN c.id AS id, COUNT { (c)-[:SUBJECT]->() } AS subjects, "
        "COUNT { (c)-[:OBJECT]->() } AS objects, COUNT { (c)-[:FROM]->() } AS sources"
    )
    mentions, _, _ = await clean_graph.execute_query(
        "MATCH (d:Document)-[m:MENTIONS]->(e:Entity) "
        "WITH d, e, m.ref AS ref, count(m) AS n WHERE n > 1 RETURN d.id AS d, e.id AS e, ref, n"
    )
    assert links and all((r["subjects"], r["objects"], r["sources"]) == (1, 1, 1) for r in links)
    assert mentions == []
    assert (await repository.counts()).documents == 5


async def test_a_claim_id_stored_already_is_refused_not_stored_twice(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    await ingest_documents(corpus(1), repository=repository, extractor=LineExtractor(),
                           settings=neo4j_settings)
    records, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o) "
        "RETURN c.id AS id, s.id AS subject, o.id AS object, c.document_id AS document_id LIMIT 1"
    )
    row = {**records[0].data(), "attributed_to": None, "props": {"text": "written twice"}}

    with pytest.raises(ConstraintError):
        await clean_graph.execute_query(q.CREATE_CLAIMS, rows=[row])

    stored, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim {id: $id}) RETURN c.text AS text, COUNT { (c)-[:SUBJECT]->() } AS subjects",
        id=row["id"],
    )
    assert len(stored) == 1 and stored[0]["subjects"] == 1 and stored[0]["text"] != "written twice"
