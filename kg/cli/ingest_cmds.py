"""``kg ingest``, ``kg load actors|relations``, ``kg retract``: thin commands over kg.ingest and the
graph repository. Errors become one clear message and a non-zero exit status."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import click

from kg.errors import KGError, NotFound
from kg.graph.repository import GraphRepository, RetractResult
from kg.settings import Settings, load_settings

T = TypeVar("T")

async def _with_repository(settings: Settings, work: Callable[[GraphRepository], Awaitable[T]]) -> T:
    """Open the driver, apply the (idempotent) schema, run ``work(repository)``, close."""
    from kg.graph.driver import open_driver
    from kg.graph.schema import apply_schema

    driver = await open_driver(settings)
    try:
        repository = GraphRepository(driver, settings.neo4j_database)
        await apply_schema(driver, settings)
        return await work(repository)
    finally:
        await driver.close()




def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(coroutine)
    except KGError as error:
        raise click.ClickException(str(error)) from error


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for documents that do not carry one.")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Documents per write transaction (default: KG_INGEST_BATCH_SIZE).")
@click.option("--force", is_flag=True,
              help="Extract and rewrite every document, even those stored by the current extractor.")
def ingest_command(
    paths: tuple[str, ...], published: dt.datetime | None, batch_size: int | None, force: bool
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
    """
    from loaders.documents import iter_documents

    overrides: dict[str, object] = {}
    if batch_size is not None:
        overrides["ingest_batch_size"] = batch_size
    settings = load_settings(**overrides)
    published_date = published.date() if published else None

    async def work(repository: GraphRepository) -> None:
        from tqdm import tqdm

        from kg.ingest import IngestInterrupted, ingest_documents
        from kg.nlp.extractor import Extractor

        extractor = Extractor.from_settings(settings)
        # disable=None: a bar only when stderr is a terminal (no bar noise in pipes and logs).
        with tqdm(unit=" documents", file=sys.stderr, desc="ingest", dynamic_ncols=True,
                  disable=None) as bar:
            try:
                summary = await ingest_documents(
                    iter_documents(list(paths), published=published_date),
                    repository=repository, extractor=extractor, settings=settings,
                    progress=bar.update, force=force,
                )
            except IngestInterrupted as error:
                bar.close()
                for problem in error.summary.problems:
                    click.echo(f"kg ingest: {problem}", err=True)
                raise
        for problem in summary.problems:
            click.echo(f"kg ingest: {problem}", err=True)
        click.echo(summary.line())
        if summary.failed:
            raise click.ClickException(f"{summary.failed} document(s) could not be ingested (listed above)")

    _run(_with_repository(settings, work))


@click.group("load")
def load_group() -> None:
    """Load curated actors and relations (CSV or JSON Lines). A file with any error is rejected
    whole, with every problem listed by line and field; nothing of it is written."""


@load_group.command("actors")
@click.argument("file", type=click.Path(dir_okay=False))
def load_actors_command(file: str) -> None:
    """Load actors: id, name, kind, aliases, roles (aliases/roles ';'-separated)."""
    from loaders.curated import read_actors

    settings = load_settings()
    try:
        actors = read_actors(file)
    except KGError as error:
        raise click.ClickException(str(error)) from error

    async def work(repository: GraphRepository) -> int:
        return await repository.load_actors(actors.items, batch_size=settings.write_batch_size)

    count = _run(_with_repository(settings, work))
    click.echo(f"loaded {count} actors from {file}")


@load_group.command("relations")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False),
              help="An actor file loaded first; its ids may be used by the relations.")
def load_relations_command(file: str, actors_file: str | None) -> None:
    """Load relations: subject, type, object, source, date, note.

    Subjects and objects must be actor ids already in the graph or in --actors.
    """
    from loaders.curated import check_references, read_actors, read_relations, referenced_ids

    settings = load_settings()
    try:
        actors = read_actors(actors_file) if actors_file else None
        relations = read_relations(file)
    except KGError as error:
        raise click.ClickException(str(error)) from error

    async def work(repository: GraphRepository) -> int:
        loaded_ids = {actor.id for actor in actors.items} if actors else set()
        stored = await repository.existing_entity_ids(referenced_ids(relations) - loaded_ids)
        check_references(relations, stored | loaded_ids)
        if actors:
            await repository.load_actors(actors.items, batch_size=settings.write_batch_size)
        return await repository.load_relations(relations.items, batch_size=settings.write_batch_size)

    count = _run(_with_repository(settings, work))
    click.echo(f"loaded {count} relations from {file}")


@click.command("retract")
@click.argument("document")
def retract_command(document: str) -> None:
    """Remove a stored document (by id, URL or source path) and everything only it supported."""
    settings = load_settings()

    async def work(repository: GraphRepository) -> RetractResult:
        # A path may have been ingested spelled differently (./a.txt, a.txt, /abs/a.txt).
        for candidate in dict.fromkeys([document, *_path_spellings(document)]):
            try:
                return await repository.retract_document(candidate)
            except NotFound:
                continue
        raise NotFound(f"no stored document has id, URL or source {document!r}")

    result = _run(_with_repository(settings, work))
    click.echo(
        f"retracted {', '.join(result.documents)}: {result.claims} claims removed, "
        f"{result.entities_deleted} entities no longer supported deleted"
    )


def _path_spellings(reference: str) -> list[str]:
    if "://" in reference or not os.path.exists(reference):
        return []
    absolute = os.path.abspath(reference)
    relative = os.path.relpath(absolute)
    return [os.path.normpath(reference), absolute, relative, os.path.join(".", relative)]


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kg`` group."""
    group.add_command(ingest_command)
    group.add_command(load_group)
    group.add_command(retract_command)
