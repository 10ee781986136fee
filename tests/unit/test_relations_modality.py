"""Whether a relation happened: threats of what would be done, possibilities, plans, offers,
postponed or expected talks, orders. Sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_would_veto_is_a_threat_not_a_rejection() -> None:
    found = triples(extract("The United States would veto the resolution."))
    assert ("United States", "THREATENED", "resolution") in found
    assert ("United States", "REJECTED", "resolution") not in found


def test_threatening_to_veto_threatens_the_measure() -> None:
    found = triples(extract("China threatened to veto the resolution."))
    assert ("China", "THREATENED", "resolution") in found


def test_a_veto_cast_is_still_a_rejection() -> None:
    found = triples(extract("France vetoed the resolution."))
    assert ("France", "REJECTED", "resolution") in found


def test_warning_that_someone_will_face_consequences_threatens_them() -> None:
    found = triples(
        extract(
            "Joe Smith, the Kenyan foreign minister, spoke on Monday. "
            "He warned that Somalia would face consequences it cannot control."
        )
    )
    assert ("Joe Smith", "THREATENED", "Somalia") in found
    priced = triples(extract("Kenya warned that Somalia would pay a heavy price."))
    assert ("Kenya", "THREATENED", "Somalia") in priced


def test_warning_that_someone_will_face_a_crisis_is_no_threat() -> None:
    found = triples(extract("Kenya warned that Somalia would face a humanitarian crisis."))
    assert not any(rtype == "THREATENED" for _, rtype, _ in found)


def test_vowing_to_retaliate_or_punish_threatens() -> None:
    assert ("Iran", "THREATENED", "Israel") in triples(extract("Iran vowed to retaliate against Israel."))
    assert ("Chad", "THREATENED", "Sudan") in triples(extract("Chad vowed to punish Sudan."))


def test_a_vow_to_retaliate_is_not_yet_an_attack() -> None:
    found = triples(extract("Iran vowed to retaliate against Israel."))
    assert ("Iran", "ATTACKED", "Israel") not in found


def test_talks_a_country_is_ready_to_host_have_not_happened() -> None:
    found = triples(extract("Chad was ready to host talks between Sudan and the RSF."))
    assert not any(t == "CONSULTED" for _, t, _ in found)
    found = triples(extract("Chad hosted talks between Sudan and the RSF."))
    assert ("Sudan", "CONSULTED", "RSF") in found


def test_offering_to_send_troops_to_a_country_offers_it_help() -> None:
    assert ("Ghana", "OFFERED", "Haiti") in triples(extract("Ghana has offered to send police to Haiti."))


def test_ordering_someone_to_act_urges_them() -> None:
    found = triples(extract("Maria Lopez ordered John Carter to leave the building."))
    assert ("Maria Lopez", "URGED", "John Carter") in found


def test_an_ordered_evacuation_relates_no_one() -> None:
    found = triples(extract("Maria Lopez ordered the evacuation of the town."))
    assert not any(t == "URGED" for _, t, _ in found)


def test_a_possible_attack_is_no_attack() -> None:
    for text in ("Iran could retaliate against Israel, analysts said.", "Iran may strike Israel."):
        assert not any(t == "ATTACKED" for _, t, _ in triples(extract(text)))


def test_an_attack_that_happened_is_still_one() -> None:
    assert ("Iran", "ATTACKED", "Israel") in triples(extract("Iran struck Israel on Saturday."))


def test_talks_that_were_postponed_or_are_expected_relate_no_one() -> None:
    for text in (
        "The meeting between Putin and Erdogan was postponed.",
        "Talks between Israel and Hamas are expected to resume next week.",
        "Sudan and Chad have agreed to hold talks next month.",
    ):
        found = triples(extract(text))
        assert not any(t in ("MET", "CONSULTED") for _, t, _ in found), text


def test_talks_that_ended_did_happen() -> None:
    found = triples(extract("Talks between Israel and Hamas ended in Cairo."))
    assert ("Israel", "CONSULTED", "Hamas") in found


def test_agreeing_to_a_ceasefire_is_still_agreement() -> None:
    assert ("Sudan", "AGREED_TO", "ceasefire") in triples(extract("Sudan and Chad agreed to a ceasefire."))


def test_an_attack_that_will_or_would_happen_is_a_threat() -> None:
    for text in (
        "Chad said it would strike Libya.",
        "Chad will attack Libya if the talks fail, the minister said.",
    ):
        found = triples(extract(text))
        assert ("Chad", "THREATENED", "Libya") in found, text
        assert ("Chad", "ATTACKED", "Libya") not in found, text


def test_offering_to_host_or_mediate_offers_the_talks_or_to_the_parties() -> None:
    assert ("Chad", "OFFERED", "peace talks") in triples(extract("Chad offered to host peace talks."))
    found = triples(extract("Chad offered to mediate between Sudan and South Sudan."))
    assert ("Chad", "OFFERED", "Sudan") in found and ("Chad", "OFFERED", "South Sudan") in found
    found = triples(extract("Chad offered to hold talks with Sudan."))
    assert ("Chad", "OFFERED", "Sudan") in found


def test_being_ready_or_willing_to_talk_is_an_offer() -> None:
    found = triples(extract("Chad said it was willing to mediate between Sudan and South Sudan."))
    assert ("Chad", "OFFERED", "Sudan") in found and ("Chad", "OFFERED", "South Sudan") in found
    assert ("Chad", "OFFERED", "Sudan") in triples(extract("Chad said it was ready for dialogue with Sudan."))


def test_not_being_ready_to_talk_offers_nothing() -> None:
    found = triples(extract("Chad is not ready to hold talks with Sudan."))
    assert not any(t == "OFFERED" for _, t, _ in found)
