"""Membership in wire copy: becoming a member is membership, applying to join is not yet.
Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_becoming_or_remaining_something_of_y_is_being_it() -> None:
    assert ("Sweden", "MEMBER_OF", "NATO") in triples(extract("Sweden became the 32nd member of NATO."))
    assert ("Hungary", "ALLIED_WITH", "Russia") in triples(extract("Hungary remains a close ally of Russia."))


def test_applying_to_join_is_no_membership_yet() -> None:
    found = triples(extract("Ukraine applied to join the European Union in 2022."))
    assert ("Ukraine", "MEMBER_OF", "European Union") not in found
