"""Every relation carries its PLOVER category and its predicate: the model's defaults per type,
the contract's enumeration, and what the extractor writes."""

from __future__ import annotations

import json
from pathlib import Path

from kg.model import Plover, RelationType
from kg.nlp.relations.syntax import predicate_of
from tests.unit.test_nlp_support import extract, find, shared_extractor

ROOT = Path(__file__).resolve().parents[2]
STRUCTURAL = {
    RelationType.HOLDS_ROLE, RelationType.MEMBER_OF, RelationType.PART_OF,
    RelationType.ALLIED_WITH, RelationType.LOCATED_IN,
}


def test_every_event_type_has_a_category_and_structure_none() -> None:
    for rtype in RelationType:
        if rtype in STRUCTURAL or rtype is RelationType.DECLARED:
            assert rtype.plover is None, rtype  # PLOVER drops CAMEO 01 public statements
        else:
            assert isinstance(rtype.plover, Plover), rtype
    # each PLOVER category is some type's own, so none is reachable only through a verb code
    assert {t.plover for t in RelationType} - {None} == set(Plover)


def test_the_contract_lists_the_categories() -> None:
    schema = json.loads((ROOT / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
    field = schema["properties"]["relations"]["items"]["properties"]["plover"]
    assert [v for v in field["enum"] if v is not None] == [p.value for p in Plover]
    assert None in field["enum"]


def test_extracted_relations_carry_category_and_predicate() -> None:
    found = extract(
        "Russia attacked Ukraine on Monday. Germany called off talks with Ukraine. "
        "Britain stepped up military support for Ukraine. Egypt's invasion of Libya was condemned."
    )
    attack = find(found, "Russia", "ATTACKED", "Ukraine")
    assert (attack.plover, attack.predicate) == (Plover.ASSAULT, "attack")
    for relation in found.relations:
        assert relation.predicate, relation
        assert relation.plover == relation.type.plover or relation.plover is not None


def test_a_particle_is_part_of_the_predicate() -> None:
    doc = shared_extractor().nlp("Germany called off the talks and Britain stepped up its support.")
    verbs = {t.text: predicate_of(t) for t in doc if t.pos_ == "VERB"}
    assert verbs == {"called": "call off", "stepped": "step up"}
    assert predicate_of(next(t for t in doc if t.text == "support")) == "support"
