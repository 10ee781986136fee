"""Hosting a guest in wire copy: a meeting with the guest, never with the place it was held in.
Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_hosting_or_receiving_a_person_is_meeting_them() -> None:
    hosted = triples(
        extract("French President Emmanuel Macron hosted German Chancellor Olaf Scholz in Paris.")
    )
    assert ("Emmanuel Macron", "MET", "Olaf Scholz") in hosted
    played = triples(
        extract("Chinese President Xi Jinping played host to Brazilian President Luiz Inacio Lula da Silva.")
    )
    assert ("Xi Jinping", "MET", "Luiz Inacio Lula da Silva") in played


def test_hosting_a_dinner_for_someone_is_meeting_them() -> None:
    dinner = triples(extract("Prime Minister Fumio Kishida hosted a dinner for President Yoon Suk Yeol."))
    assert ("Fumio Kishida", "MET", "Yoon Suk Yeol") in dinner


def test_the_place_a_guest_is_welcomed_to_is_the_venue_not_a_party() -> None:
    found = triples(extract("Putin welcomed Kim Jong Un to the Kremlin on Wednesday."))
    assert found == {("Putin", "MET", "Kim Jong Un")}
