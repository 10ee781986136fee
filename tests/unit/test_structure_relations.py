"""Structural relations of real reports: members listed by 'include', units of units, people
assigned to units, 'as part of', leaders named beside their command."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_bodys_listed_members_are_its_members() -> None:
    found = triples(
        extract("Coalition nations which have conducted strikes include Australia, Belgium and Canada.")
    )
    assert {("Australia", "MEMBER_OF", "Coalition"), ("Canada", "MEMBER_OF", "Coalition")} <= found
    found = triples(
        extract("The Kurdish-led SDF, which includes the Syrian Arab Coalition, advanced on Raqqa.")
    )
    assert any(s == "Syrian Arab Coalition" and t == "MEMBER_OF" and "SDF" in o for s, t, o in found)


def test_including_something_else_is_no_membership() -> None:
    found = triples(extract("The NATO package includes drones and artillery."))
    assert not any(t == "MEMBER_OF" for _, t, _ in found)


def test_a_unit_named_before_another_is_part_of_it() -> None:
    found = triples(extract("Soldiers from 3rd Battalion, 321st Field Artillery Regiment fired the guns."))
    assert ("3rd Battalion", "PART_OF", "321st Field Artillery Regiment") in found


def test_a_person_assigned_to_a_unit_is_its_member() -> None:
    found = triples(extract("Sgt. Jason Booker was assigned to 2nd Battalion, 5th Special Forces Group."))
    assert ("Jason Booker", "MEMBER_OF", "2nd Battalion") in found
    assert ("2nd Battalion", "PART_OF", "5th Special Forces Group") in found


def test_as_part_of_makes_the_subject_part_of_the_whole() -> None:
    text = "The 134th Fighter Squadron will fly missions as part of the 407th Air Expeditionary Group."
    assert ("134th Fighter Squadron", "PART_OF", "407th Air Expeditionary Group") in triples(extract(text))


def test_a_bare_title_beside_a_command_is_a_role_in_it() -> None:
    found = triples(
        extract("U.S. Army General Joseph Votel, commander, U.S. Central Command recently met employees.")
    )
    assert ("Joseph Votel", "HOLDS_ROLE", "U.S. Central Command") in found
    found = triples(extract("Albert Connelly, a crew chief in Abel Battery, said the guns were ready."))
    assert ("Albert Connelly", "HOLDS_ROLE", "Abel Battery") in found
    assert not any(t == "HOLDS_ROLE" for _, t, _ in triples(extract("Ana Ruiz, a commander in Syria, said.")))


def test_an_actor_within_a_body_is_its_member() -> None:
    found = triples(extract("We remain committed to working closely with Turkey within NATO."))
    assert ("Turkey", "MEMBER_OF", "NATO") in found
    assert not any(t == "MEMBER_OF" for _, t, _ in triples(extract("Tensions within NATO grew.")))


def test_a_bare_title_followed_by_an_organisation_is_a_role_in_it() -> None:
    text = "The report was signed by John Smith, director, Office of Management and Budget, on Monday."
    assert ("John Smith", "HOLDS_ROLE", "Office of Management and Budget") in triples(extract(text))


def test_the_parts_a_body_is_made_up_of_are_its_members() -> None:
    found = triples(extract("The Syrian Democratic Forces consist of the YPG and Arab tribes."))
    assert ("YPG", "MEMBER_OF", "Syrian Democratic Forces") in found
    made = "The SDF, made up in part by local Arabs and its Arab arm, the Syrian Arab Coalition, advanced."
    assert ("Syrian Arab Coalition", "MEMBER_OF", "SDF") in triples(extract(made))
    assert not triples(extract("Russia made a deal with Iran."))
