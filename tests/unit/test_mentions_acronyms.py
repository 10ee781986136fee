"""Acronyms: spelled out once in the text, known from the text, or unknown but shouting."""

from __future__ import annotations

from kg.nlp.mentions import acronyms
from tests.unit.mention_support import mentions, read


def test_capitalised_words_spelling_a_bracketed_acronym_are_one_organisation() -> None:
    text = "Fighters of Jabhat Fath al-Qadim (JFQ) entered the town. JFQ rejected the truce."
    assert read(mentions(text))["Jabhat Fath al-Qadim"] == ("ORGANIZATION", "Jabhat Fath al-Qadim")
    assert read(mentions(text, without=[acronyms.spelled_out]))["JFQ"] == ("ORGANIZATION", "JFQ")


def test_an_acronym_written_after_a_name_names_it_wherever_it_appears() -> None:
    text = (
        "Fighters of the Northern Liberation Council (NLC) entered the town on Monday. "
        "NLC leader Omar Haddad said the group would hold elections."
    )
    assert read(mentions(text))["NLC"] == ("ORGANIZATION", "Northern Liberation Council")
    assert read(mentions(text, without=[acronyms.acronyms]))["NLC"] == ("ORGANIZATION", "NLC")


def test_an_unknown_all_capitals_name_is_an_organisation_except_a_shouting_sentence_start() -> None:
    text = "Peacekeepers of MONUSCO patrolled the town."
    assert read(mentions(text))["MONUSCO"] == ("ORGANIZATION", "MONUSCO")
    assert "MONUSCO" not in read(mentions(text, without=[acronyms.unknown_acronyms]))
    assert "BREAKING" not in read(mentions("BREAKING news came from the north."))


def test_an_unknown_acronym_in_apposition_names_the_organisation_before_it() -> None:
    text = "Ukraine's military intelligence agency, the HUR, said last week that units came under fire."
    name = "Military Intelligence Agency of Ukraine"
    assert read(mentions(text))["HUR"] == ("ORGANIZATION", name)
    assert read(mentions(text, without=[acronyms.acronym_in_apposition]))["HUR"] == ("ORGANIZATION", "HUR")


def test_acronyms_listed_after_an_organisation_are_not_its_name() -> None:
    found = read(mentions("Officials from the European Union, the XYZ, and the AU met."))
    assert found["XYZ"] == ("ORGANIZATION", "XYZ")
