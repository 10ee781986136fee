"""Ingestion against a real Neo4j: idempotence, replacement by URL, alias accumulation,
per-document failures and the typed relationships' aggregates."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import AsyncDriver

from kg.errors import Problem
from kg.graph.repository import GraphRepository
from kg.ingest import ingest_documents
from kg.model import SourceDocument
from kg.settings import Settings
from tests.integration.ingest_support import (
    LineExtractor,
    corpus,
    document,
    fingerprint,
)

pytestmark = pytest.mark.integration



def small_batches(settings: Settings) -> Settings:
    return settings.model_copy(update={"ingest_batch_size": 4})


async def test_ingesting_twice_changes_nothing_the_second_time(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    docs = corpus(10)
    settings = small_batches(neo4j_settings)
    first = await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=settings)
    counts, graph = await repository.counts(), await fingerprint(clean_graph)

    second = await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=settings)

    assert (first.new, first.unchanged, first.failed) == (10, 0, 0)
    assert first.claims > 0 and first.entities == 6
    assert (second.new, second.unchanged, second.replaced, second.claims) == (0, 10, 0, 0)
    assert await repository.counts() == counts
    assert await fingerprint(clean_graph) == graph
    assert counts.documents == 10 and counts.entities == 6


async def test_progress_reports_every_document(repository: GraphRepository, neo4j_settings: Settings) -> None:
    reported: list[int] = []
    docs: list[SourceDocument | Problem] = [*corpus(6), Problem("broken.html", "not HTML")]

    await ingest_documents(docs, repository=repository, extractor=LineExtractor(),
                           settings=small_batches(neo4j_settings), progress=reported.append)

    assert sum(reported) == 7


async def test_same_url_with_changed_content_replaces_the_document(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    old = document("Ann Lee (PERSON) ATTACKED Bay Town (LOCATION)", url="https://news.example/a")
    new = document("Ann Lee (PERSON) MET Cy Ray (PERSON)", url="https://news.example/a")
    await ingest_documents([old], repository=repository, extractor=LineExtractor(), settings=neo4j_settings)

    summary = await ingest_documents([new], repository=repository, extractor=LineExtractor(),
                                     settings=neo4j_settings)

    assert (summary.new, summary.replaced) == (0, 1)
    stored = await repository.document_by_url("https://news.example/a")
    assert stored is not None and stored.id == new.id
    records, _, _ = await clean_graph.execute_query(
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.id AS s, type(r) AS t, o.id AS o"
    )
    assert [(r["s"], r["t"], r["o"]) for r in records] == [("ann-lee", "MET", "cy-ray")]
    entities, _, _ = await clean_graph.execute_query("MATCH (e:Entity) RETURN e.id AS id ORDER BY id")
    assert [r["id"] for r in entities] == ["ann-lee", "cy-ray"]  # Bay Town lost its only support
    counts = await repository.counts()
    assert (counts.documents, counts.claims) == (1, 1)


async def test_an_actor_in_two_documents_is_one_node_with_all_aliases(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    first = document("Ann Lee (PERSON) MET Bo Park (PERSON)", source="one.txt")
    second = document("Ann Lee (PERSON) URGED Cy Ray Jones (PERSON)", source="two.txt")
    extractor = LineExtractor()
    extraction = extractor.extract(second)
    renamed = extraction.model_copy(update={"entities": tuple(
        e.model_copy(update={"aliases": ("Ms Lee", "Lee")}) if e.id == "ann-lee" else e
        for e in extraction.entities
    )})

    await ingest_documents([first], repository=repository, extractor=extractor, settings=neo4j_settings)
    await repository.write_extractions([renamed])

    records, _, _ = await clean_graph.execute_query(
        "MATCH (e:Entity {id: 'ann-lee'}) RETURN e.name AS name, e.aliases AS aliases, "
        "e.aliases_text AS text, labels(e) AS labels, COUNT { (:Document)-[:MENTIONS]->(e) } AS docs"
    )
    assert len(records) == 1
    assert records[0]["name"] == "Ann Lee"
    assert records[0]["aliases"] == ["Lee", "Ms Lee"]
    assert records[0]["text"] == "Lee | Ms Lee"
    assert sorted(records[0]["labels"]) == ["Actor", "Entity", "Person"]
    assert records[0]["docs"] == 2
    found, _, _ = await clean_graph.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', 'Ms Lee') YIELD node RETURN node.id AS id LIMIT 1"
    )
    assert [r["id"] for r in found] == ["ann-lee"]


async def test_a_failing_document_is_counted_and_the_batch_goes_on(
    repository: GraphRepository, neo4j_settings: Settings
) -> None:
    docs: list[SourceDocument | Problem] = [
        document("Ann Lee (PERSON) MET Bo Park (PERSON)", source="good-1.txt"),
        document("UNREADABLE", source="bad.txt"),
        Problem("empty.txt", "document is empty"),
        document("Bo Park (PERSON) URGED Cy Ray (PERSON)", source="good-2.txt"),
    ]

    summary = await ingest_documents(docs, repository=repository, extractor=LineExtractor(),
                                     settings=neo4j_settings)

    assert (summary.new, summary.failed) == (2, 2)
    assert sorted(p.source for p in summary.problems) == ["bad.txt", "empty.txt"]
    assert (await repository.counts()).documents == 2


async def test_typed_relationship_aggregates_its_non_negated_claims(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    docs = [
        document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.5\n"
                 "Ann Lee (PERSON) URGED Bo Park (PERSON) @0.6", source="a.txt",
                 published=dt.date(2022, 9, 1)),
        document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.5", source="b.txt",
                 published=dt.date(2022, 9, 20)),
        document("Ann Lee (PERSON) NOT URGED Bo Park (PERSON) @0.9", source="c.txt",
                 published=dt.date(2022, 10, 1)),
    ]

    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=neo4j_settings)

    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'ann-lee'})-[r:URGED]->(:Entity {id: 'bo-park'}) RETURN r"
    )
    assert len(records) == 1
    urged = records[0]["r"]
    assert (urged["claims"], urged["documents"], urged["curated"]) == (3, 2, False)
    assert urged["confidence"] == pytest.approx(1 - (1 - 0.6) * (1 - 0.5))  # best per document
    assert urged["first_seen"].to_native() == dt.date(2022, 9, 1)
    assert urged["last_seen"].to_native() == dt.date(2022, 9, 20)
    assert (await repository.counts()).claims == 4  # the negated claim is stored, not counted


async def test_sample_article_twice_with_the_trained_extractor(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    extractor_module = pytest.importorskip("kg.nlp.extractor")
    from pathlib import Path

    from loaders.documents import iter_documents

    sample = str(Path(__file__).resolve().parents[2] / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt")
    extractor = extractor_module.Extractor.from_settings(neo4j_settings)
    published = dt.date(2022, 9, 15)

    first = await ingest_documents(iter_documents([sample], published=published), repository=repository,
                                   extractor=extractor, settings=neo4j_settings)
    counts, graph = await repository.counts(), await fingerprint(clean_graph)
    second = await ingest_documents(iter_documents([sample], published=published), repository=repository,
                                    extractor=extractor, settings=neo4j_settings)

    assert (first.new, first.failed) == (1, 0) and counts.claims > 0
    assert (second.new, second.unchanged) == (0, 1)
    assert await repository.counts() == counts
    assert await fingerprint(clean_graph) == graph


def test_cli_ingest_twice_then_retract(clean_graph: AsyncDriver, neo4j_settings: Settings) -> None:
    pytest.importorskip("kg.nlp.extractor")
    from pathlib import Path

    from click.testing import CliRunner

    from kg.cli import main

    sample = str(Path(__file__).resolve().parents[2] / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt")
    password = neo4j_settings.neo4j_password.get_secret_value() if neo4j_settings.neo4j_password else ""
    env = {"KG_NEO4J_URI": neo4j_settings.neo4j_uri or "", "KG_NEO4J_USER": neo4j_settings.neo4j_user,
           "KG_NEO4J_PASSWORD": password, "KG_NEO4J_DATABASE": neo4j_settings.neo4j_database}
    runner = CliRunner()

    first = runner.invoke(main, ["ingest", sample, "--published", "2022-09-15", "--batch-size", "5"], env=env)
    second = runner.invoke(main, ["ingest", sample, "--published", "2022-09-15"], env=env)
    retracted = runner.invoke(main, ["retract", sample], env=env)
    missing = runner.invoke(main, ["retract", sample], env=env)

    assert first.exit_code == 0, first.output
    assert "documents: 1 new, 0 unchanged, 0 replaced, 0 failed" in first.output
    assert second.exit_code == 0 and "documents: 0 new, 1 unchanged" in second.output
    assert retracted.exit_code == 0 and "retracted doc-" in retracted.output
    assert missing.exit_code == 1 and "no stored document" in missing.output


async def test_an_event_takes_the_earliest_date_claimed_for_it(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    extraction = LineExtractor().extract(document(
        "Ann Lee (PERSON) DECLARED Truce Deal (EVENT)\n"
        "Bo Park (PERSON) AGREED_TO Truce Deal (EVENT)\n"
        "Cy Ray (PERSON) NOT AGREED_TO Truce Deal (EVENT)"
    ))
    dates = [dt.date(2022, 9, 14), dt.date(2022, 9, 16), dt.date(2022, 9, 1)]
    relations = tuple(
        relation.model_copy(update={"date": date})
        for relation, date in zip(extraction.relations, dates, strict=True)
    )
    dated = extraction.model_copy(update={"relations": relations})

    await repository.write_extractions([dated])

    records, _, _ = await clean_graph.execute_query(
        "MATCH (e:Entity) RETURN e.id AS id, e.date AS date ORDER BY id"
    )
    by_id = {r["id"]: r["date"] for r in records}
    assert by_id["truce-deal"].to_native() == dt.date(2022, 9, 14)  # the negated claim does not count
    assert by_id["ann-lee"] is None
