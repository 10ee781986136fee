"""Articles from files, folders, globs and stdin, as :class:`kg.model.SourceDocument`.

Formats, chosen by file name ending:

* ``.txt``, ``.text``, ``.md`` and files with no extension: scraped plain text, page furniture
  detected by :mod:`loaders.furniture` (ranges in ``SourceDocument.skip``, text unchanged);
* ``.html``, ``.htm``: the article text extracted by :mod:`loaders.html`, metadata from ``<meta>``;
* ``.jsonl``, ``.ndjson``: one JSON object per line, ``{"text", "title", "url", "published",
  "author"}`` (only ``text`` is required; other keys are ignored; UTF-8 as JSON requires, any
  invalid bytes become U+FFFD);
* ``-``: standard input, sniffed: JSON Lines if it starts with ``{``, HTML if it starts with a
  tag, otherwise scraped text.

Everything streams: folders are walked lazily, JSON Lines read line by line, and each document
is released once the caller moves on. Bad input never raises: each problem is yielded as a
:class:`kg.errors.Problem` naming the file (and line and field for JSON Lines) and the batch
goes on.

Decoding (decided here, once): UTF-8, with or without a byte-order mark; UTF-16 when it has a
byte-order mark. Bytes that are not valid UTF-8 are decoded as UTF-8 with U+FFFD replacement
characters when most of the non-ASCII text *is* valid UTF-8 (a scrape with a few broken bytes),
else with the charset an HTML page declares, else as Windows-1252 (the usual legacy encoding of
Western news sites), else as Latin-1, which cannot fail. No fallback warns or raises: every
byte sequence decodes. Files with NUL bytes or mostly control characters are binary and refused.

Text is normalised once, here: characters no UTF-8 text can hold (lone surrogates such as a
``"\\ud800"`` escape in JSON) and the code points Unicode reserves as non-characters (U+FFFE,
U+FFFF, ...) and NUL become U+FFFD, one for one (offsets are unchanged), in the text and in
title, author, URL and source; ``SourceDocument.replaced_characters`` counts them. File names
that are not valid UTF-8 are shown (and stored as ``source``) with their bad bytes as ``\\xNN``.

Only regular files are read, opened without blocking: a FIFO, a device or a socket among the
inputs is reported ("not a regular file") and skipped, never waited on.

Publication date, strongest first: the document's own metadata (JSON ``published``, HTML
``article:published_time``), then the ``published`` argument (``kg extract --published``),
then a dateline found in scraped text ("Published 15 September 2022").
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from kg.errors import InvalidInput, Problem
from kg.model import SourceDocument
from loaders.furniture import analyse_page
from loaders.html import extract_html

# One document may be at most this large (a very long article is ~1 MB of text; 5 MB is
# accepted). Bigger inputs are almost certainly not articles (dumps, logs) and would only
# exhaust memory in the NLP layer, so they are refused with a clear message.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
STDIN = "-"

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_SUPPORTED_TEXT = ", ".join(sorted(s for s in SUPPORTED_SUFFIXES if s)) + " and files without an extension"

_GLOB_MAGIC = re.compile(r"[*?[]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_SAMPLE_CHARS = 65536
_MAX_CONTROL_SHARE = 0.02  # more control characters than this share, and at least
_MIN_CONTROLS_FOR_BINARY = 4  # this many, means binary (a stray one in a short text does not)
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"^\s*(<!doctype\s+html|<html|<head|<body|<article|<p[\s>]|<div|<!--)", re.IGNORECASE
)


# Characters no text kg stores may hold: lone surrogates (not encodable as UTF-8 at all), NUL,
# and Unicode's non-characters (U+FDD0..U+FDEF and the last two code points of every plane).
_INVALID_CHARACTERS = re.compile(
    "[\x00\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
REPLACEMENT_CHARACTER = "\ufffd"


def normalise_text(text: str) -> tuple[str, int]:
    """``text`` with every invalid character replaced by U+FFFD (same length), and how many."""
    count = 0

    def replace(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return REPLACEMENT_CHARACTER

    return _INVALID_CHARACTERS.sub(replace, text), count


def normalise_document(document: SourceDocument) -> SourceDocument:
    """The document with its text and metadata normalised (see :func:`normalise_text`); itself
    when nothing needed replacing. For documents made outside the loaders (``kg.Document``)."""
    changes: dict[str, object] = {}
    replaced = 0
    for name in ("text", "source", "title", "author", "url"):
        value = getattr(document, name)
        if value is None:
            continue
        clean, count = normalise_text(value)
        if count:
            changes[name] = clean
            replaced += count
    if not replaced:
        return document
    changes["replaced_characters"] = document.replaced_characters + replaced
    return document.model_copy(update=changes)


def display_path(path: str) -> str:
    """A file name as text: a name that is not valid UTF-8 (Python holds its bad bytes as
    surrogate escapes) is shown with those bytes as ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_big(size: int | None = None) -> str:
    actual = f"is {_size_text(size)}" if size is not None else "is larger than that"
    return (
        f"too large: the limit is {_size_text(MAX_DOCUMENT_BYTES)} per document and this {actual}; "
        "split it into articles"
    )


# --------------------------------------------------------------------------------------------
# Dates


def parse_published(value: object, *, source: str, line: int | None = None) -> dt.date | None:
    """A publication date from a date, an ISO date string, or an ISO timestamp; None stays None."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        stamp = value.strip()
        if not stamp:
            return None
        try:
            return dt.date.fromisoformat(stamp[:10])
        except ValueError:
            pass
    raise InvalidInput(
        "invalid published date",
        [Problem(source, f"not a date: {value!r} (expected YYYY-MM-DD)", line=line, field="published")],
    )


# --------------------------------------------------------------------------------------------
# Decoding


def decode_bytes(data: bytes, *, source: str, html: bool = False) -> str:
    """Text of one document's bytes (see the module docstring for the encoding decision).

    Raises InvalidInput for empty and binary input.
    """
    if not data.strip():
        raise InvalidInput("empty", [Problem(source, "empty file: no text to read")])
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise InvalidInput("binary", [Problem(source, "binary file (contains NUL bytes), not text")])
    else:
        text = _decode_unmarked(data, html=html)
    sample = text[:_BINARY_SAMPLE_CHARS]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > _MIN_CONTROLS_FOR_BINARY and controls > _MAX_CONTROL_SHARE * len(sample):
        raise InvalidInput("binary", [Problem(source, "binary file (mostly control characters), not text")])
    if not text.strip():
        raise InvalidInput("empty", [Problem(source, "empty file: no text to read")])
    return text


def _decode_unmarked(data: bytes, *, html: bool) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    valid_non_ascii = sum(1 for ch in lenient if ord(ch) > 127) - replaced
    if valid_non_ascii and valid_non_ascii >= replaced:
        return lenient
    if html:
        declared = _HTML_CHARSET.search(data[:4096])
        if declared is not None:
            try:
                return data.decode(declared.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# --------------------------------------------------------------------------------------------
# Building documents


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | str | None = None,
    author: str | None = None,
    source: str | None = None,
) -> SourceDocument:
    """One scraped-text document: furniture found, title/author/date read where the page has them.

    Explicit arguments win over what the page says. Text and metadata are normalised (see
    :func:`normalise_text`). Raises InvalidInput for empty text or an unparseable ``published``.
    """
    where = display_path(source) if source else "<text>"
    if not text.strip():
        raise InvalidInput("empty", [Problem(where, "empty document: no text to read")])
    published_date = parse_published(published, source=where)
    text, replaced = normalise_text(text)
    layout = analyse_page(text)
    document = SourceDocument(
        text=text,
        source=display_path(source) if source is not None else None,
        title=_clean(title) or layout.title,
        author=_clean(author) or layout.author,
        url=_clean(url),
        published=published_date or layout.published,
        skip=layout.skip,
        replaced_characters=replaced,
    )
    return normalise_document(document)


def document_from_html(
    markup: str, *, source: str | None = None, published: dt.date | None = None
) -> SourceDocument:
    """One HTML page: its article text (furniture detection applied) and its metadata."""
    where = source or "<html>"
    article = extract_html(markup)
    if not article.text.strip():
        raise InvalidInput("no text", [Problem(where, "no article text found in this HTML page")])
    try:
        page_date = parse_published(article.published, source=where)
    except InvalidInput:
        page_date = None  # a page's own malformed meta date is ignored, not fatal
    document = document_from_text(
        article.text,
        title=article.title,
        url=article.url,
        author=article.author,
        published=page_date or published,
        source=source,
    )
    if _all_furniture(document):
        raise InvalidInput("no text", [Problem(where, "no article text found in this HTML page")])
    return document


def _all_furniture(document: SourceDocument) -> bool:
    """Whether every visible character of the text lies in a furniture range (a menu-only page)."""
    covered = bytearray(len(document.text))
    for start, end in document.skip:
        covered[start:end] = b"\x01" * (end - start)
    return all(covered[i] or char.isspace() for i, char in enumerate(document.text))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _optional_string(record: Mapping[str, object], key: str, *, source: str, line: int | None) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InvalidInput(
        "invalid field",
        [Problem(source, f"must be a string or null, not {type(value).__name__}", line=line, field=key)],
    )


def document_from_json_line(
    raw: bytes, *, source: str, line: int, published: dt.date | None = None
) -> SourceDocument | None:
    """One JSON Lines record as a document; None for a blank line. Raises InvalidInput."""
    if not raw.strip():
        return None
    if b"\x00" in raw:
        raise InvalidInput("binary", [Problem(source, "binary data (NUL bytes), not JSON", line=line)])
    decoded = raw.decode("utf-8-sig" if line == 1 else "utf-8", errors="replace")
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "invalid JSON",
            [Problem(source, f"not valid JSON: {error.msg.removesuffix(' at')} at column {error.colno}",
                     line=line)],
        ) from None
    except RecursionError:
        raise InvalidInput(
            "invalid JSON", [Problem(source, "not valid JSON: nested too deeply", line=line)]
        ) from None
    return document_from_record(
        record, source=source, line=line, published=published, document_source=f"{source}:{line}"
    )


def document_from_record(
    record: object,
    *,
    source: str,
    line: int | None = None,
    published: dt.date | None = None,
    document_source: str | None = None,
) -> SourceDocument:
    """One JSON Lines record (a mapping with ``text`` and optional ``title``, ``url``,
    ``published``, ``author``; other keys ignored) as a document. Problems name ``source`` and
    ``line``; the document's own ``source`` is ``document_source``. Raises InvalidInput."""
    if not isinstance(record, Mapping):
        raise InvalidInput(
            "invalid record",
            [Problem(source, f"expected a JSON object, got {type(record).__name__}", line=line)],
        )
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        message = "missing" if text is None else ("empty" if isinstance(text, str) else "not a string")
        raise InvalidInput("invalid text", [Problem(source, f"text is {message}", line=line, field="text")])
    fields = {
        key: _optional_string(record, key, source=source, line=line)
        for key in ("title", "url", "author")
    }
    own_date = parse_published(record.get("published"), source=source, line=line)
    return document_from_text(
        text,
        title=fields["title"],
        url=fields["url"],
        author=fields["author"],
        published=own_date or published,
        source=document_source,
    )


# --------------------------------------------------------------------------------------------
# Reading


def _problems_of(error: InvalidInput, source: str, line: int | None = None) -> Iterator[Problem]:
    if error.problems:
        yield from error.problems
    else:
        yield Problem(source, str(error), line=line)


def _read_capped(stream: BinaryIO) -> bytes | None:
    """At most MAX_DOCUMENT_BYTES; None when the stream holds more."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    return None if len(data) > MAX_DOCUMENT_BYTES else data


class _LineReader(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


def _documents_from_jsonl(
    stream: _LineReader, source: str, published: dt.date | None, lines_before: int = 0
) -> Iterator[SourceDocument | Problem]:
    line_number = lines_before
    records = 0
    while True:
        raw = stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not raw:
            break
        line_number += 1
        records += bool(raw.strip())
        if len(raw) > MAX_DOCUMENT_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass  # skip the remainder of the oversized line without holding it
            yield Problem(source, _too_big(), line=line_number)
            continue
        try:
            document = document_from_json_line(raw, source=source, line=line_number, published=published)
        except InvalidInput as error:
            yield from _problems_of(error, source, line_number)
            continue
        except Exception as error:  # whatever else one line causes, it costs only that line
            yield _unexpected(error, source, line_number)
            continue
        if document is not None:
            yield document
    if records == 0:
        yield Problem(source, "empty file: no JSON lines to read")


def _document_from_bytes(
    data: bytes, *, source: str, kind: str, published: dt.date | None
) -> Iterator[SourceDocument | Problem]:
    try:
        if kind == "html":
            yield document_from_html(decode_bytes(data, source=source, html=True), source=source,
                                     published=published)
        else:
            text = decode_bytes(data, source=source)
            yield _with_default_date(document_from_text(text, source=source), published)
    except InvalidInput as error:
        yield from _problems_of(error, source)
    except Exception as error:  # whatever else one file causes (a parser's limit), it costs only it
        yield _unexpected(error, source)


def _unexpected(error: Exception, source: str, line: int | None = None) -> Problem:
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return Problem(source, f"cannot read: {' '.join(reason.split())[:300]}", line=line)


def _with_default_date(document: SourceDocument, published: dt.date | None) -> SourceDocument:
    """The caller's date is stronger than a dateline guessed from the page text."""
    if published is None:
        return document
    return document.model_copy(update={"published": published})


def _kind_of(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def read_file(path: str, *, published: dt.date | None = None) -> Iterator[SourceDocument | Problem]:
    """The document(s) of one file; every failure is a Problem naming the file.

    Only regular files are read; the file is opened without blocking, so a FIFO (named pipe),
    device or socket is reported and skipped instead of waited on.
    """
    source = display_path(path)
    kind = _kind_of(path)
    if kind is None:
        yield Problem(source, f"unsupported file type {Path(source).suffix!r}; kg reads {_SUPPORTED_TEXT}")
        return
    try:
        stream = open_regular_file(path)
    except FileNotFoundError:
        if os.path.islink(path):
            yield Problem(source, "a symbolic link to something that does not exist")
        else:
            yield Problem(source, "file not found (it may have been moved or deleted after it was listed)")
        return
    except IsADirectoryError:
        yield Problem(source, "is a folder, not a file")
        return
    except PermissionError:
        yield Problem(source, "permission denied")
        return
    except _NotRegular as error:
        yield Problem(source, f"not a regular file ({error.kind}): skipped")
        return
    except OSError as error:
        yield Problem(source, f"cannot read: {error.strerror or error}")
        return
    with stream:
        try:
            if kind == "jsonl":
                yield from _documents_from_jsonl(stream, source, published)
                return
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_DOCUMENT_BYTES:
                yield Problem(source, _too_big(size))
                return
            data = _read_capped(stream)
        except OSError as error:
            yield Problem(source, f"cannot read: {error.strerror or error}")
            return
    if data is None:
        yield Problem(source, _too_big())
        return
    yield from _document_from_bytes(data, source=source, kind=kind, published=published)


class _NotRegular(OSError):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a file"


def open_regular_file(path: str) -> BinaryIO:
    """``path`` opened for binary reading if it is a regular file (symlinks followed); raises
    an OSError naming what it is otherwise (a FIFO, a device, a socket, a folder).
    O_NONBLOCK: opening a FIFO with no writer would block forever."""
    mode = os.stat(path).st_mode  # sockets cannot even be opened: say what they are first
    if not stat.S_ISREG(mode):
        raise _NotRegular(_file_kind(mode))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode  # what was opened (it may have been swapped meanwhile)
        if not stat.S_ISREG(mode):
            raise _NotRegular(_file_kind(mode))
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_stdin(
    stream: BinaryIO | None = None, *, published: dt.date | None = None
) -> Iterator[SourceDocument | Problem]:
    """Documents from standard input (format sniffed, see the module docstring)."""
    source = "<stdin>"
    binary = stream if stream is not None else sys.stdin.buffer
    skipped_lines = 0
    first = binary.read(1)
    if first == codecs.BOM_UTF8[:1]:
        first += binary.read(2)
        if first == codecs.BOM_UTF8:
            first = binary.read(1)
    while first and first.isspace():
        skipped_lines += first == b"\n"
        first = binary.read(1)
    if not first:
        yield Problem(source, "empty input: nothing on standard input")
        return
    if first == b"{":
        yield from _documents_from_jsonl(_Prefixed(first, binary), source, published, skipped_lines)
        return
    rest = binary.read(MAX_DOCUMENT_BYTES)
    if len(rest) >= MAX_DOCUMENT_BYTES:
        yield Problem(source, _too_big())
        return
    data = first + rest
    kind = "html" if first == b"<" and _HTML_START.match(data[:512].decode("utf-8", "replace")) else "text"
    yield from _document_from_bytes(data, source=source, kind=kind, published=published)


class _Prefixed:
    """A binary stream with bytes already read put back in front (for JSON Lines on stdin)."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = prefix
        self._stream = stream

    def readline(self, limit: int = -1, /) -> bytes:
        if self._prefix:
            prefix, self._prefix = self._prefix, b""
            if prefix.endswith(b"\n"):
                return prefix
            rest_limit = -1 if limit < 0 else max(limit - len(prefix), 0)
            return prefix + (self._stream.readline(rest_limit) if rest_limit else b"")
        return self._stream.readline(limit)


def input_files(paths: Sequence[str]) -> Iterator[str | Problem]:
    """Every file ``paths`` name, in order (folders walked recursively, hidden names and unknown
    types left out; globs expanded), ``-`` for standard input, and a Problem for each input that
    names nothing readable."""
    for path in paths:
        if path == STDIN:
            yield STDIN
        elif os.path.isdir(path):
            yield from _folder_files(path)
        elif os.path.lexists(path):
            yield path
        elif _GLOB_MAGIC.search(path):
            yield from _glob_files(path)
        else:
            yield Problem(display_path(path), "no such file or folder")


def _folder_files(folder: str) -> Iterator[str | Problem]:
    found = 0
    errors: list[OSError] = []
    for directory, subdirectories, files in os.walk(folder, onerror=errors.append):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        while errors:
            error = errors.pop(0)
            yield _listing_problem(error, directory)
        for name in sorted(files):
            if name.startswith(".") or _kind_of(name) is None:
                continue
            found += 1
            yield os.path.join(directory, name)
    for error in errors:
        yield _listing_problem(error, folder)
    if found == 0:
        yield Problem(
            display_path(folder), f"no readable documents in this folder (kg reads {_SUPPORTED_TEXT})"
        )


def _listing_problem(error: OSError, folder: str) -> Problem:
    where = display_path(str(error.filename or folder))
    return Problem(where, f"cannot list folder: {error.strerror or error}")


def _glob_files(pattern: str) -> Iterator[str | Problem]:
    # Only names are sorted here (for a stable order); contents are read one at a time.
    matches = sorted(glob.iglob(pattern, recursive=True))
    if not matches:
        yield Problem(display_path(pattern), "no files match this pattern")
        return
    readable = 0
    for match in matches:
        if os.path.isdir(match):
            readable += 1
            yield from _folder_files(match)
        elif _kind_of(match) is not None:
            readable += 1
            yield match
    if readable == 0:
        yield Problem(
            display_path(pattern),
            f"{len(matches)} files match this pattern, none of a type kg reads ({_SUPPORTED_TEXT})"
        )


def iter_documents(
    paths: Sequence[str], *, published: dt.date | None = None
) -> Iterator[SourceDocument | Problem]:
    """Every document in ``paths`` (files, folders recursively, globs, ``-`` for stdin), in order.

    Yields a Problem for each input that cannot be read and goes on with the rest.
    """
    for item in input_files(paths):
        if isinstance(item, Problem):
            yield item
        elif item == STDIN:
            yield from read_stdin(published=published)
        else:
            yield from read_file(item, published=published)


def count_documents(paths: Sequence[str]) -> int | None:
    """About how many items :func:`iter_documents` will yield for ``paths`` (one per file or
    Problem, one per non-blank line of a JSON Lines file), for a progress bar's total and ETA;
    None when that cannot be known without reading it (standard input)."""
    total = 0
    for item in input_files(paths):
        if isinstance(item, Problem):
            total += 1
        elif item == STDIN:
            return None
        elif _kind_of(item) == "jsonl":
            total += max(1, _non_blank_lines(item))
        else:
            total += 1
    return total


def _non_blank_lines(path: str) -> int:
    try:
        with open_regular_file(path) as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1


def documents_only(
    items: Iterable[SourceDocument | Problem], on_problem: Callable[[Problem], object]
) -> Iterator[SourceDocument]:
    """The documents of ``items``; each Problem goes to ``on_problem`` as it is met (streaming)."""
    for item in items:
        if isinstance(item, Problem):
            on_problem(item)
        else:
            yield item
