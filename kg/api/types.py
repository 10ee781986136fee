# strawberry.field(description=...) is typed as returning Any, which strict mypy calls an untyped
# decorator; the resolvers themselves are fully annotated.
# mypy: disallow-untyped-decorators=False
"""Strawberry types: thin wrappers over :mod:`kg.graph.reads` views, resolved through loaders.

Every list is a Relay-style connection (``edges { cursor node }``, ``pageInfo``,
``totalCount``) with keyset cursors; ``first`` is capped at ``api_max_first``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar, cast

import strawberry
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    value_from_ast_untyped,
)
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from kg.api.context import Context, EvidenceArgs, NeighbourArgs, RelationArgs, SummaryArgs
from kg.api.pagination import encode_cursor, page_request
from kg.errors import InvalidInput, NotFound
from kg.graph.reads import (
    Activity,
    ClaimFilter,
    ClaimView,
    DocumentView,
    EntityView,
    Page,
    RelationKey,
    RelationView,
)
from kg.graph.reads import Direction as ReadsDirection
from kg.model import EntityKind, Plover, RelationType
from kg.settings import Settings

strawberry.enum(EntityKind, description="What an entity is: an actor's kind, or EVENT.")
strawberry.enum(
    RelationType,
    description="Relation vocabulary (shared/contracts/README.md), aligned with CAMEO roots.",
)
strawberry.enum(
    Plover,
    description="PLOVER event categories (the event-data field's coarse types, aggregating CAMEO codes).",
)

N = TypeVar("N")
K = TypeVar("K")
V = TypeVar("V")
S = TypeVar("S")
KGInfo = Info[Context, None]

M = TypeVar("M")


def _made(cls: type[M], state: dict[str, Any]) -> M:
    """``cls(**state)`` for a strawberry type whose generated ``__init__`` only assigns its
    fields: the same instance state when ``state`` names every field ``__init__`` sets, in
    its order, without the keyword ``__init__`` (a measurable share of a compiled request,
    which makes some 40 of these). tests/api/test_types_construction.py checks the equivalence."""
    instance = cls.__new__(cls)
    instance.__dict__ = state
    return instance


# Cursor tags: a cursor from one list is refused by another.
RELATIONS_TAG = "rel"
EVIDENCE_TAG = "ev"
CLAIMS_TAG = "claim"
ENTITIES_TAG = "ent"
ACTORS_TAG = "actor"
SEARCH_TAG = "search"
EVENTS_TAG = "event"
DOCUMENTS_TAG = "doc"


@strawberry.enum(description="Which typed relationships of an entity: where it is subject, object, or both.")
class Direction(Enum):
    OUT = "OUT"
    IN = "IN"
    BOTH = "BOTH"


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="One item of a connection, with the cursor to continue after it.")
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type(description="A keyset-paginated list: pass pageInfo.endCursor as 'after' for more.")
class Connection(Generic[N]):
    total_count: int
    edges: list[Edge[N]]
    page_info: PageInfo


def connection(tag: str, page: Page[N], *, cursors: bool = True) -> Connection[N]:
    """The connection over ``page``. ``cursors=False`` (the compiled path, for a query that
    selects no cursor and no endCursor) leaves the cursors empty instead of encoding them."""
    edges = [Edge(cursor=encode_cursor(tag, key) if cursors else "", node=item) for key, item in page.items]
    return Connection(
        total_count=page.total,
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges and cursors else None
        ),
    )


@strawberry.interface(description="An actor or an event.")
class Entity:
    id: strawberry.ID
    name: str
    kind: EntityKind
    view: strawberry.Private[EntityView]


@strawberry.enum(description="How Actor.relationCounts groups claims.")
class ClaimGrouping(Enum):
    TYPE = "TYPE"
    PLOVER = "PLOVER"


@strawberry.type(description="Claims of one group: a relation type or a PLOVER category.")
class RelationCount:
    key: str = strawberry.field(description="The relation type or PLOVER category.")
    claims: int
    relations: int = strawberry.field(description="Distinct (subject, type, object) among the claims.")
    documents: int = strawberry.field(description="Distinct documents among the claims.")


@strawberry.type(description="Claims of one calendar month.")
class MonthCount:
    month: str = strawberry.field(description="The month, as YYYY-MM.")
    claims: int
    documents: int


@strawberry.type(description="An entity and how many documents and claims link it to an actor.")
class Counterpart:
    entity: Entity
    documents: int
    claims: int


@strawberry.type(description="An actor and how many documents and claims it is party to.")
class ActorActivity:
    actor: Actor
    documents: int
    claims: int


DEFAULT_SUMMARY_FIRST = 10


def summary_limit(settings: Settings, first: int | None) -> int:
    """``first`` of a summary list: default 10, at most api_max_first, never negative."""
    if first is not None and first < 0:
        raise InvalidInput("'first' must not be negative")
    return min(DEFAULT_SUMMARY_FIRST if first is None else first, settings.api_max_first)


def claim_filter(
    direction: Direction, types: list[RelationType] | None, since: dt.date | None, until: dt.date | None
) -> ClaimFilter:
    """The claims a summary counts; InvalidInput for a date range that ends before it starts."""
    if since is not None and until is not None and until < since:
        raise InvalidInput(f"'until' ({until}) is before 'since' ({since})")
    reads_direction: ReadsDirection = direction.value
    return ClaimFilter(reads_direction, tuple(types) if types else None, since, until)


def counterpart(found: Activity) -> Counterpart:
    return Counterpart(entity=entity(found.entity), documents=found.documents, claims=found.claims)


@strawberry.type(description="A person, organisation, country, group or location.")
class Actor(Entity):
    aliases: list[str]
    roles: list[str] = strawberry.field(description="Role titles, curated or extracted.")
    curated: bool

    @strawberry.field(description="Typed relationships of this actor, sorted by type, subject, object.")
    def relations(
        self,
        info: KGInfo,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Relation]:
        return relations_of(info, self.view.id, direction, types, first, after)

    @strawberry.field(description="Entities linked to this actor by any typed relationship, by id.")
    async def neighbours(
        self,
        info: KGInfo,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Entity]:
        return await neighbours_of(info, self.view.id, types, first, after)

    @strawberry.field(
        description="How many claims this actor is party to, by relation type (groupBy: TYPE) or "
        "PLOVER category (groupBy: PLOVER), most first; negated claims left out. Narrow by "
        "direction (OUT: the actor is the subject), types and the dates the claims were true."
    )
    async def relation_counts(
        self,
        info: KGInfo,
        group_by: ClaimGrouping = ClaimGrouping.TYPE,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[RelationCount]:
        args = SummaryArgs(claim_filter(direction, types, since, until), group_by.value)
        found = await info.context.claim_counts.load((self.view.id, args))
        return [RelationCount(key=g.key, claims=g.claims, relations=g.relations, documents=g.documents)
                for g in found]

    @strawberry.field(
        description="This actor's claims by calendar month of when they were true (the claim's "
        "date, else its document's publication date), oldest first; undated claims left out."
    )
    async def timeline(
        self,
        info: KGInfo,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[MonthCount]:
        args = SummaryArgs(claim_filter(direction, types, since, until))
        found = await info.context.claim_timeline.load((self.view.id, args))
        return [MonthCount(month=m.month, claims=m.claims, documents=m.documents) for m in found]

    @strawberry.field(
        description="The entities this actor's claims link it to, by the number of documents that "
        "say so (then claims), the first 'first' (default 10, at most api_max_first)."
    )
    async def top_counterparts(
        self,
        info: KGInfo,
        first: int | None = None,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[Counterpart]:
        limit = summary_limit(info.context.settings, first)
        args = SummaryArgs(claim_filter(direction, types, since, until), limit=limit)
        found = await info.context.top_counterparts.load((self.view.id, args))
        return [counterpart(activity) for activity in found]

    @strawberry.field(
        description="Ids merged into this actor (by resolution at ingest or by a person: see "
        "`kg actors decisions`); each of them still finds this actor, and splitActor undoes a merge."
    )
    async def merged_from(self, info: KGInfo) -> list[strawberry.ID]:
        found = await info.context.merged_from.load(self.view.id)
        return [strawberry.ID(identifier) for identifier in found or ()]

    @strawberry.field(
        description="ISO 3166-1 alpha-2 code of the country this actor is or belongs to ('RS' for "
        "Serbia and for its agent 'Serbian military'), where the texts say so."
    )
    async def country(self, info: KGInfo) -> str | None:
        found = await info.context.affiliations.load(self.view.id)
        return found.country if found else None

    @strawberry.field(
        description="For a country's agent, its sector (Phoenix codes: MIL military, COP police, "
        "GOV government, REB rebels, CVL civilians, ...); null for other actors."
    )
    async def sector(self, info: KGInfo) -> str | None:
        found = await info.context.affiliations.load(self.view.id)
        return found.sector if found else None

    @strawberry.field(
        description="A country's agents, by id: its military, police, government, rebels ... named "
        "by what they are ('Serb forces' -> serbia-military). Query their relations to see what the "
        "country did through them."
    )
    async def agents(
        self, info: KGInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Actor]:
        page = page_request(info.context.settings, ACTORS_TAG, first, after, key_size=1)
        found = await info.context.agents.load((self.view.id, page))
        return connection(ACTORS_TAG, _map_page(found, _actor_of))


def _actor_of(view: EntityView) -> Actor:
    made = entity(view)
    assert isinstance(made, Actor)  # the agents query reads :Actor nodes only
    return made


@strawberry.type(description="Something that happened: a ceasefire, a summit, an agreement.")
class Event(Entity):
    date: dt.date | None
    aliases: list[str]

    @strawberry.field(description="Entities linked to this event by a typed relationship.")
    async def participants(
        self,
        info: KGInfo,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Entity]:
        return await neighbours_of(info, self.view.id, types, first, after)

    @strawberry.field(description="Typed relationships of this event.")
    def relations(
        self,
        info: KGInfo,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Relation]:
        return relations_of(info, self.view.id, direction, types, first, after)


def entity(view: EntityView) -> Entity:
    # strawberry.ID is NewType("ID", str): an identity at run time.
    if view.kind.is_actor:
        return _made(
            Actor,
            {
                "id": view.id,
                "name": view.name,
                "kind": view.kind,
                "view": view,
                "aliases": list(view.aliases),
                "roles": list(view.roles),
                "curated": view.curated,
            },
        )
    return _made(
        Event,
        {
            "id": view.id,
            "name": view.name,
            "kind": view.kind,
            "view": view,
            "date": view.date,
            "aliases": list(view.aliases),
        },
    )


def actor(view: EntityView) -> Actor | None:
    made = entity(view)
    return made if isinstance(made, Actor) else None


@strawberry.type(description="Where a document came from.")
class Document:
    id: strawberry.ID
    title: str | None
    url: str | None
    published: dt.date | None
    author: str | None
    source: str | None = strawberry.field(
        description="Where it was read from: its URL, or the file's name (never the server's folders)."
    )
    sha256: str

    @strawberry.field(description="Claims extracted from this document, in text order.")
    async def claims(
        self,
        info: KGInfo,
        first: int | None = None,
        after: str | None = None,
        include_negated: bool = True,
    ) -> Connection[Evidence]:
        page = page_request(info.context.settings, CLAIMS_TAG, first, after, key_size=2)
        found = await info.context.document_claims.load((str(self.id), EvidenceArgs(include_negated, page)))
        return connection(CLAIMS_TAG, _map_page(found, lambda view: evidence(view)))

    @strawberry.field(description="Entities this document mentions, by id.")
    async def entities(
        self, info: KGInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Entity]:
        page = page_request(info.context.settings, ENTITIES_TAG, first, after, key_size=1)
        found = await info.context.document_entities.load((str(self.id), page))
        return connection(ENTITIES_TAG, _map_page(found, entity))


def document(info_: DocumentView) -> Document:
    return _made(
        Document,
        {
            "id": info_.id,
            "title": info_.title,
            "url": info_.url,
            "published": info_.published,
            "author": info_.author,
            "source": info_.source,
            "sha256": info_.sha256,
        },
    )


@strawberry.type(description="One claim: a sentence of a document (or a curated source) stating a relation.")
class Evidence:
    id: strawberry.ID
    cursor: str | None = strawberry.field(description="Where Relation.evidence continues after this.")
    relation_type: RelationType = strawberry.field(name="type")
    text: str | None
    start: int | None = strawberry.field(description="Character offset of the sentence in the document.")
    end: int | None
    date: dt.date | None = strawberry.field(
        description="When it was true: the claim's date, else the publication date."
    )
    confidence: float | None
    negated: bool
    curated: bool
    source: str | None = strawberry.field(description="Curated claims: the reference given.")
    attributed_to: Entity | None
    document: Document | None
    plover: Plover | None = strawberry.field(description="The PLOVER category of what this sentence says.")
    predicate: str | None = strawberry.field(
        description="The word carrying the relation: a verb's lemma and particle ('step up'), a noun, a title"
    )
    view: strawberry.Private[ClaimView]
    # The claim's ends when the caller already holds them (the relation it supports).
    subject_view: strawberry.Private[EntityView | None] = None
    object_view: strawberry.Private[EntityView | None] = None

    @strawberry.field
    async def subject(self, info: KGInfo) -> Entity:
        return await _claim_end(info, self.subject_view or self.view.subject, self.view.subject_id)

    @strawberry.field(name="object")
    async def object_(self, info: KGInfo) -> Entity:
        return await _claim_end(info, self.object_view or self.view.object, self.view.object_id)


async def _claim_end(info: KGInfo, known: EntityView | None, entity_id: str) -> Entity:
    view = known or await info.context.entities.load(entity_id)
    if view is None:  # pragma: no cover - a claim's ends exist while the claim does
        raise NotFound(f"entity {entity_id!r} of a claim is gone")
    return entity(view)


def evidence(
    view: ClaimView,
    cursor: str | None = None,
    subject: EntityView | None = None,
    object_: EntityView | None = None,
    *,
    make_entity: Callable[[EntityView], Any] | None = None,
    make_document: Callable[[DocumentView], Any] | None = None,
) -> Evidence:
    """The Evidence object of a claim; ``make_entity``/``make_document`` let a caller share the
    attribution's and document's objects between claims (default: a new object each)."""
    make_entity = make_entity or entity
    make_document = make_document or document
    return _made(
        Evidence,
        {
            "id": view.id,
            "cursor": cursor,
            "relation_type": view.type,
            "text": view.text,
            "start": view.start,
            "end": view.end,
            "date": view.date,
            "confidence": view.confidence,
            "negated": view.negated,
            "curated": view.curated,
            "source": view.source,
            "attributed_to": make_entity(view.attributed_to) if view.attributed_to else None,
            "document": make_document(view.document) if view.document else None,
            "plover": view.plover,
            "predicate": view.predicate,
            "view": view,
            "subject_view": subject,
            "object_view": object_,
        },
    )


@strawberry.type(description="Subject -[type]-> object, aggregated over every claim that states it.")
class Relation:
    relation_type: RelationType = strawberry.field(name="type")
    subject: Entity
    object_: Entity = strawberry.field(name="object")
    claim_count: int
    document_count: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    confidence: float | None
    plover: list[Plover] = strawberry.field(
        description="The PLOVER categories its claims give (each claim's own is Evidence.plover)."
    )
    view: strawberry.Private[RelationView]

    @strawberry.field(
        description="The claims behind this relation, strongest first (claimCount says how many). "
        "For more, pass the last item's cursor as 'after'."
    )
    def evidence(
        self,
        info: KGInfo,
        first: int | None = None,
        after: str | None = None,
        include_negated: bool = False,
    ) -> list[Evidence]:
        # Not async: when the page was read together with the relation (the usual case) it is
        # returned at once, and graphql-core completes the relation without a task per field.
        # Otherwise the coroutine that loads it is returned; graphql-core awaits it.
        key = (self.view.key, evidence_args(info.context.settings, first, after, include_negated))
        found = _primed(info.context.evidence, key)
        if found is not None:
            return self._evidence_items(found)
        return cast(list[Evidence], self._load_evidence(info, key))

    async def _load_evidence(
        self, info: KGInfo, key: tuple[RelationKey, EvidenceArgs]
    ) -> list[Evidence]:
        return self._evidence_items(await info.context.evidence.load(key))

    def _evidence_items(self, found: Page[ClaimView], *, cursors: bool = True) -> list[Evidence]:
        subject, object_ = self.view.subject, self.view.object
        return [
            evidence(item, encode_cursor(EVIDENCE_TAG, key) if cursors else None, subject, object_)
            for key, item in found.items
        ]


def evidence_args(
    settings: Settings, first: int | None, after: str | None, include_negated: bool
) -> EvidenceArgs:
    """The evidence loader's key for the arguments of ``Relation.evidence``."""
    return EvidenceArgs(include_negated, page_request(settings, EVIDENCE_TAG, first, after, key_size=2))


def _primed(loader: DataLoader[K, V], key: K) -> V | None:
    """The value ``loader`` already holds for ``key`` (primed or loaded), else None."""
    future = loader.cache_map.get(key)
    if future is None or not future.done() or future.cancelled() or future.exception() is not None:
        return None
    return future.result()


def relation(view: RelationView, make_entity: Callable[[EntityView], Entity] = entity) -> Relation:
    """The Relation object of a typed relationship; ``make_entity`` lets a caller share the
    ends' objects between relations (default: a new object each)."""
    return _made(
        Relation,
        {
            "relation_type": view.type,
            "subject": make_entity(view.subject),
            "object_": make_entity(view.object),
            "claim_count": view.claims,
            "document_count": view.documents,
            "first_seen": view.first_seen,
            "last_seen": view.last_seen,
            "confidence": view.confidence,
            "plover": list(view.plover),
            "view": view,
        },
    )


@strawberry.type(description="One shortest path: its relations in order, from 'from' to 'to'.")
class Path:
    length: int
    hops: list[Relation]
    entities: list[Entity] = strawberry.field(description="The entities along the path, 'from' first.")


def path(
    source_id: str,
    hops: list[RelationView],
    make_relation: Callable[[RelationView], Any] = relation,
    make_entity: Callable[[EntityView], Any] = entity,
) -> Path:
    """The Path of ``hops`` from ``source_id``: its relations in order and the entities along it
    ('from' first). ``make_relation``/``make_entity`` make their objects (the compiled reads
    complete the views themselves)."""
    nodes: list[EntityView] = []
    current = source_id
    for hop in hops:
        here, there = (hop.subject, hop.object) if hop.subject.id == current else (hop.object, hop.subject)
        if not nodes:
            nodes.append(here)
        nodes.append(there)
        current = there.id
    return Path(
        length=len(hops), hops=[make_relation(h) for h in hops], entities=[make_entity(n) for n in nodes]
    )


@strawberry.type
class RelationTypeCount:
    relation_type: RelationType = strawberry.field(name="type")
    count: int


@strawberry.type
class KindCount:
    kind: EntityKind
    count: int


@strawberry.type(description="Size of the graph.")
class Stats:
    actors: int
    events: int
    documents: int
    claims: int
    relations: int
    relations_by_type: list[RelationTypeCount]
    actors_by_kind: list[KindCount]


# --- shared resolvers -------------------------------------------------------------------------


def _map_page(page: Page[S], convert: Callable[[S], N]) -> Page[N]:
    items = [(key, convert(item)) for key, item in page.items]
    return Page(total=page.total, items=items, has_next=page.has_next)


def relations_of(
    info: KGInfo,
    entity_id: str,
    direction: Direction,
    types: list[RelationType] | None,
    first: int | None,
    after: str | None,
) -> Connection[Relation]:
    """The connection at once when Query.actor read it already, else the coroutine loading it
    (the resolvers are not async for the reason given in Relation.evidence)."""
    settings = info.context.settings
    document, nodes = _Document.of(info)
    evidence = next((_evidence_args(settings, document, node) for node in nodes), None)
    key = (entity_id, relation_args(settings, direction, types, first, after, evidence))
    found = _primed(info.context.relations, key)
    if found is not None:
        return connection(RELATIONS_TAG, _map_page(found, relation))
    return cast(Connection[Relation], _load_relations(info, key))


async def _load_relations(info: KGInfo, key: tuple[str, RelationArgs]) -> Connection[Relation]:
    found = await info.context.relations.load(key)
    return connection(RELATIONS_TAG, _map_page(found, relation))


def relation_args(
    settings: Settings,
    direction: Direction,
    types: list[RelationType] | None,
    first: int | None,
    after: str | None,
    evidence: EvidenceArgs | None,
) -> RelationArgs:
    """The relations loader's key for these field arguments (shared with the prefetch in
    Query.actor, which must build the very same key)."""
    page = page_request(settings, RELATIONS_TAG, first, after, key_size=3)
    reads_direction: ReadsDirection = direction.value
    return RelationArgs(reads_direction, tuple(types) if types else None, page, evidence=evidence)


@dataclass(frozen=True, slots=True)
class _Document:
    """What reading a selection needs from the request: its fragments and variable values."""

    fragments: Mapping[str, FragmentDefinitionNode]
    variables: dict[str, Any]

    @classmethod
    def of(cls, info: KGInfo) -> tuple[_Document, Sequence[FieldNode]]:
        """The request's document and the nodes of the field being resolved."""
        # The graphql-core nodes, not info.selected_fields: that converts the field's whole
        # selection tree (arguments included) on every call, while only a path or two is read.
        raw = info._raw_info
        return cls(raw.fragments, info.variable_values), raw.field_nodes

    def selected(self, selection_set: SelectionSetNode | None, name: str) -> Iterator[FieldNode]:
        """The fields called ``name`` in ``selection_set``, looking inside fragments."""
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value == name:
                    yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self.selected(selection.selection_set, name)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    yield from self.selected(fragment.selection_set, name)

    def arguments(self, node: FieldNode) -> dict[str, Any]:
        """The arguments written on ``node``: literals as Python values, variables as given."""
        return {
            argument.name.value: value_from_ast_untyped(argument.value, self.variables)
            for argument in node.arguments or ()
        }


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def _evidence_args(settings: Settings, document: _Document, relations: FieldNode) -> EvidenceArgs | None:
    """The arguments of ``edges { node { evidence(...) } }`` under a relations field, if asked.

    Lets the relations and their evidence be read in one statement; the evidence resolver then
    finds its page in the loader's cache. Only the first such field is prefetched; others (other
    arguments, aliases) load as usual.
    """
    for edges in document.selected(relations.selection_set, "edges"):
        found = _wanted_evidence(settings, document, edges, "node")
        if found is not None:
            return found
    return None


def _wanted_evidence(
    settings: Settings, document: _Document, parent: FieldNode, relation_field: str
) -> EvidenceArgs | None:
    for node in document.selected(parent.selection_set, relation_field):
        for wanted in document.selected(node.selection_set, "evidence"):
            arguments = document.arguments(wanted)
            after = arguments.get("after")
            try:
                page = page_request(
                    settings, EVIDENCE_TAG, _int(arguments.get("first")),
                    str(after) if after is not None else None, key_size=2,
                )
            except (InvalidInput, ValueError):
                return None  # the evidence resolver reports it
            return EvidenceArgs(arguments.get("includeNegated") in (True, "true"), page)
    return None


def wanted_evidence(info: KGInfo, relation_field: str) -> EvidenceArgs | None:
    """The arguments of ``relation_field { evidence(...) }`` under this field, if asked."""
    document, nodes = _Document.of(info)
    settings = info.context.settings
    return next((_wanted_evidence(settings, document, node, relation_field) for node in nodes), None)


def wanted_relations(info: KGInfo) -> RelationArgs | None:
    """The loader key of the first ``relations`` field selected under this (actor) field."""
    settings = info.context.settings
    document, nodes = _Document.of(info)
    for field in nodes:
        for wanted in document.selected(field.selection_set, "relations"):
            arguments = document.arguments(wanted)
            after = arguments.get("after")
            try:
                direction = Direction(_enum_value(arguments.get("direction", Direction.BOTH)))
                types = [RelationType(_enum_value(t)) for t in arguments.get("types") or []]
                return relation_args(
                    settings, direction, types or None, _int(arguments.get("first")),
                    str(after) if after is not None else None,
                    _evidence_args(settings, document, wanted),
                )
            except (InvalidInput, ValueError):
                return None  # the relations resolver reports it
    return None


def _enum_value(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


async def neighbours_of(
    info: KGInfo,
    entity_id: str,
    types: list[RelationType] | None,
    first: int | None,
    after: str | None,
) -> Connection[Entity]:
    page = page_request(info.context.settings, ENTITIES_TAG, first, after, key_size=1)
    args = NeighbourArgs(tuple(types) if types else None, page)
    found = await info.context.neighbours.load((entity_id, args))
    return connection(ENTITIES_TAG, _map_page(found, entity))

