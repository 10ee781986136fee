"""Conflict relations and their arguments: attacks on places and on the owners of targets,
fighting, coming under fire, captures, drills as threats. Sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_drills_around_a_country_threaten_it_and_their_critics_reach_the_stager() -> None:
    found = triples(
        extract(
            "Norway staged large-scale military drills around Sweden on Monday. "
            "Finland condemned the drills."
        )
    )
    assert ("Norway", "THREATENED", "Sweden") in found
    assert ("Finland", "CRITICIZED", "military exercise") in found
    assert ("Finland", "CRITICIZED", "Norway") in found


def test_retaliating_against_attacks() -> None:
    assert ("Iran", "ATTACKED", "Israel") in triples(extract("Iran retaliated against Israel on Saturday."))


def test_killing_unnamed_people_in_a_town_attacks_the_town() -> None:
    found = triples(extract("Israeli strikes killed 20 people in Rafah, health officials said."))
    assert ("Israel", "ATTACKED", "Rafah") in found


def test_killing_named_fighters_somewhere_does_not_attack_the_place() -> None:
    found = triples(extract("Nigerian troops killed 20 Boko Haram fighters in Borno."))
    assert ("Nigerian military", "KILLED", "Boko Haram") in found
    assert not any(t == "ATTACKED" and o == "Borno" for _, t, o in found)


def test_a_strike_on_an_unnamed_target_in_a_town_attacks_the_town() -> None:
    found = triples(extract("An Israeli strike on a house in Rafah killed 12 people."))
    assert ("Israel", "ATTACKED", "Rafah") in found


def test_a_one_word_person_in_a_place_slot_is_a_place() -> None:
    found = extract("The rebels took control of Rutshuru on Monday.")
    assert ("rebels", "CAPTURED", "Rutshuru") in triples(found)
    assert {e.name: e.kind.value for e in found.entities}["Rutshuru"] == "LOCATION"


def test_shooting_down_an_aircraft_attacks_its_military() -> None:
    assert ("Turkey", "ATTACKED", "Russian military") in triples(extract("Turkey shot down a Russian jet."))


def test_a_wave_of_strikes_on_targets_attacks_their_owner() -> None:
    found = triples(extract("Nigeria launched a new series of air strikes on Boko Haram camps in Borno."))
    assert ("Nigeria", "ATTACKED", "Boko Haram") in found


def test_fighting_alongside_an_ally_against_an_enemy_fights_the_enemy() -> None:
    text = "Rwandan soldiers have been fighting alongside Congolese forces against Burundian troops."
    assert ("Rwandan military", "FOUGHT", "Burundian military") in triples(extract(text))


def test_coming_under_fire_is_being_attacked() -> None:
    found = triples(extract("Malian troops came under attack from jihadists near Gao."))
    assert ("militants", "ATTACKED", "Malian military") in found
    found = triples(extract("Chadian patrols came under Sudanese mortar fire near Adre."))
    assert ("Sudan", "ATTACKED", "Chad") in found


def test_coming_under_pressure_is_no_attack() -> None:
    found = triples(extract("Chad came under pressure from France."))
    assert not any(t == "ATTACKED" for _, t, _ in found)


def test_an_attack_named_as_the_means_of_a_killing_is_the_killers() -> None:
    found = triples(extract("Sudan killed 20 people in a strike on a market in El Fasher."))
    assert ("Sudan", "ATTACKED", "El Fasher") in found


def test_victims_of_an_attack_did_not_make_it() -> None:
    found = triples(extract("Three Malian soldiers were killed in an attack on Gao."))
    assert not any(t == "ATTACKED" and s == "Mali" for s, t, _ in found)


def test_drills_near_a_country_are_still_a_threat_not_an_alliance() -> None:
    found = triples(extract("China held drills near Taiwan."))
    assert ("China", "THREATENED", "Taiwan") in found
    assert ("China", "ALLIED_WITH", "Taiwan") not in found


def test_taking_a_town_captures_it_but_taking_part_does_not() -> None:
    assert ("rebels", "CAPTURED", "Kamanyola") in triples(extract("The rebels took the town of Kamanyola."))
    assert not any(t == "CAPTURED" for _, t, _ in triples(extract("Russia took part in the talks.")))


def test_striking_things_across_or_near_a_place_attacks_the_place() -> None:
    assert ("Chile", "ATTACKED", "Peru") in triples(extract("Chile pounded villages across southern Peru."))
    found = triples(extract("Chilean drones hit a convoy near Arica."))
    assert ("Chilean military", "ATTACKED", "Arica") in found


def test_a_target_described_by_a_clause_in_a_place_puts_the_attack_there() -> None:
    text = "Chilean aircraft struck a school sheltering displaced families in Arica."
    assert ("Chilean military", "ATTACKED", "Arica") in triples(extract(text))


def test_a_sea_or_strait_is_where_an_act_happened_never_its_target() -> None:
    assert not triples(extract("North Korea test-fired a ballistic missile into the Sea of Japan."))
    assert not triples(extract("Iran seized a tanker in the Strait of Hormuz."))
    # a fleet named after a sea is a party; a sea is still where forces are sent
    fleet = triples(extract("Ukraine struck the Black Sea Fleet."))
    assert ("Ukraine", "ATTACKED", "Black Sea Fleet") in fleet
    sent = triples(extract("The European Union deployed three frigates to the Red Sea."))
    assert ("European Union", "DEPLOYED", "Red Sea") in sent


def test_a_name_the_parser_read_as_an_adverb_of_the_verb_is_its_object() -> None:
    assert ("Iraqi military", "CAPTURED", "Mosul") in triples(extract("Iraqi forces recaptured Mosul."))


def test_a_violent_relative_clause_hung_on_the_place_of_an_act_is_the_acts() -> None:
    # the parser hangs "which killed" on the province / city, which killed no one
    text = (
        "The United States condemns ISIL's suicide attacks in the town of Tel Tamer in Hasaka "
        "Province, which targeted and killed scores of Syrian civilians."
    )
    assert ("Islamic State", "KILLED", "Syrian civilians") in triples(extract(text))
    found = triples(
        extract(
            "Al-Shabaab's bombing in Mogadishu, which killed 20 soldiers of the Somali army, was condemned."
        )
    )
    assert ("Al-Shabaab", "KILLED", "Somali military") in found
    assert ("Somalia", "KILLED", "Somali military") not in found


def test_a_relative_clause_about_a_place_that_is_no_act_stays_the_places() -> None:
    text = "Residents of the town in Kherson province, which Russian forces attacked on Monday, fled."
    assert ("Russian military", "ATTACKED", "Kherson province") in triples(extract(text))


def test_whoever_was_involved_in_an_attack_or_the_use_of_weapons_against_an_actor_attacked_it() -> None:
    text = "Abu Jandal was involved in the use of suicide vehicles and chemical weapons against the SDF."
    assert ("Abu Jandal", "ATTACKED", "SDF") in triples(extract(text))
    found = triples(extract("Hezbollah was involved in the attack on Israeli troops."))
    assert ("Hezbollah", "ATTACKED", "Israeli military") in found


def test_the_use_of_what_is_no_weapon_or_an_involvement_denied_attacks_no_one() -> None:
    found = triples(extract("Washington's use of sanctions against Russia was criticized."))
    assert not any(t == "ATTACKED" for _, t, _ in found)
    found = triples(extract("Hezbollah was not involved in the attack on Israeli troops."))
    assert not any(t == "ATTACKED" for _, t, _ in found)
