"""'both sides' / 'the two sides': the two parties, never the places named with them."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_two_sides_are_the_parties_of_the_latest_exchange_not_the_crossings() -> None:
    found = triples(
        extract(
            "Uganda accuses Rwanda of arming militants, and the two sides have clashed at the "
            "Kagitumba and Mirama border crossings. Kenya called on both sides to exercise restraint."
        )
    )
    assert ("Uganda", "FOUGHT", "Rwanda") in found
    assert ("Kenya", "URGED", "Uganda") in found
    assert ("Kenya", "URGED", "Rwanda") in found
    assert not any(obj in ("Kagitumba", "Mirama") for _, rtype, obj in found if rtype == "URGED")


def test_a_coordinated_pair_of_actors_still_wins() -> None:
    # (not "later agreed to talk": talks someone only agreed to are not held yet)
    found = triples(extract("Israel and Egypt fought for years, and the two sides later talked."))
    assert ("Israel", "CONSULTED", "Egypt") in found


def test_places_listed_after_a_place_noun_are_not_sides() -> None:
    found = triples(
        extract(
            "Strikes hit homes in the provinces of Khost and Paktika. Pakistan accuses the Taliban "
            "of sheltering militants, and the two sides have clashed repeatedly."
        )
    )
    assert ("Pakistan", "FOUGHT", "Taliban") in found
    assert not any(rtype == "FOUGHT" and subject in ("Khost", "Paktika") for subject, rtype, _ in found)


def test_a_named_region_the_model_missed_is_not_the_last_place_mentioned() -> None:
    found = triples(
        extract(
            "Fighting spread across Asia. Troops entered the Zorvak region, which Ukrainian forces occupied."
        )
    )
    assert ("Ukraine", "CAPTURED", "Asia") not in found


def test_hosting_camps_is_not_a_meeting() -> None:
    found = triples(extract("Iraq, which hosts Kurdistan Workers Party camps, closed its border."))
    assert not any(rtype == "MET" for _, rtype, _ in found)
