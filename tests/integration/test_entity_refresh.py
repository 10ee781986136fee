"""An ingest refreshes the entities it touches from what they stored and what the batch adds
(q.REFRESH_ENTITIES_ADDED) instead of re-reading all their evidence: the graph must be exactly
the one the full recompute (q.REFRESH_ENTITIES for every touched entity) gives, batch after
batch -- names that grow longer, kind conflicts, roles, event dates, curated actors, retraction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from neo4j import AsyncDriver

from kg.graph import admin
from kg.graph import repository as repository_module
from kg.graph.repository import GraphRepository
from kg.model import (
    CuratedActor,
    DocumentInfo,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Relation,
    RelationType,
    content_sha256,
    document_id,
)
from kg.settings import Settings
from tests.integration.ingest_support import fingerprint

pytestmark = pytest.mark.integration

PER, ORG, EVT, CTRY = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.EVENT, EntityKind.COUNTRY
Mention = tuple[str, str, EntityKind, tuple[str, ...]]  # id, name, kind, aliases
Claim = tuple[str, RelationType, str, dict[str, Any]]  # subject, type, object, extra fields


def extraction(number: int, mentions: Sequence[Mention], claims: Sequence[Claim]) -> Extraction:
    text = f"document {number}: " + " ".join(f"{s} {t.value} {o}." for s, t, o, _ in claims)
    sha = content_sha256(text)
    relations = tuple(
        Relation(subject=s, type=t, object=o, evidence=Evidence(text=text, start=i, end=i + 1), **extra)
        for i, (s, t, o, extra) in enumerate(claims)
    )
    return Extraction(
        document=DocumentInfo(id=document_id(sha), sha256=sha, source=f"doc-{number}.txt",
                              published=dt.date(2022, 9, 1) + dt.timedelta(days=number)),
        entities=tuple(Entity(id=i, name=n, kind=k, aliases=a) for i, n, k, a in mentions),
        relations=relations,
        extractor="test.refresh",
    )


ROLE = RelationType.HOLDS_ROLE
MET = RelationType.MET
AGREED = RelationType.AGREED_TO

# Batches of documents; each touches entities stored by earlier batches.
BATCHES: list[list[Extraction]] = [
    [extraction(1, [("lee", "Lee", PER, ()), ("acme", "Acme", ORG, ()), ("truce", "Truce", EVT, ()),
                    ("bo", "Bo", PER, ()), ("kim", "Kim", PER, ())],
                [("lee", ROLE, "acme", {"role": "envoy"}),
                 ("lee", AGREED, "truce", {"date": dt.date(2022, 9, 10)}),
                 ("bo", MET, "kim", {})])],
    [extraction(2, [("lee", "Ann Lee", PER, ("Ms Lee",)), ("acme", "Acme Corp", ORG, ())],
                [("lee", MET, "acme", {})]),
     extraction(3, [("lee", "Annie Lee", PER, ()), ("truce", "Truce", EVT, ()), ("bo", "Bobby", PER, ())],
                [("lee", AGREED, "truce", {"date": dt.date(2022, 9, 1)}),
                 ("bo", AGREED, "truce", {"date": dt.date(2022, 8, 1), "negated": True})]),
     extraction(4, [("lee", "Annie Lee", PER, ()), ("bo", "Bobby", PER, ())], [("lee", MET, "bo", {})])],
    [extraction(5, [("lee", "Lee Group", ORG, ()), ("acme", "Acme", ORG, ()),
                    ("kim", "Kim Group Ltd", ORG, ())],
                [("lee", ROLE, "acme", {"role": "director", "negated": True}),
                 ("lee", ROLE, "acme", {"role": "chair"}), ("kim", MET, "acme", {})]),
     extraction(6, [("bo", "Bo Park", PER, ("Park",)), ("zed", "Zed", PER, ()), ("truce", "Truce", EVT, ())],
                [("bo", MET, "zed", {}), ("zed", AGREED, "truce", {"date": dt.date(2022, 7, 1)})]),
     extraction(7, [("bo", "B Park", PER, ()), ("zed", "Zed Q Ray", PER, ())], [("zed", MET, "bo", {})]),
     extraction(8, [("bo", "B Park", PER, ()), ("lee", "Lee", PER, ())],
                [("bo", ROLE, "lee", {"role": "aide"})])],
    [extraction(9, [("acme", "Acme", ORG, ("ACME",)), ("lee", "Lee", PER, ()),
                    ("ruritania", "Ruritania", CTRY, ())],
                [("lee", ROLE, "ruritania", {"role": "consul"}), ("acme", MET, "ruritania", {})])],
]
CURATED = [CuratedActor(id="acme", name="Acme Holdings", kind=ORG, aliases=("AH",), roles=("company",))]


async def build(repository: GraphRepository, driver: AsyncDriver) -> str:
    for number, batch in enumerate(BATCHES):
        result = await repository.write_extractions(batch)
        assert not result.failed
        if number == 1:
            await repository.load_actors(CURATED)
        if number == 2:
            await repository.retract_document(BATCHES[1][0].document.id)
    return await fingerprint(driver, without="Decision")


async def test_ingest_refreshes_entities_exactly_as_the_full_recompute(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    incremental = await build(repository, clean_graph)
    names, _, _ = await clean_graph.execute_query(
        "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.kind AS kind, e.roles AS roles, "
        "e.date AS date ORDER BY id"
    )
    by_id = {r["id"]: r for r in names}
    # The batches did exercise the rules the incremental refresh must keep.
    assert (by_id["lee"]["name"], by_id["lee"]["kind"]) == ("Annie Lee", "PERSON")
    assert by_id["lee"]["roles"] == ["chair", "consul", "envoy"]
    assert (by_id["kim"]["name"], by_id["kim"]["kind"]) == ("Kim Group Ltd", "ORGANIZATION")
    assert by_id["bo"]["name"] == "B Park"
    assert by_id["acme"]["name"] == "Acme Holdings"
    assert by_id["truce"]["date"].to_native() == dt.date(2022, 7, 1)

    await admin.delete_all(clean_graph, neo4j_settings.neo4j_database)
    monkeypatch.setattr(repository_module._Batch, "added_evidence", lambda self: {})
    full = await build(repository, clean_graph)

    assert incremental == full
