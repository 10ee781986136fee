"""What the mention rules know, built once per pipeline: word lists, agents and phrase matchers."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.errors import ConfigError
from kg.model import EntityKind
from kg.nlp import dictionaries
from kg.nlp.knowledge import Knowledge

WORDS_FILE = "mentions.toml"
AGENTS_FILE = "agents.toml"


@dataclass(frozen=True, slots=True)
class MentionWords:
    """The word lists of ``kg/nlp/data/mentions.toml``."""

    skip_labels: frozenset[str]
    monarchs: frozenset[str]
    particles: frozenset[str]
    corporate_titles: frozenset[str]
    portfolios: frozenset[str]
    portfolio_heads: frozenset[str]
    title_prefixes: frozenset[str]
    party_members: frozenset[str]
    chambers: dict[str, tuple[str, ...]]
    body_endings: frozenset[str]
    administrations: frozenset[str]
    collectives: frozenset[str]
    personnel: frozenset[str]
    plain_modifiers: frozenset[str]
    fresh: frozenset[str]
    vague: frozenset[str]
    settled_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    place_prepositions: frozenset[str]


@dataclass(frozen=True, slots=True)
class Sector:
    """How kg names a Phoenix sector's agents of a country ("MIL" -> "Serbian military")."""

    code: str
    name: str
    kind: EntityKind


@dataclass(frozen=True, slots=True)
class Agents:
    """The generic agents: Phoenix's dictionary with kg's additions, read as sectors."""

    codes: dict[str, str]  # lower-case phrase -> its Phoenix code ("security forces" -> "COPMIL")
    sectors: dict[str, Sector]  # sector code -> how kg names it
    people: frozenset[str]  # sectors whose agents a text may name without a country

    def sector_of(self, phrase: str) -> Sector | None:
        """The first sector of a phrase's code that kg names ("GOVMED" -> GOV)."""
        code = self.codes.get(phrase)
        if code is None:
            return None
        for i in range(0, len(code), 3):
            sector = self.sectors.get(code[i : i + 3])
            if sector is not None:
                return sector
        return None


def _read_toml(name: str) -> dict[str, Any]:
    try:
        text = resources.files("kg.nlp").joinpath("data", name).read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"kg/nlp/data/{name} cannot be read: {exc}") from exc
    return data


def load_words(name: str = WORDS_FILE) -> MentionWords:
    """Read the mention word lists from the package's data folder."""
    data = _read_toml(name)

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
        title_prefixes=words("titles", "prefixes"),
        party_members=words("titles", "party_members"),
        chambers={k: tuple(v) for k, v in titles.get("chambers", {}).items()},
        body_endings=words("bodies", "endings"),
        administrations=words("bodies", "administrations"),
        collectives=words("bodies", "collectives"),
        personnel=words("bodies", "personnel"),
        plain_modifiers=words("bodies", "plain_modifiers"),
        fresh=words("events", "fresh"),
        vague=words("events", "vague"),
        settled_prepositions=words("places", "settled_prepositions"),
        place_nouns=words("places", "qualified_nouns"),
        place_prepositions=words("places", "prepositions"),
    )


def load_agents(name: str = AGENTS_FILE) -> Agents:
    """The Phoenix agents (first code of a phrase wins) with kg's additions and skips."""
    data = _read_toml(name)
    try:
        sectors = {
            code: Sector(code, str(spec["name"]), EntityKind(spec["kind"]))
            for code, spec in data["sectors"].items()
        }
    except (KeyError, ValueError, TypeError) as exc:
        raise ConfigError(f"kg/nlp/data/{name}: bad [sectors] entry: {exc}") from exc
    skip = {str(p) for p in data.get("skip", {}).get("phrases", ())}
    codes: dict[str, str] = {}
    for agent in dictionaries.agents():
        if agent.prefix:
            continue  # "NGO~" agents qualify an organisation, not a country
        for form in agent.forms:
            codes.setdefault(form, agent.code)
    for phrase, code in data.get("extra", {}).items():
        codes.setdefault(str(phrase), str(code))
    for phrase in skip:
        codes.pop(phrase, None)
    return Agents(codes=codes, sectors=sectors, people=frozenset(data.get("people", ())))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the rules look up, built once by :func:`build_lexicon` (never per document)."""

    know: Knowledge
    words: MentionWords
    agents: Agents
    countries: PhraseMatcher  # every surface form of a country (names, demonyms, capitals, seats)
    institutions: PhraseMatcher  # well-known organisations and their aliases
    agent_phrases: PhraseMatcher  # generic agents, by lower-case form
    country_form: dict[str, str]  # matched words joined by spaces -> the form as listed
    institution_form: dict[str, str]


def build_lexicon(
    vocab: Vocab,
    know: Knowledge,
    words: MentionWords,
    agents: Agents,
    make_doc: Callable[[str], Doc],
) -> Lexicon:
    """The phrase matchers over the gazetteers and agents, and the word lists."""
    countries = PhraseMatcher(vocab)
    institutions = PhraseMatcher(vocab)
    agent_phrases = PhraseMatcher(vocab, attr="LOWER")
    forms = list(know.country_forms)
    countries.add("COUNTRY", [Doc(vocab, words=split_form(f)) for f in forms])
    institutions.add("INSTITUTION", [Doc(vocab, words=split_form(f)) for f in know.institutions])
    agent_phrases.add("AGENT", [make_doc(phrase) for phrase in agents.codes])
    return Lexicon(
        know=know,
        words=words,
        agents=agents,
        countries=countries,
        institutions=institutions,
        agent_phrases=agent_phrases,
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
