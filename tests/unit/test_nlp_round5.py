"""Round 5: whose a bare title is ("President X" with no country written before it).
Sentences written here, none from an evaluation article."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def _holds(found: set[tuple[str, str, str]], person: str) -> set[str]:
    return {o for s, t, o in found if s == person and t == "HOLDS_ROLE"}


def test_a_country_whose_president_is_named_is_not_another_presidents() -> None:
    text = (
        "Kenya sent 400 police officers to Haiti in June. Kenya deployed them at the request of "
        "President Ariel Henry, whose government had lost control of the capital. Haiti thanked "
        "Kenyan President William Ruto during a visit to Nairobi."
    )
    found = triples(extract(text))
    assert ("William Ruto", "HOLDS_ROLE", "Kenya") in found
    assert "Kenya" not in _holds(found, "Ariel Henry")


def test_a_minister_of_a_country_with_a_named_minister_goes_elsewhere() -> None:
    text = (
        "Chile and Chile's navy held drills. Chile pressed Peru on the border. "
        "Peruvian Foreign Minister Elmer Schialer met officials in Lima, and Peru said more talks "
        "were due. Foreign Minister Alberto van Klaveren said the drills would go on."
    )
    found = triples(extract(text))
    assert ("Elmer Schialer", "HOLDS_ROLE", "Peru") in found
    assert _holds(found, "Alberto van Klaveren") == {"Chile"}


def test_of_two_countries_named_as_often_the_lede_country_is_the_story() -> None:
    text = (
        "Thousands protested in Tbilisi as Georgia's parliament passed the bill. "
        "Critics said Russia had inspired it, and Georgia's partners objected. "
        "Russia denied any role, and Russia recalled its envoy. Crowds stayed outside overnight. "
        "President Ana Beridze said she would veto the law."
    )
    found = triples(extract(text))
    assert ("Ana Beridze", "HOLDS_ROLE", "Georgia") in found


def test_a_tie_the_lede_does_not_settle_guesses_nothing() -> None:
    text = (
        "Officials met in Geneva on Monday. Chile accused Peru of delays, and Peru accused "
        "Chile of bad faith. President Ana Ruiz said talks would go on."
    )
    assert _holds(triples(extract(text)), "Ana Ruiz") == set()


def test_giving_a_country_aid_supports_it() -> None:
    # the parser hangs "Kenya" on the aid here, not on the verb
    assert ("Chile", "SUPPORTED", "Kenya") in triples(extract("Chile has given Kenya military aid."))
    assert ("Chile", "SUPPORTED", "Kenya") in triples(extract("Chile provided Kenya with humanitarian aid."))


def test_an_amount_in_aid_is_aid() -> None:
    text = "The United States, which has given Moldova more than $6 billion in aid, criticised the law."
    found = triples(extract(text))
    assert ("United States", "SUPPORTED", "Moldova") in found
    assert ("United States", "CRITICIZED", "law") in found


def test_acting_in_support_of_someone_supports_the_one_named() -> None:
    found = triples(extract("The Houthis fired missiles at Israel in support of their ally Hamas."))
    assert ("Houthis", "SUPPORTED", "Hamas") in found
    assert ("Houthis", "SUPPORTED", "Israel") not in found


def test_giving_something_else_with_a_receiver_is_not_support() -> None:
    found = triples(extract("Chile provided Kenya with a list of names."))
    assert ("Chile", "SUPPORTED", "Kenya") not in found


def test_striking_things_across_or_near_a_place_attacks_the_place() -> None:
    assert ("Chile", "ATTACKED", "Peru") in triples(extract("Chile pounded villages across southern Peru."))
    found = triples(extract("Chilean drones hit a convoy near Arica."))
    assert ("Chilean military", "ATTACKED", "Arica") in found


def test_an_attack_that_will_or_would_happen_is_a_threat() -> None:
    for text in (
        "Chad said it would strike Libya.",
        "Chad will attack Libya if the talks fail, the minister said.",
    ):
        found = triples(extract(text))
        assert ("Chad", "THREATENED", "Libya") in found, text
        assert ("Chad", "ATTACKED", "Libya") not in found, text


def test_one_of_the_groups_in_an_alliance_is_its_member() -> None:
    text = "The Arakan Army, one of three groups in the Northern Alliance, captured the town."
    assert ("Arakan Army", "MEMBER_OF", "Northern Alliance") in triples(extract(text))


def test_one_of_the_parties_in_a_country_is_no_membership() -> None:
    found = triples(extract("The Labour Party, one of the two main parties in Kenya, won the vote."))
    assert not any(t == "MEMBER_OF" and o == "Kenya" for _, t, o in found)


def test_a_countrys_organs_count_towards_the_country_the_story_is_about() -> None:
    text = (
        "The White House said on Monday that talks would go on. The Pentagon and the White House "
        "agreed, and the State Department did too. The United States has troops in Kenya. "
        "Kenya and Chile said nothing. President Ana Ruiz said more aid would come."
    )
    found = triples(extract(text))
    assert ("Ana Ruiz", "HOLDS_ROLE", "United States") in found


def test_a_move_summed_up_after_a_comma_is_the_movers() -> None:
    found = triples(extract("Chile built a wall on the border, a move Peru denounced."))
    assert ("Peru", "CRITICIZED", "Chile") in found


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


def test_a_target_described_by_a_clause_in_a_place_puts_the_attack_there() -> None:
    text = "Chilean aircraft struck a school sheltering displaced families in Arica."
    assert ("Chilean military", "ATTACKED", "Arica") in triples(extract(text))
