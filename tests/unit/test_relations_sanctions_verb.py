"""'X sanctioned Y': a sanction, though the CAMEO dictionary has no such verb. Sentences
written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_sanctioning_someone_is_a_sanction_on_them() -> None:
    found = triples(extract("Britain sanctioned five Russian officials."))
    assert ("United Kingdom", "SANCTIONED", "Russian government") in found
    listed = triples(extract("Washington blacklisted three Chinese companies."))
    assert ("United States", "SANCTIONED", "Chinese business") in listed


def test_a_measure_sanctioned_by_parliament_is_approved_not_sanctioned() -> None:
    assert not triples(extract("The measure was sanctioned by parliament."))
