"""Roles, actors and dates handled by kg.nlp.mentions/assemble/dates, on sentences written for
these tests (the trained pipeline is used: the parse matters)."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_country_less_title_takes_the_country_named_with_the_person() -> None:
    result = extract("President Maria Santos of Paraguay met the delegation on Monday.")
    assert ("Maria Santos", "HOLDS_ROLE", "Paraguay") in triples(result)


def test_country_less_title_takes_the_capital_named_with_the_person() -> None:
    result = extract(
        "Prime Minister Tomas Herrera in Lima said Brazil had been consulted about the plan."
    )
    found = triples(result)
    assert ("Tomas Herrera", "HOLDS_ROLE", "Peru") in found
    assert ("Tomas Herrera", "HOLDS_ROLE", "Brazil") not in found


def test_portfolio_word_before_commissioner_is_part_of_the_title_not_an_organisation() -> None:
    result = extract("Trade Commissioner Anna Keller criticised the tariffs imposed by Canada.")
    assert "Trade" not in {e.name for e in result.entities}
    assert not any(r.type.value == "HOLDS_ROLE" and r.object == "trade" for r in result.relations)


def test_legislative_leadership_titles_attach_to_the_chamber() -> None:
    result = extract("Senate Majority Leader Laura Quinn and House Minority Whip Daniel Ortiz spoke.")
    found = triples(result)
    assert ("Laura Quinn", "HOLDS_ROLE", "Senate") in found
    assert ("Daniel Ortiz", "HOLDS_ROLE", "House") in found
