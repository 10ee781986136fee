# strawberry.field(description=...) is typed as returning Any, which strict mypy calls an untyped
# decorator; the resolvers themselves are fully annotated.
# mypy: disallow-untyped-decorators=False
"""Strawberry types over :mod:`kg.graph.reads` views, resolved through loaders.

The objects behind ``Actor``, ``Event``, ``Relation``, ``Evidence`` and ``Document`` are the
graph layer's views themselves (``EntityView``, ``RelationView``, ``ClaimView``,
``DocumentView``): no copy per object. The two types behind the ``Entity`` interface say so in
``is_type_of`` and ``Entity`` in ``resolve_type``, the way strawberry serves ORM objects;
``Relation``, ``Evidence`` and ``Document`` belong to no interface or union, so they define no
``is_type_of`` (GraphQL then checks nothing, and no resolve info is made for each such object:
some 30 per actor request). Each type names its Python attributes as the
view names them (``Relation.claims`` is GraphQL's ``claimCount``); a resolver's ``self`` is then
the view, and reads only attributes the type declares (tests/api/test_views_as_types.py
checks both sides agree).

Nested lists read with their parent (see :mod:`kg.api.planning`) are found in
``info.context.prefetched`` under the key the field computes from its own arguments; otherwise
the field's DataLoader reads them, batched over every parent of the level. Such a resolver is
a plain ``def`` that returns the connection at once when it was read already, else the
awaitable of its load (both executors await what is awaitable): a prefetched level costs no
coroutine per parent.

Every list is a Relay-style connection (``edges { cursor node }``, ``pageInfo``,
``totalCount``) with keyset cursors; ``first`` is capped at ``api_max_first``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from enum import Enum
from typing import Any, Generic, TypeVar, cast

import strawberry
from graphql import GraphQLAbstractType, GraphQLResolveInfo
from strawberry.types import Info

from kg.api.context import Context, NeighbourArgs, SummaryArgs
from kg.api.pagination import encode_cursor, page_request
from kg.api.planning import (
    EVIDENCE_TAG,
    NOT_READ,
    READ_ALONG,
    RELATIONS_TAG,
    relation_evidence,
    relations_request,
)
from kg.errors import InvalidInput, NotFound
from kg.graph.reads import (
    Activity,
    ClaimFilter,
    ClaimView,
    DocumentView,
    EntityView,
    EvidenceRequest,
    Page,
    RelationKey,
    RelationsRequest,
    RelationView,
    SortKey,
)
from kg.graph.reads import Direction as ReadsDirection
from kg.model import EntityKind, Plover, RelationType
from kg.resolution.resolver import Tenure
from kg.resolution.roles import RoleEvidence, held_on, tenures, titles
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
S = TypeVar("S")
T = TypeVar("T")
KGInfo = Info[Context, None]

# Cursor tags: a cursor from one list is refused by another.
CLAIMS_TAG = "claim"
ENTITIES_TAG = "ent"
ACTORS_TAG = "actor"
SEARCH_TAG = "search"
EVENTS_TAG = "event"
DOCUMENTS_TAG = "doc"
__all__ = ["EVIDENCE_TAG", "RELATIONS_TAG"]


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


class EdgeView:
    """What stands for an ``Edge`` (as a view stands for its type: these three types are behind
    no interface or union, so GraphQL reads their fields as attributes and checks nothing):
    the cursor is encoded only when a query asks for it -- a list shown without cursors, like
    the search's, encodes none."""

    __slots__ = ("key", "node", "tag")

    def __init__(self, tag: str, key: SortKey, node: Any) -> None:
        self.tag = tag
        self.key = key
        self.node = node

    @property
    def cursor(self) -> str:
        return encode_cursor(self.tag, self.key)


class PageInfoView:
    """What stands for ``PageInfo``: the end cursor, encoded when asked for."""

    __slots__ = ("has_next_page", "last")

    def __init__(self, has_next_page: bool, last: EdgeView | None) -> None:
        self.has_next_page = has_next_page
        self.last = last

    @property
    def end_cursor(self) -> str | None:
        return self.last.cursor if self.last is not None else None


class ConnectionView:
    """What stands for a ``Connection``: its edges, made when asked for."""

    __slots__ = ("page", "tag")

    def __init__(self, tag: str, page: Page[Any]) -> None:
        self.tag = tag
        self.page = page

    @property
    def total_count(self) -> int:
        return self.page.total

    @property
    def edges(self) -> list[EdgeView]:
        tag = self.tag
        return [EdgeView(tag, key, item) for key, item in self.page.items]

    @property
    def page_info(self) -> PageInfoView:
        items = self.page.items
        last = EdgeView(self.tag, *items[-1]) if items else None
        return PageInfoView(self.page.has_next, last)


def connection(tag: str, page: Page[Any]) -> Connection[Any]:
    """The connection over ``page`` (its items are the nodes; cursors of list ``tag``)."""
    return cast(Connection[Any], ConnectionView(tag, page))


def loaded(value: T | Awaitable[T]) -> T:
    """The value of a plain-``def`` resolver that returns either its value or the awaitable
    loading it (the executors await it); typed as the value for strawberry's annotations."""
    return cast(T, value)


# --- entities ------------------------------------------------------------------------------------


@strawberry.interface(description="An actor or an event.")
class Entity:
    id: strawberry.ID
    name: str
    kind: EntityKind

    @classmethod
    def resolve_type(cls, obj: Any, info: GraphQLResolveInfo[Any], abstract_type: GraphQLAbstractType) -> str:
        """An EntityView is an Actor or an Event by its kind."""
        if type(obj) is EntityView:
            return "Actor" if obj.kind.is_actor else "Event"
        definition = getattr(obj, "__strawberry_definition__", None)
        return str(definition.name) if definition is not None else ""


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
    return Counterpart(entity=as_entity(found.entity), documents=found.documents, claims=found.claims)


@strawberry.type(description="A role an actor held of another actor, and when.")
class RoleTenure:
    role: str = strawberry.field(description="The role as the sources write it ('Prime Minister', "
                                 "or a dictionary's sector: 'government').")
    of: Entity = strawberry.field(description="What the role is of: a country, an organisation.")
    since: dt.date | None = strawberry.field(description="First day held (the first claim's date).")
    until: dt.date | None = strawberry.field(
        description="Last day held: the day before someone else was first seen in the role, or a "
        "dated role's end; null while no one else was."
    )


def role_tenures_of(actor_id: str, evidence: Sequence[RoleEvidence], as_of: dt.date | None) -> list[Tenure]:
    """The tenures of ``actor_id`` that cover ``as_of`` (all of them when None), oldest first."""
    held = [t for t in held_on(tenures(evidence), as_of) if t.holder == actor_id]
    return sorted(held, key=lambda t: (t.start or dt.date.min, t.role, t.of))


async def _roles_on(info: KGInfo, actor_id: str, as_of: dt.date) -> list[str]:
    """The role titles ``actor_id`` held on ``as_of``."""
    evidence = await info.context.role_evidence.load(actor_id) or []
    held = role_tenures_of(actor_id, evidence, as_of)
    return titles([item for item in evidence if item.holder == actor_id], held)


def _written(evidence: Sequence[RoleEvidence], tenure: Tenure) -> str:
    """How the sources most often write the role of ``tenure`` (its folded key if none do)."""
    spelled = titles([item for item in evidence if item.of == tenure.of], [tenure])
    return spelled[0] if spelled else tenure.role


@strawberry.type(description="A person, organisation, country, group or location.")
class Actor(Entity):
    aliases: list[str]
    curated: bool

    @classmethod
    def is_type_of(cls, obj: Any, info: GraphQLResolveInfo[Any]) -> bool:
        return isinstance(obj, EntityView) and obj.kind.is_actor

    @strawberry.field(
        description="Role titles, curated or extracted. With asOf: the roles it held on that date, "
        "from the dates of its HOLDS_ROLE claims and the dictionaries' dated roles (see README, "
        "roles over time)."
    )
    def roles(self, info: KGInfo, as_of: dt.date | None = None) -> list[str]:
        # A plain def: without asOf (the usual case) no coroutine per actor is made.
        if as_of is None:
            return list(cast(EntityView, self).roles)  # self is the actor's view
        return loaded(_roles_on(info, self.id, as_of))

    @strawberry.field(
        description="When it held which role of which actor, oldest first; with asOf, the roles "
        "held on that date."
    )
    async def role_history(self, info: KGInfo, as_of: dt.date | None = None) -> list[RoleTenure]:
        evidence = await info.context.role_evidence.load(self.id) or []
        held = role_tenures_of(self.id, evidence, as_of)
        offices = await info.context.entities.load_many([tenure.of for tenure in held])
        mine = [item for item in evidence if item.holder == self.id]
        return [
            RoleTenure(role=_written(mine, tenure), of=as_entity(office),
                       since=tenure.start, until=tenure.end)
            for tenure, office in zip(held, offices, strict=True) if office is not None
        ]

    @strawberry.field(description="Typed relationships of this actor, sorted by type, subject, object.")
    def relations(
        self,
        info: KGInfo,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Relation]:
        return loaded(relations_of(info, self.id, direction, types, first, after))

    @strawberry.field(description="Entities linked to this actor by any typed relationship, by id.")
    async def neighbours(
        self,
        info: KGInfo,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Entity]:
        return await neighbours_of(info, self.id, types, first, after)

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
        found = await info.context.claim_counts.load((self.id, args))
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
        found = await info.context.claim_timeline.load((self.id, args))
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
        found = await info.context.top_counterparts.load((self.id, args))
        return [counterpart(activity) for activity in found]

    @strawberry.field(
        description="Ids merged into this actor (by resolution at ingest or by a person: see "
        "`kg actors decisions`); each of them still finds this actor, and splitActor undoes a merge."
    )
    async def merged_from(self, info: KGInfo) -> list[strawberry.ID]:
        found = await info.context.merged_from.load(self.id)
        return [strawberry.ID(identifier) for identifier in found or ()]

    @strawberry.field(
        description="ISO 3166-1 alpha-2 code of the country this actor is or belongs to ('RS' for "
        "Serbia and for its agent 'Serbian military'), where the texts say so."
    )
    async def country(self, info: KGInfo) -> str | None:
        found = await info.context.affiliations.load(self.id)
        return found.country if found else None

    @strawberry.field(
        description="For a country's agent, its sector (Phoenix codes: MIL military, COP police, "
        "GOV government, REB rebels, CVL civilians, ...); null for other actors."
    )
    async def sector(self, info: KGInfo) -> str | None:
        found = await info.context.affiliations.load(self.id)
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
        found = await info.context.agents.load((self.id, page))
        return connection(ACTORS_TAG, found)


@strawberry.type(description="Something that happened: a ceasefire, a summit, an agreement.")
class Event(Entity):
    date: dt.date | None
    aliases: list[str]

    @classmethod
    def is_type_of(cls, obj: Any, info: GraphQLResolveInfo[Any]) -> bool:
        return isinstance(obj, EntityView) and not obj.kind.is_actor

    @strawberry.field(description="Entities linked to this event by a typed relationship.")
    async def participants(
        self,
        info: KGInfo,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Entity]:
        return await neighbours_of(info, self.id, types, first, after)

    @strawberry.field(description="Typed relationships of this event.")
    def relations(
        self,
        info: KGInfo,
        direction: Direction = Direction.BOTH,
        types: list[RelationType] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Relation]:
        return loaded(relations_of(info, self.id, direction, types, first, after))


def as_actor(view: EntityView | None) -> Actor | None:
    """``view`` as the Actor it stands for (None for no view, or an event's)."""
    return cast(Actor, view) if view is not None and view.kind.is_actor else None


def as_entity(view: EntityView) -> Entity:
    return cast(Entity, view)


# --- documents and evidence ----------------------------------------------------------------------


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
        request = EvidenceRequest(page, include_negated)
        found = await info.context.document_claims.load((str(self.id), request))
        return connection(CLAIMS_TAG, found)

    @strawberry.field(description="Entities this document mentions, by id.")
    async def entities(
        self, info: KGInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Entity]:
        page = page_request(info.context.settings, ENTITIES_TAG, first, after, key_size=1)
        found = await info.context.document_entities.load((str(self.id), page))
        return connection(ENTITIES_TAG, found)


def as_document(view: DocumentView | None) -> Document | None:
    return cast(Document, view) if view is not None else None


def _evidence_cursor(root: Any) -> str | None:
    """An evidence item's cursor: its rank and id (only among a relation's evidence)."""
    claim: ClaimView = root
    return None if claim.rank is None else encode_cursor(EVIDENCE_TAG, (claim.rank, claim.id))


@strawberry.type(description="One claim: a sentence of a document (or a curated source) stating a relation.")
class Evidence:
    id: strawberry.ID
    cursor: str | None = strawberry.field(
        resolver=_evidence_cursor, description="Where Relation.evidence continues after this."
    )
    type: RelationType = strawberry.field(name="type")
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

    @strawberry.field
    def subject(self, info: KGInfo) -> Entity:
        claim = cast(ClaimView, self)
        return loaded(_claim_end(info, claim.subject, claim.subject_id))

    @strawberry.field(name="object")
    def object_(self, info: KGInfo) -> Entity:
        claim = cast(ClaimView, self)
        return loaded(_claim_end(info, claim.object, claim.object_id))


def _claim_end(info: KGInfo, known: EntityView | None, entity_id: str) -> Entity | Awaitable[Entity]:
    if known is not None:
        return as_entity(known)
    return _load_claim_end(info, entity_id)


async def _load_claim_end(info: KGInfo, entity_id: str) -> Entity:
    view = await info.context.entities.load(entity_id)
    if view is None:  # pragma: no cover - a claim's ends exist while the claim does
        raise NotFound(f"entity {entity_id!r} of a claim is gone")
    return as_entity(view)


@strawberry.type(description="Subject -[type]-> object, aggregated over every claim that states it.")
class Relation:
    type: RelationType = strawberry.field(name="type")
    subject: Entity
    object: Entity = strawberry.field(name="object")
    claims: int = strawberry.field(name="claimCount")
    documents: int = strawberry.field(name="documentCount")
    first_seen: dt.date | None
    last_seen: dt.date | None
    confidence: float | None
    plover: list[Plover] = strawberry.field(
        description="The PLOVER categories its claims give (each claim's own is Evidence.plover)."
    )

    @strawberry.field(
        description="The claims behind this relation, strongest first (claimCount says how many). "
        "For more, pass the last item's cursor as 'after'.",
        metadata={READ_ALONG: lambda context, relation, arguments: _evidence_read_along(
            context, relation, arguments.get("first"), arguments.get("after"), arguments["includeNegated"]
        )},
    )
    def evidence(
        self,
        info: KGInfo,
        first: int | None = None,
        after: str | None = None,
        include_negated: bool = False,
    ) -> list[Evidence]:
        relation = cast(RelationView, self)
        found = _evidence_read_along(info.context, relation, first, after, include_negated)
        if found is not NOT_READ:
            return cast(list[Evidence], found)
        context = info.context
        request = context.prefetched.evidence_request(context.settings, first, after, include_negated)
        return loaded(_load_evidence(info, (relation.key, request)))


def _evidence_read_along(
    context: Context, relation: RelationView, first: int | None, after: str | None, include_negated: bool
) -> Any:
    """The evidence of ``relation`` when its parent's statement read it along (see
    kg.api.planning.READ_ALONG: the executor completes it without calling the resolver), else
    NOT_READ -- also for arguments that do not validate, which the resolver then reports."""
    prefetched = context.prefetched
    try:
        request = prefetched.evidence_request(context.settings, first, after, include_negated)
    except InvalidInput:
        return NOT_READ
    found = prefetched.evidence.get(request)
    if found is None:
        return NOT_READ
    # A plain tuple hashes and compares as the RelationKey it equals, and costs less.
    claims = found.get((relation.subject.id, relation.type, relation.object.id))
    return NOT_READ if claims is None else claims


async def _load_evidence(info: KGInfo, key: tuple[RelationKey, EvidenceRequest]) -> list[Evidence]:
    return cast(list[Evidence], await info.context.evidence.load(key))


def as_relation(view: RelationView) -> Relation:
    return cast(Relation, view)


@strawberry.type(description="One shortest path: its relations in order, from 'from' to 'to'.")
class Path:
    length: int
    hops: list[Relation]
    entities: list[Entity] = strawberry.field(description="The entities along the path, 'from' first.")


def path(source_id: str, hops: list[RelationView]) -> Path:
    """The Path of ``hops`` from ``source_id``: its relations in order and the entities along
    it ('from' first)."""
    nodes: list[EntityView] = []
    current = source_id
    for hop in hops:
        here, there = (hop.subject, hop.object) if hop.subject.id == current else (hop.object, hop.subject)
        if not nodes:
            nodes.append(here)
        nodes.append(there)
        current = there.id
    return Path(
        length=len(hops), hops=[as_relation(h) for h in hops], entities=[as_entity(n) for n in nodes]
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


def map_page(page: Page[S], convert: Callable[[S], N]) -> Page[N]:
    items = [(key, convert(item)) for key, item in page.items]
    return Page(total=page.total, items=items, has_next=page.has_next)


def relations_of(
    info: KGInfo,
    entity_id: str,
    direction: Direction,
    types: Sequence[RelationType] | None,
    first: int | None,
    after: str | None,
) -> Connection[Relation] | Awaitable[Connection[Relation]]:
    """The connection at once when its page was read with the parent, else the awaitable of
    its load (the page and, when the query asks for them, its relations' evidence)."""
    context = info.context
    reads_direction: ReadsDirection = direction.value
    request = relations_request(context.settings, reads_direction, types, first, after)
    found = context.prefetched.relations.get((entity_id, request))
    if found is not None:
        return connection(RELATIONS_TAG, found)
    return _load_relations(info, entity_id, request)


async def _load_relations(info: KGInfo, entity_id: str, request: RelationsRequest) -> Connection[Relation]:
    # Read the evidence along when the query asks for it (the planner, on this field's own
    # selection), batched with every other parent asking the same.
    context = info.context
    here = [selection for field in info.selected_fields for selection in field.selections]
    try:
        evidence = relation_evidence(context.settings, here)
    except (InvalidInput, ValueError):
        evidence = None  # the evidence resolver reports it
    with_evidence = RelationsRequest(request.page, request.direction, request.types, evidence)
    return connection(RELATIONS_TAG, await context.relations.load((entity_id, with_evidence)))


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
    return connection(ENTITIES_TAG, found)
