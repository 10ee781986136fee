# strawberry.field(description=...) is typed as returning Any, which strict mypy calls an untyped
# decorator; the resolvers themselves are fully annotated.
# mypy: disallow-untyped-decorators=False
"""The GraphQL schema: query and mutation roots, and :func:`build_schema`.

``python -m kg.api.schema`` prints the SDL; ``schema/schema.graphql`` is that output and a test
fails when the two drift apart.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from typing import Annotated

import strawberry
from graphql import NoSchemaIntrospectionCustomRule
from graphql.error import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import (
    MaxAliasesLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.execution import ExecutionContext

from kg.api import planning
from kg.api.errors import log_errors
from kg.api.executor import KGExecutor
from kg.api.extensions import PreparedDocuments, PreparedQueries
from kg.api.pagination import page_request
from kg.api.types import (
    ACTORS_TAG,
    DOCUMENTS_TAG,
    EVENTS_TAG,
    RELATIONS_TAG,
    SEARCH_TAG,
    Actor,
    ActorActivity,
    Connection,
    Direction,
    Document,
    Entity,
    Event,
    KGInfo,
    KindCount,
    Path,
    Relation,
    RelationTypeCount,
    Stats,
    as_actor,
    as_document,
    as_entity,
    as_relation,
    claim_filter,
    connection,
    path,
    summary_limit,
)
from kg.errors import InvalidInput, NotFound, Problem
from kg.graph.queries import EVERYTHING, Projection
from kg.graph.reads import (
    ClaimView,
    EntityView,
    GraphReader,
    Page,
    PageRequest,
    RelationKey,
    RelationView,
)
from kg.model import CuratedActor, CuratedRelation, EntityKind, Plover, RelationType, slugify
from kg.resolution.roles import held_on, tenures
from kg.settings import Settings, load_settings


@strawberry.input(description="Which typed relationships to list; every field narrows the result.")
class RelationFilter:
    types: list[RelationType] | None = None
    subject: strawberry.ID | None = strawberry.field(default=None, description="Subject entity id.")
    object_: strawberry.ID | None = strawberry.field(default=None, name="object", description="Object id.")
    since: dt.date | None = strawberry.field(default=None, description="Last seen on or after.")
    until: dt.date | None = strawberry.field(default=None, description="First seen on or before.")
    min_confidence: float | None = None
    plover: list[Plover] | None = strawberry.field(
        default=None, description="Any of these PLOVER categories among its claims'."
    )


def _selections(info: KGInfo) -> list[planning.Selection]:
    """What is selected below the field being resolved (strawberry's look-ahead)."""
    return planning.selections_below(info)


def _projection(info: KGInfo, kind: str, selections: list[planning.Selection] | None = None) -> Projection:
    """The stored properties the query shows below this field (all when narrowing is off)."""
    if not info.context.settings.api_narrow_reads:
        return EVERYTHING
    return planning.projection(_selections(info) if selections is None else selections, kind)


@strawberry.type
class Query:
    @strawberry.field(description="One actor by id, or by a name or alias (case-insensitive).")
    async def actor(
        self, info: KGInfo, id: strawberry.ID | None = None, name: str | None = None
    ) -> Actor | None:
        check_actor_lookup(id, name)
        context = info.context
        selections = _selections(info)
        wanted = planning.plan_relations(context.settings, selections)
        view: EntityView | None
        if wanted is None:
            if id is not None:
                view = await context.entities.load(str(id))
            else:
                view = await context.reader.actor_by_name(str(name))
            return as_actor(view)
        # The actor, the relations the query asks of it and their evidence: one statement.
        projection = _projection(info, "entity", selections)
        if id is not None:
            asked = str(id)
            found = await context.reader.relations_of([asked], wanted, projection)
            view = found.entities.get(asked)
            if view is None:
                # An id merged into another actor stands for it (asked only when nothing was found).
                (now,) = await _actors_now(context.reader, asked)
                if now is not None and now != asked:
                    found = await context.reader.relations_of([now], wanted, projection)
                    view = found.entities.get(now)
        else:
            found = await context.reader.actor_relations_by_name(str(name), wanted, projection)
            view = next(iter(found.entities.values()), None)
        context.prefetched.keep(found, wanted)
        return as_actor(view)

    @strawberry.field(description="One actor or event by id.")
    async def entity(self, info: KGInfo, id: strawberry.ID) -> Entity | None:
        view = await info.context.entities.load(str(id))
        return as_entity(view) if view else None

    @strawberry.field(
        description="Actors: full-text search over names and aliases (best first, words may be "
        "prefixes), or all actors by name."
    )
    async def actors(
        self,
        info: KGInfo,
        search: str | None = None,
        kind: EntityKind | None = None,
        first: int | None = None,
        after: str | None = None,
        role: Annotated[str | None, strawberry.argument(
            description="Only the actors who held this role (a title: 'president', compared "
            "without case), by name.")] = None,
        of: Annotated[strawberry.ID | None, strawberry.argument(
            description="With role: of this actor (a country, an organisation).")] = None,
        as_of: Annotated[dt.date | None, strawberry.argument(
            description="With role: on this date (claim dates and dated roles; see README).")] = None,
    ) -> Connection[Actor]:
        context = info.context
        if role is not None:
            if search is not None:
                raise InvalidInput("give 'search' or 'role', not both")
            of_id = str(of) if of is not None else None
            found_holders = await role_holders(context.reader, page_request(
                context.settings, ACTORS_TAG, first, after, key_size=2), role, of_id, as_of, kind)
            return connection(ACTORS_TAG, found_holders)
        if of is not None or as_of is not None:
            raise InvalidInput("'of' and 'asOf' go with 'role'")
        tag = SEARCH_TAG if search is not None else ACTORS_TAG
        page = page_request(context.settings, tag, first, after, key_size=2)
        projection = _projection(info, "entities")
        found = await context.reader.actors(page, search=search, kind=kind, projection=projection)
        return connection(tag, found)

    @strawberry.field(description="Typed relationships matching a filter, by type, subject, object.")
    async def relations(
        self,
        info: KGInfo,
        filter: RelationFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Relation]:
        given = filter or RelationFilter()
        reader = info.context.reader
        page = page_request(info.context.settings, RELATIONS_TAG, first, after, key_size=3)
        subject = str(given.subject) if given.subject is not None else None
        object_ = str(given.object_) if given.object_ is not None else None

        async def read(subject: str | None, object_: str | None) -> Page[RelationView]:
            return await reader.relations(
                page,
                types=given.types,
                subject=subject,
                object=object_,
                since=given.since,
                until=given.until,
                min_confidence=given.min_confidence,
                plover=given.plover,
            )

        found = await read(subject, object_)
        if not found.items and (subject is not None or object_ is not None):
            # An id merged into another actor stands for it (asked only when nothing was found).
            ends = await _actors_now(reader, subject, object_)
            if ends != (subject, object_):
                found = await read(*ends)
        return connection(RELATIONS_TAG, found)

    @strawberry.field(description="Events, by id.")
    async def events(
        self, info: KGInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Event]:
        page = page_request(info.context.settings, EVENTS_TAG, first, after, key_size=1)
        return connection(EVENTS_TAG, await info.context.reader.events(page))

    @strawberry.field(description="One document by id.")
    async def document(self, info: KGInfo, id: strawberry.ID) -> Document | None:
        return as_document(await info.context.documents.load(str(id)))

    @strawberry.field(description="Documents, by id.")
    async def documents(
        self, info: KGInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Document]:
        page = page_request(info.context.settings, DOCUMENTS_TAG, first, after, key_size=1)
        return connection(DOCUMENTS_TAG, await info.context.reader.documents(page))

    @strawberry.field(
        description="Shortest paths between two entities over typed relationships (either "
        "direction), each hop with its evidence. maxHops is capped by the server (api_max_hops)."
    )
    async def path(
        self,
        info: KGInfo,
        source: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 3,
        types: list[RelationType] | None = None,
        first: int | None = None,
    ) -> list[Path]:
        context = info.context
        settings = context.settings
        if max_hops < 1:
            raise InvalidInput("'maxHops' must be at least 1")
        hops = min(max_hops, settings.api_max_hops)
        limit = page_request(settings, "path", first, None, key_size=0).limit
        # The evidence asked of the hops comes with the paths, in the same statement.
        selections = _selections(info)
        evidence = planning.plan_evidence(settings, selections, "hops")
        projection = _projection(info, "path", selections)

        async def read(
            source: str, to: str
        ) -> tuple[list[list[RelationView]], dict[RelationKey, list[ClaimView]]]:
            return await context.reader.shortest_paths(
                source, to, max_hops=hops, limit=limit, types=types, evidence=evidence,
                projection=projection,
            )

        start, end = str(source), str(to)
        found, claims = await read(start, end)
        if not found:
            # An id merged into another actor stands for it (asked only when nothing was found).
            ends = await _actors_now(context.reader, start, end)
            if ends != (start, end):
                start, end = str(ends[0]), str(ends[1])
                found, claims = await read(start, end)
        if evidence is not None:
            context.prefetched.keep_evidence(claims, evidence)
        return [path(start, hops_) for hops_ in found]

    @strawberry.field(description="Counts of what the graph holds.")
    async def stats(self, info: KGInfo) -> Stats:
        found = await info.context.reader.stats()
        return Stats(
            actors=found.actors,
            events=found.events,
            documents=found.documents,
            claims=found.claims,
            relations=sum(found.relations_by_type.values()),
            relations_by_type=[
                RelationTypeCount(relation_type=t, count=n) for t, n in found.relations_by_type.items() if n
            ],
            actors_by_kind=[KindCount(kind=k, count=n) for k, n in found.actors_by_kind.items() if n],
        )

    @strawberry.field(
        description="The actors party to claims of the most documents (then claims), over the "
        "dates the claims were true (since/until, inclusive), the first 'first' (default 10). "
        "Negated claims are left out."
    )
    async def most_active_actors(
        self,
        info: KGInfo,
        since: dt.date | None = None,
        until: dt.date | None = None,
        kind: EntityKind | None = None,
        types: list[RelationType] | None = None,
        first: int | None = None,
    ) -> list[ActorActivity]:
        claim_filter(Direction.BOTH, types, since, until)  # the same checks as the actor summaries
        found = await info.context.reader.most_active_actors(
            summary_limit(info.context.settings, first), since=since, until=until, kind=kind, types=types
        )
        return [
            ActorActivity(actor=_activity_actor(a.entity), documents=a.documents, claims=a.claims)
            for a in found
        ]


def _activity_actor(view: EntityView) -> Actor:
    made = as_actor(view)
    assert made is not None  # the statement matches :Actor nodes
    return made


def check_actor_lookup(id: object, name: object) -> None:
    if (id is None) == (name is None):
        raise InvalidInput("give exactly one of 'id' and 'name'")


async def _actors_now(reader: GraphReader, *ids: str | None) -> tuple[str | None, ...]:
    """Each id as the actor it is now: an id merged into another actor is that actor's."""
    given = [i for i in ids if i is not None]
    actors = await reader.canonical_ids(given) if given else {}
    return tuple(actors.get(i, i) if i is not None else None for i in ids)

async def role_holders(
    reader: GraphReader,
    page: PageRequest,
    role: str,
    of: str | None,
    as_of: dt.date | None,
    kind: EntityKind | None,
) -> Page[EntityView]:
    """The actors who held ``role`` (of ``of``, on ``as_of``), by name: the tenures of
    kg.resolution.roles over the role's HOLDS_ROLE claims (a few rows: paged here)."""
    if not role.strip():
        raise InvalidInput("'role' is empty")
    office = of
    if of is not None:
        office = (await reader.canonical_ids([of])).get(of)
        if office is None:
            return Page(total=0)
    held = held_on(tenures(await reader.role_holders(role, office)), as_of)
    views = await reader.entities_by_id(sorted({tenure.holder for tenure in held}))
    actors = {view.id: view for view in views.values()}  # two holders merged since are one
    ranked = sorted(
        ((view.name, view.id), view) for view in actors.values()
        if view.kind.is_actor and (kind is None or view.kind is kind)
    )
    rest = ranked
    if page.after is not None:
        after_key = (str(page.after[0]), str(page.after[1]))
        rest = [(key, view) for key, view in ranked if key > after_key]
    return Page(total=len(ranked), items=list(rest[: page.limit]), has_next=len(rest) > page.limit)



# --- mutations ---------------------------------------------------------------------------------


@strawberry.enum(description="What ingestDocument did with the text.")
class IngestStatus(Enum):
    NEW = "NEW"
    # Stored again, superseding an earlier version: the same URL or file with other content, or
    # the same content read by an older extractor.
    REPLACED = "REPLACED"
    UNCHANGED = "UNCHANGED"  # the same content is already stored: nothing was written
    FAILED = "FAILED"  # see problems


@strawberry.type(description="What ingestDocument extracted and stored.")
class IngestResult:
    document_id: strawberry.ID
    status: IngestStatus
    entities: int = strawberry.field(description="Distinct entities the document mentions.")
    claims: int = strawberry.field(description="Claims written.")
    replaced: int = strawberry.field(
        description="Stored documents this superseded: the same URL or file with other content, "
        "or the same content read by an older extractor."
    )
    problems: list[str]
    document: Document | None = strawberry.field(description="The stored document: claims, entities.")


@strawberry.type
class RetractResult:
    documents: list[strawberry.ID]
    claims: int
    entities_deleted: int


@strawberry.input(description="A curated actor; its name and kind win over extracted data.")
class ActorInput:
    name: str
    kind: EntityKind
    id: strawberry.ID | None = strawberry.field(default=None, description="Default: from the name.")
    aliases: list[str] = strawberry.field(default_factory=list)
    roles: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="A curated relation between two stored entities, with its source.")
class RelationInput:
    subject: strawberry.ID
    relation_type: RelationType = strawberry.field(name="type")
    object_: strawberry.ID = strawberry.field(name="object")
    source: str = strawberry.field(description="Where it comes from: a reference, a URL, a dataset.")
    date: dt.date | None = None
    note: str | None = None


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Extract relations from one text and store them. Needs the API key.")
    async def ingest_document(
        self,
        info: KGInfo,
        text: str,
        title: str | None = None,
        url: str | None = None,
        published: dt.date | None = None,
    ) -> IngestResult:
        context = info.context
        context.require_api_key()
        if not text.strip():
            raise InvalidInput("'text' is empty")
        from loaders.documents import document_from_text

        source = document_from_text(text, title=title, url=url, published=published, source=url)
        summary = await context.services.graph.ingest(source)
        await context.stamp_bookmarks()
        if summary.failed:
            status = IngestStatus.FAILED
        elif summary.unchanged:
            status = IngestStatus.UNCHANGED
        elif summary.replaced:
            status = IngestStatus.REPLACED
        else:
            status = IngestStatus.NEW
        stored = await context.reader.documents_by_id([source.id])
        return IngestResult(
            document_id=strawberry.ID(source.id),
            status=status,
            entities=summary.entities,
            claims=summary.claims,
            replaced=summary.replaced,
            problems=[str(problem) for problem in summary.problems],
            document=as_document(stored.get(source.id)),
        )

    @strawberry.mutation(description="Remove a document (by id, URL or source) and what only it supports.")
    async def retract_document(self, info: KGInfo, id: strawberry.ID) -> RetractResult:
        info.context.require_api_key()
        # By reference only: a client never makes the server read a file of its own.
        result = await info.context.services.graph.retract(str(id), read_files=False)
        await info.context.stamp_bookmarks()
        return RetractResult(
            documents=[strawberry.ID(doc) for doc in result.documents],
            claims=result.claims,
            entities_deleted=result.entities_deleted,
        )

    @strawberry.mutation(description="Create or update a curated actor. Needs the API key.")
    async def upsert_actor(self, info: KGInfo, input: ActorInput) -> Actor:
        info.context.require_api_key()
        if not input.name.strip():
            raise InvalidInput("'name' is empty")
        if input.kind is EntityKind.EVENT:
            raise InvalidInput("an actor's kind cannot be EVENT")
        actor_id = str(input.id) if input.id else slugify(input.name)
        try:
            curated = CuratedActor(
                id=actor_id,
                name=input.name.strip(),
                kind=input.kind,
                aliases=tuple(a.strip() for a in input.aliases if a.strip()),
                roles=tuple(r.strip() for r in input.roles if r.strip()),
            )
        except ValidationError as error:  # ids and names have a maximum length (kg.model)
            raise InvalidInput("invalid actor", [
                Problem("input", item["msg"], field=".".join(str(part) for part in item["loc"]))
                for item in error.errors()
            ]) from None
        await info.context.services.graph.load_actors([curated])
        await info.context.stamp_bookmarks()
        stored = await info.context.reader.entities_by_id([actor_id])
        made = as_actor(stored.get(actor_id))
        if made is None:
            raise NotFound(f"actor {actor_id!r} was not found after writing it")
        return made

    @strawberry.mutation(description="Add a curated relation with its source reference. Needs the API key.")
    async def add_relation(self, info: KGInfo, input: RelationInput) -> Relation:
        info.context.require_api_key()
        if not input.source.strip():
            raise InvalidInput("'source' is empty: a curated relation needs a reference")
        subject, object_ = str(input.subject), str(input.object_)
        repository = info.context.services.repository()
        missing = {subject, object_} - await repository.existing_entity_ids([subject, object_])
        if missing:
            raise NotFound(f"no stored entity has id {', '.join(sorted(missing))}")
        curated = CuratedRelation(
            subject=subject,
            type=input.relation_type,
            object=object_,
            source=input.source.strip(),
            date=input.date,
            note=input.note,
        )
        await info.context.services.graph.load_relations([curated])
        await info.context.stamp_bookmarks()
        key = RelationKey(subject, input.relation_type, object_)
        found = await info.context.reader.relations(
            PageRequest(limit=1), types=[key.type], subject=key.subject, object=key.object
        )
        if not found.items:
            raise NotFound("the relation was not found after writing it")
        return as_relation(found.items[0][1])


    @strawberry.mutation(
        description="Merge the actors `merge` into `keep` (ids, or ids merged before): their claims, "
        "mentions and relations move to `keep`, their ids keep finding it, and the decision is "
        "logged (see `kg actors decisions`). Undo with splitActor. Needs the API key."
    )
    async def merge_actors(
        self, info: KGInfo, keep: strawberry.ID, merge: list[strawberry.ID], note: str | None = None
    ) -> Actor:
        info.context.require_api_key()
        kept = await info.context.services.resolution().merge(
            str(keep), [str(identifier) for identifier in merge], by=API_DECIDER, note=note
        )
        await info.context.stamp_bookmarks()
        stored = await info.context.reader.entities_by_id([kept])
        made = as_actor(stored.get(kept))
        if made is None:
            raise NotFound(f"actor {kept!r} was not found after the merge")
        return made

    @strawberry.mutation(
        description="Undo merges: an id merged into another actor becomes an actor again (with the "
        "ids merged into it), restoring its claims and relations; an actor gives back every id "
        "merged straight into it. Returns the actors split off. Needs the API key."
    )
    async def split_actor(self, info: KGInfo, id: strawberry.ID) -> list[Actor]:
        info.context.require_api_key()
        revived = await info.context.services.resolution().split(str(id), by=API_DECIDER)
        await info.context.stamp_bookmarks()
        stored = await info.context.reader.entities_by_id(revived)
        return [made for identifier in revived if identifier in stored
                if (made := as_actor(stored[identifier])) is not None]


# Who decided, in the decision log, for merges and splits made through the API.
API_DECIDER = "api"

# Distinct query texts whose parse and validation are kept (bounded: clients send few shapes).
QUERY_CACHE_SIZE = 256


class KGSchema(strawberry.Schema):
    """Logs expected errors in one line and unexpected ones with their traceback."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


class ArgumentNames(NameConverter):
    """Strawberry's names, with each argument's GraphQL name kept once worked out: strawberry
    asks for the names of all of a field's arguments on every call of its resolver (to pick
    the given ones from graphql-core's), and camel-cases the Python name each time."""

    def __init__(self) -> None:
        super().__init__()
        # By argument identity; the argument is kept in the value, so its id is not reused.
        self.argument_names: dict[int, tuple[StrawberryArgument, str]] = {}

    def from_argument(self, argument: StrawberryArgument) -> str:
        known = self.argument_names.get(id(argument))
        if known is not None:
            return known[1]
        name = super().from_argument(argument)
        self.argument_names[id(argument)] = (argument, name)
        return name


def build_schema(settings: Settings | None = None, *, graphql_core_executor: bool = False) -> KGSchema:
    """The schema with the limits of ``settings`` (defaults when None, e.g. to print the SDL),
    executed by kg's executor (kg.api.executor); ``graphql_core_executor``: by graphql-core's
    own, through strawberry's default (the reference tests/api/test_execution_equivalence.py
    compares kg's with)."""
    limits = settings or load_settings()
    # The depth and alias rules are built once per schema, not per request, so that the
    # validation cache (keyed by the rules too) serves repeated queries.
    rules = [
        *QueryDepthLimiter(max_depth=limits.api_max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.api_max_aliases).validation_rules,
    ]
    if not limits.api_introspection_enabled:
        rules.append(NoSchemaIntrospectionCustomRule)
    executor = None if graphql_core_executor else KGExecutor.for_schema()
    prepared = PreparedQueries(limits.api_max_tokens, rules, size=QUERY_CACHE_SIZE)
    built = KGSchema(
        query=Query,
        mutation=Mutation,
        types=[Actor, Event],
        config=StrawberryConfig(name_converter=ArgumentNames()),
        execution_context_class=executor,
        extensions=[lambda: PreparedDocuments(prepared)],
    )
    if executor is not None:
        executor.strawberry_schema = built
    return built


def schema_sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_sdl())
