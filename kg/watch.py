"""Watching a folder: ingest what is there, then every file that appears or changes in it.

For pipelines that drop scraped articles into a folder (``kg ingest --watch DIR``,
``graph.watch(DIR)``):

1. the files already in the folder (recursively; hidden names and unknown types left out, as
   ``kg ingest DIR`` reads it) are ingested first: stored content is "unchanged";
2. then changes, as the operating system reports them (:mod:`watchfiles`), are collected until
   the folder has been quiet for a moment (``debounce_ms`` at most), and the files added or
   modified are ingested, ``settings.ingest_batch_size`` files per ingest. Identity is the
   content: a file saved twice unchanged costs nothing, and an edited file replaces the
   document stored from it (same path, other content), as ``kg ingest`` does;
3. a deleted file's documents (a JSON Lines file's records too; every file under a deleted
   folder) are retracted only with ``follow_deletes``; otherwise they stay in the graph.

Every path is absolute (the folder's absolute path joined with the names found), so the
documents a watcher stores always carry the same ``source`` spelling. A file still being
written may be read half-way; when it is complete it changes again and replaces what was read.
Writing to a temporary name and renaming it into the folder avoids the extra work.

It stops when ``stop`` is set (or its task is cancelled), after the round in progress, and
returns the total of every round.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from kg.errors import InvalidInput
from kg.model import IngestSummary
from kg.sources import files

if TYPE_CHECKING:
    from watchfiles import Change

    from kg.client import AsyncGraph

# How long the folder must stay quiet before a round of changes is ingested (watchfiles' step).
QUIET_MS = 300


async def watch_folder(
    graph: AsyncGraph,
    folder: str | os.PathLike[str],
    *,
    follow_deletes: bool = False,
    published: dt.date | None = None,
    debounce_ms: int = 1600,
    stop: asyncio.Event | None = None,
    on_change: Callable[[IngestSummary], object] | None = None,
) -> IngestSummary:
    """Ingest ``folder`` and then its changes until ``stop`` is set; the total summary (see
    the module docstring). ``on_change`` gets each round's own summary."""
    root = os.path.abspath(os.fspath(folder))
    if not os.path.isdir(root):
        raise InvalidInput(f"{root}: not a folder (kg ingest --watch takes one folder)")
    stop = stop or asyncio.Event()
    total = IngestSummary()
    changes: asyncio.Queue[set[tuple[Change, str]]] = asyncio.Queue()
    listener = asyncio.create_task(_listen(root, debounce_ms, stop, changes))
    try:
        await _started(listener)
        first = await _ingest(graph, [root], published)
        _report(total, first, on_change)
        while not stop.is_set():
            batch = await _next(changes, stop, listener)
            if batch is None:
                break
            round_ = await _apply(graph, root, batch, follow_deletes=follow_deletes, published=published)
            _report(total, round_, on_change)
    finally:
        stop.set()
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
    return total


async def _listen(
    root: str, debounce_ms: int, stop: asyncio.Event, changes: asyncio.Queue[set[tuple[Change, str]]]
) -> None:
    from watchfiles import awatch

    async for batch in awatch(
        root, watch_filter=_readable_name(root), debounce=debounce_ms, step=QUIET_MS, stop_event=stop,
        recursive=True,
    ):
        await changes.put(batch)


async def _started(listener: asyncio.Task[None]) -> None:
    # awatch sets up the operating system's watch before it first waits: a few turns of the
    # event loop let it get there, so nothing written during the first ingest is missed.
    for _ in range(5):
        await asyncio.sleep(0)
    if listener.done():
        listener.result()  # raises what stopped it (a folder that cannot be watched)


async def _next(
    changes: asyncio.Queue[set[tuple[Change, str]]], stop: asyncio.Event, listener: asyncio.Task[None]
) -> set[tuple[Change, str]] | None:
    """The next round of changes, or None once ``stop`` is set or the listener ended."""
    getting = asyncio.ensure_future(changes.get())
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({getting, stopping, listener}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        if not getting.done():
            getting.cancel()
    if getting.done() and not getting.cancelled():
        return getting.result()
    if listener.done() and not listener.cancelled():
        listener.result()
    return None


async def _apply(
    graph: AsyncGraph,
    root: str,
    batch: set[tuple[Change, str]],
    *,
    follow_deletes: bool,
    published: dt.date | None,
) -> IngestSummary:
    paths = sorted({os.path.normpath(path) for _, path in batch})
    present = [path for path in paths if os.path.exists(path)]
    summary = await _ingest(graph, present, published) if present else IngestSummary()
    if follow_deletes:
        for path in paths:
            if not os.path.exists(path):  # deleted, or moved out of the folder
                summary.retracted += len((await graph.retract_from(path)).documents)
    return summary


async def _ingest(graph: AsyncGraph, paths: list[str], published: dt.date | None) -> IngestSummary:
    """Ingest ``paths`` in rounds of ``ingest_batch_size`` files (so that a stop is heard soon)."""
    summary = IngestSummary()
    size = max(1, graph.settings.ingest_batch_size)
    async for chunk in _chunks(paths, size):
        summary.merge(await graph.ingest(files(*chunk), published=published))
    return summary


async def _chunks(paths: list[str], size: int) -> AsyncIterator[list[str]]:
    from loaders.documents import input_files

    # Files only: an empty folder is nothing to ingest yet, not a problem.
    listed = await asyncio.to_thread(lambda: [p for p in input_files(paths) if isinstance(p, str)])
    for start in range(0, len(listed), size):
        yield listed[start:start + size]


def _report(
    total: IngestSummary, round_: IngestSummary, on_change: Callable[[IngestSummary], object] | None
) -> None:
    total.merge(round_)
    if on_change is not None and (round_.documents or round_.retracted):
        on_change(round_)


def _readable_name(root: str) -> Callable[[Change, str], bool]:
    """The watch filter: names kg would read in a folder (no hidden parts, a known type)."""
    from loaders.documents import SUPPORTED_SUFFIXES

    def readable(_: Change, path: str) -> bool:
        relative = os.path.relpath(os.path.normpath(path), root)
        parts = relative.split(os.sep)
        if any(part.startswith(".") for part in parts):
            return False
        return os.path.splitext(parts[-1])[1].lower() in SUPPORTED_SUFFIXES

    return readable
