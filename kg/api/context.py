"""Per-process services and the per-request GraphQL context with its DataLoaders.

:class:`Services` lives in ``app.state`` for the life of the process: the one driver, the
reader, the repository and the lazily built extractor. :class:`Context` is built for every
request by :func:`context_of` and holds fresh DataLoaders, so nothing is cached across
requests and every nesting level of a query costs one Cypher round trip, whatever the number
of parents.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from neo4j import AsyncDriver
from neo4j.api import AsyncBookmarkManager
from starlette.requests import HTTPConnection, Request
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from kg.api.errors import Unauthorized
from kg.api.planning import evidence_request
from kg.errors import InvalidInput
from kg.graph.reads import (
    Activity,
    Affiliation,
    ClaimFilter,
    ClaimView,
    DocumentView,
    EntityView,
    EvidenceRequest,
    GraphReader,
    GroupBy,
    GroupCount,
    MonthCount,
    Page,
    PageRequest,
    RelationKey,
    RelationsFound,
    RelationsRequest,
    RelationView,
)
from kg.model import RelationType
from kg.resolution.roles import RoleEvidence
from kg.settings import Settings

if TYPE_CHECKING:
    from kg.client import AsyncGraph
    from kg.graph.repository import GraphRepository
    from kg.graph.resolution import ActorResolution
    from kg.ingest import DocumentExtractor

# Where kg.api.budget leaves a request's deadline (event-loop time) in the ASGI scope's state.
DEADLINE_STATE = "kg_deadline"

K = TypeVar("K", bound=Hashable)
A = TypeVar("A", bound=Hashable)
V = TypeVar("V")


# The header carrying bookmarks: a mutation's answer names the writes it made, a request that
# sends them back reads after those writes (on any API process, any cluster member).
BOOKMARKS_HEADER = "x-kg-bookmarks"
MAX_BOOKMARKS = 64


@dataclass
class Services:
    """What one API process shares between requests: the driver, the reader and the bookmark
    manager every session of the process shares (a read sees the process's earlier writes)."""

    settings: Settings
    driver: AsyncDriver
    reader: GraphReader
    bookmarks: AsyncBookmarkManager | None = None

    @cached_property
    def graph(self) -> AsyncGraph:
        """The public API over the process's driver: mutations write through it, as the ``kg``
        command does (the schema is applied at startup; the extractor is built on first use)."""
        from kg.client import AsyncGraph

        return AsyncGraph(
            self.driver, self.settings, owns_driver=False, schema_applied=True, bookmarks=self.bookmarks
        )

    def repository(self) -> GraphRepository:
        from kg.graph.repository import GraphRepository

        return GraphRepository(self.driver, self.settings.neo4j_database, bookmarks=self.bookmarks)

    def resolution(self) -> ActorResolution:
        from kg.graph.resolution import ActorResolution

        return ActorResolution(self.driver, self.settings.neo4j_database, bookmarks=self.bookmarks)

    async def extractor(self) -> DocumentExtractor:
        """The NLP extractor, built once per process on first use (loading spaCy takes seconds)."""
        return await self.graph.extractor()


@dataclass(frozen=True, slots=True)
class NeighbourArgs:
    types: tuple[RelationType, ...] | None
    page: PageRequest


@dataclass(frozen=True, slots=True)
class SummaryArgs:
    """The arguments of an actor's summary field: which claims, grouped how, how many rows."""

    where: ClaimFilter
    group_by: GroupBy = "TYPE"
    limit: int = 0


class Prefetched:
    """Pages one statement read along with their parent (see kg.api.planning), kept for the
    request: a field's resolver looks here, under the key it computes from its own arguments,
    before it loads anything."""

    __slots__ = ("evidence", "evidence_requests", "relations")

    def __init__(self) -> None:
        # (entity id, the page's request without evidence) -> the page
        self.relations: dict[tuple[str, RelationsRequest], Page[RelationView]] = {}
        # evidence request -> relation (a RelationKey, or the plain tuple it equals) -> the claims
        self.evidence: dict[EvidenceRequest, dict[tuple[str, RelationType, str], list[ClaimView]]] = {}
        # Relation.evidence's arguments (first, after, includeNegated) -> their request
        self.evidence_requests: dict[tuple[Any, ...], EvidenceRequest] = {}

    def evidence_request(
        self, settings: Settings, first: int | None, after: str | None, include_negated: bool
    ) -> EvidenceRequest:
        """The request of ``Relation.evidence(first, after, includeNegated)``, validated once
        per request (the field is asked once per relation with the same arguments);
        InvalidInput for arguments that do not validate."""
        arguments = (first, after, include_negated)
        request = self.evidence_requests.get(arguments)
        if request is None:
            request = self.evidence_requests[arguments] = evidence_request(
                settings, first, after, include_negated
            )
        return request

    def keep(self, found: RelationsFound, request: RelationsRequest) -> None:
        """The pages of a relations read made for ``request`` (and their evidence)."""
        page_request = RelationsRequest(request.page, request.direction, request.types)
        for entity_id, page in found.pages.items():
            self.relations[(entity_id, page_request)] = page
        if request.evidence is not None:
            self.keep_evidence(found.evidence, request.evidence)

    def keep_evidence(self, claims: Mapping[RelationKey, list[ClaimView]], request: EvidenceRequest) -> None:
        kept = self.evidence.setdefault(request, {})
        for key, found in claims.items():
            kept[key] = found


def grouped_loader(
    fetch: Callable[[list[K], A], Awaitable[Mapping[K, V]]],
) -> DataLoader[tuple[K, A], V]:
    """A DataLoader over (parent key, field arguments): one fetch per distinct set of arguments.

    All parents that ask for the same field with the same arguments (the usual case in a
    nested query) are answered by a single batched read.
    """

    async def load(keys: list[tuple[K, A]]) -> list[V]:
        by_args: dict[A, list[K]] = {}
        for parent, args in keys:
            by_args.setdefault(args, []).append(parent)
        groups = list(by_args.items())
        answers = await asyncio.gather(*(fetch(parents, args) for args, parents in groups))
        results = {args: answer for (args, _), answer in zip(groups, answers, strict=True)}
        return [results[args][parent] for parent, args in keys]

    return DataLoader(load_fn=load)


def _keyed_loader(fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, V]]]) -> DataLoader[str, V | None]:
    async def load(keys: list[str]) -> list[V | None]:
        found = await fetch(keys)
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


class Context(BaseContext):
    """One request: the shared services, the caller's rights, this request's loaders and what
    its statements read ahead (``prefetched``).

    Each loader is built on first use: a request needs one or two of them, and building all of
    them for every request is a visible share of a small request's CPU time.
    """

    def __init__(
        self,
        services: Services,
        *,
        api_key: str | None,
        deadline: float | None = None,
        bookmarks: Sequence[str] = (),
        response: Any = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = services.settings
        # A request under a time budget (kg.api.budget) reads with what is left of it, after the
        # writes its bookmarks name.
        reader = services.reader if deadline is None else services.reader.within(deadline)
        self.reader = reader.after(bookmarks)
        self.response = response
        self._api_key = api_key

    async def stamp_bookmarks(self) -> None:
        """Tell the client, in a response header, the writes this process has made (its
        bookmarks): sending them back makes a later request read after them."""
        manager = self.services.bookmarks
        if manager is None or self.response is None:
            return
        values = sorted(await manager.get_bookmarks())
        if values:
            self.response.headers[BOOKMARKS_HEADER] = ",".join(values)

    @cached_property
    def entities(self) -> DataLoader[str, EntityView | None]:
        return _keyed_loader(self.reader.entities_by_id)

    @cached_property
    def documents(self) -> DataLoader[str, DocumentView | None]:
        return _keyed_loader(self.reader.documents_by_id)

    @cached_property
    def prefetched(self) -> Prefetched:
        return Prefetched()

    @cached_property
    def relations(self) -> DataLoader[tuple[str, RelationsRequest], Page[RelationView]]:
        reader = self.reader

        async def relations(ids: list[str], request: RelationsRequest) -> Mapping[str, Page[RelationView]]:
            found = await reader.relations_of(ids, request)
            self.prefetched.keep(found, request)
            return {entity_id: found.page(entity_id) for entity_id in ids}

        return grouped_loader(relations)

    @cached_property
    def evidence(self) -> DataLoader[tuple[RelationKey, EvidenceRequest], list[ClaimView]]:
        reader = self.reader

        async def evidence(
            keys: list[RelationKey], request: EvidenceRequest
        ) -> Mapping[RelationKey, list[ClaimView]]:
            return await reader.evidence(keys, request)

        return grouped_loader(evidence)

    @cached_property
    def neighbours(self) -> DataLoader[tuple[str, NeighbourArgs], Page[EntityView]]:
        reader = self.reader

        async def neighbours(ids: list[str], args: NeighbourArgs) -> Mapping[str, Page[EntityView]]:
            return await reader.neighbours(ids, args.page, types=args.types)

        return grouped_loader(neighbours)

    @cached_property
    def affiliations(self) -> DataLoader[str, Affiliation | None]:
        return _keyed_loader(self.reader.affiliations)

    @cached_property
    def agents(self) -> DataLoader[tuple[str, PageRequest], Page[EntityView]]:
        reader = self.reader

        async def agents(ids: list[str], page: PageRequest) -> Mapping[str, Page[EntityView]]:
            return await reader.agents(ids, page)

        return grouped_loader(agents)

    @cached_property
    def document_claims(self) -> DataLoader[tuple[str, EvidenceRequest], Page[ClaimView]]:
        reader = self.reader

        async def document_claims(ids: list[str], args: EvidenceRequest) -> Mapping[str, Page[ClaimView]]:
            return await reader.document_claims(ids, args.page, include_negated=args.include_negated)

        return grouped_loader(document_claims)

    @cached_property
    def document_entities(self) -> DataLoader[tuple[str, PageRequest], Page[EntityView]]:
        reader = self.reader

        async def document_entities(ids: list[str], page: PageRequest) -> Mapping[str, Page[EntityView]]:
            return await reader.document_entities(ids, page)

        return grouped_loader(document_entities)

    # Summaries (Actor.relationCounts, timeline, topCounterparts): one statement per field and
    # set of arguments, whatever the number of actors.

    @cached_property
    def claim_counts(self) -> DataLoader[tuple[str, SummaryArgs], list[GroupCount]]:
        reader = self.reader

        async def counts(ids: list[str], args: SummaryArgs) -> Mapping[str, list[GroupCount]]:
            return await reader.claim_counts(ids, args.where, args.group_by)

        return grouped_loader(counts)

    @cached_property
    def claim_timeline(self) -> DataLoader[tuple[str, SummaryArgs], list[MonthCount]]:
        reader = self.reader

        async def timeline(ids: list[str], args: SummaryArgs) -> Mapping[str, list[MonthCount]]:
            return await reader.claim_timeline(ids, args.where)

        return grouped_loader(timeline)

    @cached_property
    def top_counterparts(self) -> DataLoader[tuple[str, SummaryArgs], list[Activity]]:
        reader = self.reader

        async def counterparts(ids: list[str], args: SummaryArgs) -> Mapping[str, list[Activity]]:
            return await reader.top_counterparts(ids, args.where, args.limit)

        return grouped_loader(counterparts)

    @cached_property
    def merged_from(self) -> DataLoader[str, tuple[str, ...] | None]:
        return _keyed_loader(self.reader.merged_from)

    @cached_property
    def role_evidence(self) -> DataLoader[str, list[RoleEvidence] | None]:
        return _keyed_loader(self.reader.role_evidence_of)

    def require_api_key(self) -> None:
        """Raise :class:`Unauthorized` unless the request carries the configured API key."""
        if not self.settings.api_key or not self.settings.api_key.get_secret_value():
            raise Unauthorized("mutations are disabled: no API key is configured (set KG_API_KEY)")
        if not is_api_key(self.settings, self._api_key):
            raise Unauthorized("this mutation needs the API key (header X-API-Key or Authorization: Bearer)")


def is_api_key(settings: Settings, given: str | None) -> bool:
    """Whether ``given`` is the configured API key (never when none is configured)."""
    configured = settings.api_key.get_secret_value() if settings.api_key else ""
    if not configured or not given:
        return False
    # compare_digest on bytes: a str argument must be ASCII, and a header need not be.
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), configured.encode("utf-8"))


_API_KEY_HEADER = b"x-api-key"
_AUTHORIZATION_HEADER = b"authorization"
_BOOKMARKS_HEADER = BOOKMARKS_HEADER.encode("latin-1")
_CONTEXT_HEADERS = frozenset({_API_KEY_HEADER, _AUTHORIZATION_HEADER, _BOOKMARKS_HEADER})


def _headers_of(request: HTTPConnection) -> dict[bytes, str]:
    """The headers a context reads (the first of each name, as ``Headers.get`` gives it), in
    one pass over the request's headers instead of a pass per name."""
    found: dict[bytes, str] = {}
    for name, value in request.headers.raw:
        if name in _CONTEXT_HEADERS and name not in found:
            found[name] = value.decode("latin-1")
    return found


def _api_key_in(headers: Mapping[bytes, str]) -> str | None:
    key = headers.get(_API_KEY_HEADER)
    if key:
        return key.strip()
    authorization = headers.get(_AUTHORIZATION_HEADER, "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


def api_key_from(request: HTTPConnection) -> str | None:
    """The key from ``X-API-Key`` or ``Authorization: Bearer <key>``, if any."""
    return _api_key_in(_headers_of(request))


def context_of(request: Request | WebSocket, response: Any = None) -> Context:
    """The context of one GraphQL request: fresh loaders, the caller's key, its deadline and
    bookmarks, the response whose headers a mutation adds its bookmarks to."""
    services: Services = request.app.state.services
    # The ASGI scope's state, read as it is (request.state wraps it in an object per request).
    deadline = request.scope.get("state", {}).get(DEADLINE_STATE)
    headers = _headers_of(request)
    return Context(
        services, api_key=_api_key_in(headers), deadline=deadline,
        bookmarks=_bookmarks_in(headers.get(_BOOKMARKS_HEADER, "")), response=response,
    )


def _bookmark_like(value: str) -> bool:
    return len(value) <= 1000 and value.isascii() and value.isprintable() and " " not in value


def bookmarks_from(request: HTTPConnection) -> list[str]:
    """The bookmarks a request sends (comma-separated in X-KG-Bookmarks); InvalidInput for a
    header that cannot be bookmarks."""
    return _bookmarks_in(request.headers.get(BOOKMARKS_HEADER, ""))


def _bookmarks_in(header: str) -> list[str]:
    header = header.strip()
    if not header:
        return []
    values = [value.strip() for value in header.split(",") if value.strip()]
    if len(values) > MAX_BOOKMARKS or not all(_bookmark_like(value) for value in values):
        raise InvalidInput(f"the {BOOKMARKS_HEADER} header is not a list of bookmarks")
    return values
