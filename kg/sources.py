"""What the public API accepts as documents, turned into what extraction and ingestion read.

A *source* is one of:

* a ``str``: the text of one article (never a file name: a one-line string that names an
  existing file or folder is reported, with the advice to pass a :class:`pathlib.Path`);
* a :class:`pathlib.Path` (any ``os.PathLike``): a file, a folder (read recursively) or a glob,
  read by the loaders exactly as ``kg ingest`` reads it (formats by file name);
* :func:`files` of paths exactly as the command line takes them (``-`` is standard input);
* a :class:`kg.Document` (``kg.model.SourceDocument``);
* a mapping: one JSON Lines record, ``{"text", "title", "url", "published", "author"}``.

Anything that cannot be read becomes a :class:`kg.errors.Problem` naming it (file, line, field
for files; ``<text 3>``, ``<record 2>``, ``<item 5>`` for the 3rd, 2nd, 5th item given), so one
bad source never stops the others. Text is normalised here once (:func:`loaders.documents.
normalise_text`), whichever way it came.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from kg.errors import InvalidInput, Problem
from kg.model import SourceDocument


@dataclass(frozen=True, slots=True)
class Files:
    """Paths exactly as the command line takes them: files, folders, globs, ``-`` for stdin.
    Made by :func:`files`."""

    paths: tuple[str, ...]


def files(*paths: str | os.PathLike[str]) -> Files:
    """Files, folders (recursively) or globs to read, spelled as given (``kg.files("news/",
    "feed.jsonl", "archive/*.html")``); ``-`` reads standard input."""
    return Files(tuple(os.fspath(path) for path in paths))


Source: TypeAlias = "str | os.PathLike[str] | Files | SourceDocument | Mapping[str, Any]"
"""One thing to extract or ingest (see the module docstring)."""

_SINGLE = (str, os.PathLike, Files, SourceDocument, Mapping)
# A string longer than this is text whatever it contains (no path is this long).
_LONGEST_PATH = 4096


def iter_sources(
    sources: Source | Iterable[Source], *, published: dt.date | None = None
) -> Iterator[SourceDocument | Problem]:
    """Every document of ``sources`` (one source or an iterable of them), in order, with a
    Problem for each that cannot be read. ``published`` is the date of documents that carry
    none of their own."""
    from loaders.documents import iter_documents

    items: Iterable[object] = [sources] if isinstance(sources, _SINGLE) else sources
    for index, item in enumerate(items, 1):
        if isinstance(item, SourceDocument):
            yield _document(item, published)
        elif isinstance(item, Files):
            yield from iter_documents(list(item.paths), published=published)
        elif isinstance(item, os.PathLike):
            yield from iter_documents([os.fspath(item)], published=published)
        elif isinstance(item, str):
            yield from _text(item, index, published)
        elif isinstance(item, Mapping):
            yield from _record(item, index, published)
        else:
            yield Problem(
                f"<item {index}>",
                f"cannot read a {type(item).__name__}: give a text (str), a pathlib.Path, kg.files(...), "
                "a kg.Document or a record (a dict with 'text')",
            )


def _document(document: SourceDocument, published: dt.date | None) -> SourceDocument:
    from loaders.documents import normalise_document

    document = normalise_document(document)
    if document.published is None and published is not None:
        document = document.model_copy(update={"published": published})
    return document


def _text(text: str, index: int, published: dt.date | None) -> Iterator[SourceDocument | Problem]:
    from loaders.documents import document_from_text

    where = f"<text {index}>"
    if _names_a_path(text):
        yield Problem(
            where,
            f"{text!r} is the name of a file or folder; a str is read as the text of an article: "
            f"pass pathlib.Path({text!r}) or kg.files({text!r}) to read the file",
        )
        return
    try:
        yield document_from_text(text, published=published)
    except InvalidInput as error:
        yield from _relocated(error, where)


def _record(
    record: Mapping[str, Any], index: int, published: dt.date | None
) -> Iterator[SourceDocument | Problem]:
    from loaders.documents import document_from_record

    where = f"<record {index}>"
    try:
        yield document_from_record(record, source=where, published=published)
    except InvalidInput as error:
        yield from _relocated(error, where)


def _relocated(error: InvalidInput, where: str) -> Iterator[Problem]:
    if not error.problems:
        yield Problem(where, str(error))
    for problem in error.problems:
        yield Problem(where, problem.message, line=problem.line, field=problem.field)


def _names_a_path(text: str) -> bool:
    stripped = text.strip()
    if not stripped or "\n" in stripped or len(stripped) > _LONGEST_PATH:
        return False
    try:
        return os.path.exists(stripped)
    except (OSError, ValueError):  # NUL bytes, names too long for the OS
        return False
