"""De-facto governments: who a country's government is on a date when a movement governs it.

``kg/resolution/data/governments.toml`` lists, in the PETRARCH dated-role style
(``[AFGGOV 210815-]``), the movements that governed a country over a range of dates (the
Taliban in Afghanistan since 2021-08-15). Resolution reads it twice (pure, no I/O but the
package data):

* a document dated inside a range names that range's government when it says "the Afghan
  government": the extracted '<country> government' (an organisation of the country's GOV
  sector) gets an id of its own for the range (:func:`with_dated_governments`), so that the
  Republic's government of 2019 and the Taliban's of 2024 are not one node, and the rule
  ``de_facto_government`` of :mod:`kg.resolution.resolver` merges it into the governing actor
  (a stored decision like any other: ``kg actors split`` undoes it);
* the names a movement gives its state ("Islamic Emirate") are that movement (the comparison
  rule ``governing_names`` of :mod:`kg.resolution.compare`).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kg.errors import ConfigError
from kg.model import Entity, EntityKind, Extraction, Relation, slugify
from kg.resolution.names import fold

GOVERNMENT_SECTOR = "GOV"


@dataclass(frozen=True, slots=True)
class Governing:
    """``actor`` governed the country ``country`` (ISO alpha-2) from ``start`` to ``end``."""

    actor: str
    country: str
    start: dt.date | None
    end: dt.date | None
    names: tuple[str, ...] = ()
    code: str = ""  # as the table writes it ("AFGGOV 210815-")

    @property
    def actor_id(self) -> str:
        return slugify(self.actor)

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def span(self) -> str:
        """The range as an id's suffix: 'since-2021-08-15', '1996-09-27-to-2001-11-13'."""
        start = self.start.isoformat() if self.start else "start"
        return f"since-{start}" if self.end is None else f"{start}-to-{self.end.isoformat()}"


def petrarch_date(raw: str) -> dt.date:
    """A PETRARCH date: YYMMDD (years 00-30 are 20YY, others 19YY) or YYYYMMDD."""
    if not raw.isdigit() or len(raw) not in (6, 8):
        raise ValueError(f"not a PETRARCH date: {raw!r}")
    if len(raw) == 6:
        year = int(raw[:2])
        return dt.date(year + (2000 if year <= 30 else 1900), int(raw[2:4]), int(raw[4:6]))
    return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))


def parse_governing(actor: str, role: str, names: Sequence[str] = ()) -> Governing:
    """One dated role of the table ('AFGGOV 210815-') as a Governing; ValueError if malformed."""
    import pycountry

    code, _, span = role.strip().partition(" ")
    if len(code) != 6 or code[3:] != GOVERNMENT_SECTOR:
        raise ValueError(f"not a government role: {role!r}")
    record = pycountry.countries.get(alpha_3=code[:3])
    if record is None:
        raise ValueError(f"no country {code[:3]!r} in {role!r}")
    start, dash, end = span.strip().partition("-")
    if not dash:
        raise ValueError(f"no date range in {role!r}")
    return Governing(
        actor, record.alpha_2, petrarch_date(start) if start else None, petrarch_date(end) if end else None,
        tuple(names), role.strip(),
    )


@functools.cache
def governments() -> tuple[Governing, ...]:
    """The table of kg/resolution/data/governments.toml, read once."""
    try:
        path = resources.files("kg.resolution").joinpath("data", "governments.toml")
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
        return tuple(
            parse_governing(str(entry["actor"]), str(role), [str(n) for n in entry.get("names", ())])
            for entry in data.get("governing", ()) for role in entry["roles"]
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ConfigError(f"kg/resolution/data/governments.toml cannot be read: {exc}") from exc


def is_government(entity: Entity) -> bool:
    """Whether an extracted actor is a country's government ('Afghan government': an
    organisation of the country's GOV sector)."""
    return (entity.kind is EntityKind.ORGANIZATION and entity.sector == GOVERNMENT_SECTOR
            and entity.country is not None)


def governing_on(country: str | None, day: dt.date | None,
                 table: Iterable[Governing] | None = None) -> Governing | None:
    """The movement that governed ``country`` on ``day``, if the table names one."""
    if country is None or day is None:
        return None
    found = [g for g in (governments() if table is None else table) if g.country == country and g.covers(day)]
    return found[0] if len(found) == 1 else None


def with_dated_governments(extraction: Extraction, table: Iterable[Governing] | None = None) -> Extraction:
    """The extraction with each '<country> government' of a document dated inside a de-facto
    government's range under that range's id ('afghanistan-government-since-2021-08-15');
    unchanged when there is none."""
    rows = tuple(governments() if table is None else table)
    day = extraction.document.published
    renamed: dict[str, str] = {}
    for entity in extraction.entities:
        governing = governing_on(entity.country, day, rows) if is_government(entity) else None
        if governing is not None and not entity.id.endswith("-" + governing.span):
            renamed[entity.id] = f"{entity.id}-{governing.span}"
    if not renamed:
        return extraction
    entities = tuple(entity.model_copy(update={"id": renamed.get(entity.id, entity.id)})
                     for entity in extraction.entities)
    relations = tuple(_renamed(relation, renamed) for relation in extraction.relations)
    return extraction.model_copy(update={"entities": entities, "relations": relations})


def _renamed(relation: Relation, renamed: dict[str, str]) -> Relation:
    update: dict[str, Any] = {
        "subject": renamed.get(relation.subject, relation.subject),
        "object": renamed.get(relation.object, relation.object),
    }
    if relation.attributed_to is not None:
        update["attributed_to"] = renamed.get(relation.attributed_to, relation.attributed_to)
    return relation.model_copy(update=update)


def governed_by(extractions: Iterable[Extraction],
                table: Iterable[Governing] | None = None) -> dict[str, str]:
    """Each dated government id of ``extractions`` (see :func:`with_dated_governments`) -> the
    id of the movement that governed then."""
    rows = tuple(governments() if table is None else table)
    found: dict[str, str] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            governing = governing_on(entity.country, extraction.document.published, rows) \
                if is_government(entity) else None
            if governing is not None and entity.id.endswith("-" + governing.span):
                found[entity.id] = governing.actor_id
    return found


def governing_names(table: Iterable[Governing] | None = None) -> dict[str, frozenset[str]]:
    """Each governing actor's name (folded) -> the names (folded) it gives its state."""
    found: dict[str, set[str]] = {}
    for governing in governments() if table is None else table:
        found.setdefault(fold(governing.actor), set()).update(fold(name) for name in governing.names)
    return {actor: frozenset(names) for actor, names in found.items()}
