"""``kg extract``: the dry run of ``kg ingest`` (same loaders, same extractor, nothing stored)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from typing import TYPE_CHECKING, Any, Protocol

import click
from pydantic import ValidationError

from kg.cli.common import (
    EXIT_NOTHING_PROCESSED,
    WORKERS_HELP,
    problem_line,
    progress_bar,
    settings_error,
    stderr_is_a_terminal,
    workers_option,
)
from kg.errors import KGError, Problem
from kg.model import Extraction

if TYPE_CHECKING:
    from kg.ingest import DocumentExtractor


class TextSink(Protocol):
    def write(self, text: str, /) -> object: ...


class _Report:
    """Per-document errors on stderr, one line each, without breaking the progress bar."""

    def __init__(self, progress: Any | None) -> None:
        self.progress = progress
        self.problems = 0
        self.extracted = 0
        self.failed: list[Problem] = []

    def problem(self, problem: Problem) -> None:
        self.problems += 1
        self.failed.append(problem)
        self._err(problem_line("extract", problem))
        self._advance()

    def extraction(self) -> None:
        self.extracted += 1
        self._advance()

    def _advance(self) -> None:
        if self.progress is not None:
            self.progress.update(1)
            self.progress.set_postfix_str(f"{self.problems} failed", refresh=False)

    def _err(self, line: str) -> None:
        if self.progress is not None:
            self.progress.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)


def _progress_bar(paths: tuple[str, ...]) -> Any | None:
    """A tqdm bar on stderr, with a total and an ETA, when a person is watching it; None
    otherwise (pipes, CI, tests)."""
    if not stderr_is_a_terminal():
        return None
    from loaders.documents import count_documents

    return progress_bar("extracting", " docs", count_documents(list(paths)))


def _build_extractor(batch_size: int | None, workers: int | None) -> DocumentExtractor:
    from kg.client import shared_extractor
    from kg.settings import load_settings

    overrides: dict[str, object] = {"nlp_workers": workers_option(workers)}
    if batch_size is not None:
        overrides["nlp_batch_size"] = batch_size
    return shared_extractor(load_settings(**overrides))



def _dump(extraction: Extraction, output_format: str) -> str:
    indent = 2 if output_format == "pretty" else None
    return json.dumps(extraction.to_json_dict(), ensure_ascii=False, indent=indent)


def run_extract(
    paths: tuple[str, ...],
    *,
    published: dt.date | None,
    output_format: str,
    extractor: DocumentExtractor,
    out: TextSink,
) -> _Report:
    """Load, extract and print every document; problems go to stderr. Returns the tallies."""
    from kg.client import extract_many
    from kg.sources import files

    progress = _progress_bar(paths)
    report = _Report(progress)
    try:
        for extraction in extract_many(files(*paths), published=published, on_problem=report.problem,
                                       extractor=extractor):
            out.write(_dump(extraction, output_format) + "\n")
            report.extraction()
    finally:
        if progress is not None:
            progress.close()
    return report


def _silence_stdout() -> None:
    """Point stdout at /dev/null so flushing at exit does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def register(group: click.Group) -> None:
    """Add ``kg extract`` to the ``kg`` group."""
    group.add_command(extract)


@click.command()
@click.argument("paths", metavar="FILE...", nargs=-1, required=True)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date for documents that do not state their own (JSON 'published', HTML "
    "meta); relative dates such as 'on Wednesday' are resolved against it.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "pretty"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per line; pretty: indented, for reading.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Documents per spaCy batch (default: KG_NLP_BATCH_SIZE, 32).",
)
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N", help=WORKERS_HELP)
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    published: dt.datetime | None,
    output_format: str,
    batch_size: int | None,
    workers: int | None,
) -> None:
    """Extract actors, events and relations from articles and print them as JSON; store nothing.

    FILE may be a file, a folder (read recursively), a glob such as 'news/*.html', or '-'
    for standard input. Formats by name: .txt/.text/.md and files without an extension are
    scraped plain text (page furniture such as share links and bylines is recognised and
    ignored); .html/.htm pages; .jsonl/.ndjson with one {"text", "title", "url",
    "published", "author"} object per line.

    Prints one JSON object per document on stdout (schema/extraction.schema.json), exactly
    what `kg ingest` would store. A document that cannot be read or extracted is reported on
    stderr (file, line, field) and the rest go on.

    Exit status is 0 when at least one document was extracted, 1 when none could be (as
    `kg ingest`).

    \b
    Examples:
      kg extract article.txt --published 2022-09-15
      kg extract news/ --format pretty
      kg extract archive/ --workers 4 > archive.jsonl
      cat feed.jsonl | kg extract - > extractions.jsonl
    """
    # An embedding program (or a test) may hand over a ready extractor as ctx.obj["extractor"].
    injected = ctx.obj.get("extractor") if isinstance(ctx.obj, dict) else None
    try:
        extractor = injected if injected is not None else _build_extractor(batch_size, workers)
        report = run_extract(
            paths,
            published=published.date() if published is not None else None,
            output_format=output_format,
            extractor=extractor,
            out=sys.stdout,
        )
    except KGError as error:
        raise click.ClickException(str(error)) from error
    except ValidationError as error:  # a KG_* environment variable that does not parse
        raise click.ClickException(settings_error(error)) from error
    except BrokenPipeError:
        # The reader went away (`kg extract news/ | head -1`): stop quietly like other tools.
        _silence_stdout()
        ctx.exit(0)
    if report.problems and report.extracted:
        click.echo(
            f"kg extract: {report.extracted} document(s) extracted, {report.problems} failed (listed above)",
            err=True,
        )
    if report.extracted == 0:
        click.echo(f"kg extract: nothing could be extracted: {report.problems} document(s) failed "
                   "(listed above)" if report.problems else "kg extract: nothing to extract", err=True)
        ctx.exit(EXIT_NOTHING_PROCESSED)
