"""Retraction against a real Neo4j: what a document supported goes, everything else stays."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from kg.errors import NotFound
from kg.graph.repository import GraphRepository
from kg.ingest import ingest_documents
from kg.model import CuratedActor, EntityKind
from kg.settings import Settings
from tests.integration.ingest_support import (
    LineExtractor,
    corpus,
    document,
    fingerprint,
    ids_checksum,
)

pytestmark = pytest.mark.integration



async def test_retract_then_reingest_gives_the_same_graph(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    docs = corpus(8)
    settings = neo4j_settings.model_copy(update={"ingest_batch_size": 3})
    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=settings)
    counts, ids = await repository.counts(), await ids_checksum(clean_graph)
    graph = await fingerprint(clean_graph)

    retracted = await repository.retract_document("story-3.txt")
    after_retraction = await repository.counts()
    again = await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=settings)

    assert retracted.documents == [docs[3].id] and retracted.claims > 0
    assert after_retraction.documents == counts.documents - 1
    assert after_retraction.claims == counts.claims - retracted.claims
    assert (again.new, again.unchanged) == (1, 7)
    assert await repository.counts() == counts
    assert await ids_checksum(clean_graph) == ids
    assert await fingerprint(clean_graph) == graph


async def test_retract_by_id_url_or_path_and_unknown_reference(
    repository: GraphRepository, neo4j_settings: Settings
) -> None:
    docs = [
        document("Ann Lee (PERSON) MET Bo Park (PERSON)", source="a.txt"),
        document("Ann Lee (PERSON) URGED Bo Park (PERSON)", source="b.txt", url="https://news.example/b"),
    ]
    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=neo4j_settings)

    by_url = await repository.retract_document("https://news.example/b")
    by_id = await repository.retract_document(docs[0].id)

    assert by_url.documents == [docs[1].id] and by_id.documents == [docs[0].id]
    assert (await repository.counts()).entities == 0
    with pytest.raises(NotFound, match="no stored document"):
        await repository.retract_document("c.txt")


async def test_retraction_keeps_what_other_evidence_supports(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    await repository.load_actors(
        [CuratedActor(id="cy-ray", name="Cy Ray", kind=EntityKind.PERSON, aliases=("C. Ray",))]
    )
    docs = [
        document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.5\n"
                 "Dan Oh (PERSON) MET Cy Ray (PERSON)\n"
                 "Ann Lee (PERSON) HOLDS_ROLE Eve Land (COUNTRY)", source="a.txt"),
        document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.6", source="b.txt"),
    ]
    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=neo4j_settings)

    await repository.retract_document("a.txt")

    entities, _, _ = await clean_graph.execute_query(
        "MATCH (e:Entity) RETURN e.id AS id, e.roles AS roles, e.aliases AS aliases ORDER BY id"
    )
    assert [r["id"] for r in entities] == ["ann-lee", "bo-park", "cy-ray"]  # Dan Oh, Eve Land gone
    assert entities[0]["roles"] == []  # the HOLDS_ROLE claim was retracted with its document
    assert entities[2]["aliases"] == ["C. Ray"]  # curated, so it stays without any mention
    typed, _, _ = await clean_graph.execute_query(
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.id AS s, type(r) AS t, o.id AS o, r.claims AS claims, "
        "r.documents AS documents, r.confidence AS confidence"
    )
    assert [(r["s"], r["t"], r["o"], r["claims"], r["documents"]) for r in typed] == [
        ("ann-lee", "URGED", "bo-park", 1, 1)
    ]
    assert typed[0]["confidence"] == pytest.approx(0.6)
