"""Appointments in wire copy: the appointee holds the post, of whoever the title or the appointer
names; no event between appointer and appointee. Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, find, triples


def test_an_appointee_holds_the_post_of_the_appointers_country() -> None:
    result = extract("Kenyan President William Ruto appointed Musalia Mudavadi as foreign minister.")
    assert find(result, "Musalia Mudavadi", "HOLDS_ROLE", "Kenya").role == "foreign minister"
    assert ("William Ruto", "COOPERATED", "Musalia Mudavadi") not in triples(result)


def test_a_title_that_names_whose_post_it_is_says_so() -> None:
    its = extract("Pakistan named Ishaq Dar as its new foreign minister.")
    assert find(its, "Ishaq Dar", "HOLDS_ROLE", "Pakistan").role == "foreign minister"
    sworn = triples(extract("Masoud Pezeshkian was sworn in as Iran's president on Tuesday."))
    assert ("Masoud Pezeshkian", "HOLDS_ROLE", "Iran") in sworn


def test_naming_someone_as_a_suspect_gives_no_post() -> None:
    found = triples(extract("Turkish police named Ahmet Yilmaz as a suspect in the attack."))
    assert not any(t[1] == "HOLDS_ROLE" and t[0] == "Ahmet Yilmaz" for t in found)
