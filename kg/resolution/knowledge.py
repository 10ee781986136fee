"""What the field's public dictionaries know about actors: their name forms and dated roles.

The Phoenix actor dictionaries (converted by :mod:`kg.nlp.dictionaries`) list, for thousands of
office holders and organisations, every form of their name ('vladimir putin', 'putin',
'president putin', ...) and their dated roles ('[RUSGOV 991231-080507]'). Resolution uses them
as knowledge: two names that are forms of one dictionary actor are one actor, two names of two
different dictionary actors are not (the rules ``same_known_actor`` and
``different_known_actors`` of :mod:`kg.resolution.compare`); and an actor known to the
dictionary gets its dated roles as HOLDS_ROLE claims (:mod:`kg.graph.resolution`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.resolution.names import fold, name_words


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A role of a known actor: ``role`` of the actor with id ``of``, from ``since`` to ``until``."""

    role: str
    of: str
    of_name: str
    since: dt.date | None
    until: dt.date | None
    code: str  # as the dictionary writes it ("RUSGOV")


@dataclass(frozen=True, slots=True)
class KnownActor:
    key: str  # the dictionary's primary name form ("vladimir putin")
    source: str  # the dictionary file
    roles: tuple[DatedRole, ...] = ()
    # The countries (ISO alpha-2) its codes place it in ("TALIBAN_ [AFGREB]": AF).
    countries: frozenset[str] = frozenset()


class ActorKnowledge:
    """Name forms -> the dictionary actors they name; only forms that name exactly one count."""

    def __init__(self, actors: Iterable[tuple[tuple[str, ...], KnownActor]]) -> None:
        named: dict[str, set[str]] = {}
        self._actors: dict[str, KnownActor] = {}
        twice: set[str] = set()  # primary names of two entries: which one a form means is unknown
        for names, actor in actors:
            key = actor.key
            if key in self._actors:
                twice.add(key)
            self._actors[key] = actor
            for name in names:
                named.setdefault(fold(name), set()).add(key)
        for key in twice:
            del self._actors[key]
        self._unique = {form: key for form, keys in named.items()
                        if len(keys) == 1 and (key := next(iter(keys))) not in twice}

    def known_as(self, names: Iterable[str]) -> frozenset[str]:
        """The dictionary actors that some of ``names`` (an actor's name and aliases) name alone."""
        return frozenset(key for name in names if (key := self._unique.get(fold(name))) is not None)

    def actor(self, key: str) -> KnownActor | None:
        return self._actors.get(key)

    def countries_of(self, keys: Iterable[str]) -> frozenset[str]:
        """The countries the dictionary actors ``keys`` are of (ISO alpha-2)."""
        return frozenset(code for key in keys if (actor := self._actors.get(key)) is not None
                         for code in actor.countries)


def home_countries(
    names: Iterable[str], keys: Iterable[str], knowledge: ActorKnowledge | None
) -> frozenset[str]:
    """The countries an actor named ``names`` (known to the dictionaries as ``keys``) is of:
    its dictionary codes' countries and the countries the de-facto governments table says it
    governed ('Taliban': AF)."""
    from kg.resolution.governments import governments

    folded = {fold(name) for name in names}
    governed = {g.country for g in governments() if fold(g.actor) in folded}
    return frozenset(governed) | (knowledge.countries_of(keys) if knowledge is not None else frozenset())


def sector_role(code: str) -> str | None:
    """The role a Phoenix code's sectors name: 'RUSGOV' -> 'government', 'AZEGOVMED' ->
    'government media'; None when a sector is unknown or there is none."""
    sectors = name_words().sectors
    parts = [code[index : index + 3] for index in range(3, len(code), 3)]
    words = [sectors.get(part) for part in parts]
    if not words or any(word is None for word in words):
        return None
    return " ".join(word for word in words if word)


def known_actors(
    entries: Iterable[tuple[tuple[str, ...], Iterable[tuple[str, dt.date | None, dt.date | None]]]],
    source: str,
    office_of: Callable[[str], tuple[str, str] | None],
) -> list[tuple[tuple[str, ...], KnownActor]]:
    """Dictionary entries (name forms, dated role codes) as KnownActors; ``office_of`` gives the
    actor id and name of a code's 3-letter country (None: the role is left out)."""
    made = []
    for names, roles in entries:
        if not names:
            continue
        dated = []
        for code, since, until in roles:
            role, office = sector_role(code), office_of(code[:3])
            if role is not None and office is not None:
                dated.append(DatedRole(role, office[0], office[1], since, until, code))
        made.append((names, KnownActor(names[0], source, tuple(dated))))
    return made


@functools.cache
def dictionary_knowledge() -> ActorKnowledge:
    """The knowledge of kg's converted Phoenix dictionaries (country, international and
    non-state actors), read once; roles are of the countries kg's extractor names."""
    import pycountry

    from kg.model import slugify
    from kg.nlp.dictionaries import country_actors, international_actors, nonstate_actors
    from kg.nlp.knowledge import load_knowledge

    countries = load_knowledge().countries

    @functools.cache
    def office_of(alpha_3: str) -> tuple[str, str] | None:
        record = pycountry.countries.get(alpha_3=alpha_3)
        country = countries.get(record.alpha_2) if record is not None else None
        return (slugify(country.name), country.name) if country is not None else None

    @functools.cache
    def country_of(code: str | None) -> str | None:
        record = pycountry.countries.get(alpha_3=code[:3]) if code and len(code) >= 3 else None
        return record.alpha_2 if record is not None else None

    entries: list[tuple[tuple[str, ...], KnownActor]] = []
    for loader, source in ((country_actors, "Phoenix.Countries.actors.txt"),
                           (international_actors, "Phoenix.International.actors.txt"),
                           (nonstate_actors, "Phoenix.MilNonState.actors.txt")):
        actors = loader()
        made = known_actors(
            ((actor.names, ((r.code, r.start, r.end) for r in actor.roles)) for actor in actors),
            source, office_of,
        )
        placed = iter(actor for actor in actors if actor.names)
        for names, known in made:
            actor = next(placed)
            codes = (actor.code, *(role.code for role in actor.roles))
            placed_in = frozenset(c for code in codes if (c := country_of(code)) is not None)
            entries.append((names, dataclasses.replace(known, countries=placed_in)))
    return ActorKnowledge(entries)
