"""Parts of the NLP layer that need no trained model: dates, text preparation, knowledge, data files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import spacy

from kg.model import EntityKind, RelationType
from kg.nlp.components import PARAGRAPHS, register_components
from kg.nlp.dates import resolve_date
from kg.nlp.extractor import blank_ranges, split_paragraphs
from kg.nlp.knowledge import load_knowledge, other_country_names

THURSDAY = dt.date(2022, 9, 15)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Wednesday", dt.date(2022, 9, 14)),
        ("late Tuesday", dt.date(2022, 9, 13)),
        ("Thursday", THURSDAY),  # the publication day itself
        ("on Friday", dt.date(2022, 9, 9)),  # most recent Friday on or before publication
        ("yesterday", dt.date(2022, 9, 14)),
        ("last night", dt.date(2022, 9, 14)),
        ("today", THURSDAY),
        ("September 3", dt.date(2022, 9, 3)),
        ("3 September 2021", dt.date(2021, 9, 3)),
        ("two days", None),
        (None, None),
    ],
)
def test_relative_dates(phrase: str | None, expected: dt.date | None) -> None:
    assert resolve_date(phrase, THURSDAY) == expected


def test_dates_without_publication_only_resolve_when_fully_written() -> None:
    assert resolve_date("on Wednesday", None) is None
    assert resolve_date("March 4, 2020", None) == dt.date(2020, 3, 4)
    assert resolve_date("February 30", THURSDAY) is None


def test_blank_ranges_keeps_length_and_line_breaks() -> None:
    text = "top of page\nBody text.\nShare this\n"
    blanked = blank_ranges(text, [(0, 11), (23, 33), (50, 60)])
    assert len(blanked) == len(text)
    assert blanked.splitlines()[0].strip() == ""
    assert "Body text." in blanked
    assert "Share" not in blanked
    assert blanked.count("\n") == text.count("\n")


def test_split_paragraphs_keeps_offsets_and_prefers_blank_lines() -> None:
    paragraphs = [f"Paragraph {i} says something about the talks." for i in range(40)]
    text = "\n\n".join(paragraphs)
    pieces = split_paragraphs(text, 200)
    assert len(pieces) > 1
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= 200
    # every cut but the last falls right after a blank line
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_split_paragraphs_cuts_a_huge_paragraph_somewhere_sensible() -> None:
    text = "word " * 1000
    pieces = split_paragraphs(text, 301)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 301 for _, p in pieces)


def test_short_text_is_one_piece() -> None:
    assert split_paragraphs("Short.", 100) == [(0, "Short.")]


def test_countries_come_from_the_packages() -> None:
    know = load_knowledge()
    assert know.country_forms["Armenia"] == ("AM", "name")
    assert know.country_forms["Armenian"] == ("AM", "demonym")
    assert know.country_forms["Armenians"] == ("AM", "demonym")
    assert know.country_forms["Yerevan"] == ("AM", "capital")
    assert know.country_forms["Washington"] == ("US", "capital")
    assert know.country_forms["Russian Federation"][0] == "RU"
    assert know.countries["US"].name == "United States"
    assert know.country_codes["USA"] == "US"


def test_nationality_words_the_packages_lack_resolve_by_stem() -> None:
    know = load_knowledge()
    # "Azeri" and "Saudi" are not listed as demonyms; their stems start one country's name.
    assert know.country_of_stem("Azeri") == "AZ"
    assert know.country_of_stem("Saudi") == "SA"
    assert know.country_of_stem("Afghan") == "AF"
    # Words that are not nationality-shaped or that fit no country stay unresolved.
    assert know.country_of_stem("Democratic") is None
    assert know.country_of_stem("Kurdish") is None
    assert know.country_of_stem("Tigrayan") is None


def test_nationality_words_of_a_countrys_other_dictionary_names_resolve_by_stem() -> None:
    know = load_knowledge()
    # The Phoenix dictionary's historical names: "Kampuchea", "Siam", "Zaire".
    assert "kampuchea" in other_country_names(know)["KH"]
    assert know.country_of_stem("Kampuchean") == "KH"
    assert know.country_of_stem("Siamese") == "TH"
    assert know.country_of_stem("Zairean") == "CD"
    # cities and provinces listed after the capital are not names of the country
    assert "battambang" not in other_country_names(know)["KH"]
    # a city listed before the capital is a name, not a nationality word ending in "-an"
    assert know.country_of_stem("Abidjan") is None


def test_seat_of_government_metonyms_are_data() -> None:
    know = load_knowledge()
    assert know.country_forms["Kremlin"] == ("RU", "seat")
    assert know.institutions["White House"].country == "US"


def test_lexicon_is_valid_data() -> None:
    know = load_knowledge()
    assert know.verbs, "lexicon has verbs"
    for lemma, senses in know.verbs.items():
        for sense in senses:
            assert isinstance(sense.type, RelationType)
            assert sense.objects, lemma
            assert sense.kinds <= set(EntityKind)
            for slot in sense.objects:
                assert slot in ("dobj", "dative", "ccomp>attack") or slot.startswith(
                    ("prep:", "dobj>prep:", "xcomp>")
                ), slot
    assert know.verbs["urge"][0].type is RelationType.URGED
    assert know.verbs["broker"][0].type is RelationType.MEDIATED
    assert know.between["fighting"] is RelationType.FOUGHT


def test_paragraph_component_starts_sentences_after_blank_lines() -> None:
    register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe(PARAGRAPHS)
    doc = nlp("Headline without a full stop\n\nThe body starts here. It goes on.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "The" in starts


def test_importing_kg_registers_nothing_and_loads_no_model() -> None:
    code = (
        "import sys, kg, kg.nlp.extractor, kg.nlp.components\n"
        "from spacy.language import Language\n"
        "assert 'kg_actors_v1' not in Language.factories\n"
        "assert not any(m.startswith('en_core_web') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
