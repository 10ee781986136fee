"""A deal brokered between two sides: mediation of the deal and between the sides. Sentences
written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_deal_brokered_between_two_sides_mediates_between_them() -> None:
    found = triples(extract("Egypt and Qatar brokered a ceasefire between Israel and Hamas on Friday."))
    assert {
        ("Qatar", "MEDIATED", "ceasefire"),
        ("Qatar", "MEDIATED", "Israel"),
        ("Qatar", "MEDIATED", "Hamas"),
    } <= found


def test_a_deal_brokered_with_no_sides_named_mediates_only_the_deal() -> None:
    assert triples(extract("Qatar brokered a deal.")) == {("Qatar", "MEDIATED", "agreement")}
