"""Which new actors are stored actors (or each other): the plan of one ingest batch.

:func:`plan` takes the batch's new actors (ids not stored yet), the stored actors the
full-text index offered as candidates for each, the stored decisions about them, and who held
which roles when; it returns the merges to make (each with its score and rule) and the pairs
to keep as candidates for a person to review. Pure: no I/O, deterministic for its input.

The rules, in order:

1. a stored positive decision (a person's, or an earlier automatic one) between a new id and
   another actor is followed, whatever the score;
2. a title with a country ("the Armenian prime minister", see :class:`RoleReference`) is the
   one person who held that role on the claim's date, when exactly one did; a country's
   government named in a document dated while a movement governed it is that movement
   (``de_facto_government``, see :mod:`kg.resolution.governments`); a generic word of one
   article ("the alliance") is the one organisation of that kind the article names
   (``one_of_kind_in_document``);
3. otherwise every candidate is scored by :func:`kg.resolution.compare.compare`; the new actor
   is merged into the best one only when exactly one candidate reaches ``candidate_threshold``
   (or, of several, exactly one is named in a document that names the new actor too) and it
   reaches ``auto_threshold``; several (or a weaker one) become candidates;
4. a stored negative decision between two actors (any id of either) rules the pair out.

Stored actors the batch names again are compared too (what the batch says of them may make
them match another stored actor now). Actors are taken fullest name first, so that in a batch
'Vladimir Putin' is there before 'Putin' comes to be compared; a stored actor is kept over a new
one (the new id is merged into it: a stored hub is never moved), and between two new ones, or
two stored ones, the fuller name is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.model import EntityKind, is_document_scoped
from kg.resolution.compare import ActorRecord, compare, shares_document
from kg.resolution.governments import governing_names
from kg.resolution.names import metaphone, name_words

AUTOMATIC = "kg-resolver"
"""Who decided, for decisions the resolver makes."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """A stored decision between two ids: ``same`` True (one actor), False (different)."""

    left: str
    right: str
    same: bool
    decided_by: str
    id: str


@dataclass(frozen=True, slots=True)
class RoleReference:
    """A new actor named only by a role ('the Armenian prime minister'): ``role`` (folded title)
    of the actor ``of`` on ``date``."""

    id: str
    role: str
    of: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Tenure:
    """``holder`` held ``role`` of ``of`` from ``start`` to ``end`` (None: open)."""

    holder: str
    role: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class Merge:
    """Merge ``merged`` into ``into`` (both ids; ``into`` is kept)."""

    merged: str
    into: str
    score: float
    rule: str
    decided_by: str = AUTOMATIC
    decision_id: str | None = None  # set when a stored decision is followed


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair worth a person's look: ``left`` (new) may be ``right``."""

    left: str
    right: str
    score: float
    rule: str


@dataclass(slots=True)
class Plan:
    merges: list[Merge] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def id_map(self) -> dict[str, str]:
        """Every merged id -> the id it ends up in (following merges into merged ids)."""
        direct = {merge.merged: merge.into for merge in self.merges}
        resolved: dict[str, str] = {}
        for merged in direct:
            target = direct[merged]
            seen = {merged}
            while target in direct and target not in seen:
                seen.add(target)
                target = direct[target]
            resolved[merged] = target
        return resolved


@dataclass(frozen=True, slots=True)
class Thresholds:
    auto: float = 0.85
    candidate: float = 0.6


def plan(
    new: Sequence[ActorRecord],
    stored_candidates: Mapping[str, Sequence[ActorRecord]],
    judgements: Iterable[Judgement] = (),
    *,
    roles: Sequence[RoleReference] = (),
    tenures: Sequence[Tenure] = (),
    roots: Mapping[str, str] | None = None,
    governments: Mapping[str, str] | None = None,
    named_in: Mapping[str, Sequence[ActorRecord]] | None = None,
    thresholds: Thresholds = Thresholds(),
    matching: bool = True,
) -> Plan:
    """The merges and candidates for ``new`` actors (see the module docstring).

    ``stored_candidates`` maps a new actor's id to the stored actors offered for it (each with
    ``ids``: its own id and the ids merged into it); ``judgements`` are the stored decisions
    that involve any of these ids, and ``roots`` the live actor each of the other ids they
    name is now; ``roles`` says which new actors are role references, and ``tenures`` who held
    those roles when; ``governments`` maps a new dated government id to the live id of the
    movement that governed then; ``named_in`` maps a document of the batch to the actors it
    names (live ids: stored or new), for the generic words of one article. With ``matching``
    False only the stored decisions are followed (rule 1).
    """
    result = Plan()
    judged = list(judgements)
    negative = _negative_pairs(judged)
    stored_by_id: dict[str, ActorRecord] = {}
    for records in stored_candidates.values():
        for record in records:
            for identifier in record.all_ids:
                stored_by_id[identifier] = record
    # The actors of this batch so far: canonical id -> (record, every id merged into it).
    pool = _Pool()
    role_ids = {reference.id for reference in roles}
    merged: set[str] = set()

    def merge(record: ActorRecord, into: str, score: float, rule: str,
              decided_by: str = AUTOMATIC, decision_id: str | None = None) -> None:
        result.merges.append(Merge(record.id, into, score, rule, decided_by, decision_id))
        merged.add(record.id)
        pool.absorb(into, record.id)

    ordered = sorted(new, key=_fullness)
    # 1. Stored positive decisions.
    by_id = {record.id: record for record in ordered if not record.stored}
    for judgement in sorted(judged, key=lambda j: (j.decided_by == AUTOMATIC, j.id)):
        if not judgement.same:
            continue
        # The decision kept `left`: merge `right` into it, or else `left` into what `right` is.
        for mine, other in ((judgement.right, judgement.left), (judgement.left, judgement.right)):
            own = by_id.get(mine)
            if own is None or mine in merged:
                continue
            target = stored_by_id.get(other)
            if target is not None:
                into: str | None = target.id
            elif other in by_id:
                into = other if other not in merged else None
            else:
                into = (roots or {}).get(other)
            if into is not None and into != mine:
                merge(own, into, 1.0, "decision", judgement.decided_by, judgement.id)
    if not matching:
        return result
    # 2. Role references.
    for reference in roles:
        referring = by_id.get(reference.id)
        if referring is None or reference.id in merged or reference.date is None:
            continue
        holders = {t.holder for t in tenures
                   if t.role == reference.role and t.of == reference.of and t.covers(reference.date)}
        holders = {h for h in holders if not _blocked(negative, {reference.id}, _ids_of(h, stored_by_id))}
        if len(holders) == 1:
            merge(referring, holders.pop(), 0.9, "role_holder")
    for identifier, governing in sorted((governments or {}).items()):
        if de_facto_government(identifier, governing, by_id, merged, negative, stored_by_id):
            merge(by_id[identifier], governing, 0.9, "de_facto_government")
    for record in ordered:
        if record.stored or record.id in merged or not is_document_scoped(record.id):
            continue
        named = one_of_kind_in_document(record, named_in or {})
        if named is not None and not _blocked(negative, {record.id}, _ids_of(named, stored_by_id)):
            merge(record, named, 0.9, "one_of_kind_in_document")
    # 3. Scores (what belongs to one document is never matched by name: "protesters").
    for record in ordered:
        if record.id in merged or record.id in role_ids or is_document_scoped(record.id):
            continue
        offered = [candidate for candidate in (*stored_candidates.get(record.id, ()), *pool.near(record))
                   if not is_document_scoped(candidate.id) and candidate.id not in merged]
        scored: dict[str, tuple[float, str]] = {}
        found: dict[str, ActorRecord] = {}
        for candidate in offered:
            if candidate.id == record.id or candidate.id in scored:
                continue
            if _blocked(negative, pool.ids(record), pool.ids(candidate)):
                continue
            comparison = compare(record, candidate)
            if comparison.score >= thresholds.candidate and comparison.rule is not None:
                scored[candidate.id] = (comparison.score, comparison.rule)
                found[candidate.id] = candidate
        fitting = [(score, rule, identifier) for identifier, (score, rule) in scored.items()]
        chosen = _the_one(fitting, record, found, thresholds)
        if chosen is not None:
            score, rule, identifier = chosen
            candidate = found[identifier]
            if record.stored and (not candidate.stored or _fullness(record) < _fullness(candidate)):
                merge(candidate, record.id, score, rule)  # a stored actor is kept over a new one
                pool.add(record)
            else:
                merge(record, identifier, score, rule)
            continue
        for score, rule, identifier in sorted(fitting, reverse=True):
            result.candidates.append(Candidate(record.id, identifier, score, rule))
        pool.add(record)
    return result


def de_facto_government(
    identifier: str, governing: str, by_id: Mapping[str, ActorRecord], merged: set[str],
    negative: set[frozenset[str]], stored_by_id: Mapping[str, ActorRecord],
) -> bool:
    """Whether the new dated government ``identifier`` is merged into the movement ``governing``
    that governed then: it is new, not merged yet, and no stored decision says otherwise."""
    return (identifier in by_id and identifier not in merged and identifier != governing
            and not _blocked(negative, {identifier}, _ids_of(governing, stored_by_id)))


def one_of_kind_in_document(
    record: ActorRecord, named_in: Mapping[str, Sequence[ActorRecord]]
) -> str | None:
    """The one organisation of the kind a generic word names ('the alliance': NATO; names.toml
    ``generic_references``) that the word's own article names, when there is exactly one."""
    names = name_words().generic_references
    words_ = [form.folded.removeprefix("the ") for form in record.forms]
    kinds = [names[word] for word in words_ if word in names]
    if not kinds or len(record.documents) != 1:
        return None
    document = next(iter(record.documents))
    found = {actor.id for actor in named_in.get(document, ())
             if not is_document_scoped(actor.id) and actor.kind in _ORGANISATIONS
             and any(form.folded in kind for form in actor.forms for kind in kinds)}
    return found.pop() if len(found) == 1 else None


_ORGANISATIONS = frozenset({EntityKind.ORGANIZATION, EntityKind.GROUP})


def _the_one(
    fitting: Sequence[tuple[float, str, str]], record: ActorRecord, found: Mapping[str, ActorRecord],
    thresholds: Thresholds,
) -> tuple[float, str, str] | None:
    """The candidate to merge with: the only one that fits, or else the only one named in a
    document that names ``record`` too (within an article a name is the article's actor:
    'Kim' beside 'Kim Jong-un' there, whoever else is called Kim), when it reaches ``auto``."""
    if len(fitting) > 1:
        fitting = [fit for fit in fitting if shares_document(record, found[fit[2]])]
    if len(fitting) == 1 and fitting[0][0] >= thresholds.auto:
        return fitting[0]
    return None


def _fullness(record: ActorRecord) -> tuple[int, int, int, str]:
    """Sort key: a governing movement's own name first (it is kept over the names of its state,
    'Taliban' over 'Islamic Emirate'), then most words, longest name, id (deterministic)."""
    full = record.full
    movement = any(form.folded in governing_names() for form in record.forms)
    return (0 if movement else 1, -(len(full.words) if full else 1), -len(record.name), record.id)


def _negative_pairs(judgements: Sequence[Judgement]) -> set[frozenset[str]]:
    return {frozenset((j.left, j.right)) for j in judgements if not j.same}


def _blocked(negative: set[frozenset[str]], mine: set[str], theirs: Iterable[str]) -> bool:
    return any(frozenset((a, b)) in negative for a in mine for b in theirs)


def _ids_of(identifier: str, stored_by_id: Mapping[str, ActorRecord]) -> tuple[str, ...]:
    record = stored_by_id.get(identifier)
    return record.all_ids if record is not None else (identifier,)


class _Pool:
    """The batch's own actors that stayed themselves, found by the words of their names."""

    def __init__(self) -> None:
        self._records: dict[str, ActorRecord] = {}
        self._absorbed: dict[str, set[str]] = {}
        self._index: dict[str, set[str]] = {}

    def add(self, record: ActorRecord) -> None:
        self._records[record.id] = record
        for key in _block_keys(record):
            self._index.setdefault(key, set()).add(record.id)

    def absorb(self, into: str, merged: str) -> None:
        self._absorbed.setdefault(into, set()).add(merged)

    def ids(self, record: ActorRecord) -> set[str]:
        return {*record.all_ids, *self._absorbed.get(record.id, ())}

    def near(self, record: ActorRecord) -> list[ActorRecord]:
        found: set[str] = set()
        for key in _block_keys(record):
            found.update(self._index.get(key, ()))
        found.discard(record.id)
        return [self._records[identifier] for identifier in sorted(found)]


def _block_keys(record: ActorRecord) -> set[str]:
    """Keys two actors must share to be compared: their words, the sound of their words, an
    acronym, the initials of a multi-word name, and the country and sector of an agent."""
    connectors = name_words().connectors
    keys: set[str] = set()
    for form in record.forms:
        if form.acronym is not None:
            keys.add("acronym:" + form.acronym)
        significant = [word for word in form.words if word not in connectors]
        if len(significant) > 1:
            keys.add("acronym:" + "".join(word[0] for word in significant))
            keys.add("acronym:" + "".join(word[0] for word in form.words))
        for word in significant:
            keys.add("word:" + word)
            if len(word) >= 4 and not word.isdigit():
                keys.add("sound:" + metaphone(word))
    if record.country is not None and record.sector is not None:
        keys.add(f"agent:{record.country}:{record.sector}")
    keys.update(f"governing:{actor}" for actor in governing_keys(record))
    return keys


def governing_keys(record: ActorRecord) -> set[str]:
    """The governing movements (governments.toml) a record is named as, or by a name of their
    state: 'Islamic Emirate' and 'Taliban' share no word but must be compared."""
    folded = {form.folded for form in record.forms}
    return {actor for actor, names in governing_names().items() if actor in folded or folded & names}
