"""What every ``kg`` command shares: one-line errors, exit statuses, problem lines, progress bars.

Exit statuses (the README's table):

    0  done; documents that could not be processed, if any, are listed on stderr
    1  nothing could be processed (every input failed, or none was given), or kg could not
       work at all (Neo4j unreachable, login refused, bad settings): one line says why
    2  the command line is wrong (click's usage errors)
    3  `kg status` / `kg neo4j status`: the managed Neo4j is not running
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from kg.errors import KGError, Problem

T = TypeVar("T")

EXIT_NOTHING_PROCESSED = 1

# Control characters (a newline in a file name) would break the one-line-per-problem output.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes, on one line."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def problem_line(command: str, problem: Problem, *, warning: bool = False) -> str:
    """``kg ingest: news/a.txt: empty file: no text to read`` (``kg ingest: warning: ...``)."""
    return one_line(f"kg {command}: {'warning: ' if warning else ''}{problem}")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a KGError or unusable settings become one clear error line."""
    try:
        return asyncio.run(coroutine)
    except KGError as error:
        raise click.ClickException(str(error)) from error
    except ValidationError as error:  # a KG_* environment variable that does not parse
        raise click.ClickException(settings_error(error)) from error


def settings_error(error: ValidationError) -> str:
    """One line per setting that does not parse: ``invalid settings: neo4j_bolt_port: ...``."""
    details = "; ".join(
        f"{'.'.join(str(part) for part in item['loc']) or 'settings'}: {item['msg']}"
        for item in error.errors()
    )
    return f"invalid settings: {details}"


def progress_bar(description: str, unit: str, total: int | None) -> Any:
    """A tqdm bar on stderr with a total and an ETA when a person watches it; a disabled bar
    (it still counts) in pipes, CI and tests."""
    from tqdm import tqdm

    return tqdm(
        total=total, unit=unit, desc=description, file=sys.stderr, dynamic_ncols=True,
        disable=not sys.stderr.isatty(),
    )


def stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def workers_option(given: int | None) -> int:
    """``--workers``: as given, else KG_NLP_WORKERS when set, else the machine's cores."""
    if given is not None:
        return given
    if os.environ.get("KG_NLP_WORKERS"):
        from kg.settings import load_settings

        return load_settings().nlp_workers
    from kg.nlp.extractor import default_workers

    return default_workers()


WORKERS_HELP = (
    "Extraction processes, each with its own spaCy pipeline (default: KG_NLP_WORKERS, else the "
    "machine's cores); the output is the same for any N. An input of one batch stays in one process."
)
