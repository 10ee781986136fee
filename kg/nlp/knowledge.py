"""General knowledge the extractor uses: countries (from installed packages) and the data files.

Countries, their alternative names, demonyms and capitals come from ``countryinfo`` and
``pycountry``; everything else (institutions, proxy nouns, titles, events, the verb lexicon)
from the TOML files in ``kg/nlp/data``. Built on demand by :func:`load_knowledge`, once per
extractor; nothing is read at import time.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from kg.errors import ConfigError
from kg.model import EntityKind, RelationType

_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s", "e")
_STEM_MIN = 4


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO alpha-2
    name: str  # common English name, the canonical one
    demonym: str | None
    capitals: tuple[str, ...]
    names: tuple[str, ...]  # every surface form that names the country itself


@dataclass(frozen=True, slots=True)
class Institution:
    name: str
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VerbSense:
    lemma: str
    type: RelationType
    objects: tuple[str, ...]
    kinds: frozenset[EntityKind]
    needs_dobj: frozenset[str] = frozenset()
    avoid_dobj: frozenset[str] = frozenset()
    needs_prep_for: frozenset[str] = frozenset()
    needs_prep: frozenset[str] = frozenset()
    needs_subject: frozenset[str] = frozenset()
    needs_xcomp: frozenset[str] = frozenset()
    confidence: float = 0.8
    symmetric: bool = False
    also: bool = False  # found objects do not end the search: a later sense may add its own
    role: str | None = None  # for HOLDS_ROLE verbs ("who heads the council"): the role title


_ACTOR_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP})


@dataclass(slots=True)
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    # surface form (exact case) -> (country code, how it names it: "name"|"demonym"|"capital"|"seat")
    country_forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    # ISO codes, recognised only where the NER already saw a place or nationality ("U.S.")
    country_codes: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)  # surface -> institution
    proxies: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    state_bodies: frozenset[str] = frozenset()
    quantities: frozenset[str] = frozenset()
    peoples: frozenset[str] = frozenset()  # "the people of X" stands for X
    units: frozenset[str] = frozenset()  # last words of military units' names ("Battalion")
    place_anaphors: frozenset[str] = frozenset()
    pair_anaphors: frozenset[str] = frozenset()
    org_anaphors: frozenset[str] = frozenset()
    force_anaphors: dict[str, str] = field(default_factory=dict)  # "the army" -> "MIL"
    factions: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    act_agents: frozenset[str] = frozenset()  # "the bombing carried out by X": X did it
    conflict_acts: frozenset[str] = frozenset()
    speech_acts: frozenset[str] = frozenset()
    faction_nouns: frozenset[str] = frozenset()
    group_nouns: dict[str, str] = field(default_factory=dict)  # lower noun lemma -> canonical
    titles: frozenset[str] = frozenset()  # lower-case, may be multi-word
    state_titles: frozenset[str] = frozenset()
    monarch_titles: frozenset[str] = frozenset()  # "king", "emir": held only in a monarchy
    monarchies: frozenset[str] = frozenset()  # ISO alpha-2 codes of the states with a monarch
    honorifics: frozenset[str] = frozenset()
    event_nouns: dict[str, str] = field(default_factory=dict)  # lower phrase -> canonical
    verbs: dict[str, list[VerbSense]] = field(default_factory=dict)
    reciprocal: frozenset[str] = frozenset()
    between: dict[str, RelationType] = field(default_factory=dict)
    nominal: dict[str, VerbSense] = field(default_factory=dict)  # object slots are prepositions
    encounters: dict[str, RelationType] = field(default_factory=dict)  # "after talks with X"
    encounter_preps: frozenset[str] = frozenset()
    appointing: frozenset[str] = frozenset()  # "appointed X as foreign minister"
    appointing_preps: frozenset[str] = frozenset()  # ... "as"
    journeys: frozenset[str] = frozenset()  # verbs of travel: "flew to X for talks with Y"
    journey_preps: frozenset[str] = frozenset()  # what the journey is for: "for"
    agreeing: frozenset[str] = frozenset()  # verbs of agreements made with someone
    agreements: frozenset[str] = frozenset()  # nouns of what is agreed ("deal", "truce")
    relational: frozenset[str] = frozenset()  # "its partners": nouns of a relation to the possessor
    efforts: frozenset[str] = frozenset()  # nouns whose "to" infinitive is their owner's act
    aims: frozenset[str] = frozenset()  # verbs of an aim to beat someone ("to defeat X")
    against_verbs: frozenset[str] = frozenset()  # "unite against X": fighting X
    against_nouns: frozenset[str] = frozenset()  # "positions / missions against X": fighting X
    copular: dict[str, RelationType] = field(default_factory=dict)
    copulas: frozenset[str] = frozenset({"be"})  # "is / became a member of X"
    demand_verbs: frozenset[str] = frozenset()
    demand_nouns: dict[str, RelationType] = field(default_factory=dict)
    reporting: frozenset[str] = frozenset()
    irrealis: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    # demonym-like stems ("Azer" for "Azeri") -> code, only when unambiguous
    _stems: dict[str, str | None] = field(default_factory=dict)
    # the dictionary's other one-word names of a country (code -> folded names)
    _other_names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def country_of_stem(self, word: str) -> str | None:
        """A nationality word the packages do not list ("Azeri", "Saudi", "Ukranian"),
        recognised when its stem starts exactly one country's name or demonym."""
        base = _fold(word)
        for suffix in _DEMONYM_SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= _STEM_MIN:
                stem = base[: -len(suffix)]
                break
        else:
            return None  # not shaped like a nationality word
        code = self._stems.get(stem[:_STEM_MIN])
        if not code:
            return None
        country = self.countries[code]
        forms = [_fold(country.name)]
        if country.demonym:
            forms.append(_fold(country.demonym))
        if any(f.startswith(stem) for f in forms):
            return code
        return code if self._other_stem_ok(code, base, stem) else None

    def _other_stem_ok(self, code: str, word: str, stem: str) -> bool:
        """The stem starts one of the country's other dictionary names and the word is not
        such a name itself: "Kampuchean" (from "kampuchea"), not the city "Abidjan"."""
        others = self._other_names.get(code, ())
        return word not in others and any(f.startswith(stem) for f in others)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _read_toml(name: str) -> dict[str, Any]:
    try:
        data = resources.files("kg.nlp").joinpath("data", name).read_text(encoding="utf-8")
        return tomllib.loads(data)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"kg/nlp/data/{name} cannot be read: {exc}") from exc


_ASCIIISH = re.compile(r"^[A-Za-z .'\-()]+$")


def _load_countries(know: Knowledge) -> None:
    import pycountry
    from countryinfo import all_countries

    seen: set[str] = set()
    population: dict[str, int] = {}
    for item in all_countries():
        try:
            info = item.info()
        except Exception:
            continue
        iso = info.get("ISO") or {}
        code = iso.get("alpha2")
        if not code or not iso.get("numeric") or code in seen:
            continue
        seen.add(code)
        if pycountry.countries.get(alpha_2=code) is None:
            continue  # a state that no longer exists ("Serbia and Montenegro" would take Belgrade)
        name = str(info.get("name") or "")
        if not name or "," in name:
            continue
        if name.startswith("The "):
            name = name[4:]
        names = {name}
        for alt in info.get("altSpellings") or []:
            alt = str(alt)
            if alt in (iso.get("alpha2"), iso.get("alpha3")) or "," in alt:
                continue
            if _ASCIIISH.match(alt) and len(alt) >= 2:
                names.add(alt)
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value and "," not in value:
                    names.add(str(value))
        capitals: list[str] = []
        capital = str(info.get("capital") or "")
        if capital:
            capitals.append(capital)
            # "Washington D.C." is also written "Washington".
            words = capital.split()
            if len(words) > 1 and "." in words[-1]:
                capitals.append(" ".join(words[:-1]))
        demonym = info.get("demonym") or None
        try:
            population[code] = int(info.get("population") or 0)
        except (TypeError, ValueError):
            population[code] = 0
        know.countries[code] = Country(
            code=code, name=name, demonym=demonym, capitals=tuple(capitals), names=tuple(sorted(names))
        )
        know.country_codes.setdefault(code, code)
        if iso.get("alpha3"):
            know.country_codes.setdefault(str(iso["alpha3"]), code)

    # "Democratic Republic of the Congo" is also written without the article, and "Saint
    # Lucia" as "St Lucia" / "St. Lucia".
    for code, country in list(know.countries.items()):
        extra = tuple(n.replace(" of the ", " of ") for n in country.names if " of the " in n)
        saints = [n[len("Saint ") :] for n in country.names if n.startswith("Saint ")]
        extra += tuple(short + rest for rest in saints for short in ("St ", "St. "))
        if extra:
            know.countries[code] = Country(
                code=code,
                name=country.name,
                demonym=country.demonym,
                capitals=country.capitals,
                names=tuple(sorted(set(country.names) | set(extra))),
            )

    # Register surface forms; an earlier (more specific) claim on a form wins, and among
    # countries sharing a form ("American", "Congolese") the most populous one.
    ordered = sorted(know.countries.values(), key=lambda c: -population.get(c.code, 0))
    for country in ordered:
        for form in country.names:
            know.country_forms.setdefault(form, (country.code, "name"))
    for country in ordered:
        if country.demonym:
            for form in _demonym_forms(country.demonym):
                know.country_forms.setdefault(form, (country.code, "demonym"))
    for country in ordered:
        for capital in country.capitals:
            know.country_forms.setdefault(capital, (country.code, "capital"))

    # A short name news use for a country, when the packages only give the long one: the last
    # word of a name that shares its stem with the demonym ("Great Britain" -> "Britain",
    # "United Arab Emirates" -> "Emirates"); never "Africa" (South African) or "Korea".
    short: dict[str, set[str]] = {}
    for country in know.countries.values():
        if not country.demonym:
            continue
        stem = _fold(country.demonym)[:_STEM_MIN]
        for form in country.names:
            words = form.split()
            if len(words) > 1 and words[0] not in ("the", "The") and _fold(words[-1]).startswith(stem):
                short.setdefault(words[-1], set()).add(country.code)
    for country in know.countries.values():
        for form in first_conjuncts(country):
            short.setdefault(form, set()).add(country.code)
    for word, codes in short.items():
        if len(codes) == 1 and word not in know.country_forms and word[:1].isupper():
            know.country_forms[word] = (next(iter(codes)), "name")

    # Stems for unlisted nationality words; ambiguous stems map to None.
    for country in know.countries.values():
        keys = {_fold(country.name)[:_STEM_MIN]}
        if country.demonym:
            keys.add(_fold(country.demonym)[:_STEM_MIN])
        for key in keys:
            if len(key) < _STEM_MIN:
                continue
            previous = know._stems.get(key, country.code)
            know._stems[key] = country.code if previous == country.code else None
    # Then the stems of the dictionary's other names ("Kampuchean", "Siamese"), where no
    # current name claimed the stem already.
    know._other_names = other_country_names(know)
    other: dict[str, str | None] = {}
    for code, folded in know._other_names.items():
        for word in folded:
            key = word[:_STEM_MIN]
            other[key] = code if other.get(key, code) == code else None
    for key, owner in other.items():
        know._stems.setdefault(key, owner)


def other_country_names(know: Knowledge) -> dict[str, tuple[str, ...]]:
    """Other one-word names of each country from the Phoenix country dictionary (historical,
    local and variant spellings: "kampuchea", "siam", "ceylon"), folded; the dictionary lists
    them before the capital, which is followed by cities and provinces."""
    from kg.nlp.dictionaries import country_actors

    found: dict[str, set[str]] = {}
    for actor in country_actors():
        code = know.country_codes.get(actor.code or "")
        if code is None or actor.roles or code not in know.countries:
            continue
        capitals = {_fold(c) for c in know.countries[code].capitals}
        for name in actor.names:
            if name in capitals:
                break
            if name.isalpha() and len(name) >= _STEM_MIN:
                found.setdefault(code, set()).add(_fold(name))
    return {code: tuple(sorted(words)) for code, words in found.items()}


def first_conjuncts(country: Country) -> list[str]:
    """The short name of a country named "A and B" that news write alone, where the demonym is
    A's: "Bosnia" (Bosnian), "Trinidad" (Trinidadian), "Antigua"; not "Saint Pierre" (French)."""
    if not country.demonym:
        return []
    stem = _fold(country.demonym)[:_STEM_MIN]
    found = []
    for name in country.names:
        first, sep, _ = name.partition(" and ")
        plain = " of " not in first and not first.startswith(("the ", "The "))
        if sep and plain and _fold(first).startswith(stem):
            found.append(first)
    return found


def _demonym_forms(demonym: str) -> list[str]:
    forms = [demonym]
    if not demonym.endswith(("ese", "ish", "ch", "ss", "s")):
        forms.append(demonym + "s")
    return forms


def load_knowledge() -> Knowledge:
    """Read the packages and data files once; the caller keeps the result."""
    know = Knowledge()
    _load_countries(know)
    actors = _read_toml("actors.toml")
    lexicon = _read_toml("lexicon.toml")

    for form, code in actors.get("country_metonyms", {}).items():
        if code in know.countries:
            know.country_forms[form] = (code, "seat")
    for word, code in actors.get("nationalities", {}).items():
        if code in know.countries:
            for form in _demonym_forms(word):
                know.country_forms.setdefault(form, (code, "demonym"))
    for name, spec in actors.get("institutions", {}).items():
        inst = Institution(name=name, country=spec.get("country"), aliases=tuple(spec.get("aliases", ())))
        for form in (name, *inst.aliases):
            know.institutions[form] = inst
    nouns = actors.get("nouns", {})
    know.proxies = frozenset(nouns.get("proxies", ()))
    know.state_bodies = frozenset(nouns.get("state_bodies", ()))
    know.bodies = frozenset(nouns.get("bodies", ())) | know.state_bodies
    know.quantities = frozenset(nouns.get("quantities", ()))
    know.peoples = frozenset(nouns.get("peoples", ()))
    know.units = frozenset(nouns.get("units", ()))
    know.place_anaphors = frozenset(nouns.get("place_anaphors", ()))
    know.pair_anaphors = frozenset(nouns.get("pair_anaphors", ()))
    know.org_anaphors = frozenset(nouns.get("org_anaphors", ()))
    know.force_anaphors = {str(k): str(v) for k, v in nouns.get("force_anaphors", {}).items()}
    know.relational = frozenset(nouns.get("relational", ()))
    know.factions = frozenset(nouns.get("factions", ()))
    know.place_heads = frozenset(nouns.get("place_heads", ()))
    know.conflict_acts = frozenset(nouns.get("conflict_acts", ()))
    know.act_agents = frozenset(nouns.get("act_agents", ()))
    know.speech_acts = frozenset(nouns.get("speech_acts", ()))
    know.faction_nouns = frozenset(nouns.get("faction_nouns", ()))
    for canonical, words in actors.get("groups", {}).items():
        for word in words:
            know.group_nouns[word.lower()] = canonical
    titles = actors.get("titles", {})
    know.titles = frozenset(t.lower() for t in titles.get("national", ()))
    know.state_titles = frozenset(t.lower() for t in titles.get("heads_of_state", ()))
    know.monarch_titles = frozenset(t.lower() for t in titles.get("monarchs", ()))
    know.monarchies = frozenset(c.upper() for c in titles.get("monarchies", ()))
    know.honorifics = frozenset(t.lower() for t in titles.get("honorifics", ()))
    for canonical, words in actors.get("events", {}).items():
        for word in words:
            know.event_nouns.setdefault(word.lower(), canonical)

    for key, spec in lexicon.get("verbs", {}).items():
        lemma = str(spec.get("lemma", key))
        try:
            rtype = RelationType(spec["type"])
            kinds = frozenset(EntityKind(k) for k in spec.get("kinds", ())) or _ACTOR_KINDS
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"kg/nlp/data/lexicon.toml: bad entry verbs.{key}: {exc}") from exc
        know.verbs.setdefault(lemma, []).append(
            VerbSense(
                lemma=lemma,
                type=rtype,
                objects=tuple(spec.get("object", ("dobj",))),
                kinds=kinds,
                needs_dobj=frozenset(spec.get("needs_dobj", ())),
                avoid_dobj=frozenset(spec.get("avoid_dobj", ())),
                needs_prep_for=frozenset(spec.get("needs_prep_for", ())),
                needs_prep=frozenset(spec.get("needs_prep", ())),
                needs_subject=frozenset(spec.get("needs_subject", ())),
                needs_xcomp=frozenset(spec.get("needs_xcomp", ())),
                confidence=float(spec.get("confidence", 0.8)),
                symmetric=bool(spec.get("symmetric", False)),
                also=bool(spec.get("also", False)),
                role=spec.get("role"),
            )
        )
    know.reciprocal = frozenset(lexicon.get("reciprocal", {}).get("words", ()))
    know.efforts = frozenset(lexicon.get("efforts", {}).get("nouns", ()))
    know.aims = frozenset(lexicon.get("aims", {}).get("verbs", ()))
    know.against_verbs = frozenset(lexicon.get("against", {}).get("verbs", ()))
    know.against_nouns = frozenset(lexicon.get("against", {}).get("nouns", ()))
    know.between = {k: RelationType(v) for k, v in lexicon.get("between", {}).items()}
    know.agreeing = frozenset(lexicon.get("agreements", {}).get("verbs", ()))
    know.agreements = frozenset(lexicon.get("agreements", {}).get("nouns", ()))
    encounters = dict(lexicon.get("encounters", {}))
    know.encounter_preps = frozenset(encounters.pop("prepositions", ()))
    try:
        know.encounters = {k: RelationType(v) for k, v in encounters.items()}
    except ValueError as exc:
        raise ConfigError(f"kg/nlp/data/lexicon.toml: bad entry in encounters: {exc}") from exc
    know.appointing = frozenset(lexicon.get("appointments", {}).get("verbs", ()))
    know.appointing_preps = frozenset(lexicon.get("appointments", {}).get("prepositions", ()))
    know.journeys = frozenset(lexicon.get("journeys", {}).get("verbs", ()))
    know.journey_preps = frozenset(lexicon.get("journeys", {}).get("prepositions", ()))
    for noun, spec in lexicon.get("nominal", {}).items():
        try:
            kinds = frozenset(EntityKind(k) for k in spec.get("kinds", ())) or _ACTOR_KINDS
            know.nominal[noun] = VerbSense(
                lemma=noun,
                type=RelationType(spec["type"]),
                objects=tuple(spec.get("object", ("of",))),
                kinds=kinds,
                confidence=float(spec.get("confidence", 0.7)),
                needs_dobj=frozenset(spec.get("needs_of", ())),
            )
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"kg/nlp/data/lexicon.toml: bad entry nominal.{noun}: {exc}") from exc
    copular = dict(lexicon.get("copular", {}))
    know.copulas = frozenset(copular.pop("verbs", ("be",)))
    know.copular = {k: RelationType(v) for k, v in copular.items()}
    demand = dict(lexicon.get("demand_nouns", {}))
    know.demand_verbs = frozenset(demand.pop("verbs", ()))
    know.demand_nouns = {k: RelationType(v) for k, v in demand.items()}
    know.reporting = frozenset(lexicon.get("reporting", {}).get("verbs", ()))
    irrealis = lexicon.get("irrealis", {})
    know.irrealis = frozenset(irrealis.get("verbs", ()))
    know.negators = frozenset(irrealis.get("negators", ()))
    return know
