"""Cooperation and its arguments: aid and support with their receivers, talks, deployments,
alliances, diplomatic ties and expulsions. Sentences written here."""

from __future__ import annotations

from kg.model import Plover
from tests.unit.test_nlp_support import extract, triples


def test_passing_an_aid_package_agrees_to_it_and_supports_its_recipients() -> None:
    found = triples(extract("Sweden passed a package of military aid for Ukraine and Moldova."))
    assert ("Sweden", "AGREED_TO", "package") in found
    assert ("Sweden", "SUPPORTED", "Ukraine") in found
    assert ("Sweden", "SUPPORTED", "Moldova") in found


def test_passing_a_bill_is_not_support_without_a_recipient() -> None:
    found = triples(extract("Peru passed the bill on Tuesday."))
    assert not any(rtype == "SUPPORTED" for _, rtype, _ in found)


def test_holding_talks_is_still_consultation_not_a_show_of_force() -> None:
    found = triples(extract("Egypt held talks with Sudan."))
    assert ("Egypt", "CONSULTED", "Sudan") in found
    assert not any(rtype == "THREATENED" for _, rtype, _ in found)


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


def test_coordinated_parties_holding_talks_consult_each_other() -> None:
    found = triples(extract("Chile and Peru held talks in Lima."))
    assert ("Chile", "CONSULTED", "Peru") in found


def test_a_leader_does_not_meet_his_own_country() -> None:
    text = "The talks were hosted by Trinidad and Tobago Prime Minister Keith Rowley. They meet again in May."
    found = triples(extract(text))
    assert not any(t == "MET" and {s, o} == {"Keith Rowley", "Trinidad and Tobago"} for s, t, o in found)


def test_having_troops_somewhere_deploys_them_there() -> None:
    assert ("Rwanda", "DEPLOYED", "Benin") in triples(extract("Rwanda has about 2,000 soldiers in Benin."))


def test_deepening_cooperation_and_joint_exercises_ally() -> None:
    found = triples(extract("Brazil has deepened defence cooperation with Paraguay."))
    assert ("Brazil", "ALLIED_WITH", "Paraguay") in found
    found = triples(extract("Brazil conducted joint drills with the Paraguayan navy."))
    assert ("Brazil", "ALLIED_WITH", "Paraguayan military") in found


def test_training_a_force_supports_it() -> None:
    assert ("Spain", "SUPPORTED", "Malian police") in triples(extract("Spain trains Mali's police."))


def test_shaking_hands_is_meeting() -> None:
    found = triples(extract("Maria Lopez and John Carter shook hands in Quito."))
    assert ("Maria Lopez", "MET", "John Carter") in found


def test_a_passive_relative_clause_acts_on_the_noun_it_describes() -> None:
    found = triples(extract("The ceasefire, which was mediated by Qatar, collapsed on Monday."))
    assert ("Qatar", "MEDIATED", "ceasefire") in found


def test_barring_someone_from_something_rejects_them() -> None:
    found = triples(extract("The AU has barred Guinea from its meetings."))
    assert ("African Union", "REJECTED", "Guinea") in found


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


def test_talks_or_a_call_with_someone_framing_a_clause_were_had_by_its_subject() -> None:
    met = triples(extract("After a meeting with Chinese President Xi Jinping, Lula said Brazil would join."))
    assert ("Lula", "MET", "Xi Jinping") in met
    called = triples(extract("In a phone call with Erdogan, Biden raised concerns."))
    assert ("Biden", "CONSULTED", "Erdogan") in called
    owned = triples(extract("Putin's talks with Erdogan were productive."))
    assert ("Putin", "CONSULTED", "Erdogan") in owned


def test_talks_still_to_come_or_a_clause_that_did_not_happen_give_no_encounter() -> None:
    assert not triples(extract("Israel refused to agree to a pause before negotiations with Hamas."))
    assert not triples(extract("After talks with Hamas, Israel did not resume strikes."))


def test_an_agreement_made_with_someone_is_agreed_to_with_them() -> None:
    signed = triples(extract("Turkey signed a gas deal with Azerbaijan."))
    assert ("Turkey", "AGREED_TO", "Azerbaijan") in signed
    reached = triples(extract("India reached an agreement with China on patrols."))
    assert ("India", "AGREED_TO", "China") in reached
    # no agreement named, or one not made: no party to it
    assert not triples(extract("Russia agreed with China that the West was to blame."))
    refused = triples(extract("Israel refused to sign a deal with Hamas."))
    assert ("Israel", "AGREED_TO", "Hamas") not in refused


def test_help_an_act_was_done_with_supports_the_actor_and_is_not_its_target() -> None:
    found = triples(extract("The rebels seized the town with help from Rwanda."))
    assert ("Rwanda", "SUPPORTED", "rebels") in found and ("rebels", "CAPTURED", "Rwanda") not in found
    backed = triples(extract("Russia attacked the city with the support of Belarus."))
    assert backed == {("Belarus", "SUPPORTED", "Russia")}


def test_hosting_weapons_or_troops_is_no_meeting_with_their_country() -> None:
    assert not triples(extract("Belarus hosted Russian tactical nuclear weapons."))
    assert ("Qatar", "MET", "Hamas") in triples(extract("Qatar hosted Hamas leaders."))


def test_forces_sent_to_a_border_or_a_coast_are_deployed_to_its_country() -> None:
    massed = triples(extract("Russia massed troops on the border with Ukraine."))
    assert ("Russia", "DEPLOYED", "Ukraine") in massed
    offshore = triples(extract("The US sent a carrier off the coast of Israel."))
    assert ("United States", "DEPLOYED", "Israel") in offshore
    assert ("China", "DEPLOYED", "Taiwan") in triples(extract("China sent warships near Taiwan."))


def test_sharing_or_exchanging_intelligence_is_cooperation() -> None:
    found = triples(extract("France and Germany exchanged information about the suspects."))
    assert ("France", "COOPERATED", "Germany") in found
    assert ("Germany", "COOPERATED", "France") in found


def test_sharing_expertise_or_experience_is_cooperation() -> None:
    found = triples(extract("Russia has been sharing expertise with Iran."))
    assert ("Russia", "COOPERATED", "Iran") in found
    found = triples(extract("Kenya shared experience in counter-terrorism with Somalia."))
    assert ("Kenya", "COOPERATED", "Somalia") in found


def test_what_shared_intelligence_is_about_is_not_the_partner() -> None:
    text = "Jordan has shared intelligence with the United States on Islamic State fighters."
    found = triples(extract(text))
    assert ("Jordan", "COOPERATED", "United States") in found
    assert ("Jordan", "COOPERATED", "Islamic State") not in found


def test_several_parties_holding_exercises_or_war_games_cooperate_with_each_other() -> None:
    for text in [
        "Russia and China held naval exercises in the Sea of Japan.",
        "French and Egyptian warships launched ten days of war games on Monday.",
        "Indian and Japanese troops began a week of drills near the border.",
    ]:
        ext = extract(text)
        by_id = {e.id: e.name for e in ext.entities}
        found = {(by_id[r.subject], r.type.value, r.plover, by_id[r.object]) for r in ext.relations}
        pairs = {(s, o) for s, t, p, o in found if t == "COOPERATED" and p is Plover.COOPERATE}
        assert len(pairs) == 2 and all(s != o for s, o in pairs), (text, found)


def test_one_partys_exercise_or_one_only_planned_is_no_cooperation() -> None:
    for text in [
        "Russia held naval exercises near Japan.",
        "Russia and China plan to hold naval exercises next month.",
        "Russia and China did not hold naval exercises this year.",
    ]:
        found = triples(extract(text))
        assert not any(t == "COOPERATED" for _, t, _ in found), (text, found)


def test_a_contingent_or_batch_of_troops_arriving_deploys_its_force() -> None:
    found = triples(extract("The first contingent of French troops arrived in Mali on Friday."))
    assert ("French military", "DEPLOYED", "Mali") in found
    found = triples(extract("The first deployment of NATO troops has arrived in Bosnia."))
    assert ("NATO", "DEPLOYED", "Bosnia and Herzegovina") in found
    found = triples(extract("A batch of Chinese tourists arrived in Mali on Friday."))
    assert not any(t == "DEPLOYED" for _, t, _ in found)
