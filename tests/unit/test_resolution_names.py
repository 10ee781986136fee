"""How kg.resolution.names takes names apart: folding, words, acronyms, similar words."""

from __future__ import annotations

from kg.model import EntityKind
from kg.resolution.names import (
    acronym_match,
    fold,
    gendered_pair,
    given_names_compatible,
    is_english_given_name,
    name_form,
    word_similarity,
    words,
)


def test_fold_transliterates_any_script_to_lower_case_ascii_words() -> None:
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert fold("Зеленський") == "zelens kiy"
    assert fold("  Joseph R. Biden, Jr. ") == "joseph r biden jr"
    assert words("al-Assad") == ("al", "assad")


def test_name_form_finds_acronyms_given_names_and_surname() -> None:
    assert name_form("CSTO", EntityKind.ORGANIZATION).acronym == "csto"
    assert name_form("U.N.", EntityKind.ORGANIZATION).acronym == "un"
    assert name_form("Hamas", EntityKind.ORGANIZATION).acronym is None
    form = name_form("Bashar al-Assad", EntityKind.PERSON)
    assert (form.given, form.surname) == (("bashar",), "assad")
    assert name_form("Martin Luther King Jr.", EntityKind.PERSON).surname == "king"


def test_word_similarity_accepts_transliterations_and_refuses_other_names() -> None:
    assert word_similarity("zelensky", "zelenskyy") > 0.95
    assert word_similarity("gaddafi", "qaddafi") >= 0.94  # same sound, first letter differs
    assert word_similarity("obama", "osama") == 0.0
    assert word_similarity("kim", "kin") == 0.0  # too short to tell
    assert word_similarity("lavrov", "lavrova") == 0.0
    assert word_similarity("thani", "tiani") == 0.0  # close, but they do not sound alike
    assert word_similarity("albusaidi", "busaidi") == 0.97  # a joined article


def test_gendered_pair_is_a_masculine_and_a_feminine_surname() -> None:
    assert gendered_pair("aliyev", "aliyeva")
    assert gendered_pair("tsikhanouski", "tsikhanouskaya")
    assert not gendered_pair("aliyev", "aliev")


def test_given_names_agree_by_initial_nickname_or_spelling() -> None:
    assert given_names_compatible(("joe",), ("joseph", "r"))
    assert given_names_compatible(("j",), ("joseph",))
    assert given_names_compatible(("sergei",), ("sergey",))
    assert given_names_compatible(("abdul", "hamid"), ("abdulhamid",))
    assert given_names_compatible((), ("heydar",))
    assert not given_names_compatible(("ilham",), ("heydar",))


def test_acronym_match_scores_initials_above_leading_letters() -> None:
    assert acronym_match("csto", words("Collective Security Treaty Organization")) == 1.0
    assert acronym_match("oas", words("Organization of American States")) == 1.0
    assert acronym_match("interpol", words("International Criminal Police Organization")) == 0.9
    assert acronym_match("amisom", words("African Union Mission in Somalia")) == 0.9
    # 'SE' comes from inside one word: not a spelling by leading letters.
    assert acronym_match("asean", words("Association of Southeast Asian Nations")) == 0.0
    assert acronym_match("un", words("United Nations")) == 1.0
    assert acronym_match("un", words("University of Nicosia")) == 0.0  # two letters skip no word
    assert acronym_match("unions", words("United Nations Organization")) == 0.0
    assert acronym_match("nato", words("Collective Security Treaty Organization")) == 0.0


def test_english_given_names_come_from_the_nicknames_data_set() -> None:
    assert is_english_given_name("donald") and is_english_given_name("joe")
    assert not is_english_given_name("tsai") and not is_english_given_name("abiy")
