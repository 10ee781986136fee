"""Aid delivered to a place: support of that territory (the contract's SUPPORTED is actor ->
actor/territory). Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_aid_delivered_or_sent_to_a_place_supports_the_territory() -> None:
    assert ("United Nations", "SUPPORTED", "Gaza") in triples(
        extract("The United Nations delivered aid to Gaza on Friday.")
    )
    assert ("United States", "SUPPORTED", "Gaza") in triples(
        extract("The United States sent humanitarian aid to Gaza.")
    )


def test_troops_sent_to_a_place_are_no_aid() -> None:
    found = triples(extract("The United States sent troops to Gaza."))
    assert ("United States", "SUPPORTED", "Gaza") not in found
