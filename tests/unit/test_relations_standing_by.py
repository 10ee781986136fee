"""Standing by an actor: a commitment to it, standing 'shoulder to shoulder' with it, and whose
commitment a possessive in a phrase on the verb names."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_commitment_to_an_actor_supports_it() -> None:
    assert ("United Kingdom", "SUPPORTED", "NATO") in triples(
        extract("Britain reaffirmed its commitment to NATO.")
    )
    assert ("Germany", "SUPPORTED", "Ukraine") in triples(
        extract("Germany's commitment to Ukraine remains strong.")
    )


def test_a_commitment_to_an_event_or_one_gone_back_on_supports_no_one() -> None:
    found = triples(extract("Hamas reaffirmed its commitment to the ceasefire."))
    assert not any(t == "SUPPORTED" for _, t, _ in found)
    found = triples(extract("President Levy Mwanawasa has reneged on his commitment to the Zambian people."))
    assert not any(t == "SUPPORTED" for _, t, _ in found)
    assert not any(
        t == "SUPPORTED" for _, t, _ in triples(extract("Washington abandoned its support for the Kurds."))
    )


def test_standing_shoulder_to_shoulder_with_an_actor_supports_it() -> None:
    text = "The United States continues to stand shoulder to shoulder with the Iraqi people."
    assert ("United States", "SUPPORTED", "Iraq") in triples(extract(text))


def test_a_possessive_in_a_phrase_on_a_verb_without_object_is_the_subjects() -> None:
    text = (
        "The U.S. reaffirms its commitment to support the government and people of Iraq, and remains "
        "steadfast in its commitment to the Global Coalition efforts to degrade and defeat Da'esh."
    )
    found = triples(extract(text))
    assert ("United States", "SUPPORTED", "Global Coalition to Defeat ISIS") in found
    assert ("Iraq", "SUPPORTED", "Global Coalition to Defeat ISIS") not in found
