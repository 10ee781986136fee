"""Relations carried by a side's undertakings: 'the SDF's fight against ISIL' (a noun and its
'against'), 'the coalition's efforts to defeat ISIL' (a noun and the act it is for)."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_sides_fight_or_campaign_against_another_is_a_conflict_between_them() -> None:
    assert ("SDF", "FOUGHT", "Islamic State") in triples(
        extract("Arabs joined the SDF's fight against ISIL.")
    )
    assert ("Kenya", "FOUGHT", "Al-Shabaab") in triples(
        extract("Kenya's campaign against al-Shabaab continued.")
    )
    assert not triples(extract("The United States launched a campaign against corruption."))


def test_an_efforts_owner_does_what_the_effort_is_for() -> None:
    found = triples(extract("Kenya's campaign to destroy al-Shabaab continued."))
    assert ("Kenya", "ATTACKED", "Al-Shabaab") in found
    coordinated = triples(extract("They backed the Global Coalition efforts to degrade and defeat Daesh."))
    assert ("Global Coalition to Defeat ISIS", "ATTACKED", "Islamic State") in coordinated
    # a plan or a bid is not an act done
    assert not triples(extract("China's plan to blockade Taiwan worried analysts."))


def test_strikes_done_in_support_of_a_side_support_it() -> None:
    text = "Coalition forces conducted 11 strikes coordinated with and in support of the government of Iraq."
    assert ("Coalition", "SUPPORTED", "Iraqi government") in triples(extract(text))
    fired = "Turkish troops attacked Kurdish positions in support of the Free Syrian Army."
    assert ("Turkish military", "SUPPORTED", "Free Syrian Army") in triples(extract(fired))


def test_an_act_named_by_the_object_of_a_light_verb_is_held_by_its_subject() -> None:
    found = triples(extract("Qatar launched a mediation between the Emirates and Saudi Arabia."))
    assert ("Qatar", "MEDIATED", "United Arab Emirates") in found
    assert ("Qatar", "MEDIATED", "Saudi Arabia") in found
    for text in [
        "Norway will launch a mediation between Colombia and the rebels.",
        "Norway did not launch a mediation between Colombia and the rebels.",
    ]:
        assert not any(t == "MEDIATED" for _, t, _ in triples(extract(text))), text


def test_an_act_compounded_with_an_undertaking_is_that_undertaking() -> None:
    found = triples(extract("Qatar's mediation effort between Israel and Hamas failed."))
    assert ("Qatar", "MEDIATED", "Israel") in found and ("Qatar", "MEDIATED", "Hamas") in found
    found = triples(extract("Kenya launched a mediation effort between Sudan and South Sudan."))
    assert ("Kenya", "MEDIATED", "Sudan") in found and ("Kenya", "MEDIATED", "South Sudan") in found


def test_an_act_held_by_a_light_verb_guesses_no_one_it_is_with() -> None:
    text = "Sudan and Chad clashed in May. Qatar later launched a mediation between the two sides."
    assert not any(t == "MEDIATED" for _, t, _ in triples(extract(text)))
