"""Round 4 of general constructions (sentences written here, none from an evaluation article):
roles once held, people referred back to as "the two men"/"both leaders"."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, find, triples


def test_a_former_title_with_its_country_is_kept_as_a_former_role() -> None:
    found = extract("Former Nigerian President Goodluck Jonathan led the observer mission.")
    relation = find(found, "Goodluck Jonathan", "HOLDS_ROLE", "Nigeria")
    assert relation.role is not None and relation.role.lower().startswith("former ")


def test_a_former_role_in_apposition_names_its_country() -> None:
    found = extract("Jorge Quiroga, a former president of Bolivia, criticised the decision.")
    relation = find(found, "Jorge Quiroga", "HOLDS_ROLE", "Bolivia")
    assert relation.role == "former president"


def test_a_former_title_without_a_country_is_not_guessed() -> None:
    found = triples(extract("Chile protested to Peru. Former President Alan Reyes said nothing."))
    assert not any(s == "Alan Reyes" and t == "HOLDS_ROLE" for s, t, _ in found)


def test_the_two_men_are_the_last_two_people_named() -> None:
    text = (
        "Maria Lopez met John Carter on Monday. "
        "The two men, who both belong to the ruling Liberal Party, disagree on taxes."
    )
    found = triples(extract(text))
    assert ("Maria Lopez", "MEMBER_OF", "Liberal Party") in found
    assert ("John Carter", "MEMBER_OF", "Liberal Party") in found


def test_both_leaders_skips_the_subject_of_the_clause() -> None:
    text = (
        "Maria Lopez spoke to John Carter on Monday. "
        "The U.N. envoy, Ana Ruiz, has met both leaders since May."
    )
    found = triples(extract(text))
    assert ("Ana Ruiz", "MET", "Maria Lopez") in found
    assert ("Ana Ruiz", "MET", "John Carter") in found


def test_the_two_leaders_needs_two_people() -> None:
    found = triples(extract("Maria Lopez arrived in Lima. The two leaders met Chile."))
    assert not any(t == "MET" and o == "Chile" for _, t, o in found)


def test_vowing_to_retaliate_or_punish_threatens() -> None:
    assert ("Iran", "THREATENED", "Israel") in triples(extract("Iran vowed to retaliate against Israel."))
    assert ("Chad", "THREATENED", "Sudan") in triples(extract("Chad vowed to punish Sudan."))


def test_a_vow_to_retaliate_is_not_yet_an_attack() -> None:
    found = triples(extract("Iran vowed to retaliate against Israel."))
    assert ("Iran", "ATTACKED", "Israel") not in found


def test_retaliating_against_attacks() -> None:
    assert ("Iran", "ATTACKED", "Israel") in triples(extract("Iran retaliated against Israel on Saturday."))


def test_cutting_ties_and_expelling_envoys_reject_the_other_state() -> None:
    assert ("Niger", "REJECTED", "Ukraine") in triples(extract("Niger cut diplomatic ties with Ukraine."))
    assert ("Benin", "REJECTED", "Togo") in triples(extract("Benin severed relations with Togo."))
    assert ("Mali", "REJECTED", "France") in triples(extract("Mali expelled the French ambassador."))


def test_expelling_fighters_is_not_a_diplomatic_rejection() -> None:
    found = triples(extract("Mali expelled the rebels from the town of Kidal."))
    assert not any(t == "REJECTED" for _, t, _ in found)


def test_summoning_an_ambassador_criticises_the_envoys_state() -> None:
    found = triples(extract("Kenya summoned Uganda's ambassador over the border incident."))
    assert ("Kenya", "CRITICIZED", "Uganda") in found


def test_welcoming_a_decision_supports_whoever_made_it() -> None:
    found = triples(extract("Russia welcomed Turkey's decision to mediate."))
    assert ("Russia", "SUPPORTED", "Turkey") in found


def test_praising_a_deal_supports_the_deal() -> None:
    assert ("Iran", "SUPPORTED", "agreement") in triples(extract("Iran praised the deal."))


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


def test_reporting_that_someone_committed_abuses_accuses_them() -> None:
    text = "Amnesty International said Burundian police had committed abuses during the protests."
    found = triples(extract(text))
    assert ("Amnesty International", "ACCUSED", "Burundian police") in found


def test_narrated_abuses_are_no_accusation() -> None:
    found = triples(extract("Ethiopian soldiers committed abuses in 2021."))
    assert not any(t == "ACCUSED" for _, t, _ in found)


def test_denied_abuses_are_no_accusation() -> None:
    found = triples(extract("Ethiopia said its soldiers had not committed abuses."))
    assert not any(t == "ACCUSED" for _, t, _ in found)


def test_reported_responsibility_accuses_the_group_the_clause_describes() -> None:
    text = "Chad bombed the Lake Brigade group, which it said was responsible for a raid on a border post."
    found = triples(extract(text))
    assert ("Chad", "ACCUSED", "Lake Brigade") in found


def test_a_name_hung_on_the_organisation_still_holds_the_title_before_it() -> None:
    text = "The commander of the Northern Liberation Front, Jane Okello, said the talks had failed."
    assert ("Jane Okello", "HOLDS_ROLE", "Northern Liberation Front") in triples(extract(text))


def test_the_head_of_an_agency_of_an_organisation_holds_a_role_there() -> None:
    found = triples(extract("The head of the U.N. refugee agency, Anna Berg, said."))
    assert ("Anna Berg", "HOLDS_ROLE", "United Nations") in found


def test_who_is_a_title_gives_a_role() -> None:
    found = triples(extract("Samuel Boateng, who is Ghana's foreign minister, said."))
    assert ("Samuel Boateng", "HOLDS_ROLE", "Ghana") in found


def test_was_a_title_gives_a_former_role() -> None:
    found = extract("Samuel Boateng was president of Ghana from 2001 to 2009.")
    assert find(found, "Samuel Boateng", "HOLDS_ROLE", "Ghana").role == "former president"


def test_a_denied_or_future_title_is_no_role() -> None:
    denied = "Samuel Boateng is not the president of Ghana."
    for text in (denied, "Samuel Boateng would be president of Ghana."):
        assert not any(t == "HOLDS_ROLE" for _, t, _ in triples(extract(text)))


def test_a_one_word_person_in_a_place_slot_is_a_place() -> None:
    found = extract("The rebels took control of Rutshuru on Monday.")
    assert ("rebels", "CAPTURED", "Rutshuru") in triples(found)
    assert {e.name: e.kind.value for e in found.entities}["Rutshuru"] == "LOCATION"


def test_a_titled_person_is_never_relabelled_a_place() -> None:
    found = extract("President Kagame spoke on Sunday. The rebels seized control of Kagame.")
    assert {e.name: e.kind.value for e in found.entities}.get("Kagame") == "PERSON"


def test_shooting_down_an_aircraft_attacks_its_military() -> None:
    assert ("Turkey", "ATTACKED", "Russian military") in triples(extract("Turkey shot down a Russian jet."))


def test_filing_a_case_against_accuses() -> None:
    found = triples(extract("Gambia filed a case against Myanmar at the World Court."))
    assert ("Gambia", "ACCUSED", "Myanmar") in found


def test_a_wave_of_strikes_on_targets_attacks_their_owner() -> None:
    found = triples(extract("Nigeria launched a new series of air strikes on Boko Haram camps in Borno."))
    assert ("Nigeria", "ATTACKED", "Boko Haram") in found


def test_expressing_concern_over_an_actors_acts_criticises_it() -> None:
    found = triples(extract("Norway expressed concern over Russia's naval patrols."))
    assert ("Norway", "CRITICIZED", "Russia") in found
    assert ("Peru", "CRITICIZED", "Chile") in triples(extract("Peru conveyed its concerns to Chile."))


def test_concern_about_a_situation_criticises_nobody() -> None:
    found = triples(extract("Japan voiced concern about the humanitarian situation."))
    assert not any(t == "CRITICIZED" for _, t, _ in found)


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


def test_claiming_responsibility_for_an_attack_claims_the_attack() -> None:
    found = triples(extract("Al-Shabaab claimed responsibility for the attack on Kismayo."))
    assert ("Al-Shabaab", "ATTACKED", "Kismayo") in found


def test_denying_responsibility_claims_nothing() -> None:
    found = triples(extract("Al-Shabaab denied responsibility for the attack on Kismayo."))
    assert not any(t == "ATTACKED" for _, t, _ in found)


def test_victims_of_an_attack_did_not_make_it() -> None:
    found = triples(extract("Three Malian soldiers were killed in an attack on Gao."))
    assert not any(t == "ATTACKED" and s == "Mali" for s, t, _ in found)


def test_a_possessors_ally_named_after_the_noun_is_allied_and_acts_alone() -> None:
    found = triples(extract("Russia's ally Belarus hosted the talks."))
    assert ("Belarus", "ALLIED_WITH", "Russia") in found
    assert not any(s == "Russia" and t == "MET" for s, t, _ in found)


def test_a_former_ally_is_no_ally() -> None:
    found = triples(extract("Serbia's former ally Montenegro voted against the plan."))
    assert not any(t == "ALLIED_WITH" for _, t, _ in found)


def test_its_fighters_are_the_named_groups() -> None:
    found = triples(extract("The Arakan Army said its fighters had seized the town of Buthidaung."))
    assert ("Arakan Army", "CAPTURED", "Buthidaung") in found
    assert not any(s == "militants" for s, _, _ in found)


def test_talks_a_country_is_ready_to_host_have_not_happened() -> None:
    found = triples(extract("Chad was ready to host talks between Sudan and the RSF."))
    assert not any(t == "CONSULTED" for _, t, _ in found)
    found = triples(extract("Chad hosted talks between Sudan and the RSF."))
    assert ("Sudan", "CONSULTED", "RSF") in found


def test_it_after_an_unnamed_collective_speaker_is_not_an_earlier_country() -> None:
    text = "Fighting spread in Chad. A coalition of armed groups said on Friday it had captured Faya."
    found = triples(extract(text))
    assert ("Chad", "CAPTURED", "Faya") not in found


def test_it_after_unqualified_officials_is_still_the_country() -> None:
    found = triples(extract("Russia attacked on Monday. Officials said it had captured Avdiivka."))
    assert ("Russia", "CAPTURED", "Avdiivka") in found


def test_both_sides_are_never_the_urgers_themselves() -> None:
    text = "Chile and Peru held talks. Canada and the EU urged both sides to settle."
    found = triples(extract(text))
    assert ("Canada", "URGED", "Chile") in found
    assert ("European Union", "URGED", "Peru") in found
    assert ("Canada", "URGED", "European Union") not in found


def test_both_sides_are_not_two_people_met_later() -> None:
    text = (
        "Chile and Peru held talks on Monday. Ana Ruiz met Jorge Vega and Luis Soto. "
        "Brazil urged both sides to settle the dispute."
    )
    found = triples(extract(text))
    assert ("Brazil", "URGED", "Chile") in found
    assert not any(o in ("Jorge Vega", "Luis Soto") and t == "URGED" for _, t, o in found)


def test_coordinated_parties_holding_talks_consult_each_other() -> None:
    found = triples(extract("Chile and Peru held talks in Lima."))
    assert ("Chile", "CONSULTED", "Peru") in found


def test_they_does_not_reach_a_coordination_three_sentences_back() -> None:
    text = (
        "Ana Ruiz met Jorge Vega and Luis Soto on Monday. Rwanda has troops in Benin. "
        "The mission ends this year. Benin has threatened to expel them."
    )
    found = triples(extract(text))
    assert not any(o in ("Jorge Vega", "Luis Soto") for _, t, o in found if t == "THREATENED")


def test_a_leader_does_not_meet_his_own_country() -> None:
    text = "The talks were hosted by Trinidad and Tobago Prime Minister Keith Rowley. They meet again in May."
    found = triples(extract(text))
    assert not any(t == "MET" and {s, o} == {"Keith Rowley", "Trinidad and Tobago"} for s, t, o in found)


def test_having_troops_somewhere_deploys_them_there() -> None:
    assert ("Rwanda", "DEPLOYED", "Benin") in triples(extract("Rwanda has about 2,000 soldiers in Benin."))


def test_offering_to_send_troops_to_a_country_offers_it_help() -> None:
    assert ("Ghana", "OFFERED", "Haiti") in triples(extract("Ghana has offered to send police to Haiti."))


def test_deepening_cooperation_and_joint_exercises_ally() -> None:
    found = triples(extract("Brazil has deepened defence cooperation with Paraguay."))
    assert ("Brazil", "ALLIED_WITH", "Paraguay") in found
    found = triples(extract("Brazil conducted joint drills with the Paraguayan navy."))
    assert ("Brazil", "ALLIED_WITH", "Paraguayan military") in found


def test_drills_near_a_country_are_still_a_threat_not_an_alliance() -> None:
    found = triples(extract("China held drills near Taiwan."))
    assert ("China", "THREATENED", "Taiwan") in found
    assert ("China", "ALLIED_WITH", "Taiwan") not in found


def test_training_a_force_supports_it() -> None:
    assert ("Spain", "SUPPORTED", "Malian police") in triples(extract("Spain trains Mali's police."))


def test_shaking_hands_is_meeting() -> None:
    found = triples(extract("Maria Lopez and John Carter shook hands in Quito."))
    assert ("Maria Lopez", "MET", "John Carter") in found


def test_a_passive_relative_clause_acts_on_the_noun_it_describes() -> None:
    found = triples(extract("The ceasefire, which was mediated by Qatar, collapsed on Monday."))
    assert ("Qatar", "MEDIATED", "ceasefire") in found


def test_the_court_is_the_court_named_before() -> None:
    text = "Belize went to the International Court of Justice. Guatemala rejects the court's ruling."
    assert ("Guatemala", "REJECTED", "International Court of Justice") in triples(extract(text))


def test_a_move_someone_denounced_is_the_movers() -> None:
    text = (
        "Chile threatened Peru. Brazil held joint exercises with the Peruvian navy last week, "
        "a move Gabriel Boric condemned as a provocation."
    )
    found = triples(extract(text))
    assert ("Gabriel Boric", "CRITICIZED", "Brazil") in found
    assert ("Gabriel Boric", "CRITICIZED", "Chile") not in found


def test_an_account_someone_rejected_is_the_speakers() -> None:
    text = "Maria Lopez said John Carter had insulted her, an account the Peruvian embassy rejected."
    found = triples(extract(text))
    assert ("Embassy of Peru", "REJECTED", "Maria Lopez") in found
    assert not any(t == "REJECTED" and o == "John Carter" for _, t, o in found)


def test_taking_a_town_captures_it_but_taking_part_does_not() -> None:
    assert ("rebels", "CAPTURED", "Kamanyola") in triples(extract("The rebels took the town of Kamanyola."))
    assert not any(t == "CAPTURED" for _, t, _ in triples(extract("Russia took part in the talks.")))


def test_another_member_of_the_alliance_is_a_member_of_the_alliance_named_before() -> None:
    text = (
        "The Northern Alliance attacked Kalemie. Residents told Reuters about it. "
        "The KLF, another member of the alliance, said it had taken Kamina."
    )
    found = triples(extract(text))
    assert ("KLF", "MEMBER_OF", "Northern Alliance") in found
    assert not any(t == "MEMBER_OF" and o == "Reuters" for _, t, o in found)


def test_ordering_someone_to_act_urges_them() -> None:
    found = triples(extract("Maria Lopez ordered John Carter to leave the building."))
    assert ("Maria Lopez", "URGED", "John Carter") in found


def test_barring_someone_from_something_rejects_them() -> None:
    found = triples(extract("The AU has barred Guinea from its meetings."))
    assert ("African Union", "REJECTED", "Guinea") in found


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
