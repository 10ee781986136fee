"""``kg ingest``, ``kg load actors|relations``, ``kg retract``: thin commands over the public API
(:mod:`kg.client`). Errors become one clear line and an exit status (see :mod:`kg.cli.common`)."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import click

from kg.cli.common import (
    EXIT_NOTHING_PROCESSED,
    WORKERS_HELP,
    problem_line,
    progress_bar,
    run,
    stderr_is_a_terminal,
    workers_option,
)
from kg.model import IngestSummary
from kg.settings import Settings, load_settings

if TYPE_CHECKING:
    from kg.client import AsyncGraph
    from kg.ingest import DocumentExtractor

T = TypeVar("T")


def _settings(**overrides: object) -> Settings:
    from pydantic import ValidationError

    from kg.cli.common import settings_error

    try:
        return load_settings(**overrides)
    except ValidationError as error:
        raise click.ClickException(settings_error(error)) from error


async def _open(settings: Settings, extractor: DocumentExtractor | None = None) -> AsyncGraph:
    from kg.client import AsyncGraph

    return await AsyncGraph.open(settings, extractor=extractor)


def _with_graph(work: Callable[[AsyncGraph], Awaitable[T]]) -> T:
    """Run ``work`` on a graph opened with the environment's settings, then close it."""
    settings = _settings()

    async def opened() -> T:
        async with await _open(settings) as graph:
            return await work(graph)

    return run(opened())


def _injected_extractor(ctx: click.Context) -> DocumentExtractor | None:
    # An embedding program (or a test) may hand over a ready extractor as ctx.obj["extractor"].
    obj = ctx.find_root().obj
    return obj.get("extractor") if isinstance(obj, dict) else None


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for documents that do not carry one.")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Documents per write transaction (default: KG_INGEST_BATCH_SIZE).")
@click.option("--force", is_flag=True,
              help="Extract and rewrite every document, even those stored by the current extractor.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as one JSON object (counts, and every problem with its file, "
              "line, field and reason) instead of a line of text.")
@click.option("--watch", "watch_folder", type=click.Path(file_okay=False),
              help="Ingest the folder DIR, then every file that appears or changes in it, until Ctrl-C.")
@click.option("--follow-deletes", is_flag=True,
              help="With --watch: retract the documents of a file deleted from the folder.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N", help=WORKERS_HELP)
@click.option("--no-resolve", is_flag=True,
              help="Do not match extracted actors to stored ones (ids merged before and stored "
              "decisions are still followed).")
@click.pass_context
def ingest_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    published: dt.datetime | None,
    batch_size: int | None,
    workers: int | None,
    force: bool,
    as_json: bool,
    watch_folder: str | None,
    follow_deletes: bool,
    no_resolve: bool = False,
) -> None:
    """Extract and store documents: files, folders, globs, or - for stdin.

    \b
    Which stored document a document replaces (its claims go, the new ones come):
    - same content, read by the current extractor: skipped (unchanged), unless --force;
    - same content, read by another extractor (name/version): extracted again (replaced);
    - same URL, other content: the stored one is replaced;
    - no URL, read from a file (not a JSON Lines record, not stdin): a stored document without
      URL from the same path (as given, or ./a.txt, a.txt, /abs/a.txt) is replaced.
    Anything else is a new document. Safe to re-run after an interruption.

    A document that cannot be read, extracted or stored is named on stderr (file, line, field,
    reason) and the rest are stored. Exit status 0 when at least one document was processed,
    1 when none could be (or Neo4j could not be used).

    \b
    Examples:
      kg ingest news/ feed.jsonl 'archive/*.html' --published 2022-09-15
      kg ingest news/ --json | jq .failed
      kg ingest --watch inbox/ --follow-deletes
    """
    if watch_folder is not None and paths:
        raise click.UsageError("--watch takes one folder; give no other paths with it")
    if watch_folder is None and not paths:
        raise click.UsageError("give PATH... to ingest, or --watch DIR")
    if follow_deletes and watch_folder is None:
        raise click.UsageError("--follow-deletes goes with --watch DIR")
    if force and watch_folder is not None:
        raise click.UsageError("--force does not go with --watch (a watcher reads each change once)")
    overrides: dict[str, object] = {"nlp_workers": workers_option(workers)}
    if batch_size is not None:
        overrides["ingest_batch_size"] = batch_size
    if no_resolve:
        overrides["resolution"] = False
    settings = _settings(**overrides)
    published_date = published.date() if published else None
    extractor = _injected_extractor(ctx)
    if watch_folder is not None:
        summary = run(_watch(settings, extractor, watch_folder, follow_deletes, published_date))
    else:
        summary = run(_ingest(settings, extractor, paths, published_date, force))
    _report(summary, as_json)
    if summary.documents and not summary.processed and not summary.retracted:
        click.echo(f"kg ingest: nothing could be ingested: {summary.failed} document(s) failed "
                   "(listed above)", err=True)
        ctx.exit(EXIT_NOTHING_PROCESSED)
    if not summary.documents and watch_folder is None:
        click.echo("kg ingest: nothing to ingest", err=True)
        ctx.exit(EXIT_NOTHING_PROCESSED)


async def _ingest(
    settings: Settings,
    extractor: DocumentExtractor | None,
    paths: tuple[str, ...],
    published: dt.date | None,
    force: bool,
) -> IngestSummary:
    from kg.ingest import IngestInterrupted
    from kg.sources import files
    from loaders.documents import count_documents

    total = await asyncio.to_thread(count_documents, list(paths)) if stderr_is_a_terminal() else None
    async with await _open(settings, extractor) as graph:
        with progress_bar("ingest", " documents", total) as bar:
            try:
                return await graph.ingest(files(*paths), published=published, force=force,
                                          progress=bar.update)
            except IngestInterrupted as error:
                bar.close()
                _echo_problems(error.summary)
                raise


async def _watch(
    settings: Settings,
    extractor: DocumentExtractor | None,
    folder: str,
    follow_deletes: bool,
    published: dt.date | None,
) -> IngestSummary:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def interrupted() -> None:
        if stop.is_set():  # a second Ctrl-C: stop now, mid-round
            raise KeyboardInterrupt
        click.echo("kg ingest: stopping after the current round (Ctrl-C again to stop now)", err=True)
        stop.set()

    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, interrupted)

    def on_change(round_: IngestSummary) -> None:
        _echo_problems(round_)
        click.echo(f"kg ingest: {round_.line()}", err=True)

    try:
        async with await _open(settings, extractor) as graph:
            click.echo(f"kg ingest: watching {folder} (Ctrl-C to stop)", err=True)
            return await graph.watch(folder, follow_deletes=follow_deletes, published=published, stop=stop,
                                     on_change=on_change)
    finally:
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signal_number)


def _echo_problems(summary: IngestSummary) -> None:
    for problem in summary.problems:
        click.echo(problem_line("ingest", problem), err=True)
    for warning in summary.warnings:
        click.echo(problem_line("ingest", warning, warning=True), err=True)


def _report(summary: IngestSummary, as_json: bool) -> None:
    _echo_problems(summary)
    if as_json:
        click.echo(summary.model_dump_json())
    else:
        click.echo(summary.line())
    if summary.failed and summary.processed:
        click.echo(f"kg ingest: {summary.failed} document(s) could not be ingested (listed above); "
                   "the others are stored", err=True)


@click.group("load")
def load_group() -> None:
    """Load curated actors and relations (CSV or JSON Lines). A file with any error is rejected
    whole, with every problem listed by line and field; nothing of it is written."""


@load_group.command("actors")
@click.argument("file", type=click.Path(dir_okay=False))
def load_actors_command(file: str) -> None:
    """Load actors: id, name, kind, aliases, roles (aliases/roles ';'-separated)."""
    count = _with_graph(lambda graph: graph.load_actors(file))
    click.echo(f"loaded {count} actors from {file}")


@load_group.command("relations")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False),
              help="An actor file loaded first; its ids may be used by the relations.")
def load_relations_command(file: str, actors_file: str | None) -> None:
    """Load relations: subject, type, object, source, date, note.

    Subjects and objects must be actor ids already in the graph or in --actors.
    """
    count = _with_graph(lambda graph: graph.load_relations(file, actors=actors_file))
    click.echo(f"loaded {count} relations from {file}")


@click.command("retract")
@click.argument("document")
def retract_command(document: str) -> None:
    """Remove a stored document and everything only it supported.

    DOCUMENT is a document id, a URL, the path a document was ingested from (any spelling:
    ./a.txt, a.txt, /abs/a.txt), or a file whose content is stored under another path (every
    record of a JSON Lines file).
    """
    result = _with_graph(lambda graph: graph.retract(document))
    click.echo(
        f"retracted {', '.join(result.documents)}: {result.claims} claims removed, "
        f"{result.entities_deleted} entities no longer supported deleted"
    )


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kg`` group."""
    group.add_command(ingest_command)
    group.add_command(load_group)
    group.add_command(retract_command)
