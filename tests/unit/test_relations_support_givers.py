"""Who gives support, read past the words between: 'its partners' are not its owner, support
given through munitions or a participle is the doer's, 'aided by support from X' is X's."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_relational_group_a_pronoun_owns_is_not_its_owner() -> None:
    text = "The Coalition conducted strikes delivering munitions in support of its partners on the ground."
    assert ("Coalition", "SUPPORTED", "partners") in triples(extract(text))


def test_support_given_through_the_object_of_an_act_is_the_doers() -> None:
    text = "The Coalition conducted 300 strikes delivering 850 munitions in support of the SDF."
    assert ("Coalition", "SUPPORTED", "SDF") in triples(extract(text))


def test_aided_by_support_from_named_givers_is_their_support() -> None:
    text = (
        "Syrian opposition forces liberated the town of Dabiq from ISIL control, "
        "aided by strong support from our ally Turkey and our international coalition."
    )
    found = triples(extract(text))
    assert ("Turkey", "SUPPORTED", "Syrian opposition") in found
    assert ("international coalition", "SUPPORTED", "Syrian opposition") in found


def test_advising_an_actor_consults_it_and_coordinated_verbs_share_their_object() -> None:
    found = triples(extract("U.S. forces are advising and assisting the Syrian Democratic Forces."))
    assert ("American military", "CONSULTED", "Syrian Democratic Forces") in found
    assert ("American military", "SUPPORTED", "Syrian Democratic Forces") in found


def test_a_coordinated_verb_with_its_own_subject_keeps_its_object() -> None:
    found = triples(extract("Russia advised caution and Turkey assisted the Syrian opposition."))
    assert ("Russia", "CONSULTED", "Syrian opposition") not in found


def test_support_counted_in_money_goes_to_whom_the_counted_aid_is_for() -> None:
    text = "The United States will provide nearly $100 million in new assistance to the Syrian opposition."
    assert ("United States", "SUPPORTED", "Syrian opposition") in triples(extract(text))


def test_an_act_claimed_by_a_group_is_its_act_when_the_parser_misreads_the_participle() -> None:
    text = "Today, multiple attacks, also claimed by Da’esh, have killed at least 35 innocent civilians."
    assert ("Islamic State", "KILLED", "civilians") in triples(extract(text))


def test_the_possessor_of_a_noun_does_what_its_infinitive_says() -> None:
    text = "The U.S. reaffirms its commitment to support the government of Iraq."
    assert ("United States", "SUPPORTED", "Iraqi government") in triples(extract(text))
    named = "We will not allow al-Qaida to grow its capacity to attack the United States."
    assert ("Al-Qaeda", "ATTACKED", "United States") in triples(extract(named))


def test_a_support_participle_after_a_comma_describes_the_subject_of_the_clause_it_closes() -> None:
    # the parser hangs "backed" on "town" and "aided" on "news": neither stands for an actor
    found = triples(extract("Rebels took the town of Goma, backed by Rwandan troops."))
    assert ("Rwandan military", "SUPPORTED", "rebels") in found
    assert not any(o == "Goma" for _, t, o in found if t == "SUPPORTED")
    text = (
        "I welcome today's news that Syrian opposition forces liberated the town of Dabiq from ISIL "
        "control, aided by strong support from our ally Turkey and our international coalition."
    )
    assert ("Turkey", "SUPPORTED", "Syrian opposition") in triples(extract(text))


def test_a_support_participle_closing_a_clause_of_no_actor_gives_nothing() -> None:
    found = triples(extract("The report, backed by the United Nations, was published on Monday."))
    assert not any(t == "SUPPORTED" for _, t, _ in found)
