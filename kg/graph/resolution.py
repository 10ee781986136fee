"""Actor resolution in the graph: merged ids, merges and splits, the decision log.

The model (nomenklatura's resolver, kept in Neo4j; the Cypher is in :mod:`kg.graph.queries`,
section "resolution"):

* a merge of actor B into actor A moves B's claims and mentions to A, remembering on each the
  id the source used (``Claim.subject_ref``/``object_ref``/``attributed_to_ref``,
  ``MENTIONS.ref``), and turns B into a ``(:MergedEntity)-[:MERGED_INTO]->(A)`` node with its
  properties as they were: ``B``'s id keeps finding A, and documents that name B later are
  written to A directly;
* every judgement is a ``(:Decision)``: who or what decided (``decided_by``: a person, or
  ``kg-resolver``), when, the score and the rule; ``same`` (a merge), ``not_same`` (never merge
  these), ``candidate`` (a pair for review);
* a split gives B back exactly what carries its ids (and those merged into it), makes B an
  entity again and recomputes both sides: the graph is what it was before the merge. The merge
  decision stays in the log, undone, and a ``not_same`` decision by whoever split it keeps the
  resolver from merging the two again.

:func:`resolve_batch_in` runs inside ingestion's write transaction: it reads what the batch's
actors are (stored, merged, new), the stored candidates for the new ones (full-text index over
folded names) and the decisions about them, and asks :func:`kg.resolution.resolver.plan`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from kg.errors import Conflict, InvalidInput, NotFound
from kg.graph import queries as q
from kg.graph.repository import DatabaseWriter, neo4j_errors, recompute_derived
from kg.model import Entity, EntityKind, Extraction, RelationType, is_document_scoped
from kg.resolution.compare import ActorRecord, whole_force
from kg.resolution.governments import governed_by, governing_names
from kg.resolution.knowledge import ActorKnowledge, home_countries
from kg.resolution.names import fold, name_words, words
from kg.resolution.resolver import (
    AUTOMATIC,
    Candidate,
    Judgement,
    Merge,
    Plan,
    RoleReference,
    Tenure,
    Thresholds,
    governing_keys,
    plan,
)
from kg.resolution.roles import RoleEvidence, role_evidence
from kg.resolution.roles import tenures as role_tenures

ENTITY_LABELS: list[str] = ["Entity", "Actor", *(kind.label for kind in EntityKind)]


@dataclass(frozen=True, slots=True)
class ResolutionPolicy:
    """How ingestion resolves: ``enabled`` False only follows ids merged before and stored
    decisions (no automatic matching)."""

    enabled: bool = True
    thresholds: Thresholds = field(default_factory=Thresholds)
    candidate_limit: int = 20
    # The dictionaries' knowledge (name forms, dated roles), read on first use; None: unused.
    knowledge: Callable[[], ActorKnowledge] | None = None


@dataclass(slots=True)
class BatchResolution:
    """What a batch's actors are: ``id_map`` sends ids merged earlier to their actor (written
    there directly); ``plan`` holds the new merges and candidates."""

    id_map: dict[str, str] = field(default_factory=dict)
    plan: Plan = field(default_factory=Plan)
    # Batch actor id -> the dictionary actors its names are forms of (with knowledge only).
    known: dict[str, frozenset[str]] = field(default_factory=dict)
    knowledge: ActorKnowledge | None = None

    def final_id(self, identifier: str) -> str:
        """The actor ``identifier`` (as the batch wrote it) is after this batch."""
        mapped = self.id_map.get(identifier, identifier)
        return self.plan.id_map().get(mapped, mapped)


# --- reading what the batch's actors are ------------------------------------------------------


def _batch_actors(extractions: Sequence[Extraction]) -> dict[str, Entity]:
    """The batch's actors by id, with every name and alias the batch gives them."""
    actors: dict[str, Entity] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            if not entity.kind.is_actor:
                continue
            known = actors.get(entity.id)
            if known is None:
                actors[entity.id] = entity
                continue
            extra = {entity.name, *entity.aliases} - {known.name}
            aliases = tuple(sorted({*known.aliases, *extra}))
            actors[entity.id] = known.model_copy(update={"aliases": aliases})
    return actors


def _batch_documents(extractions: Sequence[Extraction]) -> dict[str, frozenset[str]]:
    """The documents of the batch that name each actor id."""
    found: dict[str, set[str]] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            if entity.kind.is_actor:
                found.setdefault(entity.id, set()).add(extraction.document.id)
    return {identifier: frozenset(documents) for identifier, documents in found.items()}


def role_references(extractions: Sequence[Extraction]) -> list[RoleReference]:
    """Actors named only by a role and its country or organisation ('the Armenian prime
    minister'): a PERSON whose HOLDS_ROLE relation in the same document has a role title that,
    with the words of the holder-of's name and aliases left out, is the whole name."""
    found: dict[str, RoleReference] = {}
    connectors = name_words().connectors
    for extraction in extractions:
        entities = {entity.id: entity for entity in extraction.entities}
        for relation in extraction.relations:
            if relation.type is not RelationType.HOLDS_ROLE or not relation.role or relation.negated:
                continue
            holder, office = entities.get(relation.subject), entities.get(relation.object)
            if holder is None or office is None or holder.kind is not EntityKind.PERSON:
                continue
            office_words = {w for text in (office.name, *office.aliases) for w in words(text)}
            left = [w for w in words(holder.name) if w not in office_words and w not in connectors]
            role = fold(relation.role)
            if left and " ".join(left) == role:
                date = relation.date or extraction.document.published
                found[holder.id] = RoleReference(holder.id, role, office.id, date)
    return list(found.values())


def _batch_role_evidence(extractions: Sequence[Extraction], skip: set[str]) -> list[RoleEvidence]:
    """What the batch itself says about who holds which role when (each claim on its date)."""
    found = []
    for extraction in extractions:
        for relation in extraction.relations:
            if relation.type is not RelationType.HOLDS_ROLE or not relation.role or relation.negated:
                continue
            date = relation.date or extraction.document.published
            if relation.subject not in skip and date is not None:
                found.append(RoleEvidence(relation.subject, relation.role, relation.object, date, date))
    return found


def candidate_query(record: ActorRecord, *, thorough: bool = True) -> str | None:
    """The Lucene query that finds stored actors that may be ``record``: any of its words
    (folded), a multi-word name's initials, and when ``thorough`` (a new actor: fuzzy and prefix
    terms cost several times a plain one) words of 5+ letters one edit away and an acronym's
    letters as word starts ('CSTO' -> c* AND s* AND t* AND o*)."""
    connectors = name_words().connectors
    terms: list[str] = []
    for form in record.forms:
        if form.acronym is not None:
            terms.append(form.acronym)
            if thorough:
                terms.append("(" + " AND ".join(f"{letter}*" for letter in form.acronym) + ")")
            continue
        significant = [word for word in form.words if word not in connectors]
        for word in significant:
            terms.append(word)
            if thorough and len(word) >= 5 and not word.isdigit():
                terms.append(f"{word}~1")
        if len(significant) > 1:
            terms.append("".join(word[0] for word in significant))
    # A movement and the names of its state share no word ('Taliban', 'Islamic Emirate').
    for actor in governing_keys(record):
        terms += [actor, *(f'"{name}"' for name in sorted(governing_names()[actor]))]
    unique = list(dict.fromkeys(term for term in terms if term))
    return " OR ".join(unique) if unique else None


def _record(row: Mapping[str, Any], knowledge: ActorKnowledge | None,
            documents: Mapping[str, frozenset[str]] | None = None) -> ActorRecord:
    aliases = tuple(row.get("aliases") or ())
    name = row["name"] or row["id"]
    ids = (row["id"], *(row.get("merged_from") or ()))
    known = knowledge.known_as((name, *aliases)) if knowledge is not None else frozenset()
    return ActorRecord(
        id=row["id"],
        name=name,
        kind=EntityKind(row["kind"]),
        aliases=aliases,
        stored=True,
        ids=ids,
        known_as=known,
        documents=frozenset().union(*(documents.get(i, ()) for i in ids)) if documents else frozenset(),
        country=row.get("country"),
        sector=row.get("sector"),
        home=home_countries((name, *aliases), known, knowledge),
    )


async def resolve_batch_in(
    tx: AsyncManagedTransaction, extractions: Sequence[Extraction], policy: ResolutionPolicy
) -> BatchResolution:
    """What the batch's actors are and the plan for the new ones (see the module docstring)."""
    actors = _batch_actors(extractions)
    if not actors:
        return BatchResolution()
    resolution = BatchResolution()
    knowledge = policy.knowledge() if policy.knowledge is not None and policy.enabled else None
    if knowledge is not None:
        resolution.knowledge = knowledge
        resolution.known = {
            identifier: keys for identifier, entity in actors.items()
            if (keys := knowledge.known_as((entity.name, *entity.aliases)))
        }
    documents = _batch_documents(extractions)
    new: list[Entity] = []
    # Stored actors the batch says something new of (a name, a kind): that may make them match
    # another stored actor now ('Koury' once, 'Stephanie Koury, the envoy' later).
    live: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # ids, stored names
    async for record in await tx.run(q.RESOLUTION_IDS, ids=sorted(actors)):
        if record["live"]:
            if says_something_new(actors[record["id"]], record):
                live[record["id"]] = ((record["id"], *record["merged_from"]),
                                      (record["name"] or record["id"], *record["aliases"]))
        elif record["root"] is not None:
            resolution.id_map[record["id"]] = record["root"]
        else:
            new.append(actors[record["id"]])
    if not new and not (live and policy.enabled):
        return resolution
    # The documents naming each actor, by the id it is stored under ('Kim' beside a stored
    # 'Kim Jong-un' the same article names again).
    for used, root in resolution.id_map.items():
        documents[root] = documents.get(root, frozenset()) | documents.get(used, frozenset())
    records = {
        entity.id: ActorRecord(
            entity.id, entity.name, entity.kind, entity.aliases,
            known_as=resolution.known.get(entity.id, frozenset()),
            documents=documents.get(entity.id, frozenset()),
            country=entity.country, sector=entity.sector,
            home=home_countries((entity.name, *entity.aliases), resolution.known.get(entity.id, ()),
                                knowledge),
        )
        for entity in new
    }
    if policy.enabled:
        records |= {
            identifier: ActorRecord(
                identifier, actors[identifier].name, actors[identifier].kind,
                tuple(dict.fromkeys((*actors[identifier].aliases, *names))),
                stored=True, ids=ids, known_as=resolution.known.get(identifier, frozenset()),
                documents=documents.get(identifier, frozenset()),
                country=actors[identifier].country, sector=actors[identifier].sector,
                home=home_countries((actors[identifier].name, *actors[identifier].aliases, *names),
                                    resolution.known.get(identifier, ()), knowledge),
            )
            for identifier, (ids, names) in live.items()
        }
    offered = await _offered_in(tx, records.values(), policy, knowledge, documents) if policy.enabled else {}
    judgements = await _judgements_in(tx, records.values(), offered)
    named = {i for j in judgements if j.same for i in (j.left, j.right)} - {e.id for e in new}
    roots: dict[str, str] = {}
    if named:
        async for record in await tx.run(q.RESOLUTION_IDS, ids=sorted(named)):
            if record["live"] or record["root"] is not None:
                roots[record["id"]] = record["id"] if record["live"] else record["root"]
    if not policy.enabled:
        resolution.plan = plan(list(records.values()), {}, judgements, roots=roots, matching=False)
        return resolution
    new_ids = {entity.id for entity in new}
    roles = [reference for reference in role_references(extractions) if reference.id in new_ids]
    tenures: list[Tenure] = []
    if roles:
        offices = sorted({resolution.id_map.get(reference.of, reference.of) for reference in roles})
        evidence = role_evidence([
            r.data() async for r in await tx.run(
                q.ROLE_CLAIMS_OF_OFFICES, ofs=offices, holds_role=RelationType.HOLDS_ROLE.value)
        ])
        evidence += _batch_role_evidence(extractions, {reference.id for reference in roles})
        tenures = role_tenures(evidence)
        # Holders are compared as stored: an office written under a merged id is its actor's.
        roles = [RoleReference(r.id, r.role, resolution.id_map.get(r.of, r.of), r.date) for r in roles]
        tenures = [Tenure(resolution.id_map.get(t.holder, t.holder), t.role,
                          resolution.id_map.get(t.of, t.of), t.start, t.end) for t in tenures]
    governing = await _governing_in(tx, extractions, new_ids, actors, resolution.id_map)
    resolution.plan = plan(
        list(records.values()), offered, judgements, roles=roles, tenures=tenures, roots=roots,
        governments=governing, named_in=_named_in(extractions, resolution.id_map),
        thresholds=policy.thresholds,
    )
    return resolution


def _named_in(extractions: Sequence[Extraction], id_map: Mapping[str, str]) -> dict[str, list[ActorRecord]]:
    """The actors each document of the batch names by a name of their own (as the live id they
    are written to), for the generic words of one article ('the alliance')."""
    return {
        extraction.document.id: [
            ActorRecord(id_map.get(entity.id, entity.id), entity.name, entity.kind, entity.aliases)
            for entity in extraction.entities if entity.kind.is_actor and not is_document_scoped(entity.id)
        ]
        for extraction in extractions
    }


async def _governing_in(
    tx: AsyncManagedTransaction, extractions: Sequence[Extraction], new_ids: set[str],
    actors: Mapping[str, Entity], id_map: Mapping[str, str],
) -> dict[str, str]:
    """Each new dated government id of the batch -> the live id of the movement that governed
    then (named in the batch or stored; left out when it is neither)."""
    wanted = {identifier: actor for identifier, actor in governed_by(extractions).items()
              if identifier in new_ids}
    if not wanted:
        return {}
    live: dict[str, str] = {}
    unknown = sorted({actor for actor in wanted.values() if actor not in actors})
    if unknown:
        async for record in await tx.run(q.RESOLUTION_IDS, ids=unknown):
            if record["live"] or record["root"] is not None:
                live[record["id"]] = record["id"] if record["live"] else record["root"]
    for actor in set(wanted.values()) & set(actors):
        live[actor] = id_map.get(actor, actor)
    return {identifier: live[actor] for identifier, actor in wanted.items() if actor in live}


def says_something_new(entity: Entity, stored: Mapping[str, Any]) -> bool:
    """Whether the batch says something of a stored actor that the graph does not hold yet: a
    name (folded) it was not known by, or another kind."""
    known = {fold(name) for name in (stored["name"] or "", *stored["aliases"])}
    return entity.kind.value != stored["kind"] or any(
        fold(name) not in known for name in (entity.name, *entity.aliases)
    )


async def _offered_in(
    tx: AsyncManagedTransaction, records: Iterable[ActorRecord], policy: ResolutionPolicy,
    knowledge: ActorKnowledge | None, documents: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, list[ActorRecord]]:
    """The stored actors the full-text index offers for each record (itself left out); stored
    records are looked up by their words only (their spellings were searched when they came).
    A new country's whole force also gets the stored agents of its country and sector."""
    records = list(records)
    rows = [{"id": record.id, "query": query} for record in records
            if not is_document_scoped(record.id)
            and (query := candidate_query(record, thorough=not record.stored)) is not None]
    offered: dict[str, list[ActorRecord]] = {}
    if rows:
        async for found in await tx.run(q.RESOLUTION_CANDIDATES, rows=rows, limit=policy.candidate_limit):
            offered[found["id"]] = [_record(row, knowledge, documents) for row in found["candidates"]
                                    if row["id"] != found["id"]]
    # A country's whole force, however named: the stored agents of its country and sector.
    forces = [{"id": record.id, "country": record.country, "sector": record.sector}
              for record in records if not record.stored and whole_force(record)]
    if forces:
        async for found in await tx.run(q.RESOLUTION_AGENTS, rows=forces, limit=policy.candidate_limit):
            known = {record.id for record in offered.get(found["id"], ())}
            offered.setdefault(found["id"], []).extend(
                _record(row, knowledge, documents) for row in found["candidates"] if row["id"] not in known)
    return offered


async def _judgements_in(
    tx: AsyncManagedTransaction, records: Iterable[ActorRecord], offered: Mapping[str, list[ActorRecord]]
) -> list[Judgement]:
    """The stored decisions about the records and the actors offered for them."""
    involved = {i for record in records for i in record.all_ids}
    involved |= {i for found in offered.values() for record in found for i in record.all_ids}
    return [
        Judgement(r["left"], r["right"], r["same"], r["decided_by"], r["id"])
        async for r in await tx.run(q.RESOLUTION_DECISIONS, ids=sorted(involved))
    ]


async def resolve_stored_in(
    tx: AsyncManagedTransaction, rows: Sequence[Mapping[str, Any]], policy: ResolutionPolicy
) -> Plan:
    """Resolve stored actors (READ_ACTOR_PAGE rows) against the graph, as ingestion resolves the
    stored actors a batch names again; makes the merges and stores the candidates."""
    knowledge = policy.knowledge() if policy.knowledge is not None else None
    records = [_record(row, knowledge) for row in rows]
    offered = await _offered_in(tx, records, policy, knowledge)
    planned = plan(records, offered, await _judgements_in(tx, records, offered),
                   thresholds=policy.thresholds)
    if planned.merges:
        await merge_in(tx, planned.merges)
    await write_candidates_in(tx, planned.candidates)
    return planned


# --- merging, splitting, deciding inside a transaction ------------------------------------------


def _stable_id(prefix: str, *parts: object) -> str:
    joined = "\x1f".join(str(part) for part in parts)
    return prefix + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def _decision_id(merge: Merge) -> str:
    """Automatic decisions get an id derived from what they decide (a re-run writes the same
    one); a person's get a fresh one (deciding again is a new entry in the log)."""
    if merge.decided_by == AUTOMATIC:
        return _stable_id("decision-", merge.into, merge.merged, "same", merge.rule)
    return "decision-" + uuid.uuid4().hex[:20]


def _candidate_id(left: str, right: str) -> str:
    first, second = sorted((left, right))
    return _stable_id("candidate-", first, second)


def merge_waves(merges: Sequence[Merge]) -> list[list[Merge]]:
    """Merges in rounds: an id something else is merged into only goes after that (chains)."""
    pending = list(merges)
    waves: list[list[Merge]] = []
    while pending:
        targets = {merge.into for merge in pending}
        wave = [merge for merge in pending if merge.merged not in targets]
        if not wave:
            raise InvalidInput("merges form a cycle: " + ", ".join(f"{m.merged}->{m.into}" for m in pending))
        waves.append(wave)
        pending = [merge for merge in pending if merge.merged in targets]
    return waves


async def _triples(tx: AsyncManagedTransaction, statement: str, ids: Sequence[str]) -> list[dict[str, str]]:
    return [record.data() async for record in await tx.run(statement, ids=list(ids))]


async def merge_in(
    tx: AsyncManagedTransaction, merges: Sequence[Merge], note: str | None = None
) -> list[str]:
    """Merge each ``merged`` into its ``into`` (both live entities), recording the decisions.
    Returns the decision ids."""
    decisions: list[str] = []
    for wave in merge_waves(merges):
        rows = []
        decision_rows = []
        for merge in wave:
            decision = merge.decision_id or _decision_id(merge)
            decisions.append(decision)
            rows.append({"merged": merge.merged, "into": merge.into, "decision": decision})
            if merge.decision_id is None:
                decision_rows.append({
                    "id": decision, "left": merge.into, "right": merge.merged, "judgement": "same",
                    "decided_by": merge.decided_by, "rule": merge.rule, "score": merge.score, "note": note,
                })
        wanted = sorted({r["merged"] for r in rows} | {r["into"] for r in rows})
        found = {r["id"] async for r in await tx.run(q.RESOLUTION_IDS, ids=wanted) if r["live"]}
        missing = sorted(set(wanted) - found)
        if missing:
            raise NotFound(f"no stored actor has id {', '.join(missing)}")
        before = await _triples(tx, q.CLAIM_TRIPLES_OF_ENTITIES, [r["merged"] for r in rows])
        moved = [claim async for r in await tx.run(q.MERGE_MOVE_LINKS, rows=rows) for claim in r["moved"]]
        after = await _triples(tx, q.RETRIPLE_CLAIMS, moved)
        await recompute_derived(tx, _unique_triples(before + after), ())
        await (await tx.run(q.MERGE_RETIRE, rows=rows, entity_labels=ENTITY_LABELS)).consume()
        await recompute_derived(tx, (), sorted({r["into"] for r in rows}))
        if decision_rows:
            await (await tx.run(q.WRITE_DECISIONS, rows=decision_rows)).consume()
        pairs = [sorted((r["merged"], r["into"])) for r in rows]
        await (await tx.run(q.CLOSE_CANDIDATES, pairs=pairs, decision=None)).consume()
    return decisions


def _unique_triples(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    return list({row["triple"]: row for row in rows if row.get("triple")}.values())


async def split_in(tx: AsyncManagedTransaction, ids: Sequence[str], by: str) -> list[str]:
    """Give each merged id in ``ids`` (with the ids merged into it) back its claims and mentions
    and make it an entity again; undo the decisions that merged it and record that ``by``
    judged it not the same as what it was merged into. Returns the revived ids."""
    plans = [record.data() async for record in await tx.run(q.SPLIT_PLAN, ids=list(ids))]
    if not plans:
        return []
    roots = sorted({p["root"] for p in plans})
    before = await _triples(tx, q.CLAIM_TRIPLES_OF_ENTITIES, roots)
    await (await tx.run(q.SPLIT_REVIVE, rows=plans)).consume()
    moved = [claim async for r in await tx.run(q.SPLIT_MOVE_LINKS, rows=plans) for claim in r["moved"]]
    after = await _triples(tx, q.RETRIPLE_CLAIMS, moved)
    await recompute_derived(tx, _unique_triples(before + after), [*roots, *(p["id"] for p in plans)])
    undone = sorted({p["decision"] for p in plans if p["decision"]})
    await (await tx.run(q.UNDO_DECISIONS, ids=undone, by=by)).consume()
    await (await tx.run(q.WRITE_DECISIONS, rows=[
        {"id": "decision-" + uuid.uuid4().hex[:20], "left": p["parent"], "right": p["id"],
         "judgement": "not_same", "decided_by": by, "rule": "split", "score": None, "note": None}
        for p in plans])).consume()
    return [p["id"] for p in plans]


async def write_known_roles_in(tx: AsyncManagedTransaction, resolution: BatchResolution) -> None:
    """Write the dated roles of the batch's actors that the dictionaries know (as exactly one
    actor) as HOLDS_ROLE claims of the dictionary (``dictionary: true``, ``since``/``until``,
    no document), once per actor id; the countries they are roles of are created if needed."""
    knowledge = resolution.knowledge
    if knowledge is None:
        return
    rows: dict[str, dict[str, Any]] = {}
    offices: dict[str, str] = {}
    for identifier_used, keys in sorted(resolution.known.items()):
        known = knowledge.actor(next(iter(keys))) if len(keys) == 1 else None
        if known is None:
            continue
        subject = resolution.final_id(identifier_used)
        for role in known.roles:
            # Once per actor: two ids of one actor that the dictionary knows give one set of roles.
            identifier = _stable_id("dictionary-", subject, known.key, role.code, role.since, role.until)
            key = f"{subject} -[{RelationType.HOLDS_ROLE.value}]-> {role.of}"
            span = f"{role.since or '…'} to {role.until or '…'}"
            offices[role.of] = role.of_name
            rows[identifier] = {
                "id": identifier, "subject": subject, "object": role.of, "document_id": None,
                "attributed_to": None,
                "props": {
                    "type": RelationType.HOLDS_ROLE.value, "role": role.role,
                    "text": f"{known.source}: {known.key} [{role.code} {span}]",
                    "date": None, "seen": None, "since": role.since, "until": role.until,
                    "confidence": 1.0, "negated": False, "extractor": "dictionary", "document_id": None,
                    "curated": True, "dictionary": True, "source": known.source, "triple": key,
                    "subject_ref": subject, "object_ref": role.of,
                },
            }
    if not rows:
        return
    existing = {r["id"] async for r in await tx.run(q.EXISTING_CLAIM_IDS, ids=sorted(rows))}
    fresh = [row for identifier, row in rows.items() if identifier not in existing]
    if not fresh:
        return
    needed = sorted({row["object"] for row in fresh})
    await (await tx.run(q.MERGE_EXTRACTED_ENTITIES, rows=[
        {"id": office, "name": offices[office], "kind": EntityKind.COUNTRY.value} for office in needed
    ])).consume()
    await (await tx.run(q.MERGE_CLAIMS, rows=fresh)).consume()
    triples = {row["props"]["triple"]: {"subject": row["subject"], "type": RelationType.HOLDS_ROLE.value,
                                        "object": row["object"], "triple": row["props"]["triple"]}
               for row in fresh}
    await recompute_derived(tx, triples.values(), needed)


async def write_candidates_in(tx: AsyncManagedTransaction, candidates: Sequence[Candidate]) -> None:
    """Store candidate pairs for review (one decision per pair, its score updated)."""
    rows = []
    for candidate in candidates:
        left, right = sorted((candidate.left, candidate.right))
        rows.append({"id": _candidate_id(left, right), "left": left, "right": right,
                     "judgement": "candidate", "decided_by": AUTOMATIC, "rule": candidate.rule,
                     "score": candidate.score})
    if rows:
        await (await tx.run(q.WRITE_CANDIDATES, rows=rows)).consume()


# --- the decision log, for the CLI and the API ------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorBrief:
    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """A pair for review: the decision's id, score and rule, and the two actors as they are now."""

    id: str
    left: ActorBrief
    right: ActorBrief
    score: float
    rule: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    left: str
    right: str
    judgement: str
    decided_by: str
    rule: str | None
    score: float | None
    note: str | None
    active: bool
    decided_at: dt.datetime | None
    undone_at: dt.datetime | None
    undone_by: str | None


def _brief(row: Mapping[str, Any]) -> ActorBrief:
    aliases = tuple(row["aliases"] or ())
    return ActorBrief(row["id"], row["name"] or row["id"], EntityKind(row["kind"]), aliases)


def _datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, dt.datetime) else None


class ActorResolution(DatabaseWriter):
    """Merges, splits and decisions on demand (``kg actors ...``, the API's mutations)."""

    async def _write(self, work: Any) -> Any:
        async with neo4j_errors(), self._session() as session:
            return await session.execute_write(work)

    async def _read(self, statement: str, **parameters: Any) -> list[dict[str, Any]]:
        async with neo4j_errors():
            records, _, _ = await self._driver.execute_query(
                statement, parameters_=parameters, database_=self._database, routing_="r",
                bookmark_manager_=self._query_bookmarks,
            )
        return [record.data() for record in records]

    async def candidates(self, *, limit: int = 50, min_score: float | None = None) -> list[CandidatePair]:
        """Open candidate pairs, best first (pairs merged or decided since are left out)."""
        rows = await self._read(q.READ_CANDIDATES, limit=limit, min_score=min_score)
        return [
            CandidatePair(row["decision"]["id"], _brief(row["left"]), _brief(row["right"]),
                          float(row["decision"]["score"] or 0.0), row["decision"]["rule"])
            for row in rows
        ]

    async def decisions(self, actor_id: str | None = None, *, limit: int = 100,
                        include_candidates: bool = False) -> list[Decision]:
        """The decision log, newest first; with ``actor_id``, the decisions naming it."""
        rows = await self._read(q.READ_DECISIONS, id=actor_id, limit=limit, all=include_candidates)
        return [
            Decision(
                id=d["id"], left=d["left"], right=d["right"], judgement=d["judgement"],
                decided_by=d["decided_by"], rule=d["rule"], score=d["score"], note=d["note"],
                active=bool(d["active"]), decided_at=_datetime(d["decided_at"]),
                undone_at=_datetime(d["undone_at"]), undone_by=d["undone_by"],
            )
            for d in (row["decision"] for row in rows)
        ]

    async def merge(self, keep: str, merged: Sequence[str], *, by: str, note: str | None = None) -> str:
        """Merge the actors ``merged`` (ids, merged ids or not) into ``keep``; a person's
        decision: it overrides any "not the same" decision between them. Returns the kept id."""
        if not merged:
            raise InvalidInput("name at least one actor to merge into " + repr(keep))

        async def work(tx: AsyncManagedTransaction) -> str:
            roots = await _roots(tx, [keep, *merged])
            target = roots[keep]
            merges: list[Merge] = []
            for identifier in merged:
                root = roots[identifier]
                if root == target:
                    raise Conflict(f"{identifier!r} is already the actor {target!r}")
                if root in {m.merged for m in merges}:
                    continue
                merges.append(Merge(root, target, 1.0, "manual", by))
            ids = sorted({keep, *merged, target, *(m.merged for m in merges)})
            decided = await tx.run(q.RESOLUTION_DECISIONS, ids=ids)
            negatives = [r["id"] async for r in decided if not r["same"]]
            await (await tx.run(q.UNDO_DECISIONS, ids=negatives, by=by)).consume()
            await merge_in(tx, merges, note)
            return target

        result: str = await self._write(work)
        return result

    async def split(self, actor_id: str, *, by: str) -> list[str]:
        """Undo merges: a merged id is split from the actor it went into (with the ids merged
        into it); an actor with ids merged into it gives back every one merged straight into
        it. Returns the ids that are actors again."""

        async def work(tx: AsyncManagedTransaction) -> list[str]:
            status = await (await tx.run(q.RESOLUTION_IDS, ids=[actor_id])).single(strict=True)
            if status["root"] is not None:
                ids = [actor_id]
            elif status["live"]:
                children = [r["children"] async for r in await tx.run(q.MERGED_CHILDREN, ids=[actor_id])]
                ids = sorted(children[0]) if children else []
                if not ids:
                    raise InvalidInput(f"nothing is merged into {actor_id!r}: there is nothing to split")
            else:
                raise NotFound(f"no actor or merged id {actor_id!r}")
            return await split_in(tx, ids, by)

        result: list[str] = await self._write(work)
        return result

    async def decide_not_same(self, left: str, right: str, *, by: str, note: str | None = None) -> str:
        """Record that ``left`` and ``right`` are different actors: the resolver never merges
        them (nor the ids merged into them). Conflict when they are one actor now."""

        async def work(tx: AsyncManagedTransaction) -> str:
            roots = await _roots(tx, [left, right])
            if roots[left] == roots[right]:
                raise Conflict(
                    f"{left!r} and {right!r} are one actor now ({roots[left]!r}); "
                    f"split it first (kg actors split)"
                )
            identifier = "decision-" + uuid.uuid4().hex[:20]
            await (await tx.run(q.WRITE_DECISIONS, rows=[{
                "id": identifier, "left": left, "right": right, "judgement": "not_same",
                "decided_by": by, "rule": "manual", "score": None, "note": note}])).consume()
            await (await tx.run(q.CLOSE_CANDIDATES, pairs=[sorted((left, right))],
                                decision=identifier)).consume()
            return identifier

        result: str = await self._write(work)
        return result

    async def resolve_graph(
        self,
        policy: ResolutionPolicy,
        *,
        page_size: int = 200,
        progress: Callable[[int], object] | None = None,
    ) -> tuple[int, int]:
        """Resolve every stored actor against the others, page by page (graphs ingested without
        resolution, or after the rules changed): the same rules and thresholds as ingestion.
        Returns (merges made, candidate pairs stored)."""
        merges = candidates = 0
        after: str | None = None
        while True:
            page = await self._read(q.READ_ACTOR_PAGE, after=after, limit=page_size)
            rows = [row["actor"] for row in page]
            if not rows:
                return merges, candidates

            async def work(tx: AsyncManagedTransaction, rows: list[dict[str, Any]] = rows) -> Plan:
                # Read again inside the transaction: a merge on an earlier page may have retired some.
                found = await tx.run(q.RESOLUTION_IDS, ids=[row["id"] for row in rows])
                live = {r["id"] async for r in found if r["live"]}
                return await resolve_stored_in(tx, [row for row in rows if row["id"] in live], policy)

            planned: Plan = await self._write(work)
            merges += len(planned.merges)
            candidates += len(planned.candidates)
            after = rows[-1]["id"]
            if progress is not None:
                progress(len(rows))

    async def resolve_id(self, actor_id: str) -> str | None:
        """The live actor id ``actor_id`` is now (itself, or where it was merged), or None."""
        rows = await self._read(q.RESOLUTION_IDS, ids=[actor_id])
        if not rows:
            return None
        row = rows[0]
        return actor_id if row["live"] else row["root"]


async def _roots(tx: AsyncManagedTransaction, ids: Sequence[str]) -> dict[str, str]:
    """The live actor each id is now; NotFound naming the ids that are none."""
    roots: dict[str, str] = {}
    missing = []
    async for record in await tx.run(q.RESOLUTION_IDS, ids=list(dict.fromkeys(ids))):
        if record["live"]:
            roots[record["id"]] = record["id"]
        elif record["root"] is not None:
            roots[record["id"]] = record["root"]
        else:
            missing.append(record["id"])
    if missing:
        raise NotFound(f"no stored actor has id {', '.join(missing)}")
    return roots
