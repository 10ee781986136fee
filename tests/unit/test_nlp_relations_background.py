"""Background wording: wars waged and fought, forces kept abroad, missions extended, offers of talks."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_war_fought_with_someone_in_a_relative_clause() -> None:
    found = triples(extract("Russia, which fought a brief war with Georgia in 2008, said nothing."))
    assert ("Russia", "FOUGHT", "Georgia") in found


def test_an_insurgency_waged_against_a_state() -> None:
    found = triples(extract("Hamas has waged an insurgency against Israel."))
    assert ("Hamas", "ATTACKED", "Israel") in found


def test_bases_and_troops_kept_abroad_are_deployments() -> None:
    assert ("United Kingdom", "DEPLOYED", "Cyprus") in triples(
        extract("Britain retains two military bases in Cyprus.")
    )
    assert ("United Kingdom", "DEPLOYED", "Cyprus") in triples(extract("Britain keeps troops in Cyprus."))


def test_an_extended_mission_is_a_deployment() -> None:
    found = triples(extract("The Security Council extended its peacekeeping mission in Lebanon."))
    assert ("Security Council", "DEPLOYED", "Lebanon") in found


def test_offering_to_hold_talks_with_someone() -> None:
    assert ("Chad", "OFFERED", "Sudan") in triples(extract("Chad offered to hold talks with Sudan."))


def test_forces_deployed_in_the_passive_are_the_military_of_the_state_that_sent_them() -> None:
    found = triples(extract("More than 10,000 North Korean troops had been deployed to Russia."))
    assert ("North Korean military", "DEPLOYED", "Russia") in found
    assert ("American military", "DEPLOYED", "Syria") in triples(
        extract("About 900 U.S. troops are stationed in Syria.")
    )


def test_listed_member_states_belong_to_the_organisation_named_or_last_named() -> None:
    found = triples(
        extract(
            "The Economic Community of West African States is divided, and member states "
            "including Ghana, Senegal and Togo said they could not pay."
        )
    )
    for country in ("Ghana", "Senegal", "Togo"):
        assert (country, "MEMBER_OF", "Economic Community of West African States") in found
    found = triples(extract("NATO members such as Poland and Estonia want more troops."))
    assert ("Poland", "MEMBER_OF", "NATO") in found
    assert ("Estonia", "MEMBER_OF", "NATO") in found
