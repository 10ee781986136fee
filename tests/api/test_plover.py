"""PLOVER categories and predicates end to end: stored on claims, gathered on typed
relationships, shown and filtered in the API."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import AsyncDriver

from kg.graph.repository import GraphRepository
from kg.model import (
    CuratedRelation,
    DocumentInfo,
    EntityKind,
    Evidence,
    Extraction,
    Plover,
    Relation,
    RelationType,
    content_sha256,
    document_id,
)
from tests.api.conftest import Api, entity

pytestmark = pytest.mark.api

NORLAND = entity("Norland", EntityKind.COUNTRY)
SUDLAND = entity("Sudland", EntityKind.COUNTRY)
OSTLAND = entity("Ostland", EntityKind.COUNTRY)

SENTENCES: list[tuple[str, RelationType, str, Plover | None, str, bool]] = [
    # subject, type, object, plover (None: the type's own), predicate, negated
    (NORLAND.id, RelationType.SUPPORTED, SUDLAND.id, Plover.AID, "send", False),
    (NORLAND.id, RelationType.SUPPORTED, SUDLAND.id, Plover.SUPPORT, "back", False),
    (NORLAND.id, RelationType.SUPPORTED, SUDLAND.id, Plover.COOPERATE, "train", True),
    (OSTLAND.id, RelationType.ATTACKED, SUDLAND.id, None, "shell", False),
]


def world() -> Extraction:
    text, relations = "", []
    for subject, rtype, object_, plover, predicate, negated in SENTENCES:
        sentence = f"{subject} {predicate} {object_}."
        start = len(text)
        text += sentence + " "
        relations.append(
            Relation(
                subject=subject, type=rtype, object=object_, plover=plover or rtype.plover,
                predicate=predicate, negated=negated, confidence=0.7,
                evidence=Evidence(text=sentence, start=start, end=start + len(sentence)),
            )
        )
    sha = content_sha256(text)
    info = DocumentInfo(id=document_id(sha), sha256=sha, source="plover.txt", published=dt.date(2024, 5, 1))
    return Extraction(document=info, entities=(NORLAND, SUDLAND, OSTLAND), relations=tuple(relations))


async def test_claims_keep_their_category_and_the_relationship_gathers_them(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    assert not (await repository.write_extractions([world()])).failed
    records, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim) RETURN c.plover AS plover, c.predicate AS predicate ORDER BY c.start"
    )
    assert [(r["plover"], r["predicate"]) for r in records] == [
        ("AID", "send"), ("SUPPORT", "back"), ("COOPERATE", "train"), ("ASSAULT", "shell")
    ]
    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: $s})-[r:SUPPORTED]->(:Entity {id: $o}) RETURN r.plover AS plover",
        s=NORLAND.id, o=SUDLAND.id,
    )
    # distinct and sorted; the negated claim's category is not the relationship's
    assert records[0]["plover"] == ["AID", "SUPPORT"]

    # A curated claim adds its type's category, kept sorted and distinct.
    await repository.load_relations(
        [CuratedRelation(subject=NORLAND.id, type=RelationType.SUPPORTED, object=SUDLAND.id, source="list")]
    )
    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: $s})-[r:SUPPORTED]->(:Entity {id: $o}) RETURN r.plover AS plover",
        s=NORLAND.id, o=SUDLAND.id,
    )
    assert records[0]["plover"] == ["AID", "SUPPORT"]


async def test_relations_filtered_by_category_with_each_claims_own(
    api: Api, repository: GraphRepository
) -> None:
    assert not (await repository.write_extractions([world()])).failed
    data = await api.data(
        """{ aid: relations(filter: {plover: [AID]}) { totalCount edges { node { type plover
               evidence(includeNegated: true) { plover predicate negated } } } }
             assault: relations(filter: {plover: [ASSAULT, COERCE]}) { totalCount edges { node {
               subject { id } plover } } }
             cooperate: relations(filter: {plover: [COOPERATE]}) { totalCount }
             all: relations { totalCount } }"""
    )
    aid = data["aid"]
    assert aid["totalCount"] == 1
    node = aid["edges"][0]["node"]
    assert node["type"] == "SUPPORTED" and node["plover"] == ["AID", "SUPPORT"]
    assert sorted((e["plover"], e["predicate"], e["negated"]) for e in node["evidence"]) == [
        ("AID", "send", False), ("COOPERATE", "train", True), ("SUPPORT", "back", False)
    ]
    assert data["assault"]["edges"] == [{"node": {"subject": {"id": OSTLAND.id}, "plover": ["ASSAULT"]}}]
    assert data["cooperate"]["totalCount"] == 0  # only a negated claim says so
    assert data["all"]["totalCount"] == 2


async def test_an_unknown_category_is_a_client_error(api: Api) -> None:
    body = await api.post("{ relations(filter: {plover: [FIGHT]}) { totalCount } }")
    assert body.get("errors") and "FIGHT" in body["errors"][0]["message"]
