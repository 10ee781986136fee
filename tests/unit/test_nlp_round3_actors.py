"""Factions with compound qualifiers, unknown place names and organs; sentences written here."""

from __future__ import annotations

from kg.model import EntityKind
from tests.unit.test_nlp_support import extract, triples


def test_eastern_based_administration_is_a_faction_not_the_country() -> None:
    extraction = extract("Libya is divided. The eastern-based administration rejected the deal with Egypt.")
    found = triples(extraction)
    assert ("eastern-based administration", "REJECTED", "agreement") in found
    assert not any(s == "Libya" and t == "REJECTED" for s, t, _ in found)


def test_unknown_place_after_a_place_preposition_is_not_a_people() -> None:
    # the model tags this invented name as a nationality (NORP)
    extraction = extract("Fighting spread to Pashtuni on Monday.")
    names = {e.name: e.kind for e in extraction.entities}
    assert "Pashtunis" not in names
    assert names.get("Pashtuni") is EntityKind.LOCATION
