"""A veto announced for later is a threat; a pronoun subject reaches the last person; sentences
written here."""

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


def test_he_in_the_next_sentence_is_the_last_person() -> None:
    found = triples(extract("Joe Smith, the US envoy, arrived in Cairo. He warned Iran against escalation."))
    assert ("Joe Smith", "THREATENED", "Iran") in found


def test_the_ministry_points_back_to_the_ministry_named_last() -> None:
    found = triples(
        extract("Norway's foreign ministry summoned the ambassador on Monday. The ministry criticized Japan.")
    )
    assert ("Foreign Ministry of Norway", "CRITICIZED", "Japan") in found


def test_the_ministry_with_nothing_named_before_is_no_one() -> None:
    assert not triples(extract("The ministry criticized Japan."))


def test_a_spokesman_for_a_government_speaks_for_that_government() -> None:
    found = triples(extract("A spokesman for the Norwegian government criticized Japan."))
    assert ("Norwegian government", "CRITICIZED", "Japan") in found


def test_an_envoy_for_a_country_does_not_speak_for_it() -> None:
    found = triples(extract("The UN envoy for Syria criticized Japan."))
    assert ("Syria", "CRITICIZED", "Japan") not in found


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
