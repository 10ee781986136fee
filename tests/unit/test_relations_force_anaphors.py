"""'The army', 'the police': the state force of that kind the text named last. Sentences
written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_the_army_is_the_army_the_text_named_last() -> None:
    found = triples(
        extract(
            "Sudan's army attacked the rebels in Darfur. On Saturday the rebels handed over three "
            "villages to the army."
        )
    )
    assert ("rebels", "CONCEDED", "Sudanese military") in found


def test_the_army_with_no_army_named_is_nobody() -> None:
    assert not triples(extract("Rebels handed over three villages to the army on Saturday."))
