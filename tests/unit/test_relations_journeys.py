"""Journeys and returns in wire copy: what a trip was made for, and where someone went (a place,
not a party). Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_a_journey_for_talks_with_someone_is_consulting_them_and_the_destination_is_no_party() -> None:
    flew = triples(
        extract(
            "Iranian Foreign Minister Hossein Amirabdollahian flew to Ankara for talks with "
            "Turkish officials."
        )
    )
    assert ("Hossein Amirabdollahian", "CONSULTED", "Turkish government") in flew
    assert ("Hossein Amirabdollahian", "MET", "Turkey") not in flew
    travelled = triples(
        extract("Chinese Foreign Minister Wang Yi travelled to Brussels for consultations with EU officials.")
    )
    assert ("Wang Yi", "CONSULTED", "European Union") in travelled
    assert ("Wang Yi", "MET", "Belgium") not in travelled
    landed = triples(extract("Defence Secretary Lloyd Austin landed in Jordan for talks with King Abdullah."))
    assert ("Lloyd Austin", "CONSULTED", "Abdullah") in landed


def test_a_journey_for_a_meeting_is_a_meeting_and_travellers_with_no_party_named_meet_each_other() -> None:
    met = triples(
        extract(
            "Ukrainian President Volodymyr Zelenskiy arrived in Washington for a meeting with "
            "President Joe Biden."
        )
    )
    assert ("Volodymyr Zelenskiy", "MET", "Joe Biden") in met
    returned = triples(
        extract("U.S. and Russian negotiators returned to Geneva for talks on nuclear missiles.")
    )
    assert ("United States", "CONSULTED", "Russia") in returned


def test_a_journey_not_made_is_a_negated_encounter() -> None:
    result = extract("Blinken did not travel to Cairo for talks with Egyptian officials.")
    assert [r.negated for r in result.relations] == [True]


def test_returning_to_or_from_a_place_is_a_movement_with_no_party() -> None:
    assert not triples(extract("Refugees returned to Syria after the fighting ended."))
    assert not triples(extract("Thousands of Syrian refugees have returned to Syria from Turkey this year."))
    # a return made for talks is still the talks
    back = triples(extract("Israeli negotiators returned to Cairo for talks with Hamas."))
    assert back == {("Israel", "CONSULTED", "Hamas")}
