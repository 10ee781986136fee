"""Titles written before names: reserved, read as roles, qualified by a country or organisation."""

from __future__ import annotations

from kg.nlp.mentions import titles
from tests.unit.mention_support import by_text, lexicon, mentions, parse, read
from tests.unit.test_nlp_support import extract, triples


def test_a_title_before_a_name_is_reserved_so_no_word_in_it_becomes_an_organisation() -> None:
    text = "US Secretary of State Antony Blinken met the Turkish foreign minister."
    assert "State" not in read(mentions(text))
    assert read(mentions(text, without=[titles.reserve_titles]))["State"][0] == "ORGANIZATION"


def test_strip_titles_leaves_the_name() -> None:
    doc = parse("Prime Minister Sheikh Mohammed spoke.")
    assert titles.strip_titles(doc[0:4], lexicon()).text == "Mohammed"


def test_a_portfolio_before_minister_belongs_to_the_title_but_a_nationality_does_not() -> None:
    found = mentions("Trade Commissioner Anna Keller met Armenian Defence Minister Suren Papikyan.")
    assert by_text(found, "Anna Keller").role == "Trade Commissioner"
    assert by_text(found, "Suren Papikyan").role == "Defence Minister"


def test_lower_case_modifiers_belong_to_the_title() -> None:
    found = mentions("Houthi military spokesman Yahya Saree said the ship was hit.")
    assert by_text(found, "Yahya Saree").role == "military spokesman"


def test_a_monarchs_title_makes_the_capitalised_words_after_it_a_name() -> None:
    text = "King Tarek II met the delegation in Amman."  # a name no dictionary knows
    assert read(mentions(text))["Tarek II"] == ("PERSON", "Tarek II")
    assert "Tarek II" not in read(mentions(text, without=[titles.monarchs]))


def test_an_unknown_proper_noun_before_a_corporate_title_is_the_company() -> None:
    text = "Vantorex chief executive Hubert Lindner said the plant would reopen in May."
    assert read(mentions(text))["Vantorex"] == ("ORGANIZATION", "Vantorex")
    assert "Vantorex" not in read(mentions(text, without=[titles.company_qualifiers]))


def test_a_title_is_the_persons_role_qualified_by_the_country_before_it() -> None:
    found = mentions("Kenyan President William Ruto visited Nairobi.")
    ruto = by_text(found, "William Ruto")
    assert ruto.role == "President"
    assert ruto.role_target is not None and found[ruto.role_target].name == "Kenya"
    unread = mentions("Kenyan President William Ruto visited Nairobi.", without=[titles.title_roles])
    assert by_text(unread, "William Ruto").role is None


def test_a_state_title_without_a_country_takes_the_one_named_with_the_person() -> None:
    found = mentions("President Maria Santos of Paraguay met the delegation on Monday.")
    santos = by_text(found, "Maria Santos")
    assert santos.role_target is not None and found[santos.role_target].name == "Paraguay"


def test_state_roles_are_titles_only_a_state_gives() -> None:
    lex = lexicon()
    assert titles.state_role("caretaker Prime Minister", lex)
    assert titles.state_role("Interior Minister", lex)
    assert not titles.state_role("spokesman", lex)
    assert not titles.state_role("Secretary General", lex)


def test_a_senator_sits_in_the_one_senate_the_text_names() -> None:
    found = mentions("The U.S. Senate passed the bill. Senator Jane Miller voted against it.")
    miller = by_text(found, "Jane Miller")
    assert miller.role_target is not None and found[miller.role_target].name.endswith("Senate")


def test_an_adjective_on_an_organ_does_not_hide_the_organisation() -> None:
    found = triples(extract("Hamas political bureau chief Khalil Hayya said."))
    assert ("Khalil Hayya", "HOLDS_ROLE", "Hamas") in found


def test_a_deputy_or_acting_title_is_one_title() -> None:
    found = mentions("Deputy Secretary of State Antony Blinken will travel to Iraq.")
    assert by_text(found, "Antony Blinken").role == "Deputy Secretary of State"
    assert "Deputy" not in read(found)  # not a group of deputies


def test_an_institution_before_a_portfolio_title_qualifies_it() -> None:
    found = mentions("Pentagon Press Secretary Peter Cook told reporters today.")
    cook = by_text(found, "Peter Cook")
    assert cook.role == "Press Secretary"
    assert cook.role_target is not None and found[cook.role_target].name == "Pentagon"


def test_a_title_with_its_country_is_the_person_the_text_named_so_else_the_country() -> None:
    text = (
        "Armenian Prime Minister Nikol Pashinyan spoke. The Armenian prime minister said Russia had failed."
    )
    found = mentions(text)
    assert by_text(found, "Armenian prime minister").key == by_text(found, "Nikol Pashinyan").key
    assert "Armenian prime minister" not in read(mentions(text, without=[titles.described_by_title]))
    # no name holds the title: the state acts through its official
    assert ("Mali", "REJECTED", "France") in triples(extract("Mali expelled the French ambassador."))
