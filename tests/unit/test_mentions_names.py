"""People's names: completed, found again by surname, seen in apposition to a title."""

from __future__ import annotations

from kg.model import EntityKind
from kg.nlp.mentions import names
from kg.nlp.mentions.core import Mention
from tests.unit.mention_support import lexicon, mentions, parse, read


def test_a_name_in_apposition_to_a_title_is_a_person_even_unseen_by_the_model() -> None:
    text = "North Korea's foreign minister, Choe Son Hui, visited Moscow."
    assert read(mentions(text))["Choe Son Hui"] == ("PERSON", "Choe Son Hui")
    assert "Choe Son Hui" not in read(mentions(text, without=[names.named_in_apposition]))


def test_a_surname_seen_in_a_full_name_is_that_person_where_the_model_says_otherwise() -> None:
    text = "Anna Varga arrived on Monday. Varga said the talks would resume."
    assert read(mentions(text))["Varga"] == ("PERSON", "Varga")
    assert read(mentions(text, without=[names.known_names]))["Varga"][0] == "ORGANIZATION"


def test_a_surname_the_model_took_for_a_nationality_is_that_person_not_a_group() -> None:
    text = "Sisi met intelligence chief Abbas Kamel in Cairo. Kamel urged both sides to show flexibility."
    assert read(mentions(text))["Kamel"] == ("PERSON", "Kamel")
    assert read(mentions(text, without=[names.known_names]))["Kamel"] == ("GROUP", "Kamels")


def test_a_group_made_of_one_singular_name_is_told_from_a_plural_one() -> None:
    assert names.group_of_one_name(Mention(0, 1, EntityKind.GROUP, "group:Kamels", "Kamels", "Kamel"))
    assert not names.group_of_one_name(Mention(0, 1, EntityKind.GROUP, "group:Houthis", "Houthis", "Houthis"))


def test_surnames_of_a_name() -> None:
    assert names.surnames(["Abdel", "Fattah", "al-Burhan"]) == ["Burhan"]
    assert names.surnames(["Anna", "Varga"]) == ["Varga"]
    assert names.surnames(["Varga"]) == []


def test_a_name_the_model_stopped_early_is_completed() -> None:
    doc = parse("Phumzile Mlambo-Ngcuka spoke on Monday.")
    assert names.complete_name(doc[0:2], lexicon()).text == "Phumzile Mlambo-Ngcuka"


def test_a_name_known_as_another_is_one_actor_under_its_first_name() -> None:
    text = "RSF commander Mohamed Hamdan Dagalo, widely known as Hemedti, said his forces had left."
    assert read(mentions(text))["Hemedti"] == ("PERSON", "Mohamed Hamdan Dagalo")
    assert read(mentions(text, without=[names.known_as]))["Hemedti"] != ("PERSON", "Mohamed Hamdan Dagalo")
    text = "HTS leader Ahmed al-Sharaa, who is also known as Abu Mohammed al-Golani, spoke."
    assert read(mentions(text))["Abu Mohammed al-Golani"] == ("PERSON", "Ahmed al-Sharaa")
