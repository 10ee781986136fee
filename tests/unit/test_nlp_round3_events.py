"""Acts named as objects become events, and reactions reach them (and, for conflict acts, their
agents); sentences written here."""

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


def test_passing_an_aid_package_agrees_to_it_and_supports_its_recipients() -> None:
    found = triples(extract("Sweden passed a package of military aid for Ukraine and Moldova."))
    assert ("Sweden", "AGREED_TO", "package") in found
    assert ("Sweden", "SUPPORTED", "Ukraine") in found
    assert ("Sweden", "SUPPORTED", "Moldova") in found


def test_passing_a_bill_is_not_support_without_a_recipient() -> None:
    found = triples(extract("Peru passed the bill on Tuesday."))
    assert not any(rtype == "SUPPORTED" for _, rtype, _ in found)


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


def test_holding_talks_is_still_consultation_not_a_show_of_force() -> None:
    found = triples(extract("Egypt held talks with Sudan."))
    assert ("Egypt", "CONSULTED", "Sudan") in found
    assert not any(rtype == "THREATENED" for _, rtype, _ in found)
