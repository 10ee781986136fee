"""Who held which role when: tenures from dated claims and dated dictionary roles (pure).

Two kinds of evidence say that an actor held a role (a title, folded: 'prime minister') of
another actor (a country, an organisation):

* claims, each seen on a date (its own date, else its document's publication date): the holder
  held the role from the first date they give; until the day before someone else is first seen
  in the role after the holder's last date, or, when no one is, still (open end);
* dated roles (a dictionary's ``[RUSGOV 991231-080507]``, a curated claim's since/until): held
  over exactly that interval (an open end stays open).

Used by ingestion (a title with a country is the person who held that role on the claim's date)
and by the API (``roles(asOf:)``, ``actors(role:, of:, asOf:)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.resolution.names import fold
from kg.resolution.resolver import Tenure


@dataclass(frozen=True, slots=True)
class RoleEvidence:
    """What the claims about one (holder, role, of) say: the role as written, the first and last
    dates claims give, and the dated intervals."""

    holder: str
    role: str
    of: str
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    intervals: tuple[tuple[dt.date | None, dt.date | None], ...] = ()

    @property
    def key(self) -> str:
        """The role, folded: how roles are compared ('Prime Minister' -> 'prime minister')."""
        return fold(self.role)


def role_key(role: str) -> str:
    """How a role title is compared: folded ('Secretary-General' -> 'secretary general')."""
    return fold(role)


def tenures(evidence: Iterable[RoleEvidence]) -> list[Tenure]:
    """The tenures the evidence gives (see the module docstring); roles folded."""
    found: list[Tenure] = []
    spans: dict[tuple[str, str], list[RoleEvidence]] = {}
    for item in evidence:
        for since, until in item.intervals:
            found.append(Tenure(item.holder, item.key, item.of, since, until))
        if item.first_seen is not None and item.last_seen is not None:
            spans.setdefault((item.key, item.of), []).append(item)
    for (role, of), held in spans.items():
        # One holder's claims under several spellings ('President', 'president') are one span.
        seen: dict[str, tuple[dt.date, dt.date]] = {}
        for item in held:
            assert item.first_seen is not None and item.last_seen is not None
            first, last = seen.get(item.holder, (item.first_seen, item.last_seen))
            seen[item.holder] = (min(first, item.first_seen), max(last, item.last_seen))
        for holder, (first, last) in seen.items():
            later = [start for other, (start, _) in seen.items() if other != holder and start > last]
            end = min(later) - dt.timedelta(days=1) if later else None
            found.append(Tenure(holder, role, of, first, end))
    return found


def held_on(found: Iterable[Tenure], day: dt.date | None) -> list[Tenure]:
    """The tenures that cover ``day`` (all of them when ``day`` is None)."""
    return [tenure for tenure in found if day is None or tenure.covers(day)]


def role_evidence(rows: Iterable[Mapping[str, Any]]) -> list[RoleEvidence]:
    """RoleEvidence from rows with holder, role, of, first_seen, last_seen and intervals (lists
    of [since, until]); dates as Neo4j or Python dates."""
    return [
        RoleEvidence(
            holder=row["holder"], role=row["role"], of=row["of"],
            first_seen=_day(row.get("first_seen")), last_seen=_day(row.get("last_seen")),
            intervals=tuple((_day(since), _day(until)) for since, until in row.get("intervals") or ()),
        )
        for row in rows
    ]


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    native = value.to_native()
    return native if isinstance(native, dt.date) else None


def titles(evidence: Sequence[RoleEvidence], held: Iterable[Tenure]) -> list[str]:
    """The role titles as written (the most common spelling) of the ``held`` tenures."""
    keys = {tenure.role for tenure in held}
    spelled: dict[str, list[str]] = {}
    for item in evidence:
        if item.key in keys:
            spelled.setdefault(item.key, []).append(item.role)
    return sorted(max(sorted(spellings), key=spellings.count) for spellings in spelled.values())
