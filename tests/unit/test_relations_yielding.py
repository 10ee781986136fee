"""Ground handed over in wire copy: a concession to whoever receives it. Sentences written for
these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_ground_handed_over_to_someone_is_conceded_to_them() -> None:
    villages = triples(extract("Rebels handed over three villages to the Sudanese army on Saturday."))
    assert ("rebels", "CONCEDED", "Sudanese military") in villages
    control = triples(extract("The militants turned over control of the city to Iraqi forces."))
    assert ("militants", "CONCEDED", "Iraqi military") in control
    named = triples(extract("Armenia handed over four villages to Azerbaijan under the border deal."))
    assert ("Armenia", "CONCEDED", "Azerbaijan") in named


def test_people_or_things_handed_over_are_no_ground_conceded() -> None:
    assert not triples(extract("Hamas handed over four hostages to the Red Cross."))
    assert not triples(extract("The Houthis handed over the tanker to Omani authorities."))
