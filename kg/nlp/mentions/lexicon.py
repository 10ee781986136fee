"""What the mention rules know, built once per pipeline: word lists and phrase matchers."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.errors import ConfigError
from kg.nlp.knowledge import Knowledge

WORDS_FILE = "mentions.toml"


@dataclass(frozen=True, slots=True)
class MentionWords:
    """The word lists of ``kg/nlp/data/mentions.toml``."""

    skip_labels: frozenset[str]
    monarchs: frozenset[str]
    particles: frozenset[str]
    corporate_titles: frozenset[str]
    portfolios: frozenset[str]
    portfolio_heads: frozenset[str]
    party_members: frozenset[str]
    chambers: dict[str, tuple[str, ...]]
    body_endings: frozenset[str]
    administrations: frozenset[str]
    fresh: frozenset[str]
    vague: frozenset[str]
    settled_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    place_prepositions: frozenset[str]


def load_words(name: str = WORDS_FILE) -> MentionWords:
    """Read the mention word lists from the package's data folder."""
    try:
        text = resources.files("kg.nlp").joinpath("data", name).read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"kg/nlp/data/{name} cannot be read: {exc}") from exc

    def words(section: str, key: str) -> frozenset[str]:
        try:
            return frozenset(str(w) for w in data[section][key])
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"kg/nlp/data/{name}: missing list {section}.{key}") from exc

    titles = data.get("titles", {})
    return MentionWords(
        skip_labels=frozenset(data.get("skip_labels", ())),
        monarchs=words("names", "monarchs"),
        particles=words("names", "particles"),
        corporate_titles=words("titles", "corporate"),
        portfolios=words("titles", "portfolios"),
        portfolio_heads=words("titles", "portfolio_heads"),
        party_members=words("titles", "party_members"),
        chambers={k: tuple(v) for k, v in titles.get("chambers", {}).items()},
        body_endings=words("bodies", "endings"),
        administrations=words("bodies", "administrations"),
        fresh=words("events", "fresh"),
        vague=words("events", "vague"),
        settled_prepositions=words("places", "settled_prepositions"),
        place_nouns=words("places", "qualified_nouns"),
        place_prepositions=words("places", "prepositions"),
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the rules look up, built once by :func:`build_lexicon` (never per document)."""

    know: Knowledge
    words: MentionWords
    countries: PhraseMatcher  # every surface form of a country (names, demonyms, capitals, seats)
    institutions: PhraseMatcher  # well-known organisations and their aliases
    country_form: dict[str, str]  # matched words joined by spaces -> the form as listed
    institution_form: dict[str, str]


def build_lexicon(vocab: Vocab, know: Knowledge, words: MentionWords) -> Lexicon:
    """The phrase matchers over the gazetteers, and the word lists."""
    countries = PhraseMatcher(vocab)
    institutions = PhraseMatcher(vocab)
    forms = list(know.country_forms)
    countries.add("COUNTRY", [Doc(vocab, words=split_form(f)) for f in forms])
    institutions.add("INSTITUTION", [Doc(vocab, words=split_form(f)) for f in know.institutions])
    return Lexicon(
        know=know,
        words=words,
        countries=countries,
        institutions=institutions,
        country_form={" ".join(split_form(f)): f for f in forms},
        institution_form={" ".join(split_form(f)): f for f in know.institutions},
    )


_HYPHEN_INFIX = re.compile(r"(?<=[^\W_])(-)(?=[^\W\d_])")


def split_form(form: str) -> list[str]:
    """Tokenise a gazetteer form the way spaCy's English tokenizer would, roughly (it splits
    a hyphen between letters: "Guinea-Bissau", "al-Qaeda", "Lashkar-e-Taiba")."""
    words: list[str] = []
    for raw in form.split():
        if raw.endswith("'s") and len(raw) > 2:
            words.extend([raw[:-2], "'s"])
        elif raw.endswith(".") and raw.count(".") == 1 and len(raw) > 2 and not raw[:-1].isupper():
            words.extend([raw[:-1], "."])
        else:
            words.extend(part for part in _HYPHEN_INFIX.split(raw) if part)
    return words
