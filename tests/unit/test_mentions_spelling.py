"""Country names and nationality words written with a slip resolve to the country."""

from __future__ import annotations

from kg.nlp.mentions import gazetteer
from kg.nlp.mentions.spelling import misspelled_country, spellable_forms
from tests.unit.mention_support import lexicon, mentions, read

FORMS = {"Israel": "IL", "Israeli": "IL", "Qatar": "QA", "Ethiopia": "ET", "Ethiopian": "ET",
         "Philippines": "PH", "Afghanistan": "AF", "Austria": "AT", "Australia": "AU",
         "Oman": "OM", "Niger": "NE", "Nigeria": "NG", "India": "IN", "Indian": "IN"}


def test_a_word_one_slip_from_a_country_name_or_demonym_is_that_country() -> None:
    assert misspelled_country("Isreal", FORMS) == "IL"  # two neighbouring letters swapped
    assert misspelled_country("Quatar", FORMS) == "QA"
    assert misspelled_country("Ethopia", FORMS) == "ET"
    assert misspelled_country("Ethopian", FORMS) == "ET"
    assert misspelled_country("Afganistan", FORMS) == "AF"


def test_a_long_name_may_carry_two_slips_a_short_one_only_one() -> None:
    assert misspelled_country("Phillipines", FORMS) == "PH"
    assert misspelled_country("Istrael", FORMS) == "IL"
    assert misspelled_country("Istrial", FORMS) is None


def test_short_lower_case_known_or_ambiguous_words_are_not_corrected() -> None:
    assert misspelled_country("Omar", FORMS) is None  # under six letters
    assert misspelled_country("isreal", FORMS) is None  # not capitalised
    assert misspelled_country("Israel", FORMS) is None  # already a name
    assert misspelled_country("Austrlia", {"Australia": "AU", "Austrslia": "XX"}) is None  # two as near
    assert misspelled_country("Qaataar", FORMS) is None  # two slips, under nine letters


def test_only_one_word_capitalised_names_and_demonyms_are_compared() -> None:
    forms = spellable_forms({"Israel": ("IL", "name"), "Jerusalem": ("IL", "capital"),
                             "USA": ("US", "name"), "Saudi Arabia": ("SA", "name")})
    assert forms == {"Israel": "IL"}


def test_a_misspelt_country_in_a_sentence_is_the_country() -> None:
    text = "Officials in Afganistan accused Isreal of backing the strikes."
    found = read(mentions(text))
    assert found["Afganistan"] == ("COUNTRY", "Afghanistan")
    assert found["Isreal"] == ("COUNTRY", "Israel")
    without = read(mentions(text, without=[gazetteer.misspelled_countries]))
    assert without.get("Isreal") != ("COUNTRY", "Israel")


def test_a_word_kg_knows_as_another_name_is_not_a_misspelt_country() -> None:
    lex = lexicon()
    assert gazetteer.known_elsewhere("Indiana", "IN", lex)  # a US state, one slip from "Indian"
    assert gazetteer.known_elsewhere("Angela", "AO", lex)  # a given name, one slip from "Angola"
    assert not gazetteer.known_elsewhere("Isreal", "IL", lex)  # the dictionaries list it for Israel
    found = read(mentions("Governor Holcomb of Indiana met Franco in Angela's office."))
    assert all(kind != "COUNTRY" for kind, _ in found.values())


def test_a_misspelt_nationality_word_or_a_name_the_model_took_for_an_organisation_is_the_country() -> None:
    found = read(mentions("Ethopian troops crossed into Somalia as Quatar mediated."))
    assert found["Ethopian"] == ("COUNTRY", "Ethiopia")
    assert found["Quatar"] == ("COUNTRY", "Qatar")
