"""Ingestion: extract documents in batches and write each batch to the graph in one transaction.

The one module that knows both :mod:`kg.nlp` (through any object with ``extract_many``) and
:mod:`kg.graph` (through :class:`~kg.graph.repository.GraphRepository`).

Flow per batch of ``settings.ingest_batch_size`` documents:

1. documents whose content hash is already stored are skipped before any NLP ("unchanged");
2. the rest are extracted with ``extractor.extract_many`` (nlp.pipe) in a worker thread, while
   the previous batch is still being written, so writing overlaps extraction;
3. the batch is written in one transaction; a stored document with the same URL and other
   content is replaced in that same transaction.

A document that cannot be read or extracted is counted as failed and the batch goes on. If Neo4j
becomes unavailable, :class:`IngestInterrupted` (a GraphUnavailable) is raised carrying what was
committed; since every write is an idempotent MERGE on deterministic ids, re-running the same
ingest completes the graph to exactly what an uninterrupted run gives.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from kg.errors import GraphUnavailable, KGError, Problem
from kg.graph.repository import GraphRepository, WriteResult
from kg.model import Extraction, SourceDocument
from kg.settings import Settings

Progress = Callable[[int], object]
"""Called with the number of documents just finished (written, skipped or failed)."""


class DocumentExtractor(Protocol):
    """What ingestion needs from :class:`kg.nlp.extractor.Extractor`."""

    def extract(self, doc: SourceDocument) -> Extraction: ...

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Extraction | Problem]: ...


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did. ``replaced`` counts stored documents superseded by new content."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    entities: int = 0
    claims: int = 0
    elapsed_s: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    _entity_ids: set[str] = field(default_factory=set, repr=False)

    @property
    def documents(self) -> int:
        return self.new + self.unchanged + self.replaced + self.failed

    def line(self) -> str:
        rate = self.documents / self.elapsed_s if self.elapsed_s > 0 else 0.0
        return (
            f"documents: {self.new} new, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{self.failed} failed; entities: {self.entities}; claims: {self.claims} "
            f"({self.elapsed_s:.1f}s, {rate:.1f} documents/s)"
        )

    def _add(self, result: WriteResult) -> None:
        replaced = len(result.replaced)
        self.replaced += replaced
        self.new += max(0, len(result.written) - replaced)
        self.unchanged += len(result.unchanged)
        self.failed += len(result.failed)
        self.problems.extend(result.failed)
        self._entity_ids.update(result.entity_ids)
        self.entities = len(self._entity_ids)
        self.claims += result.claims


class IngestInterrupted(GraphUnavailable):
    """Neo4j became unavailable mid-ingest. ``summary`` says what was committed before."""

    def __init__(self, summary: IngestSummary, cause: Exception) -> None:
        self.summary = summary
        super().__init__(
            f"Neo4j became unavailable during ingest ({cause}). Committed before the failure: "
            f"{summary.line()}. Re-run the same ingest to complete it: stored documents are skipped."
        )


def _problem_source(doc: SourceDocument) -> str:
    return doc.source or doc.url or doc.id


def _extract_all(extractor: DocumentExtractor, docs: list[SourceDocument]) -> list[Extraction | Problem]:
    """Extract a batch; if the batch call itself fails, fall back to one document at a time."""
    if not docs:
        return []
    try:
        return list(extractor.extract_many(docs))
    except KGError:
        pass
    results: list[Extraction | Problem] = []
    for doc in docs:
        try:
            results.append(extractor.extract(doc))
        except KGError as error:
            results.append(Problem(_problem_source(doc), str(error)))
    return results


async def _write(repository: GraphRepository, items: list[Extraction | Problem]) -> WriteResult:
    """Write one batch; a statement error isolates the bad document instead of failing the batch."""
    extractions = [item for item in items if isinstance(item, Extraction)]
    problems = [item for item in items if isinstance(item, Problem)]
    try:
        result = await repository.write_extractions(extractions) if extractions else WriteResult()
    except GraphUnavailable:
        raise
    except KGError as error:
        if len(extractions) == 1:
            info = extractions[0].document
            result = WriteResult(failed=[Problem(info.source or info.url or info.id, str(error))])
        else:
            result = WriteResult()
            for extraction in extractions:
                single = await _write(repository, [extraction])
                result.written += single.written
                result.unchanged += single.unchanged
                result.replaced += single.replaced
                result.failed += single.failed
                result.entity_ids = sorted({*result.entity_ids, *single.entity_ids})
                result.claims += single.claims
    result.failed = problems + result.failed
    return result


async def ingest_documents(
    docs: Iterable[SourceDocument | Problem],
    *,
    repository: GraphRepository,
    extractor: DocumentExtractor,
    settings: Settings,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract and store ``docs`` (a loader's output; its Problems count as failed documents)."""
    summary = IngestSummary()
    started = time.perf_counter()
    batch_size = max(1, settings.ingest_batch_size)
    seen: set[str] = set()
    iterator = iter(docs)
    pending: asyncio.Task[WriteResult] | None = None
    pending_size = 0

    def advance(count: int) -> None:
        if progress is not None and count:
            progress(count)

    async def finish_pending() -> None:
        nonlocal pending
        if pending is not None:
            task, pending = pending, None
            summary._add(await task)
            advance(pending_size)

    try:
        while chunk := list(islice(iterator, batch_size)):
            fresh: list[SourceDocument] = []
            sources = [item for item in chunk if isinstance(item, SourceDocument)]
            known = await repository.known_documents(doc.sha256 for doc in sources)
            for item in chunk:
                if isinstance(item, Problem):
                    summary.failed += 1
                    summary.problems.append(item)
                elif item.sha256 in known or item.sha256 in seen:
                    summary.unchanged += 1
                else:
                    seen.add(item.sha256)
                    fresh.append(item)
            advance(len(chunk) - len(fresh))
            # Extraction runs in a worker thread while the previous batch is written.
            items = await asyncio.to_thread(_extract_all, extractor, fresh)
            await finish_pending()
            pending = asyncio.create_task(_write(repository, items))
            pending_size = len(fresh)
        await finish_pending()
    except GraphUnavailable as error:
        summary.elapsed_s = time.perf_counter() - started
        raise IngestInterrupted(summary, error) from error
    finally:
        if pending is not None:
            pending.cancel()
            await asyncio.gather(pending, return_exceptions=True)
    summary.elapsed_s = time.perf_counter() - started
    return summary
