"""kg's public Python API (re-exported by :mod:`kg`): extraction without Neo4j, and the graph.

    import kg

    extraction = kg.extract("Russia mediated a truce between Armenia and Azerbaijan.")
    with kg.connect() as graph:                       # settings and server as `kg` finds them
        summary = graph.ingest(kg.files("news/"))     # same idempotency and errors as `kg ingest`
        for relation in graph.relations("Russia", evidence=2):
            print(relation.subject.name, relation.type, relation.object.name)

This is the one front door: the ``kg`` command and the GraphQL API's mutations call these same
methods. Everything returned is a documented :mod:`kg.model` type; everything raised is a
:class:`kg.errors.KGError`. :class:`AsyncGraph` is the asynchronous original (servers, async
notebooks); :class:`Graph` runs it on a private event-loop thread, so it works in scripts and
in notebooks whose own loop is running alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable, Coroutine, Generator, Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from kg.errors import InvalidInput, NotFound, Problem
from kg.model import (
    ActorCount,
    Claim,
    CuratedActor,
    CuratedRelation,
    DocumentInfo,
    EntityKind,
    Extraction,
    GraphStatus,
    IngestSummary,
    RelationType,
    Retraction,
    SourceDocument,
    StoredEntity,
    StoredRelation,
)
from kg.settings import Settings, load_settings
from kg.sources import Source, iter_sources

if TYPE_CHECKING:
    from neo4j import AsyncDriver
    from neo4j.api import AsyncBookmarkManager

    from kg.graph.reads import ClaimView, EntityView, RelationView
    from kg.ingest import DocumentExtractor

T = TypeVar("T")
Direction = Literal["OUT", "IN", "BOTH"]
DateLike = dt.date | str | None
Progress = Callable[[int], object]
"""Called with the number of documents just finished (stored, skipped or failed)."""
ChangeReport = Callable[[IngestSummary], object]
"""Called by a folder watcher with what each round of changes did."""

# --- extraction, no Neo4j needed -----------------------------------------------------------------

_extractors: dict[tuple[object, ...], DocumentExtractor] = {}
_extractors_lock = threading.Lock()


def shared_extractor(settings: Settings | None = None) -> DocumentExtractor:
    """The spaCy extractor for ``settings`` (default: the environment's), loaded once per
    process and shared (loading the model takes seconds)."""
    settings = settings or load_settings()
    key = (settings.spacy_model, settings.spacy_fallback_model, settings.nlp_batch_size, settings.nlp_workers)
    with _extractors_lock:
        extractor = _extractors.get(key)
        if extractor is None:
            from kg.nlp.extractor import Extractor

            extractor = _extractors[key] = Extractor.from_settings(settings, workers=settings.nlp_workers)
        return extractor


def extract(
    text: str,
    *,
    published: DateLike = None,
    title: str | None = None,
    url: str | None = None,
    author: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Actors, events and relations read from one article's ``text``; nothing is stored.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates ("on Wednesday").
    Raises :class:`kg.errors.InvalidInput` for empty text or a bad date, and
    :class:`kg.errors.ExtractionError` if the text cannot be extracted.

    >>> kg.extract("Russia mediated a truce.", published="2022-09-15").entities[0].id
    'russia'
    """
    from loaders.documents import document_from_text

    document = document_from_text(text, title=title, url=url, author=author, published=published)
    return shared_extractor(settings).extract(document)


def extract_many(
    sources: Source | Iterable[Source],
    *,
    published: DateLike = None,
    on_problem: Callable[[Problem], object] | None = None,
    settings: Settings | None = None,
    extractor: DocumentExtractor | None = None,
) -> Iterator[Extraction]:
    """Extract many documents as a stream (spaCy's ``nlp.pipe`` in batches); nothing is stored.

    ``sources``: texts, :class:`pathlib.Path` files or folders, :func:`kg.files`,
    :class:`kg.Document` objects or JSON Lines records (dicts), or one of them. A source that
    cannot be read or extracted is passed to ``on_problem`` and the stream goes on; without
    ``on_problem`` it raises :class:`kg.errors.InvalidInput` naming it when reached.
    """
    from loaders.documents import documents_only

    worker = extractor or shared_extractor(settings)
    report = on_problem or _raise_problem
    documents = documents_only(iter_sources(sources, published=_date(published)), report)
    for item in worker.extract_many(documents):
        if isinstance(item, Problem):
            report(item)
        else:
            yield item


def _raise_problem(problem: Problem) -> None:
    raise InvalidInput(f"cannot extract {problem.source}", [problem])


def _date(value: DateLike) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    from loaders.documents import parse_published

    return parse_published(value, source="published")


# --- the graph, asynchronous -----------------------------------------------------------------


class AsyncGraph:
    """A kg graph in Neo4j: ingest, retract, load curated lists, read actors, relations and paths.

    Open one with ``await kg.connect_async()`` (or ``async with kg.connect_async() as graph``);
    close it with :meth:`close`. One AsyncGraph holds one driver and may be shared by the tasks
    of its event loop. The schema (constraints, indexes) is applied before the first write.
    """

    def __init__(
        self,
        driver: AsyncDriver,
        settings: Settings,
        *,
        extractor: DocumentExtractor | None = None,
        owns_driver: bool = True,
        schema_applied: bool = False,
        bookmarks: AsyncBookmarkManager | None = None,
    ) -> None:
        """Wrap an open driver (``owns_driver``: :meth:`close` closes it); ``bookmarks``: a
        bookmark manager shared with other sessions of the process (its reads then see these
        writes on a cluster). Most code calls :func:`kg.connect_async` instead."""
        from kg.graph.reads import GraphReader
        from kg.graph.repository import GraphRepository

        self.settings = settings
        self._driver = driver
        self._owns_driver = owns_driver
        self._repository = GraphRepository(driver, settings.neo4j_database, bookmarks=bookmarks)
        self._reader = GraphReader(driver, settings, bookmarks=bookmarks)
        self._extractor = extractor
        self._schema_applied = schema_applied
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, settings: Settings | None = None, *, extractor: DocumentExtractor | None = None
                   ) -> AsyncGraph:
        """Connect with ``settings`` (default: the environment's), starting kg's managed Neo4j
        when no URI is configured, exactly as the ``kg`` command does."""
        from kg.graph.driver import open_driver

        settings = settings or load_settings()
        return cls(await open_driver(settings), settings, extractor=extractor)

    async def close(self) -> None:
        """Close the driver (when this graph opened it)."""
        if self._owns_driver:
            await self._driver.close()

    async def __aenter__(self) -> AsyncGraph:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    # -- writing ------------------------------------------------------------------------------

    async def apply_schema(self, schema_dir: str | os.PathLike[str] | None = None) -> list[str]:
        """Apply kg's constraints and indexes (idempotent; ``schema_dir``: other ``*.cypher``
        files); one line per change made."""
        from pathlib import Path

        from kg.graph.schema import apply_schema

        async with self._lock:
            changed = await apply_schema(
                self._driver, self.settings, Path(schema_dir) if schema_dir is not None else None
            )
            self._schema_applied = True
        return changed

    async def status(self) -> GraphStatus:
        """The server's version and edition, and node/relationship counts per label/type."""
        from kg.graph import server
        from kg.graph.admin import graph_status

        uri = self.settings.neo4j_uri or server.bolt_uri(self.settings)
        return await graph_status(self._driver, uri, self.settings.neo4j_database)

    async def _writable(self) -> None:
        if not self._schema_applied:
            await self.apply_schema()

    async def extractor(self) -> DocumentExtractor:
        """The extractor ingestion uses (the process's shared one unless one was given)."""
        if self._extractor is None:
            self._extractor = await asyncio.to_thread(shared_extractor, self.settings)
        return self._extractor

    async def ingest(
        self,
        sources: Source | Iterable[Source],
        *,
        published: DateLike = None,
        force: bool = False,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Extract and store documents, as ``kg ingest`` does.

        ``sources``: texts, :class:`pathlib.Path` files/folders/globs, :func:`kg.files`,
        :class:`kg.Document` objects, JSON Lines records (dicts), or one of them. Stored content
        is skipped ("unchanged") unless ``force``; the same URL (or file) with other content
        replaces the stored document. A source that cannot be read, extracted or stored is
        counted as failed and named in ``summary.problems``; the others are stored. Raises
        :class:`kg.ingest.IngestInterrupted` (a GraphUnavailable carrying what was committed) if
        Neo4j goes away; running the same ingest again completes it.
        """
        from kg.ingest import ingest_documents

        await self._writable()
        return await ingest_documents(
            iter_sources(sources, published=_date(published)),
            repository=self._repository,
            extractor=await self.extractor(),
            settings=self.settings,
            progress=progress,
            force=force,
        )

    async def retract(self, reference: str | os.PathLike[str], *, read_files: bool = True) -> Retraction:
        """Remove a stored document and everything only it supported.

        ``reference``: a document id, a URL, the path it was ingested from (any spelling:
        ``./a.txt``, ``a.txt``, ``/abs/a.txt``), or a file whose *content* is stored, whatever
        path it was ingested from (every record of a JSON Lines file). With ``read_files=False``
        only ids, URLs and stored sources are matched (no file is looked at). Raises NotFound.
        """
        await self._writable()
        ref = os.fspath(reference)
        if not read_files:
            return _retraction([await self._repository.retract_document(ref)])
        spellings = list(dict.fromkeys([ref, *_path_spellings(ref)]))
        for candidate in spellings:
            with contextlib.suppress(NotFound):
                return _retraction([await self._repository.retract_document(candidate)])
        if os.path.exists(ref):
            for candidate in spellings:  # a JSON Lines file's records, a folder's files
                retraction = await self.retract_from(candidate)
                if retraction.documents:
                    return retraction
        if os.path.isfile(ref):
            ids = await asyncio.to_thread(_content_ids, ref)
            done = []
            for identifier in ids:
                with contextlib.suppress(NotFound):
                    done.append(await self._repository.retract_document(identifier))
            if done:
                return _retraction(done)
            raise NotFound(f"no stored document has id, URL or source {ref!r}, nor the content of that file")
        raise NotFound(f"no stored document has id, URL or source {ref!r}")

    async def retract_from(self, path: str | os.PathLike[str]) -> Retraction:
        """Remove every document read from ``path`` (spelled as it was ingested): the file, the
        records of a JSON Lines file, or the files under a folder. The file need not exist any
        more. Returns an empty Retraction when nothing was stored from there."""
        await self._writable()
        done = []
        for identifier in await self._repository.documents_from_path(os.fspath(path)):
            with contextlib.suppress(NotFound):  # retracted meanwhile
                done.append(await self._repository.retract_document(identifier))
        return _retraction(done)

    async def load_actors(self, actors: str | os.PathLike[str] | Iterable[CuratedActor]) -> int:
        """Create or update curated actors (their name and kind win over extracted data), from a
        CSV / JSON Lines file (rejected whole, every problem listed, if anything is wrong) or
        from :class:`kg.model.CuratedActor` objects. Returns how many."""
        items = _curated_actors(actors)
        await self._writable()
        return await self._repository.load_actors(items, batch_size=self.settings.write_batch_size)

    async def load_relations(
        self,
        relations: str | os.PathLike[str] | Iterable[CuratedRelation],
        *,
        actors: str | os.PathLike[str] | Iterable[CuratedActor] | None = None,
    ) -> int:
        """Store curated relations (a CSV / JSON Lines file, or :class:`kg.model.CuratedRelation`
        objects). Subjects and objects must be stored entity ids or actors in ``actors`` (loaded
        first); otherwise nothing is written and InvalidInput lists the unknown ids."""
        from loaders.curated import CuratedFile, Located, check_references, read_relations, referenced_ids

        if isinstance(relations, str | os.PathLike):
            relation_file = read_relations(os.fspath(relations))
        else:
            relation_file = CuratedFile("<relations>", [Located(n, r) for n, r in enumerate(relations, 1)])
        actor_items = _curated_actors(actors) if actors is not None else []
        await self._writable()
        loaded_ids = {actor.id for actor in actor_items}
        stored = await self._repository.existing_entity_ids(referenced_ids(relation_file) - loaded_ids)
        check_references(relation_file, stored | loaded_ids)
        batch_size = self.settings.write_batch_size
        if actor_items:
            await self._repository.load_actors(actor_items, batch_size=batch_size)
        return await self._repository.load_relations(relation_file.items, batch_size=batch_size)

    async def watch(
        self,
        folder: str | os.PathLike[str],
        *,
        follow_deletes: bool = False,
        published: DateLike = None,
        debounce_ms: int = 1600,
        stop: asyncio.Event | None = None,
        on_change: ChangeReport | None = None,
    ) -> IngestSummary:
        """Ingest the files in ``folder`` (recursively), then every file that appears or changes
        there, until ``stop`` is set (or the task is cancelled). See :mod:`kg.watch`."""
        from kg.watch import watch_folder

        return await watch_folder(
            self, folder, follow_deletes=follow_deletes, published=_date(published),
            debounce_ms=debounce_ms, stop=stop, on_change=on_change,
        )

    # -- reading ------------------------------------------------------------------------------

    async def actor(self, id_or_name: str) -> StoredEntity | None:
        """The entity with this id, else the actor with this name or alias (ignoring case)."""
        found = await self._reader.entities_by_id([id_or_name])
        view = found.get(id_or_name) or await self._reader.actor_by_name(id_or_name)
        return _entity(view) if view is not None else None

    async def actors(
        self, search: str | None = None, *, kind: EntityKind | None = None, limit: int = 20
    ) -> list[StoredEntity]:
        """Actors whose names or aliases match ``search`` (full text, best first; words may be
        prefixes), or all actors by name."""
        from kg.graph.reads import PageRequest

        page = await self._reader.actors(PageRequest(limit=_positive(limit)), search=search, kind=kind)
        return [_entity(view) for _, view in page.items]

    async def top_actors(self, limit: int = 10, *, kind: EntityKind | None = None) -> list[ActorCount]:
        """The actors most documents mention, with their number of typed relationships."""
        rows = await self._reader.top_actors(_positive(limit), kind=kind)
        return [ActorCount(actor=_entity(view), documents=docs, relations=rels) for view, docs, rels in rows]

    async def relations(
        self,
        actor: str | None = None,
        *,
        direction: Direction = "BOTH",
        types: Sequence[RelationType | str] | None = None,
        since: DateLike = None,
        until: DateLike = None,
        min_confidence: float | None = None,
        limit: int = 100,
        evidence: int = 3,
        include_negated: bool = False,
    ) -> list[StoredRelation]:
        """Typed relationships (of ``actor``, an id or name, in ``direction``; else all), in
        (type, subject id, object id) order, each with its ``evidence`` strongest claims.

        ``since``/``until`` keep relationships seen in that period; ``min_confidence`` those at
        least that sure. Raises NotFound for an unknown actor.
        """
        from kg.graph.reads import PageRequest

        wanted = [RelationType(t) for t in types] if types else None
        ends: list[tuple[str | None, str | None]] = [(None, None)]
        if actor is not None:
            actor_id = await self._actor_id(actor)
            if direction == "OUT":
                ends = [(actor_id, None)]
            elif direction == "IN":
                ends = [(None, actor_id)]
            else:
                ends = [(actor_id, None), (None, actor_id)]
        views: list[RelationView] = []
        for subject, object_ in ends:
            page = await self._reader.relations(
                PageRequest(limit=_positive(limit)), types=wanted, subject=subject, object=object_,
                since=_date(since), until=_date(until), min_confidence=min_confidence,
            )
            views += [view for _, view in page.items]
        views = sorted(views, key=lambda view: (view.type.value, view.subject.id, view.object.id))[:limit]
        claims = await self._evidence(views, evidence, include_negated)
        return [_relation(view, claims.get(view.key)) for view in views]

    async def path(
        self,
        a: str,
        b: str,
        *,
        max_hops: int = 4,
        types: Sequence[RelationType | str] | None = None,
        evidence: int = 1,
    ) -> list[StoredRelation] | None:
        """A shortest chain of typed relationships between two entities (ids or names), either
        direction, each hop with its ``evidence`` strongest claims; None when there is none
        within ``max_hops``."""
        from kg.graph.reads import EvidenceRequest, PageRequest

        source, target = await self._actor_id(a), await self._actor_id(b)
        paths, claims = await self._reader.shortest_paths(
            source, target, max_hops=_positive(max_hops), limit=1,
            types=[RelationType(t) for t in types] if types else None,
            evidence=EvidenceRequest(PageRequest(limit=evidence)) if evidence > 0 else None,
        )
        if not paths:
            return None
        return [_relation(hop, claims.get(hop.key)) for hop in paths[0]]

    async def _actor_id(self, id_or_name: str) -> str:
        found = await self.actor(id_or_name)
        if found is None:
            raise NotFound(f"no stored entity has id, name or alias {id_or_name!r}")
        return found.id

    async def _evidence(
        self, views: Sequence[RelationView], limit: int, include_negated: bool
    ) -> dict[Any, list[ClaimView]]:
        if limit <= 0 or not views:
            return {}
        from kg.graph.reads import EvidenceRequest, PageRequest

        keys = [view.key for view in views]
        found = await self._reader.evidence(keys, EvidenceRequest(PageRequest(limit=limit), include_negated))
        return dict(found)


class _Connecting:
    """What :func:`connect_async` returns: await it for an AsyncGraph, or use it with
    ``async with`` to close the graph at the end of the block."""

    def __init__(self, settings: Settings, extractor: DocumentExtractor | None) -> None:
        self._settings = settings
        self._extractor = extractor
        self._graph: AsyncGraph | None = None

    def __await__(self) -> Generator[Any, None, AsyncGraph]:
        return AsyncGraph.open(self._settings, extractor=self._extractor).__await__()

    async def __aenter__(self) -> AsyncGraph:
        self._graph = await AsyncGraph.open(self._settings, extractor=self._extractor)
        return self._graph

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._graph is not None:
            await self._graph.close()


def connect_async(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    settings: Settings | None = None,
    extractor: DocumentExtractor | None = None,
) -> _Connecting:
    """Connect to kg's graph (see :func:`connect`): ``graph = await kg.connect_async()`` or
    ``async with kg.connect_async() as graph: ...``."""
    return _Connecting(_connection_settings(uri, user, password, database, settings), extractor)


def _connection_settings(
    uri: str | None, user: str | None, password: str | None, database: str | None, settings: Settings | None
) -> Settings:
    from pydantic import SecretStr

    base = settings or load_settings()
    changes: dict[str, object] = {}
    if uri is not None:
        changes["neo4j_uri"] = uri
    if user is not None:
        changes["neo4j_user"] = user
    if password is not None:
        changes["neo4j_password"] = SecretStr(password)
    if database is not None:
        changes["neo4j_database"] = database
    return base.model_copy(update=changes) if changes else base


# --- the graph, synchronous ----------------------------------------------------------------


class _LoopThread:
    """A private event loop on a daemon thread. The sync Graph runs its AsyncGraph there, so it
    works in plain scripts and in notebooks whose own loop is already running."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="kg-graph", daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result()
        except KeyboardInterrupt:
            future.cancel()
            raise

    def close(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


class Graph:
    """The synchronous twin of :class:`AsyncGraph`, made by :func:`kg.connect`; a context
    manager that closes the driver. Every method does what the AsyncGraph method of the same
    name does (see there); ``progress`` and ``on_change`` callbacks run on kg's loop thread."""

    def __init__(self, graph: AsyncGraph, runner: _LoopThread) -> None:
        self._graph = graph
        self._runner = runner

    @property
    def settings(self) -> Settings:
        return self._graph.settings

    @property
    def aio(self) -> AsyncGraph:
        """The AsyncGraph underneath (its coroutines must run on kg's loop thread)."""
        return self._graph

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self._runner.run(coroutine)

    def close(self) -> None:
        """Close the driver and stop kg's loop thread."""
        try:
            self._run(self._graph.close())
        finally:
            self._runner.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def apply_schema(self, schema_dir: str | os.PathLike[str] | None = None) -> list[str]:
        """See :meth:`AsyncGraph.apply_schema`."""
        return self._run(self._graph.apply_schema(schema_dir))

    def status(self) -> GraphStatus:
        """See :meth:`AsyncGraph.status`."""
        return self._run(self._graph.status())

    def ingest(
        self,
        sources: Source | Iterable[Source],
        *,
        published: DateLike = None,
        force: bool = False,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """See :meth:`AsyncGraph.ingest`."""
        return self._run(self._graph.ingest(sources, published=published, force=force, progress=progress))

    def retract(self, reference: str | os.PathLike[str], *, read_files: bool = True) -> Retraction:
        """See :meth:`AsyncGraph.retract`."""
        return self._run(self._graph.retract(reference, read_files=read_files))

    def retract_from(self, path: str | os.PathLike[str]) -> Retraction:
        """See :meth:`AsyncGraph.retract_from`."""
        return self._run(self._graph.retract_from(path))

    def load_actors(self, actors: str | os.PathLike[str] | Iterable[CuratedActor]) -> int:
        """See :meth:`AsyncGraph.load_actors`."""
        return self._run(self._graph.load_actors(actors))

    def load_relations(
        self,
        relations: str | os.PathLike[str] | Iterable[CuratedRelation],
        *,
        actors: str | os.PathLike[str] | Iterable[CuratedActor] | None = None,
    ) -> int:
        """See :meth:`AsyncGraph.load_relations`."""
        return self._run(self._graph.load_relations(relations, actors=actors))

    def watch(
        self,
        folder: str | os.PathLike[str],
        *,
        follow_deletes: bool = False,
        published: DateLike = None,
        debounce_ms: int = 1600,
        stop: threading.Event | None = None,
        on_change: ChangeReport | None = None,
    ) -> IngestSummary:
        """See :meth:`AsyncGraph.watch`. Returns the summary when ``stop`` is set or on Ctrl-C
        (KeyboardInterrupt), after the round of changes in progress."""
        loop = self._runner.loop
        stopping = self._run(_new_event())
        future = asyncio.run_coroutine_threadsafe(
            self._graph.watch(folder, follow_deletes=follow_deletes, published=published,
                              debounce_ms=debounce_ms, stop=stopping, on_change=on_change),
            loop,
        )
        if stop is not None:

            def relay() -> None:  # the caller's threading.Event -> the loop's asyncio.Event
                while not future.done():
                    if stop.wait(0.2):
                        loop.call_soon_threadsafe(stopping.set)
                        return

            threading.Thread(target=relay, name="kg-watch-stop", daemon=True).start()
        try:
            return future.result()
        except KeyboardInterrupt:
            loop.call_soon_threadsafe(stopping.set)
            return future.result()

    def actor(self, id_or_name: str) -> StoredEntity | None:
        """See :meth:`AsyncGraph.actor`."""
        return self._run(self._graph.actor(id_or_name))

    def actors(
        self, search: str | None = None, *, kind: EntityKind | None = None, limit: int = 20
    ) -> list[StoredEntity]:
        """See :meth:`AsyncGraph.actors`."""
        return self._run(self._graph.actors(search, kind=kind, limit=limit))

    def top_actors(self, limit: int = 10, *, kind: EntityKind | None = None) -> list[ActorCount]:
        """See :meth:`AsyncGraph.top_actors`."""
        return self._run(self._graph.top_actors(limit, kind=kind))

    def relations(
        self,
        actor: str | None = None,
        *,
        direction: Direction = "BOTH",
        types: Sequence[RelationType | str] | None = None,
        since: DateLike = None,
        until: DateLike = None,
        min_confidence: float | None = None,
        limit: int = 100,
        evidence: int = 3,
        include_negated: bool = False,
    ) -> list[StoredRelation]:
        """See :meth:`AsyncGraph.relations`."""
        return self._run(self._graph.relations(
            actor, direction=direction, types=types, since=since, until=until,
            min_confidence=min_confidence, limit=limit, evidence=evidence, include_negated=include_negated,
        ))

    def path(
        self,
        a: str,
        b: str,
        *,
        max_hops: int = 4,
        types: Sequence[RelationType | str] | None = None,
        evidence: int = 1,
    ) -> list[StoredRelation] | None:
        """See :meth:`AsyncGraph.path`."""
        return self._run(self._graph.path(a, b, max_hops=max_hops, types=types, evidence=evidence))


def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    settings: Settings | None = None,
    extractor: DocumentExtractor | None = None,
) -> Graph:
    """Connect to kg's graph in Neo4j; use it as a context manager (``with kg.connect() as g``)
    or call :meth:`Graph.close`.

    Unset arguments come from the settings (``KG_NEO4J_URI``/``NEO4J_URI``, ``KG_NEO4J_USER``,
    ``KG_NEO4J_PASSWORD``, ``KG_NEO4J_DATABASE``, a ``.env`` file); with no URI configured,
    kg's managed local Neo4j is used (started if needed), exactly as the ``kg`` command does.
    ``settings`` replaces the environment's settings; ``extractor`` replaces kg's spaCy
    extractor for ingestion (any object with ``label``, ``extract`` and ``extract_many``).
    Raises ConfigError (bad URI, login refused) or GraphUnavailable (nothing answers).
    """
    runner = _LoopThread()
    try:
        chosen = _connection_settings(uri, user, password, database, settings)
        graph = runner.run(AsyncGraph.open(chosen, extractor=extractor))
    except BaseException:
        runner.close()
        raise
    return Graph(graph, runner)


async def _new_event() -> asyncio.Event:
    return asyncio.Event()


# --- helpers -------------------------------------------------------------------------------


def _positive(value: int) -> int:
    if value < 1:
        raise InvalidInput(f"expected a positive number, got {value}")
    return value


def _path_spellings(reference: str) -> list[str]:
    if "://" in reference or not os.path.exists(reference):
        return []
    absolute = os.path.abspath(reference)
    spellings = [os.path.normpath(reference), absolute]
    with contextlib.suppress(ValueError):  # no relative path across drives
        relative = os.path.relpath(absolute)
        spellings += [relative, os.path.join(".", relative)]
    return spellings


def _content_ids(path: str) -> list[str]:
    """Ids of the documents a file holds (its content as kg would store it)."""
    from loaders.documents import iter_documents

    return list(dict.fromkeys(item.id for item in iter_documents([path]) if isinstance(item, SourceDocument)))


def _curated_actors(actors: str | os.PathLike[str] | Iterable[CuratedActor]) -> list[CuratedActor]:
    if isinstance(actors, str | os.PathLike):
        from loaders.curated import read_actors

        return read_actors(os.fspath(actors)).items
    return list(actors)


def _retraction(results: Sequence[Any]) -> Retraction:
    return Retraction(
        documents=tuple(doc for result in results for doc in result.documents),
        claims=sum(result.claims for result in results),
        entities_deleted=sum(result.entities_deleted for result in results),
    )


def _entity(view: EntityView) -> StoredEntity:
    return StoredEntity(
        id=view.id, name=view.name, kind=view.kind, aliases=view.aliases, roles=view.roles,
        date=view.date, curated=view.curated,
    )


def _claim(view: ClaimView) -> Claim:
    document = view.document
    return Claim(
        id=view.id, type=view.type, subject=view.subject_id, object=view.object_id, text=view.text,
        start=view.start, end=view.end, date=view.date, confidence=view.confidence, negated=view.negated,
        curated=view.curated, source=view.source,
        document=DocumentInfo(
            id=document.id, sha256=document.sha256, source=document.source, title=document.title,
            author=document.author, url=document.url, published=document.published,
        ) if document is not None else None,
        attributed_to=_entity(view.attributed_to) if view.attributed_to is not None else None,
        plover=view.plover, predicate=view.predicate,
    )


def _relation(view: RelationView, evidence: list[ClaimView] | None) -> StoredRelation:
    return StoredRelation(
        subject=_entity(view.subject), type=view.type, object=_entity(view.object), claims=view.claims,
        documents=view.documents, first_seen=view.first_seen, last_seen=view.last_seen,
        confidence=view.confidence, plover=view.plover,
        evidence=tuple(_claim(claim) for claim in evidence) if evidence is not None else (),
    )


__all__ = [
    "AsyncGraph",
    "Graph",
    "connect",
    "connect_async",
    "extract",
    "extract_many",
    "shared_extractor",
]
