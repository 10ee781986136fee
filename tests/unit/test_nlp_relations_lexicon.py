"""The broader CAMEO verb and noun families in data/lexicon.toml, on sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_criticism_verbs_and_phrasal_criticism() -> None:
    found = triples(extract("Kenya decried the killing of civilians by Somalia and lashed out at Ethiopia."))
    assert ("Kenya", "CRITICIZED", "Somalia") in found
    assert ("Kenya", "CRITICIZED", "Ethiopia") in found


def test_taking_control_of_a_place_is_a_capture() -> None:
    found = triples(extract("Ghana took control of the town of Tamale after a week."))
    assert ("Ghana", "CAPTURED", "Tamale") in found


def test_weapons_sent_or_delivered_are_support_not_deployment() -> None:
    found = triples(extract("Poland sent weapons to Lithuania, and Germany delivered tanks to Latvia."))
    assert ("Poland", "SUPPORTED", "Lithuania") in found
    assert ("Germany", "SUPPORTED", "Latvia") in found
    assert not any(rtype == "DEPLOYED" for _, rtype, _ in found)


def test_partner_apposition_is_an_alliance() -> None:
    found = triples(extract("Austria, a close partner of Hungary, said little."))
    assert ("Austria", "ALLIED_WITH", "Hungary") in found


def test_belonging_to_a_party_is_membership() -> None:
    found = triples(extract("Maria Lopez and Juan Perez belong to the Social Democratic Party."))
    assert ("Maria Lopez", "MEMBER_OF", "Social Democratic Party") in found
    assert ("Juan Perez", "MEMBER_OF", "Social Democratic Party") in found


def test_exchanging_fire_is_fighting_both_ways() -> None:
    found = triples(extract("Senegalese troops exchanged fire with Gambian soldiers."))
    assert ("Senegalese military", "FOUGHT", "Gambian military") in found


def test_nominal_capture_by_a_possessor() -> None:
    found = triples(extract("Nigeria's capture of the town of Baga was announced on Monday."))
    assert ("Nigeria", "CAPTURED", "Baga") in found


def test_opening_fire_and_hailing_an_agreement() -> None:
    found = triples(extract("Ecuador's navy opened fire on Peru, and Colombia hailed the agreement."))
    assert ("Ecuadorean military", "ATTACKED", "Peru") in found
    assert ("Colombia", "SUPPORTED", "agreement") in found


def test_protesters_storming_a_building_protest_while_troops_storming_it_attack() -> None:
    found = triples(extract("Thousands of protesters stormed the Serbian government's offices."))
    assert ("protesters", "PROTESTED", "Serbian government") in found
    assert not any(rtype == "ATTACKED" for _, rtype, _ in found)
    found = triples(extract("Sudanese soldiers stormed the town of Nyala."))
    assert ("Sudanese military", "ATTACKED", "Nyala") in found
