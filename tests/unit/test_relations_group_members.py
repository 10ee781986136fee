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
