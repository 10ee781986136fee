"""Reactions to acts: condemning, welcoming, praising or rejecting an act reaches the act and,
for conflict and speech acts, whoever did it. Sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_condemning_a_coup_attempt_criticises_the_coup() -> None:
    found = triples(extract("Paraguay condemned the coup attempt."))
    assert ("Paraguay", "CRITICIZED", "coup") in found


def test_condemning_drills_criticises_the_exercise() -> None:
    found = triples(extract("Norway held military drills near the border. Sweden condemned the drills."))
    assert ("Sweden", "CRITICIZED", "military exercise") in found


def test_condemning_an_uprising_criticises_the_uprising() -> None:
    found = triples(extract("Uruguay condemned the uprising."))
    assert ("Uruguay", "CRITICIZED", "uprising") in found


def test_welcoming_or_announcing_a_withdrawal_names_the_withdrawal() -> None:
    assert ("Bolivia", "SUPPORTED", "withdrawal") in triples(extract("Bolivia welcomed the withdrawal."))
    found = triples(extract("Argentina announced the withdrawal of its troops."))
    assert ("Argentina", "DECLARED", "withdrawal") in found


def test_rejecting_a_resolution_and_approving_a_package() -> None:
    assert ("Ecuador", "REJECTED", "resolution") in triples(extract("Ecuador rejected the resolution."))
    assert ("Cuba", "AGREED_TO", "package") in triples(extract("Cuba approved the package."))


def test_condemning_the_deployment_reaches_whoever_deployed() -> None:
    found = triples(extract("Colombia deployed troops to Panama. Venezuela condemned the deployment."))
    assert ("Venezuela", "CRITICIZED", "Colombia") in found


def test_condemning_a_strike_event_reaches_the_attacker_too() -> None:
    found = triples(extract("Mali shelled Niger on Monday. Chad condemned the attack."))
    assert ("Chad", "CRITICIZED", "Mali") in found


def test_condemning_exercises_reaches_the_event_and_the_last_attacker() -> None:
    found = triples(extract("Mali attacked Niger. Chad condemned the military exercises."))
    assert ("Chad", "CRITICIZED", "military exercise") in found
    assert ("Chad", "CRITICIZED", "Mali") in found


def test_welcoming_a_decision_supports_whoever_made_it() -> None:
    found = triples(extract("Russia welcomed Turkey's decision to mediate."))
    assert ("Russia", "SUPPORTED", "Turkey") in found


def test_praising_a_deal_supports_the_deal() -> None:
    assert ("Iran", "SUPPORTED", "agreement") in triples(extract("Iran praised the deal."))


def test_expressing_concern_over_an_actors_acts_criticises_it() -> None:
    found = triples(extract("Norway expressed concern over Russia's naval patrols."))
    assert ("Norway", "CRITICIZED", "Russia") in found
    assert ("Peru", "CRITICIZED", "Chile") in triples(extract("Peru conveyed its concerns to Chile."))


def test_concern_about_a_situation_criticises_nobody() -> None:
    found = triples(extract("Japan voiced concern about the humanitarian situation."))
    assert not any(t == "CRITICIZED" for _, t, _ in found)


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


def test_a_move_summed_up_after_a_comma_is_the_movers() -> None:
    found = triples(extract("Chile built a wall on the border, a move Peru denounced."))
    assert ("Peru", "CRITICIZED", "Chile") in found


def test_condemning_an_attack_someone_claimed_criticises_the_claimant() -> None:
    text = "The United States condemned the attacks in Kabul, for which the Taliban claimed responsibility."
    assert ("United States", "CRITICIZED", "Taliban") in triples(extract(text))
    claimed = triples(extract("Kenya condemned the bombing, which al-Shabaab claimed."))
    assert ("Kenya", "CRITICIZED", "Al-Shabaab") in claimed
    # a claim nobody made, or a clause saying something else of the act, names no one
    unclaimed = triples(extract("Kenya condemned the bombing in Mogadishu, which killed 12 people."))
    assert not {t for t in unclaimed if t[1] == "CRITICIZED"}


def test_calling_for_sanctions_or_a_boycott_against_someone_disapproves_of_them() -> None:
    found = triples(extract("Sweden called for sanctions against Belarus."))
    assert ("Sweden", "CRITICIZED", "Belarus") in found
    found = triples(extract("Poland pressed for tougher sanctions on Russia."))
    assert ("Poland", "CRITICIZED", "Russia") in found
    found = triples(extract("Protesters called for the resignation of Prime Minister Imran Khan."))
    assert ("protesters", "PROTESTED", "Imran Khan") in found


def test_calling_for_an_end_to_sanctions_is_no_disapproval() -> None:
    for text in [
        "Sweden called for the lifting of sanctions on Belarus.",
        "Sweden called for an end to sanctions against Belarus.",
    ]:
        found = triples(extract(text))
        assert not any(t == "CRITICIZED" for _, t, _ in found), (text, found)
