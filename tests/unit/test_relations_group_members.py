"""People a text names by a common noun are members of the organisation they come from."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_people_named_by_a_common_noun_from_an_organisation_are_its_members() -> None:
    found = triples(extract("Journalists from Reuters met rebels of the Free Syrian Army."))
    assert ("journalists", "MEMBER_OF", "Reuters") in found
    assert ("rebels", "MEMBER_OF", "Free Syrian Army") in found


def test_people_from_a_country_are_no_members_of_it() -> None:
    found = triples(extract("Refugees from Syria met activists in Turkey."))
    assert not any(t[1] == "MEMBER_OF" for t in found)


def test_names_singled_out_of_a_bodys_members_or_partners_are_its_members() -> None:
    text = "We are grateful for the support provided by our Coalition partners, especially the Turks."
    assert ("Turks", "MEMBER_OF", "Coalition") in triples(extract(text))
    found = triples(extract("NATO countries, including Poland, sent troops."))
    assert ("Poland", "MEMBER_OF", "NATO") in found


def test_an_actors_own_partners_are_not_its_members() -> None:
    found = triples(extract("Hamas's partners, especially Iran, sent weapons."))
    assert ("Iran", "MEMBER_OF", "Hamas") not in found
