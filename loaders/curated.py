"""Curated actor and relation lists, from CSV or JSON Lines.

Actors:    id, name, kind, aliases, roles          (aliases/roles ``;``-separated in CSV,
                                                   a list or a ``;``-separated string in JSONL)
Relations: subject, type, object, source, date, note

A file is validated whole before anything is returned: any error rejects the whole file with
:class:`kg.errors.InvalidInput` listing every problem by line and field, so nothing of a bad file
is ever written. Whether relation endpoints exist is checked by :func:`check_references` against
ids the caller knows (the graph's and those loaded together with the relations).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from kg.errors import InvalidInput, Problem
from kg.model import MAX_ID_CHARS, MAX_NAME_CHARS, CuratedActor, CuratedRelation, EntityKind, RelationType
from loaders.documents import open_regular_file

T = TypeVar("T")

ACTOR_FIELDS = ("id", "name", "kind", "aliases", "roles")
ACTOR_REQUIRED = ("id", "name", "kind")
RELATION_FIELDS = ("subject", "type", "object", "source", "date", "note")
RELATION_REQUIRED = ("subject", "type", "object", "source")

# A curated file is a hand-made list; anything beyond this is not one.
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_FIELD_CHARS = 10_000
# Ids and names are indexed: kg.model bounds them.
_FIELD_LIMITS = {
    "id": MAX_ID_CHARS, "subject": MAX_ID_CHARS, "object": MAX_ID_CHARS,
    "name": MAX_NAME_CHARS, "aliases": MAX_NAME_CHARS,
}

_CSV_SUFFIXES = {".csv"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A parsed row and the line it starts on."""

    line: int
    item: T


@dataclass(frozen=True, slots=True)
class CuratedFile(Generic[T]):
    source: str
    rows: list[Located[T]]

    @property
    def items(self) -> list[T]:
        return [row.item for row in self.rows]


def read_actors(path: str | Path) -> CuratedFile[CuratedActor]:
    """Read and validate a curated actor list; raises InvalidInput listing every problem."""
    source = str(path)
    problems: list[Problem] = []
    rows: list[Located[CuratedActor]] = []
    first_line: dict[str, int] = {}
    for line, raw in _records(path, ACTOR_FIELDS, ACTOR_REQUIRED, problems):
        before = len(problems)
        values = {name: _text(raw, name, source, line, problems) for name in ("id", "name", "kind")}
        aliases = _list_field(raw, "aliases", source, line, problems)
        roles = _list_field(raw, "roles", source, line, problems)
        kind = _enum(values["kind"], EntityKind, "kind", source, line, problems)
        identifier = values["id"]
        if identifier is not None:
            if identifier in first_line:
                problems.append(
                    Problem(source, f"duplicate actor id {identifier!r} (first on line "
                            f"{first_line[identifier]})", line=line, field="id")
                )
            else:
                first_line[identifier] = line
        if len(problems) == before and identifier and values["name"] and kind is not None:
            rows.append(
                Located(line, CuratedActor(id=identifier, name=values["name"], kind=kind,
                                           aliases=tuple(aliases), roles=tuple(roles)))
            )
    _raise_if(problems, source, "actor list")
    return CuratedFile(source, rows)


def read_relations(path: str | Path) -> CuratedFile[CuratedRelation]:
    """Read and validate a curated relation list; raises InvalidInput listing every problem."""
    source = str(path)
    problems: list[Problem] = []
    rows: list[Located[CuratedRelation]] = []
    for line, raw in _records(path, RELATION_FIELDS, RELATION_REQUIRED, problems):
        before = len(problems)
        values = {name: _text(raw, name, source, line, problems) for name in RELATION_FIELDS}
        type_ = _enum(values["type"], RelationType, "type", source, line, problems)
        date = _date(values["date"], source, line, problems)
        subject, object_, reference = values["subject"], values["object"], values["source"]
        if len(problems) == before and subject and object_ and reference and type_ is not None:
            rows.append(
                Located(line, CuratedRelation(subject=subject, type=type_, object=object_,
                                              source=reference, date=date, note=values["note"]))
            )
    _raise_if(problems, source, "relation list")
    return CuratedFile(source, rows)


def check_references(relations: CuratedFile[CuratedRelation], known_ids: Iterable[str]) -> None:
    """Raise InvalidInput naming every relation whose subject or object is not a known id."""
    known = set(known_ids)
    problems = [
        Problem(relations.source, f"unknown actor id {value!r}", line=row.line, field=field_name)
        for row in relations.rows
        for field_name, value in (("subject", row.item.subject), ("object", row.item.object))
        if value not in known
    ]
    _raise_if(problems, relations.source, "relation list")


def referenced_ids(relations: CuratedFile[CuratedRelation]) -> set[str]:
    return {id_ for row in relations.rows for id_ in (row.item.subject, row.item.object)}


# -- parsing ---------------------------------------------------------------------------------


def _raise_if(problems: list[Problem], source: str, what: str) -> None:
    if problems:
        raise InvalidInput(
            f"{source}: {what} rejected, nothing was written ({len(problems)} problem(s))", problems
        )


def _read_text(path: str | Path, problems: list[Problem]) -> str | None:
    source = str(path)
    try:
        # Regular files only, opened without blocking (a FIFO would otherwise hang the load).
        with open_regular_file(str(path)) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                problems.append(Problem(source, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"))
                return None
            data = stream.read()
    except OSError as error:
        problems.append(Problem(source, f"cannot read file: {error.strerror or error}"))
        return None
    if b"\x00" in data:
        problems.append(Problem(source, "file is binary (contains NUL bytes), not CSV or JSON Lines"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(source, "file is not UTF-8 text", line=line))
        return None
    if not text.strip():
        problems.append(Problem(source, "file is empty"))
        return None
    return text


def _records(
    path: str | Path, fields: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    source = str(path)
    suffix = Path(path).suffix.lower()
    if suffix not in _CSV_SUFFIXES | _JSONL_SUFFIXES:
        problems.append(Problem(source, f"unsupported file type {suffix or '(none)'!r}; use .csv or .jsonl"))
        return
    text = _read_text(path, problems)
    if text is None:
        return
    parse: Callable[[str, str, tuple[str, ...], tuple[str, ...], list[Problem]],
                    Iterator[tuple[int, Mapping[str, Any]]]]
    parse = _csv_records if suffix in _CSV_SUFFIXES else _jsonl_records
    yield from parse(text, source, fields, required, problems)


def _csv_records(
    text: str, source: str, fields: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as error:
        problems.append(Problem(source, f"cannot read the CSV header: {error}", line=1))
        return
    header_ok = True
    for name in header:
        if name not in fields:
            problems.append(Problem(source, f"unknown column {name!r}; expected {', '.join(fields)}",
                                    line=1, field=name))
            header_ok = False
    for name in required:
        if name not in header:
            problems.append(Problem(source, f"missing required column {name!r}", line=1, field=name))
            header_ok = False
    if len(set(header)) != len(header):
        problems.append(Problem(source, "a column appears twice in the header", line=1))
        header_ok = False
    if not header_ok:
        return
    line = 1
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(source, f"malformed CSV: {error}", line=line))
            return
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            problems.append(Problem(source, f"{len(values)} fields, the header has {len(header)}", line=line))
            continue
        yield line, dict(zip(header, values, strict=True))


def _jsonl_records(
    text: str, source: str, fields: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            problems.append(Problem(source, f"invalid JSON: {error.msg} (column {error.colno})", line=line))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(source, "each line must be a JSON object", line=line))
            continue
        unknown = sorted(set(record) - set(fields))
        for name in unknown:
            problems.append(Problem(source, f"unknown field; expected {', '.join(fields)}", line=line,
                                    field=name))
        if unknown:
            continue
        yield line, record


def _text(raw: Mapping[str, Any], name: str, source: str, line: int, problems: list[Problem]) -> str | None:
    """A stripped string field; None when absent/empty (an error if the field is required)."""
    value = raw.get(name)
    required = name in ACTOR_REQUIRED or name in RELATION_REQUIRED
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(source, "required field is empty", line=line, field=name))
        return None
    if not isinstance(value, str):
        message = f"must be a string, got {type(value).__name__}"
        problems.append(Problem(source, message, line=line, field=name))
        return None
    limit = _FIELD_LIMITS.get(name, MAX_FIELD_CHARS)
    if len(value.strip()) > limit:
        problems.append(Problem(source, f"longer than {limit} characters", line=line, field=name))
        return None
    return value.strip()


def _list_field(
    raw: Mapping[str, Any], name: str, source: str, line: int, problems: list[Problem]
) -> list[str]:
    value = raw.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(";")
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = value
    else:
        problems.append(Problem(source, "must be a ';'-separated string or a list of strings",
                                line=line, field=name))
        return []
    cleaned = [part.strip() for part in parts if part.strip()]
    limit = _FIELD_LIMITS.get(name, MAX_FIELD_CHARS)
    if any(len(part) > limit for part in cleaned):
        problems.append(Problem(source, f"an entry is longer than {limit} characters",
                                line=line, field=name))
        return []
    return list(dict.fromkeys(cleaned))


E = TypeVar("E", EntityKind, RelationType)


def _enum(
    value: str | None, enum: type[E], name: str, source: str, line: int, problems: list[Problem]
) -> E | None:
    if value is None:
        return None
    try:
        return enum(value.strip().upper().replace(" ", "_").replace("-", "_"))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        problems.append(Problem(source, f"unknown {name} {value!r}; one of {allowed}", line=line, field=name))
        return None


def _date(value: str | None, source: str, line: int, problems: list[Problem]) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(Problem(source, f"not a date (YYYY-MM-DD): {value!r}", line=line, field="date"))
        return None
