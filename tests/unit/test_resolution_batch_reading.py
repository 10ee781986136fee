"""What kg.graph.resolution reads from a batch before it asks the graph (no Neo4j needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import InvalidInput
from kg.graph.resolution import candidate_query, merge_waves, role_references, says_something_new
from kg.model import (
    DocumentInfo,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Relation,
    RelationType,
)
from kg.resolution.compare import ActorRecord
from kg.resolution.resolver import Merge, RoleReference


def _extraction(entities: list[Entity], relations: list[Relation]) -> Extraction:
    info = DocumentInfo(id="doc-1", sha256="0" * 64, published=dt.date(2022, 9, 15))
    return Extraction(document=info, entities=tuple(entities), relations=tuple(relations))


def _holds(subject: str, object_: str, role: str) -> Relation:
    return Relation(subject=subject, type=RelationType.HOLDS_ROLE, object=object_, role=role,
                    evidence=Evidence(text="...", start=0, end=3))


def test_a_person_named_by_a_role_and_its_country_is_a_role_reference() -> None:
    armenia = Entity(id="armenia", name="Armenia", kind=EntityKind.COUNTRY, aliases=("Armenian",))
    title = Entity(id="armenian-prime-minister--doc-1", name="Armenian prime minister",
                   kind=EntityKind.PERSON)
    named = Entity(id="nikol-pashinyan", name="Nikol Pashinyan", kind=EntityKind.PERSON)
    extraction = _extraction(
        [armenia, title, named],
        [_holds(title.id, "armenia", "Prime Minister"), _holds(named.id, "armenia", "Prime Minister")],
    )
    assert role_references([extraction]) == [
        RoleReference(title.id, "prime minister", "armenia", dt.date(2022, 9, 15)),
    ]


def test_candidate_query_asks_for_words_near_spellings_and_acronym_letters() -> None:
    person = ActorRecord("zelensky", "Volodymyr Zelensky", EntityKind.PERSON)
    assert candidate_query(person) == "volodymyr OR volodymyr~1 OR zelensky OR zelensky~1 OR vz"
    acronym = ActorRecord("csto", "CSTO", EntityKind.ORGANIZATION)
    assert candidate_query(acronym) == "csto OR (c* AND s* AND t* AND o*)"
    assert candidate_query(ActorRecord("x", "!!", EntityKind.PERSON)) is None
    # A stored actor named again is looked up by its words only (cheaper: no fuzzy or prefix terms).
    assert candidate_query(acronym, thorough=False) == "csto"
    assert candidate_query(person, thorough=False) == "volodymyr OR zelensky OR vz"


def test_a_stored_actor_is_resolved_again_only_when_the_batch_says_something_new() -> None:
    stored = {"name": "Sergei Lavrov", "kind": "PERSON", "aliases": ["Lavrov"]}
    assert not says_something_new(Entity(id="x", name="Lavrov", kind=EntityKind.PERSON), stored)
    assert not says_something_new(Entity(id="x", name="SERGEI LAVROV", kind=EntityKind.PERSON), stored)
    assert says_something_new(Entity(id="x", name="Sergey Lavrov", kind=EntityKind.PERSON), stored)
    assert says_something_new(Entity(id="x", name="Lavrov", kind=EntityKind.ORGANIZATION), stored)


def test_merges_run_in_waves_so_chains_move_once() -> None:
    waves = merge_waves([Merge("b", "c", 1, "r"), Merge("a", "b", 1, "r"), Merge("d", "c", 1, "r")])
    assert [[m.merged for m in wave] for wave in waves] == [["a", "d"], ["b"]]
    with pytest.raises(InvalidInput):
        merge_waves([Merge("a", "b", 1, "r"), Merge("b", "a", 1, "r")])
