"""Object gaps in relative clauses and denials added as an afterthought."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, find, triples


def test_relative_pronoun_object_is_the_noun_the_clause_hangs_on() -> None:
    found = triples(extract("Fighting continued around Bakhmut, which Russian forces captured in May."))
    assert ("Russian military", "CAPTURED", "Bakhmut") in found


def test_a_charge_someone_else_denies_keeps_the_accusation_and_rejects_the_accuser() -> None:
    result = extract("Uganda accuses Rwanda of arming the rebels, a charge Kigali denies.")
    assert not find(result, "Uganda", "ACCUSED", "Rwanda").negated
    assert ("Rwanda", "REJECTED", "Uganda") in triples(result)


def test_a_denial_with_its_own_object_after_and_negates_only_itself() -> None:
    result = extract("Ghana accused Togo of harbouring rebels and denied arming them.")
    accusations = [r for r in result.relations if r.type.value == "ACCUSED"]
    assert accusations
    assert not any(r.negated for r in accusations)


def test_person_apposed_as_an_ally_of_someone() -> None:
    found = triples(extract("Nabih Berri, a close ally of Hezbollah, met the envoy."))
    assert ("Nabih Berri", "ALLIED_WITH", "Hezbollah") in found


def test_possessive_ally_and_backer_appositions() -> None:
    found = triples(extract("China, North Korea's main ally, urged calm."))
    assert ("China", "ALLIED_WITH", "North Korea") in found
    found = triples(extract("The United States, Taiwan's most important backer, urged restraint."))
    assert ("United States", "SUPPORTED", "Taiwan") in found


def test_condemning_an_act_criticises_the_force_that_acted_not_its_victims() -> None:
    found = triples(
        extract("Kenya condemned the killing of Somali civilians and the attack by Ethiopian forces.")
    )
    assert ("Kenya", "CRITICIZED", "Ethiopian military") in found
    assert ("Kenya", "CRITICIZED", "Somalia") not in found
    found = triples(extract("Japan condemned the deployment of North Korean troops."))
    assert ("Japan", "CRITICIZED", "North Korean military") in found


def test_a_reaction_to_a_summing_up_apposition_targets_the_clause_subject() -> None:
    found = triples(
        extract(
            "Pakistan began expelling thousands of Afghans last year, a campaign the Taliban have criticised."
        )
    )
    assert ("Taliban", "CRITICIZED", "Pakistan") in found
    found = triples(extract("Tsai Ing-wen stopped in New York, a visit that Beijing denounced."))
    assert ("China", "CRITICIZED", "Tsai Ing-wen") in found


def test_being_aligned_or_allied_with_someone_is_an_alliance() -> None:
    found = triples(extract("The government of Mali, which is allied with Russia, expelled the envoy."))
    assert ("Mali", "ALLIED_WITH", "Russia") in found
    assert ("Hezbollah", "ALLIED_WITH", "Iran") in triples(extract("Hezbollah is aligned with Iran."))
