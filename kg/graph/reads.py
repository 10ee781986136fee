"""Every read the API and exploration tools make, batch-shaped and returning plain data.

:class:`GraphReader` runs the statements of the "reads" section of :mod:`kg.graph.queries`
in READ-mode auto-commit transactions with the configured per-query timeout. Each method
answers for many parents at once (many entity ids, many relation keys) so that a GraphQL
request costs one round trip per nesting level, not one per parent. Results are frozen
dataclasses built on :mod:`kg.model` types; no neo4j record leaves this module.

Pages are keyset pages: each item carries its sort key (a tuple of JSON-safe values) and the
next page starts strictly after a given key, so pages stay stable while documents are ingested.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, NamedTuple, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncResult, Query, RoutingControl
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from kg.errors import GraphUnavailable, InvalidInput, TooComplex
from kg.graph import queries
from kg.graph.repository import triple_key
from kg.model import Entity, EntityKind, Plover, RelationType
from kg.resolution.roles import RoleEvidence, role_evidence, role_key
from kg.settings import Settings

T = TypeVar("T")
SortKey = tuple[Any, ...]
Direction = Literal["OUT", "IN", "BOTH"]

ALL_RELATION_TYPES: tuple[RelationType, ...] = tuple(RelationType)


# The views are named tuples, immutable like the frozen dataclasses they were and several
# times cheaper to make (a page of relations with evidence makes a few dozen per request).


class EntityView(NamedTuple):
    """An actor or event as stored: the fields of :class:`kg.model.Entity` plus what the graph
    adds."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    date: dt.date | None = None
    curated: bool = False
    # Where the read projects them (most reads do not: Actor.country/sector read them on demand).
    country: str | None = None
    sector: str | None = None

    @property
    def entity(self) -> Entity:
        """The :class:`kg.model.Entity` of these fields (made on each call)."""
        return Entity.model_construct(
            id=self.id, name=self.name, kind=self.kind, aliases=self.aliases,
            country=self.country, sector=self.sector,
        )


class Affiliation(NamedTuple):
    """Where an actor belongs: a country's ISO code and, for a country's agent, its sector."""

    country: str | None = None
    sector: str | None = None


class DocumentView(NamedTuple):
    """A stored document's metadata: the fields of :class:`kg.model.DocumentInfo` (``source``
    as :func:`public_source` shows it: a file by its name only)."""

    id: str
    sha256: str = ""
    source: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None


class RelationKey(NamedTuple):
    """Identity of one typed relationship: (subject id, type, object id)."""

    subject: str
    type: RelationType
    object: str


class RelationView(NamedTuple):
    """One typed relationship with the aggregates ingestion keeps on it."""

    subject: EntityView
    type: RelationType
    object: EntityView
    claims: int = 0
    documents: int = 0
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    confidence: float | None = None
    # The PLOVER categories of its non-negated claims, distinct and sorted.
    plover: tuple[Plover, ...] = ()

    @property
    def key(self) -> RelationKey:
        return RelationKey(self.subject.id, self.type, self.object.id)


class ClaimView(NamedTuple):
    """One claim: a relation as one sentence of one document (or one curated source) states it."""

    id: str
    type: RelationType
    subject_id: str
    object_id: str
    # None when the statement returned ids only (evidence of a relation the caller holds).
    subject: EntityView | None
    object: EntityView | None
    text: str | None
    start: int | None
    end: int | None
    date: dt.date | None
    confidence: float | None
    negated: bool
    curated: bool
    source: str | None
    document: DocumentView | None
    attributed_to: EntityView | None
    plover: Plover | None = None
    predicate: str | None = None
    # The first part of its sort key among a relation's evidence (confidence, 0 when unknown),
    # when it was read as one; None otherwise (a document's claims).
    rank: float | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One keyset page: ``items`` pairs each item with its sort key."""

    total: int
    items: list[tuple[SortKey, T]] = field(default_factory=list)
    has_next: bool = False


@dataclass(frozen=True, slots=True)
class PageRequest:
    """``limit`` items strictly after the sort key ``after`` (None: from the start)."""

    limit: int
    after: SortKey | None = None


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims of an entity a summary counts: the entity's end, types, a date range."""

    direction: Direction = "BOTH"
    types: tuple[RelationType, ...] | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class GroupCount(NamedTuple):
    """Claims of one group (a relation type, a PLOVER category): how many, over how many
    distinct relations and documents."""

    key: str
    claims: int
    relations: int
    documents: int


class MonthCount(NamedTuple):
    month: str  # "2022-09"
    claims: int
    documents: int


class Activity(NamedTuple):
    """An entity with the number of documents and claims that link it (to a parent, or at all)."""

    entity: EntityView
    documents: int
    claims: int


GroupBy = Literal["TYPE", "PLOVER"]


@dataclass(frozen=True, slots=True)
class EvidenceRequest:
    """One page of the claims behind a relation, strongest first (confidence desc, claim id)."""

    page: PageRequest
    include_negated: bool = False


@dataclass(frozen=True, slots=True)
class RelationsRequest:
    """One page of an entity's typed relationships of ``types`` (None: all) in ``direction``,
    and (``evidence``) one page of the claims behind each relation on it."""

    page: PageRequest
    direction: Direction = "BOTH"
    types: tuple[RelationType, ...] | None = None
    evidence: EvidenceRequest | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    actors: int
    events: int
    documents: int
    claims: int
    relations_by_type: dict[RelationType, int]
    actors_by_kind: dict[EntityKind, int]


_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchLimits:
    """How much text a full-text look-up accepts before Lucene sees it: Lucene refuses more
    than 1,024 clauses and very long prefix terms (the driver's error was an INTERNAL_ERROR),
    and a query of many thousand terms can exhaust Neo4j's heap."""

    max_chars: int = 200
    max_terms: int = 16
    max_term_chars: int = 60

    @classmethod
    def of(cls, settings: Settings) -> SearchLimits:
        return cls(
            settings.api_max_search_chars, settings.api_max_search_terms, settings.api_max_search_term_chars
        )


def fulltext_terms(text: str, limits: SearchLimits | None = None, *, field: str = "search") -> list[str]:
    """The words of ``text``, lower-cased: safe inside a Lucene query (no operators, no syntax).
    With ``limits``: :class:`InvalidInput` naming ``field`` when ``text`` is over them."""
    if limits is None:
        return [word.lower() for word in _WORD.findall(text)]
    if len(text) > limits.max_chars:
        raise InvalidInput(
            f"'{field}' is {len(text):,} characters long; at most {limits.max_chars} are accepted"
        )
    words = _WORD.findall(text)
    if len(words) > limits.max_terms:
        raise InvalidInput(f"'{field}' has {len(words)} words; at most {limits.max_terms} are accepted")
    longest = max(words, key=len, default="")
    if len(longest) > limits.max_term_chars:
        raise InvalidInput(
            f"'{field}' has a word of {len(longest)} characters; at most {limits.max_term_chars} are accepted"
        )
    return [word.lower() for word in words]


def over_budget_message(budget_s: float) -> str:
    return (
        f"This request used up its {budget_s:g} s of server time (api_anonymous_budget_s, for "
        "requests without the API key). Ask for less: a smaller 'first', fewer fields or hops."
    )


class _AfterBookmarks(AsyncBookmarkManager):
    """The process's bookmark manager (if any) plus the bookmarks one client sent: a read
    through it waits for both; what it learns goes to the process's manager."""

    def __init__(self, process: AsyncBookmarkManager | None, client: Sequence[str]) -> None:
        self.process = process
        self.client = tuple(client)

    async def update_bookmarks(
        self, previous_bookmarks: Collection[str], new_bookmarks: Collection[str]
    ) -> None:
        if self.process is not None:
            await self.process.update_bookmarks(previous_bookmarks, new_bookmarks)

    async def get_bookmarks(self) -> Collection[str]:
        if self.process is None:
            return self.client
        return {*await self.process.get_bookmarks(), *self.client}


async def _records(result: AsyncResult) -> list[neo4j.Record]:
    """execute_query's result transformer: the records only (no summary is made)."""
    return [record async for record in result]


class GraphReader:
    """Batch reads over one shared async driver: each statement a managed READ transaction
    (``driver.execute_query`` routed READ: a reader of a cluster answers, and the driver retries
    it on a transient error or a changed leader), with a per-query timeout, causally after the
    writes the bookmark manager (the process's writes) and the caller's bookmarks (see after())
    name."""

    def __init__(
        self, driver: AsyncDriver, settings: Settings, bookmarks: AsyncBookmarkManager | None = None
    ) -> None:
        self._driver = driver
        self._database = settings.neo4j_database
        self._timeout = settings.neo4j_query_timeout_s
        self._search = SearchLimits.of(settings)
        self._budget_s = settings.api_anonymous_budget_s
        self._bookmark_manager = bookmarks
        # What the reads wait for: the process's writes, and a client's (see after()).
        self._read_bookmarks: AsyncBookmarkManager | None = bookmarks
        # Event-loop time after which this reader's statements are refused (see within()).
        self._deadline: float | None = None

    def after(self, bookmarks: Iterable[str]) -> GraphReader:
        """This reader for one request that must see the writes ``bookmarks`` name (bookmarks
        a client got back from a write, possibly from another API process)."""
        values = list(bookmarks)
        if not values:
            return self
        causal = self._copy()
        causal._read_bookmarks = _AfterBookmarks(self._bookmark_manager, values)
        return causal

    def within(self, deadline: float) -> GraphReader:
        """This reader for one request that must be done by ``deadline`` (event-loop time):
        each statement gets the time left as its Neo4j transaction timeout, and
        :class:`TooComplex` once it is used up (kg.api.budget)."""
        bounded = self._copy()
        bounded._deadline = deadline
        return bounded

    def _copy(self) -> GraphReader:
        # What copy.copy makes, without its generic protocol (__reduce_ex__): a few times
        # faster, and every request under a budget makes one.
        copied = object.__new__(type(self))
        copied.__dict__.update(self.__dict__)
        return copied

    def _statement_timeout(self) -> tuple[float, bool]:
        """The timeout of the next statement, and whether the request's budget set it."""
        if self._deadline is None:
            return self._timeout, False
        left = self._deadline - asyncio.get_running_loop().time()
        if left < 0.001:  # Neo4j reads a timeout of 0 as none at all
            raise TooComplex(self._over_budget())
        return (left, True) if left < self._timeout else (self._timeout, False)

    def _over_budget(self) -> str:
        return over_budget_message(self._budget_s)

    async def _run(self, text: str, parameters: Mapping[str, Any]) -> list[neo4j.Record]:
        # A managed read transaction: routed as READ (a cluster's followers and read replicas
        # answer), and retried by the driver on a transient error, within its retry time
        # (max_transaction_retry_time). execute_query sends BEGIN with the statement (one round
        # trip, then COMMIT's); a session's execute_read waits for BEGIN's answer first (one
        # round trip more, and more driver CPU: measured in README, "kg's own CPU cut").
        timeout, budgeted = self._statement_timeout()
        try:
            records: list[neo4j.Record] = await self._driver.execute_query(
                Query(text, timeout=timeout),
                dict(parameters),
                routing_=RoutingControl.READ,
                database_=self._database,
                bookmark_manager_=self._read_bookmarks,
                result_transformer_=_records,
            )
        except (ServiceUnavailable, SessionExpired) as exc:
            raise GraphUnavailable(f"Neo4j cannot be reached: {exc}") from exc
        except ClientError as exc:
            if exc.code and "TransactionTimedOut" in exc.code:
                if budgeted:
                    raise TooComplex(self._over_budget()) from exc
                raise GraphUnavailable(
                    f"the query took longer than the {self._timeout:g} s limit (neo4j_query_timeout_s)"
                ) from exc
            if exc.code and "InvalidBookmark" in exc.code:
                raise InvalidInput(f"the bookmarks given are not this database's: {exc.message}") from exc
            raise
        except (DriverError, Neo4jError) as exc:
            if _is_connection_problem(exc):
                raise GraphUnavailable(f"Neo4j stopped answering: {exc}") from exc
            raise
        return records

    async def ping(self) -> None:
        """Raise :class:`GraphUnavailable` unless Neo4j answers a trivial query."""
        await self._run(queries.READ_PING, {})

    # --- entities -----------------------------------------------------------------------------

    async def entities_by_id(self, ids: Sequence[str]) -> dict[str, EntityView]:
        """The entities by the ids asked; an id merged into another actor finds that actor
        (the view then has the actor's id)."""
        records = await self._run(queries.READ_ENTITIES_BY_ID, {"ids": list(dict.fromkeys(ids))})
        return {record["id"]: _entity(record["entity"]) for record in records}

    async def canonical_ids(self, ids: Sequence[str]) -> dict[str, str]:
        """The actor each known id is now: itself, or the actor it was merged into."""
        records = await self._run(queries.RESOLUTION_IDS, {"ids": list(dict.fromkeys(ids))})
        return {
            record["id"]: record["id"] if record["live"] else record["root"]
            for record in records if record["live"] or record["root"] is not None
        }

    async def merged_from(self, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The ids merged into each of these actors."""
        records = await self._run(queries.READ_MERGED_FROM, {"ids": list(dict.fromkeys(ids))})
        return {record["id"]: tuple(record["merged_from"]) for record in records}

    async def role_evidence_of(self, ids: Sequence[str]) -> dict[str, list[RoleEvidence]]:
        """For each actor, the role evidence of every office it held a role of (all holders:
        whether it still held a role depends on who came after it)."""
        records = await self._run(
            queries.ROLE_CLAIMS_OF_HOLDERS,
            {"ids": list(dict.fromkeys(ids)), "holds_role": RelationType.HOLDS_ROLE.value},
        )
        found: dict[str, list[RoleEvidence]] = {}
        for record in records:
            found.setdefault(record["asked"], []).extend(role_evidence([record]))
        return found

    async def role_holders(self, role: str, of: str | None) -> list[RoleEvidence]:
        """The role evidence of the offices ``of`` (or of every office someone held ``role``
        of), for the role ``role`` (compared folded)."""
        parameters: dict[str, Any] = {"holds_role": RelationType.HOLDS_ROLE.value}
        if of is not None:
            records = await self._run(queries.ROLE_CLAIMS_OF_OFFICES, {**parameters, "ofs": [of]})
        else:
            parameters["role"] = role.strip().lower()
            records = await self._run(queries.ROLE_CLAIMS_OF_ROLE, parameters)
        wanted = role_key(role)
        return [item for item in role_evidence(records) if item.key == wanted]

    async def actor_by_name(self, name: str) -> EntityView | None:
        """The actor whose name or one alias equals ``name``, ignoring case."""
        terms = fulltext_terms(name, self._search, field="name")
        if not terms:
            return None
        phrase = '"' + " ".join(terms) + '"'
        records = await self._run(
            queries.READ_ACTOR_BY_NAME, {"phrase": phrase, "name": name.strip().lower()}
        )
        return _entity(records[0]["entity"]) if records else None

    async def actors(
        self,
        page: PageRequest,
        *,
        search: str | None = None,
        kind: EntityKind | None = None,
        projection: queries.Projection = queries.EVERYTHING,
    ) -> Page[EntityView]:
        """Actors matching ``search`` (best first; words may be prefixes) or all, by name."""
        kind_value = kind.value if kind else None
        if search is not None:
            terms = fulltext_terms(search, self._search)
            if not terms:
                return Page(total=0)
            # Every word must match, exactly (scores higher) or as a prefix (typing ahead).
            lucene = " AND ".join(f"({term} OR {term}*)" for term in terms)
            records = await self._run(
                queries.read_actors_search(projection),
                {"query": lucene, "kind": kind_value, **_page_parameters(page)},
            )
        else:
            records = await self._run(
                queries.READ_ACTORS, {"kind": kind_value, **_page_parameters(page)}
            )
        return _page(records[0], page, lambda row: _entity(row["entity"]))

    async def top_actors(
        self, limit: int, *, kind: EntityKind | None = None
    ) -> list[tuple[EntityView, int, int]]:
        """The ``limit`` actors most documents mention: (actor, documents, typed relationships)."""
        records = await self._run(
            queries.READ_TOP_ACTORS,
            {"limit": limit, "kind": kind.value if kind else None, "types": _types(None)},
        )
        return [(_entity(r["entity"]), int(r["documents"]), int(r["relations"])) for r in records]

    async def events(self, page: PageRequest) -> Page[EntityView]:
        records = await self._run(queries.READ_EVENTS, _page_parameters(page))
        return _page(records[0], page, lambda row: _entity(row["entity"]))

    async def neighbours(
        self, ids: Sequence[str], page: PageRequest, types: Sequence[RelationType] | None = None
    ) -> dict[str, Page[EntityView]]:
        records = await self._run(
            queries.READ_NEIGHBOURS,
            {"ids": list(dict.fromkeys(ids)), "types": _types(types), **_page_parameters(page)},
        )
        found = {rec["id"]: _page(rec, page, lambda row: _entity(row["entity"])) for rec in records}
        return {entity_id: found.get(entity_id, Page(total=0)) for entity_id in ids}

    async def affiliations(self, ids: Sequence[str]) -> dict[str, Affiliation]:
        """The country (ISO code) and sector of each entity, where the texts gave them."""
        records = await self._run(queries.READ_AFFILIATIONS, {"ids": list(dict.fromkeys(ids))})
        return {rec["id"]: Affiliation(rec["country"], rec["sector"]) for rec in records}

    async def agents(self, ids: Sequence[str], page: PageRequest) -> dict[str, Page[EntityView]]:
        """Each country's agents (its military, police, government, ...), by id."""
        records = await self._run(
            queries.READ_AGENTS, {"ids": list(dict.fromkeys(ids)), **_page_parameters(page)}
        )
        found = {rec["id"]: _page(rec, page, lambda row: _entity(row["entity"])) for rec in records}
        return {entity_id: found.get(entity_id, Page(total=0)) for entity_id in ids}

    # --- relations ----------------------------------------------------------------------------

    async def relations_of(
        self,
        ids: Sequence[str],
        request: RelationsRequest,
        projection: queries.Projection = queries.EVERYTHING,
    ) -> RelationsFound:
        """The typed relationships of each entity (one page, in (type, subject id, object id)
        order) and, when ``request.evidence`` asks, the claims behind every relation on those
        pages: one statement, however many entities and whatever their degree."""
        return await self._relations("ids", {"ids": list(dict.fromkeys(ids))}, request, projection)

    async def actor_relations_by_name(
        self,
        name: str,
        request: RelationsRequest,
        projection: queries.Projection = queries.EVERYTHING,
    ) -> RelationsFound:
        """:meth:`actor_by_name` and :meth:`relations_of` for that actor, in one statement."""
        terms = fulltext_terms(name, self._search, field="name")
        if not terms:
            return RelationsFound()
        parameters = {"phrase": '"' + " ".join(terms) + '"', "name": name.strip().lower()}
        return await self._relations("name", parameters, request, projection)

    async def _relations(
        self,
        anchor: str,
        parameters: dict[str, Any],
        request: RelationsRequest,
        projection: queries.Projection,
    ) -> RelationsFound:
        wanted = request.evidence
        types = tuple(_types(request.types))
        evidence = wanted is not None
        statement = queries.read_relations_of(anchor, request.direction, types, evidence, projection)
        parameters.update(_page_parameters(request.page))
        parameters["expand_below"] = queries.RELATION_PAGE_EXPAND_BELOW
        if wanted is not None:
            parameters.update(_evidence_parameters(wanted))
        records = await self._run(statement, parameters)
        found = _relations_found(records, request)
        # Hubs came back with their degree per type instead of rows: their pages are read
        # from the index seeks of the types those pages can reach (grouped by those types).
        hubs: dict[tuple[str, ...], list[str]] = {}
        for record in records:
            if record["degrees"] is not None:
                reached = _types_reached(types, record["degrees"], request)
                hubs.setdefault(reached, []).append(record["id"])
        for reached, ids in hubs.items():
            seeks = queries.read_relation_seeks(request.direction, reached, evidence, projection)
            memo = _Memo()
            for record in await self._run(seeks, {**parameters, "ids": ids}):
                entity_id = record["id"]
                found.pages[entity_id] = _relation_page(
                    record["rows"], found.page(entity_id).total, request, found, memo
                )
        return found

    async def evidence(
        self, keys: Sequence[RelationKey], request: EvidenceRequest
    ) -> dict[RelationKey, list[ClaimView]]:
        """The claims behind each typed relationship: one page each, strongest first."""
        unique = list(dict.fromkeys(keys))
        records = await self._run(
            queries.READ_EVIDENCE,
            {
                "keys": [
                    {"subject": k.subject, "type": k.type.value, "object": k.object,
                     "triple": triple_key(k.subject, k.type, k.object)}
                    for k in unique
                ],
                **_evidence_parameters(request),
            },
        )
        memo = _Memo()
        found = {
            RelationKey(rec["subject"], _relation_type(rec["type"]), rec["object"]): [
                _claim_between(row, None, None, memo, rec["subject"], rec["object"])
                for row in rec["rows"] or ()
            ]
            for rec in records
        }
        return {key: found.get(key, []) for key in keys}

    async def relations(
        self,
        page: PageRequest,
        *,
        types: Sequence[RelationType] | None = None,
        subject: str | None = None,
        object: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        min_confidence: float | None = None,
        plover: Sequence[Plover] | None = None,
    ) -> Page[RelationView]:
        records = await self._run(
            queries.READ_RELATIONS,
            {
                "plover": [p.value for p in plover] if plover else None,
                "types": _types(types),
                "subject": subject,
                "object": object,
                "since": since,
                "until": until,
                "min_confidence": min_confidence,
                **_page_parameters(page),
            },
        )
        return _page(records[0], page, _relation)

    async def shortest_paths(
        self,
        source: str,
        target: str,
        *,
        max_hops: int,
        limit: int,
        types: Sequence[RelationType] | None = None,
        evidence: EvidenceRequest | None = None,
        projection: queries.Projection = queries.EVERYTHING,
    ) -> tuple[list[list[RelationView]], dict[RelationKey, list[ClaimView]]]:
        """All shortest paths of at most ``max_hops`` typed relationships, either direction,
        and (with ``evidence``) one page of evidence for every hop."""
        if source == target:
            raise InvalidInput("a path needs two different entities ('from' equals 'to')")
        parameters: dict[str, Any] = {"from": source, "to": target, "types": _types(types), "limit": limit}
        if evidence is not None:
            parameters.update(_evidence_parameters(evidence))
        records = await self._run(
            queries.read_shortest_paths(max_hops, evidence is not None, projection), parameters
        )
        paths: list[list[RelationView]] = []
        claims: dict[RelationKey, list[ClaimView]] = {}
        memo = _Memo()
        for record in records:
            nodes = {row["id"]: row for row in record["nodes"]}
            hops = [
                _relation(hop, memo, nodes[hop["subject"]], nodes[hop["object"]]) for hop in record["hops"]
            ]
            paths.append(hops)
            if evidence is not None:
                for hop, row in zip(hops, record["hops"], strict=True):
                    claims[hop.key] = [
                        _claim_between(claim, hop.subject, hop.object, memo)
                        for claim in row["evidence"]["rows"] or ()
                    ]
        return paths, claims

    # --- summaries ----------------------------------------------------------------------------

    def _claim_filter(self, ids: Sequence[str], where: ClaimFilter) -> dict[str, Any]:
        return {
            "ids": list(dict.fromkeys(ids)),
            "direction": where.direction,
            "types": _types(where.types),
            "since": where.since,
            "until": where.until,
        }

    async def claim_counts(
        self, ids: Sequence[str], where: ClaimFilter, group_by: GroupBy = "TYPE"
    ) -> dict[str, list[GroupCount]]:
        """Per entity, its claims counted by relation type or PLOVER category, most first."""
        records = await self._run(queries.read_claim_counts(group_by), self._claim_filter(ids, where))
        found = {
            rec["id"]: [
                GroupCount(str(row["key"]), int(row["claims"]), int(row["relations"]), int(row["documents"]))
                for row in rec["rows"]
            ]
            for rec in records
        }
        return {entity_id: found.get(entity_id, []) for entity_id in ids}

    async def claim_timeline(self, ids: Sequence[str], where: ClaimFilter) -> dict[str, list[MonthCount]]:
        """Per entity, its dated claims counted by calendar month, in time order."""
        records = await self._run(queries.READ_CLAIM_TIMELINE, self._claim_filter(ids, where))
        found = {
            rec["id"]: [
                MonthCount(row["month"], int(row["claims"]), int(row["documents"])) for row in rec["rows"]
            ]
            for rec in records
        }
        return {entity_id: found.get(entity_id, []) for entity_id in ids}

    async def top_counterparts(
        self, ids: Sequence[str], where: ClaimFilter, limit: int
    ) -> dict[str, list[Activity]]:
        """Per entity, the entities its claims link it to, by number of documents, the first ``limit``."""
        records = await self._run(
            queries.READ_TOP_COUNTERPARTS, {**self._claim_filter(ids, where), "limit": limit}
        )
        memo = _Memo()
        found = {
            rec["id"]: [
                Activity(_memo_entity(row["entity"], memo), int(row["documents"]), int(row["claims"]))
                for row in rec["rows"]
            ]
            for rec in records
        }
        return {entity_id: found.get(entity_id, []) for entity_id in ids}

    async def most_active_actors(
        self,
        limit: int,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        kind: EntityKind | None = None,
        types: Sequence[RelationType] | None = None,
    ) -> list[Activity]:
        """The actors in the claims of the most documents seen in [since, until]."""
        records = await self._run(
            queries.READ_MOST_ACTIVE_ACTORS,
            {"since": since, "until": until, "kind": kind.value if kind else None,
             "types": _types(types), "limit": limit},
        )
        return [Activity(_entity(r["entity"]), int(r["documents"]), int(r["claims"])) for r in records]

    # --- documents ----------------------------------------------------------------------------

    async def documents_by_id(self, ids: Sequence[str]) -> dict[str, DocumentView]:
        records = await self._run(queries.READ_DOCUMENTS_BY_ID, {"ids": list(dict.fromkeys(ids))})
        infos = (_document(record["document"]) for record in records)
        return {info.id: info for info in infos}

    async def documents(self, page: PageRequest) -> Page[DocumentView]:
        records = await self._run(queries.READ_DOCUMENTS, _page_parameters(page))
        return _page(records[0], page, lambda row: _document(row["document"]))

    async def document_claims(
        self, ids: Sequence[str], page: PageRequest, *, include_negated: bool = True
    ) -> dict[str, Page[ClaimView]]:
        records = await self._run(
            queries.READ_DOCUMENT_CLAIMS,
            {"ids": list(dict.fromkeys(ids)), "include_negated": include_negated, **_page_parameters(page)},
        )
        found = {rec["id"]: _page(rec, page, _claim) for rec in records}
        return {doc_id: found.get(doc_id, Page(total=0)) for doc_id in ids}

    async def document_entities(self, ids: Sequence[str], page: PageRequest) -> dict[str, Page[EntityView]]:
        records = await self._run(
            queries.READ_DOCUMENT_ENTITIES, {"ids": list(dict.fromkeys(ids)), **_page_parameters(page)}
        )
        found = {rec["id"]: _page(rec, page, lambda row: _entity(row["entity"])) for rec in records}
        return {doc_id: found.get(doc_id, Page(total=0)) for doc_id in ids}

    async def stats(self) -> Stats:
        records = await self._run(queries.READ_STATS, {})
        labels = {r["name"]: r["count"] for r in records if r["what"] == "label"}
        types = {r["name"]: r["count"] for r in records if r["what"] == "type"}
        return Stats(
            actors=labels.get("Actor", 0),
            events=labels.get(EntityKind.EVENT.label, 0),
            documents=labels.get("Document", 0),
            claims=labels.get("Claim", 0),
            relations_by_type={t: types.get(t.value, 0) for t in RelationType},
            actors_by_kind={k: labels.get(k.label, 0) for k in EntityKind if k.is_actor},
        )


# --- conversion from Cypher maps (kept here: records never leave this module) -------------------


@dataclass(frozen=True, slots=True)
class RelationsFound:
    """What a relations read found: the entities asked about (by id), their pages, and the
    evidence of the relations on those pages (when asked; by relation key)."""

    entities: dict[str, EntityView] = field(default_factory=dict)
    pages: dict[str, Page[RelationView]] = field(default_factory=dict)
    evidence: dict[RelationKey, list[ClaimView]] = field(default_factory=dict)

    def page(self, entity_id: str) -> Page[RelationView]:
        return self.pages.get(entity_id) or Page(total=0)


def _relations_found(records: Sequence[Mapping[str, Any]], request: RelationsRequest) -> RelationsFound:
    found = RelationsFound()
    memo = _Memo()
    for record in records:
        entity = _memo_entity(record["entity"], memo)
        found.entities[entity.id] = entity
        total = int(record["total"] or 0)
        found.pages[entity.id] = _relation_page(record["rows"], total, request, found, memo)
    return found


def _relation_page(
    rows: Any, total: int, request: RelationsRequest, found: RelationsFound, memo: _Memo
) -> Page[RelationView]:
    """One entity's page from its statement rows (the evidence of each relation, when asked,
    into ``found.evidence``). _page and _relation inline: this conversion is the largest share
    of an API request's own work (a page of relations, each with a page of evidence)."""
    rows = rows or []
    if type(rows) is not list:
        rows = list(rows)
    limit = request.page.limit
    with_evidence = request.evidence is not None
    items: list[tuple[SortKey, RelationView]] = []
    for row in rows[:limit]:
        view = _relation(row, memo)
        subject, object_ = view.subject, view.object
        # The sort key (type, subject id, object id) is the relation's identity: not returned.
        items.append(((row["type"], subject.id, object_.id), view))
        if with_evidence:
            found.evidence[RelationKey(subject.id, view.type, object_.id)] = [
                _claim_between(claim, subject, object_, memo) for claim in row["evidence"] or ()
            ]
    return Page(total, items, len(rows) > limit)


def _types_reached(
    types: Sequence[str], degrees: Sequence[int], request: RelationsRequest
) -> tuple[str, ...]:
    """The relation types a hub's page (after its cursor) can take rows from: in type order,
    from the cursor's type (whose rows before the cursor are unknown: it counts for nothing)
    until the degrees of the types after it cover the page and its look-ahead row."""
    per_type = len(degrees) // len(types)  # 2 for BOTH (out, in), else 1
    after = request.page.after
    start = str(after[0]) if after is not None else ""
    needed = request.page.limit + 1
    reached: list[str] = []
    covered = 0
    for index, relation_type in enumerate(sorted(types)):
        if relation_type < start:
            continue
        degree = sum(degrees[index * per_type : (index + 1) * per_type])
        if degree:
            reached.append(relation_type)
            if relation_type != start:
                covered += degree
        if covered >= needed:
            break
    return tuple(reached) or (sorted(types)[-1],)


def _evidence_parameters(request: EvidenceRequest) -> dict[str, Any]:
    # No look-ahead row and no total: Relation.evidence is a list (no field shows either).
    after = request.page.after
    return {
        "include_negated": request.include_negated,
        "evidence_limit": request.page.limit,
        "evidence_after": list(after) if after is not None else None,
    }


def _is_connection_problem(exc: Exception) -> bool:
    return isinstance(exc, ServiceUnavailable | SessionExpired) or "defunct" in str(exc).lower()


def _types(types: Sequence[RelationType] | None) -> list[str]:
    if not types:  # the usual case: every type (their values read once, not per request)
        return list(_ALL_RELATION_TYPE_VALUES)
    return [t.value for t in types]


_ALL_RELATION_TYPE_VALUES: tuple[str, ...] = tuple(t.value for t in ALL_RELATION_TYPES)


def _page_parameters(page: PageRequest) -> dict[str, Any]:
    # One row more than asked tells whether a next page exists.
    return {"limit": page.limit + 1, "after": list(page.after) if page.after is not None else None}


def _page(record: Mapping[str, Any], page: PageRequest, convert: Any) -> Page[Any]:
    # Rows arrive in sort order: each statement collects right after its ORDER BY ... LIMIT.
    rows = record["rows"] or []
    if type(rows) is not list:
        rows = list(rows)
    limit = page.limit
    items = [(tuple(row["key"]), convert(row)) for row in rows[:limit]]
    return Page(int(record["total"] or 0), items, len(rows) > limit)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    kind = type(value)
    if kind is neo4j.time.Date:  # what the statements return for a stored date
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, neo4j.time.DateTime):
        return value.to_native().date()
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# Enum members by value: a dict lookup instead of the Enum call (a visible share of converting
# a page). An unknown value still goes through the call, which raises as before.
_RELATION_TYPES: dict[Any, RelationType] = {member.value: member for member in RelationType}
_ENTITY_KINDS: dict[Any, EntityKind] = {member.value: member for member in EntityKind}


def _relation_type(value: Any) -> RelationType:
    found = _RELATION_TYPES.get(value)
    return found if found is not None else RelationType(value)


def _entity_kind(value: Any) -> EntityKind:
    found = _ENTITY_KINDS.get(value)
    return found if found is not None else EntityKind(value)


# One statement returns the same node with the same map wherever it appears (a hub is the
# subject of most relations on its page; claims share documents): the conversions below take an
# optional memo, by id, for the duration of one statement's records.
class _Memo:
    __slots__ = ("documents", "entities")

    def __init__(self) -> None:
        # Apart: entity and document ids are not one namespace.
        self.entities: dict[str, EntityView] = {}
        self.documents: dict[str, DocumentView] = {}


def _memo_entity(row: Mapping[str, Any], memo: _Memo | None) -> EntityView:
    if memo is None:
        return _entity(row)
    entity_id = row["id"]
    found = memo.entities.get(entity_id)
    if found is None:
        found = memo.entities[entity_id] = _entity(row)
    return found


def _memo_document(row: Mapping[str, Any], memo: _Memo | None) -> DocumentView:
    if memo is None:
        return _document(row)
    document_id = row["id"]
    found = memo.documents.get(document_id)
    if found is None:
        found = memo.documents[document_id] = _document(row)
    return found


def _entity(row: Mapping[str, Any]) -> EntityView:
    # Not validated again: these values come from the graph kg wrote; validating them per row
    # is a measurable share of a request.
    get = row.get
    entity_id = row["id"]
    aliases = get("aliases")
    roles = get("roles")
    return EntityView(
        entity_id,
        get("name") or entity_id,
        _entity_kind(get("kind") or EntityKind.GROUP),
        tuple(aliases) if aliases else (),
        tuple(roles) if roles else (),
        _date(get("date")),
        bool(get("curated")),
        get("country"),
        get("sector"),
    )


def _optional_entity(row: Mapping[str, Any] | None, memo: _Memo | None = None) -> EntityView | None:
    return _memo_entity(row, memo) if row else None


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def public_source(source: str | None) -> str | None:
    """What the API shows of where a document came from: a URL as it is, a file by its name
    only (the server's directories are nobody's business; ``file://`` URLs are files)."""
    if not source:
        return source
    if _URL.match(source) and not source.lower().startswith("file://"):
        return source
    name = re.split(r"[\\/]", source.rstrip("/\\"))[-1]
    return name or None


def _document(row: Mapping[str, Any]) -> DocumentView:
    get = row.get
    return DocumentView(
        row["id"],
        get("sha256") or "",
        public_source(get("source")),
        get("title"),
        get("author"),
        get("url"),
        _date(get("published")),
    )


def _relation(
    row: Mapping[str, Any],
    memo: _Memo | None = None,
    subject: Mapping[str, Any] | None = None,
    object_: Mapping[str, Any] | None = None,
) -> RelationView:
    """``subject``/``object_``: the end nodes' maps when ``row`` names them by id only."""
    get = row.get
    return RelationView(
        _memo_entity(row["subject"] if subject is None else subject, memo),
        _relation_type(row["type"]),
        _memo_entity(row["object"] if object_ is None else object_, memo),
        int(get("claims") or 0),
        int(get("documents") or 0),
        _date(get("first_seen")),
        _date(get("last_seen")),
        get("confidence"),
        _plover_list(get("plover")),
    )


def _claim(row: Mapping[str, Any], memo: _Memo | None = None) -> ClaimView:
    return _claim_between(row, None, None, memo)


def _claim_between(
    row: Mapping[str, Any],
    subject: EntityView | None,
    object_: EntityView | None,
    memo: _Memo | None,
    subject_id: str | None = None,
    object_id: str | None = None,
) -> ClaimView:
    """The claim of ``row``. For a relation's evidence, whose rows do not repeat the ends,
    ``subject``/``object_`` are the relation's ends (or only their ids, when the caller holds
    no views), and the row's ``rank`` is kept."""
    claim = row["claim"]
    get = row.get
    claim_get = claim.get
    document = get("document")
    subject_row = get("subject")
    object_row = get("object")
    attributed_to = get("attributed_to")
    if subject_row:
        subject = _memo_entity(subject_row, memo)
    if object_row:
        object_ = _memo_entity(object_row, memo)
    source_document = _memo_document(document, memo) if document else None
    return ClaimView(
        claim["id"],
        _relation_type(claim["type"]),
        subject.id if subject is not None else subject_id or row["subject_id"],
        object_.id if object_ is not None else object_id or row["object_id"],
        subject,
        object_,
        claim_get("text"),
        claim_get("start"),
        claim_get("end"),
        # the claim's own date, else its document's publication date
        _date(claim_get("date")) or (source_document.published if source_document else None),
        claim_get("confidence"),
        bool(claim_get("negated")),
        bool(claim_get("curated")),
        claim_get("source"),
        source_document,
        _memo_entity(attributed_to, memo) if attributed_to else None,
        _plover(claim_get("plover")),
        claim_get("predicate"),
        get("rank"),
    )


def _plover(value: Any) -> Plover | None:
    """A stored PLOVER category; one this version does not know reads as none."""
    try:
        return Plover(value) if value else None
    except ValueError:
        return None


def _plover_list(values: Any) -> tuple[Plover, ...]:
    return tuple(p for p in (_plover(v) for v in values or ()) if p is not None)
