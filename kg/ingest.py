"""Ingestion: extract documents in batches and write each batch to the graph in one transaction.

The one module that knows both :mod:`kg.nlp` (through any object with ``extract_many``) and
:mod:`kg.graph` (through :class:`~kg.graph.repository.GraphRepository`).

Flow, in batches of ``settings.ingest_batch_size`` documents:

1. documents whose content hash is already stored, read by the current extractor (its
   ``label``), are skipped before any NLP ("unchanged"); with ``force`` nothing is skipped;
2. the rest stream through ``extractor.extract_many`` (nlp.pipe) in a worker thread, while
   earlier batches are being written, so writing overlaps extraction;
3. the batch is written in one transaction, replacing in that same transaction (``replaced``):
   the same content stored by another extractor (or any, with ``force``); a stored document
   with the same URL and other content; for a document without URL read from a file, a stored
   document without URL read from the same file (the path as given, or another spelling of it:
   ``./a.txt``, ``a.txt``, the absolute path) with other content. JSON Lines records and
   standard input have no file of their own: only their URL identifies them.

A document that cannot be read or extracted is counted as failed and the batch goes on. If Neo4j
becomes unavailable, :class:`IngestInterrupted` (a GraphUnavailable) is raised carrying what was
committed; since every write is an idempotent MERGE on deterministic ids, re-running the same
ingest completes the graph to exactly what an uninterrupted run gives.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from kg.errors import GraphUnavailable, KGError, Problem
from kg.graph.repository import GraphRepository, WriteResult
from kg.graph.resolution import ResolutionPolicy
from kg.model import DocumentInfo, Extraction, IngestSummary, SourceDocument
from kg.resolution.knowledge import dictionary_knowledge
from kg.resolution.resolver import Thresholds
from kg.settings import Settings

Progress = Callable[[int], object]
"""Called with the number of documents just finished (written, skipped or failed)."""


class DocumentExtractor(Protocol):
    """What ingestion needs from :class:`kg.nlp.extractor.Extractor`."""

    @property
    def label(self) -> str:
        """Names the extractor and its version; stored on each document (``Extraction.extractor``)."""
        ...

    def extract(self, doc: SourceDocument) -> Extraction: ...

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Extraction | Problem]: ...


def _tally(summary: IngestSummary, result: WriteResult) -> None:
    replaced = len(result.replaced)
    summary.replaced += replaced
    summary.new += max(0, len(result.written) - replaced)
    summary.unchanged += len(result.unchanged)
    summary.failed += len(result.failed)
    summary.problems.extend(result.failed)
    summary.count_entities(result.entity_ids)
    summary.claims += result.claims


@dataclass(frozen=True, slots=True)
class _Unchanged:
    document_id: str


class IngestInterrupted(GraphUnavailable):
    """Neo4j became unavailable mid-ingest. ``summary`` says what was committed before."""

    def __init__(self, summary: IngestSummary, cause: Exception) -> None:
        self.summary = summary
        super().__init__(
            f"Neo4j became unavailable during ingest ({cause}). Committed before the failure: "
            f"{summary.line()}. Re-run the same ingest to complete it: stored documents are skipped."
        )


def source_file_keys(info: DocumentInfo) -> list[str]:
    """Spellings of the file a document without URL was read from (its identity when its content
    changes); empty for documents with a URL or not read from a file of their own (JSON Lines
    records are ``path:line``, standard input ``<stdin>``)."""
    source = info.source
    if info.url is not None or not source or not os.path.isfile(source):
        return []
    absolute = os.path.abspath(source)
    spellings = [source, os.path.normpath(source), absolute]
    with contextlib.suppress(ValueError):  # no relative path across drives
        relative = os.path.relpath(absolute)
        spellings += [relative, os.path.join(".", relative)]
    return list(dict.fromkeys(spellings))


def resolution_policy(settings: Settings) -> ResolutionPolicy:
    """How ingestion resolves actors, from the settings (``KG_RESOLUTION*``)."""
    return ResolutionPolicy(
        enabled=settings.resolution,
        thresholds=Thresholds(
            auto=settings.resolution_auto_threshold, candidate=settings.resolution_candidate_threshold
        ),
        knowledge=dictionary_knowledge if settings.resolution_dictionaries else None,
    )


async def _write(
    repository: GraphRepository,
    items: list[Extraction | Problem],
    *,
    force: bool = False,
    resolution: ResolutionPolicy | None = None,
) -> WriteResult:
    """Write one batch; a statement error isolates the bad document instead of failing the batch."""
    extractions = [item for item in items if isinstance(item, Extraction)]
    problems = [item for item in items if isinstance(item, Problem)]
    keys = {e.document.id: source_file_keys(e.document) for e in extractions}
    try:
        result = (
            await repository.write_extractions(
                extractions, force=force, source_keys=keys, resolution=resolution
            )
            if extractions else WriteResult()
        )
    except GraphUnavailable:
        raise
    except KGError as error:
        if len(extractions) == 1:
            info = extractions[0].document
            reason = f"not stored: {error}"
            result = WriteResult(failed=[Problem(info.source or info.url or info.id, reason)])
        else:
            result = WriteResult()
            for extraction in extractions:
                single = await _write(repository, [extraction], force=force, resolution=resolution)
                result.written += single.written
                result.unchanged += single.unchanged
                result.replaced += single.replaced
                result.failed += single.failed
                result.entity_ids = sorted({*result.entity_ids, *single.entity_ids})
                result.claims += single.claims
    result.failed = problems + result.failed
    return result


def _note_repairs(summary: IngestSummary, repaired: list[tuple[str, int]]) -> None:
    """Documents the loader had to repair (invalid characters replaced) become warnings."""
    for where, count in repaired:
        summary.replaced_characters += count
        summary.warnings.append(Problem(
            where,
            f"{count} invalid character{'s' if count != 1 else ''} (lone surrogates, NUL or "
            "non-characters) replaced with U+FFFD",
        ))


class _Stopped(Exception):
    """Raised inside the extraction thread when ingestion gave up (e.g. Neo4j went away)."""


@dataclass(frozen=True, slots=True)
class _Done:
    error: BaseException | None = None


_Event = Extraction | Problem | _Unchanged | _Done


async def ingest_documents(
    docs: Iterable[SourceDocument | Problem],
    *,
    repository: GraphRepository,
    extractor: DocumentExtractor,
    settings: Settings,
    progress: Progress | None = None,
    force: bool = False,
    resolution: ResolutionPolicy | None = None,
) -> IngestSummary:
    """Extract and store ``docs`` (a loader's output; its Problems count as failed documents).

    ``force`` extracts and rewrites documents even when stored by the current extractor.
    ``resolution`` (default: from ``settings``) says how actors are matched to stored ones.

    Extraction runs as ONE stream through ``extractor.extract_many`` in a worker thread (so
    nlp.pipe batches stay full) and feeds a bounded queue; this coroutine writes what arrives in
    batches of ``settings.ingest_batch_size``, one transaction each, while extraction goes on.
    """
    summary = IngestSummary()
    if resolution is None:
        resolution = resolution_policy(settings)
    started = time.perf_counter()
    batch_size = max(1, settings.ingest_batch_size)
    loop = asyncio.get_running_loop()
    events: asyncio.Queue[_Event] = asyncio.Queue(maxsize=2 * batch_size)
    stop = threading.Event()
    current = extractor.label

    def emit(event: _Event) -> None:
        # Blocks while the queue is full (back-pressure: the corpus is never held in memory).
        if stop.is_set():
            raise _Stopped
        asyncio.run_coroutine_threadsafe(events.put(event), loop).result()

    repaired: list[tuple[str, int]] = []  # (document, characters replaced), from the extraction thread

    def fresh_documents() -> Iterator[SourceDocument]:
        """The input minus already-stored content; Problems and skips go straight to the queue."""
        seen: set[str] = set()
        iterator = iter(docs)
        while chunk := list(islice(iterator, batch_size)):
            if stop.is_set():
                return
            shas = [item.sha256 for item in chunk if isinstance(item, SourceDocument)]
            known = {} if force else asyncio.run_coroutine_threadsafe(
                repository.known_document_extractors(shas), loop).result()
            for item in chunk:
                if isinstance(item, Problem):
                    emit(item)
                    continue
                if item.replaced_characters:
                    repaired.append((item.source or item.url or item.id, item.replaced_characters))
                if item.sha256 in seen or (item.sha256 in known and known[item.sha256] == current):
                    emit(_Unchanged(item.id))
                else:
                    seen.add(item.sha256)
                    yield item

    def produce() -> None:
        try:
            for result in extractor.extract_many(fresh_documents()):
                emit(result)
        except _Stopped:
            return
        except BaseException as error:  # handed to the writer, which re-raises it
            with contextlib.suppress(_Stopped):
                emit(_Done(error))
            return
        with contextlib.suppress(_Stopped):
            emit(_Done())

    def advance(count: int) -> None:
        if progress is not None and count:
            progress(count)

    async def write(batch: list[Extraction | Problem]) -> None:
        _tally(summary, await _write(repository, batch, force=force, resolution=resolution))
        advance(len(batch))

    producer = asyncio.ensure_future(asyncio.to_thread(produce))
    batch: list[Extraction | Problem] = []
    try:
        while True:
            event = await events.get()
            if isinstance(event, _Done):
                if event.error is not None:
                    raise event.error
                break
            if isinstance(event, _Unchanged):
                summary.unchanged += 1
                advance(1)
                continue
            batch.append(event)
            if len(batch) >= batch_size:
                await write(batch)
                batch = []
        if batch:
            await write(batch)
    except GraphUnavailable as error:
        _note_repairs(summary, repaired)
        summary.elapsed_s = time.perf_counter() - started
        raise IngestInterrupted(summary, error) from error
    finally:
        stop.set()
        while not producer.done():  # unblock a producer waiting on a full queue
            while not events.empty():
                events.get_nowait()
            await asyncio.sleep(0.01)
        await asyncio.gather(producer, return_exceptions=True)
    _note_repairs(summary, repaired)
    summary.elapsed_s = time.perf_counter() - started
    return summary
