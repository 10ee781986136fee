"""Relations carried by what a side is out to do: an aim of defeating a named actor, whoever holds
it (the controller of the infinitive, the actor or undertaking it describes), fights that actor."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_an_actor_described_by_an_aim_to_defeat_another_attacks_it() -> None:
    found = triples(extract("We will continue to lead the global coalition to degrade and defeat Da'esh."))
    assert ("global coalition", "ATTACKED", "Islamic State") in found
    named = (
        "The strikes were part of Operation Inherent Resolve, "
        "the operation to eliminate the ISIL terrorist group."
    )
    assert ("Operation Inherent Resolve", "ATTACKED", "Islamic State") in triples(extract(named))


def test_the_controller_of_an_infinitive_aim_attacks_its_target() -> None:
    text = "The international coalition is assisting the Iraqi government to degrade and destroy ISIL."
    found = triples(extract(text))
    assert ("Iraqi government", "ATTACKED", "Islamic State") in found
    assert ("international coalition", "ATTACKED", "Islamic State") not in found


def test_whoever_acts_together_with_the_holder_shares_the_aim() -> None:
    text = "The 407th AEG, together with the Peshmerga, is working hard to defeat Da'esh."
    found = triples(extract(text))
    assert ("Peshmerga", "ATTACKED", "Islamic State") in found


def test_the_doer_of_an_undertaking_named_without_owner_holds_its_aim() -> None:
    text = "The Coalition’s Small Group regularly meets to enhance combined efforts to counter ISIL."
    assert ("Coalition’s Small Group", "ATTACKED", "Islamic State") in triples(extract(text))


def test_an_aim_owned_by_a_pronoun_or_denied_or_against_no_actor_is_not_read() -> None:
    for text in (
        "Iraqi forces pressed their campaign to defeat the group.",
        "Kenya did not try to defeat al-Shabaab.",
        "Kenya set up a task force to defeat corruption.",
    ):
        assert not any(t[1] == "ATTACKED" for t in triples(extract(text))), text


def test_a_military_act_against_a_named_actor_fights_it() -> None:
    held = "Iraqi forces maintained their defensive positions against ISIL fighters near Mosul."
    assert ("Iraqi military", "FOUGHT", "Islamic State") in triples(extract(held))
    delivered = "The U.S.-led coalition’s four airstrikes delivered 24 munitions against ISIL targets."
    assert ("U.S.-led coalition", "FOUGHT", "Islamic State") in triples(extract(delivered))


def test_a_rising_against_a_named_actor_fights_it() -> None:
    assert ("Iraq", "FOUGHT", "Islamic State") in triples(
        extract("As Iraqis unite against ISIL, the tide turns.")
    )


def test_speech_and_votes_against_someone_are_no_fight() -> None:
    for text in (
        "Kenya voted against Somalia at the United Nations.",
        "France warned against Russia's plans.",
        "Thousands of Kenyans protested against the government.",
    ):
        assert not any(t[1] == "FOUGHT" for t in triples(extract(text))), text


def test_strikes_in_a_country_by_a_side_fighting_a_named_group_there_are_not_on_the_country() -> None:
    text = (
        "Coalition forces conducted 34 strikes against ISIL terrorists in Syria and Iraq. "
        "Coalition nations which have conducted strikes in Iraq include Australia and Canada."
    )
    found = triples(extract(text))
    assert ("Coalition", "ATTACKED", "Islamic State") in found
    assert ("Coalition", "ATTACKED", "Iraq") not in found
    # with no enemy named, the country struck is the target
    assert ("Israel", "ATTACKED", "Lebanon") in triples(extract("Israel conducted airstrikes in Lebanon."))
