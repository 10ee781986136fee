"""The field's public dictionaries, as kg data: typed, read once per process.

The files under ``kg/nlp/data/petrarch/`` and ``kg/nlp/data/plover/`` are generated from the
PETRARCH2 dictionaries (MIT, Open Event Data Alliance) and the CAMEO-to-PLOVER table by
``python -m kg.nlp.dictionaries.convert --source <folder>`` (see :mod:`.convert`); nothing here
reads the sources. Each loader parses its file on first use and caches the result:

    cameo_verbs()            CAMEO verb blocks: verbs (with irregular forms), patterns, codes, synsets
    agents()                 generic agents ("police", "rebels", "foreign minister") with sector codes
    international_actors()   international organisations and their officials
    nonstate_actors()        non-state armed groups
    country_actors()         countries, their organs and office holders, with dated roles
    discards()               phrases whose sentences (or stories) are not coded
    cameo_plover()           CAMEO code -> PLOVER category, mode and context (2021 table)

Phrases are lower case with single spaces ("vladimir putin", "foreign minister"). Codes are the
dictionaries' own: a Phoenix actor code is a 3-letter country or group code followed by 3-letter
sector codes ("RUSGOV", "IGOUNO", "SRBMIL"); an agent's code is its sectors only ("GOVMED").
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kg.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Role:
    """A code an actor held for a time ("[RUSGOV 991231-080507]"); an open end is None."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the role was held on that day (both ends included, as in PETRARCH)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class DictionaryActor:
    """One actor of an actors dictionary: all its name forms, its undated code, its dated roles."""

    names: tuple[str, ...]
    code: str | None = None
    roles: tuple[Role, ...] = ()

    @property
    def name(self) -> str:
        return self.names[0]

    def code_on(self, day: dt.date | None) -> str | None:
        """The actor's code on a day: the latest-starting role that covers it, else the undated code."""
        if day is not None:
            held = [r for r in self.roles if r.covers(day)]
            if held:
                return max(held, key=lambda r: r.start or dt.date.min).code
        return self.code


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic agent noun ("police", "foreign minister") and the sectors it names."""

    phrase: str
    plurals: tuple[str, ...]
    code: str
    prefix: bool = False  # the code goes before the actor's ("NGO~"), not after ("~GOV")

    @property
    def sectors(self) -> tuple[str, ...]:
        """The code cut into its three-letter sector codes: 'GOVMED' -> ('GOV', 'MED')."""
        return tuple(self.code[i : i + 3] for i in range(0, len(self.code), 3))

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.phrase, *self.plurals)


@dataclass(frozen=True, slots=True)
class Discard:
    phrase: str
    story: bool = False  # the whole story is not coded, not only the sentence
    stem: bool = False  # more letters may follow the phrase's last word


@dataclass(frozen=True, slots=True)
class PrepPhrase:
    """A prepositional phrase of a verb pattern: '(FOR {FINANCIAL AID})' -> for + 'financial aid'."""

    prep: str
    objects: tuple[PatternElement, ...] = ()


# A pattern element: a noun head ("aid"), a phrase with its head last ("financial aid"), a synset
# ("&food"), a slot ("$" source, "+" target, "^" skipped phrase, "%" compound actor), or a
# prepositional phrase.
PatternElement = str | PrepPhrase


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """'- * (FOR {FINANCIAL AID}) [0231]': words before and after the verb, and their CAMEO code;
    ``code2`` is the code of the pattern's second reading, with source and target swapped."""

    block: str
    pre: tuple[PatternElement, ...]
    post: tuple[PatternElement, ...]
    code: str | None
    code2: str | None = None
    note: str | None = None  # the verb of the block the pattern was written for ("rush")


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of a block: its words ('ask for'), which word is the verb, irregular forms, code."""

    block: str
    words: tuple[str, ...]
    verb_index: int
    forms: tuple[str, ...]
    code: str | None

    @property
    def lemma(self) -> str:
        return self.words[self.verb_index]


@dataclass(frozen=True, slots=True)
class VerbBlock:
    name: str
    code: str | None
    verbs: tuple[Verb, ...]
    patterns: tuple[VerbPattern, ...]


@dataclass(frozen=True, slots=True)
class Transformation:
    """'~ a (a b ATTACK) SAY = a b 015': an outer verb over an inner one gives one event."""

    source: str
    inner_source: str
    inner_target: str
    inner_verb: str
    verb: str
    result_source: str
    result_target: str
    result_code: str


@dataclass(frozen=True, slots=True)
class CameoVerbs:
    synsets: dict[str, tuple[tuple[str, bool], ...]]  # name -> (phrase, regular plural?)
    blocks: tuple[VerbBlock, ...]
    transformations: tuple[Transformation, ...]


@dataclass(frozen=True, slots=True)
class PloverCode:
    """One row of the CAMEO-to-PLOVER table, category as published (REQUEST, ACCUSE, ...)."""

    code: str
    category: str
    mode: str | None = None
    context: str | None = None
    description: str | None = None


def _read(name: str) -> dict[str, Any]:
    try:
        text = resources.files("kg.nlp").joinpath("data", name).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"kg/nlp/data/{name} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"kg/nlp/data/{name}: expected a JSON object")
    return data


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _actors(name: str) -> tuple[DictionaryActor, ...]:
    return tuple(
        DictionaryActor(
            names=tuple(a["names"]),
            code=a.get("code"),
            roles=tuple(
                Role(r["code"], _date(r.get("from")), _date(r.get("to"))) for r in a.get("roles", ())
            ),
        )
        for a in _read(name)["actors"]
    )


@functools.cache
def international_actors() -> tuple[DictionaryActor, ...]:
    """International organisations (UN agencies, NATO, EU, NGOs) and their officials."""
    return _actors("petrarch/actors_international.json")


@functools.cache
def nonstate_actors() -> tuple[DictionaryActor, ...]:
    """Non-state armed groups with their synonyms."""
    return _actors("petrarch/actors_nonstate.json")


@functools.cache
def country_actors() -> tuple[DictionaryActor, ...]:
    """Countries, their organs and office holders, with dated roles (stale after about 2016)."""
    return _actors("petrarch/actors_countries.json")


@functools.cache
def agents() -> tuple[Agent, ...]:
    """Generic agents with their sector codes, in dictionary order."""
    return tuple(
        Agent(a["phrase"], tuple(a["plurals"]), a["code"], bool(a.get("prefix", False)))
        for a in _read("petrarch/agents.json")["agents"]
    )


@functools.cache
def discards() -> tuple[Discard, ...]:
    """Phrases whose sentences (or whole stories) the dictionaries leave uncoded."""
    return tuple(
        Discard(d["phrase"], bool(d.get("story", False)), bool(d.get("stem", False)))
        for d in _read("petrarch/discards.json")["discards"]
    )


@functools.cache
def cameo_plover() -> dict[str, PloverCode]:
    """CAMEO code (2-4 digits) -> its row of the 2021 CAMEO-to-PLOVER table."""
    return {
        code: PloverCode(code, row["plover"], row.get("mode"), row.get("context"), row.get("description"))
        for code, row in _read("plover/cameo_plover.json")["codes"].items()
    }


def _element(raw: Any) -> PatternElement:
    if isinstance(raw, list):
        return PrepPhrase(str(raw[0]), tuple(_element(x) for x in raw[1:]))
    return str(raw)


@functools.cache
def cameo_verbs() -> CameoVerbs:
    """The CAMEO verb dictionary: synsets, verb blocks with their verbs and patterns."""
    data = _read("petrarch/cameo_verbs.json")
    blocks: list[VerbBlock] = []
    for b in data["blocks"]:
        name, code = b["block"], b.get("code")
        verbs = tuple(
            Verb(
                block=name,
                words=tuple(v["phrase"].split()),
                verb_index=int(v.get("verb", 0)),
                forms=tuple(v.get("forms", ())),
                code=v.get("code", code),
            )
            for v in b["verbs"]
        )
        patterns = tuple(
            VerbPattern(
                block=name,
                pre=tuple(_element(x) for x in p.get("pre", ())),
                post=tuple(_element(x) for x in p.get("post", ())),
                code=p.get("code"),
                code2=p.get("code2"),
                note=p.get("note"),
            )
            for p in b.get("patterns", ())
        )
        blocks.append(VerbBlock(name, code, verbs, patterns))
    transformations = tuple(
        Transformation(
            t["source"],
            t["inner"]["source"],
            t["inner"]["target"],
            t["inner"]["verb"],
            t["verb"],
            t["result"]["source"],
            t["result"]["target"],
            t["result"]["code"],
        )
        for t in data.get("transformations", ())
        if "inner" in t
    )
    synsets = {k: tuple((str(p), bool(pl)) for p, pl in v) for k, v in data["synsets"].items()}
    return CameoVerbs(synsets=synsets, blocks=tuple(blocks), transformations=transformations)
