"""Accusations read from reported wrongdoing, responsibility and court cases. Sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


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


def test_filing_a_case_against_accuses() -> None:
    found = triples(extract("Gambia filed a case against Myanmar at the World Court."))
    assert ("Gambia", "ACCUSED", "Myanmar") in found


def test_claiming_responsibility_for_an_attack_claims_the_attack() -> None:
    found = triples(extract("Al-Shabaab claimed responsibility for the attack on Kismayo."))
    assert ("Al-Shabaab", "ATTACKED", "Kismayo") in found


def test_denying_responsibility_claims_nothing() -> None:
    found = triples(extract("Al-Shabaab denied responsibility for the attack on Kismayo."))
    assert not any(t == "ATTACKED" for _, t, _ in found)
