"""Applying the graph schema: every ``schema/*.cypher`` file, in name order, idempotently.

A schema file holds Cypher statements separated by ``;``; ``//`` and ``/* */`` comments are
allowed. Statements should say ``IF NOT EXISTS`` (a statement that re-creates an equivalent
constraint or index is accepted too). What changed is found by comparing ``SHOW CONSTRAINTS``
and ``SHOW INDEXES`` before and after, so applying twice reports nothing the second time.

Where the files are: the ``schema/`` folder beside the ``kg`` package (a source checkout, an
editable install, the Docker image), else ``kg/schema/`` inside an installed package.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver
from neo4j.exceptions import Neo4jError

import kg
from kg.errors import ConfigError, InvalidInput, Problem
from kg.graph import queries
from kg.graph.driver import graph_errors
from kg.model import RelationType
from kg.settings import Settings

INDEX_ONLINE_TIMEOUT_S = 300
# Neo4j's answer to CREATE ... for a rule that already exists in the same shape.
_ALREADY_EXISTS = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a schema file, with where it starts (for error messages)."""

    text: str
    source: str
    line: int


def schema_dir_candidates() -> list[Path]:
    package_dir = Path(kg.__file__).resolve().parent
    return [package_dir.parent / "schema", package_dir / "schema"]


def default_schema_dir() -> Path:
    """The first candidate folder that holds ``*.cypher`` files (or exists at all)."""
    candidates = schema_dir_candidates()
    for candidate in candidates:
        if any(candidate.glob("*.cypher")):
            return candidate
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise ConfigError(
        "No schema folder found; looked in " + ", ".join(str(c) for c in candidates)
    )


def split_statements(text: str, source: str = "<string>") -> list[Statement]:
    """Split Cypher on ``;`` outside strings, backtick names and comments; drop the comments."""
    statements: list[Statement] = []
    current: list[str] = []
    start_line: int | None = None
    line = 1
    index = 0
    quote: str | None = None
    length = len(text)
    while index < length:
        char = text[index]
        pair = text[index : index + 2]
        if quote is not None:
            current.append(char)
            if char == "\\" and quote != "`" and index + 1 < length:
                current.append(text[index + 1])
                line += text[index + 1] == "\n"
                index += 2
                continue
            if char == quote:
                quote = None
        elif pair == "//":
            end = text.find("\n", index)
            index = length if end == -1 else end
            continue
        elif pair == "/*":
            end = text.find("*/", index + 2)
            if end == -1:
                raise InvalidInput(
                    "Unterminated /* comment in a schema file",
                    [Problem(source=source, line=line, message="/* without */")],
                )
            line += text.count("\n", index, end)
            current.append(" ")
            index = end + 2
            continue
        elif char == ";":
            _keep(statements, current, source, start_line)
            current, start_line = [], None
        else:
            if char in "'\"`":
                quote = char
            if start_line is None and not char.isspace():
                start_line = line
            current.append(char)
        line += char == "\n"
        index += 1
    if quote is not None:
        raise InvalidInput(
            "Unterminated quote in a schema file",
            [Problem(source=source, line=start_line, message=f"{quote} is never closed")],
        )
    _keep(statements, current, source, start_line)
    return statements


def _keep(statements: list[Statement], chars: list[str], source: str, line: int | None) -> None:
    text = "".join(chars).strip()
    if text:
        statements.append(Statement(text=text, source=source, line=line or 1))


def read_schema_files(schema_dir: Path) -> list[Statement]:
    """Every statement of ``schema_dir/*.cypher``, files in name order."""
    statements: list[Statement] = []
    for path in sorted(schema_dir.glob("*.cypher")):
        statements.extend(split_statements(path.read_text(encoding="utf-8"), source=str(path)))
    return statements


async def apply_schema(
    driver: AsyncDriver, settings: Settings, schema_dir: Path | None = None
) -> list[str]:
    """Run every schema statement; return one line per constraint/index created or dropped.

    Stops at the first statement Neo4j rejects, raising :class:`InvalidInput` that names the
    file and line. Waits until new indexes are online before returning.
    """
    folder = schema_dir if schema_dir is not None else default_schema_dir()
    if not folder.is_dir():
        raise ConfigError(f"Schema folder {folder} does not exist")
    statements = read_schema_files(folder) + relation_end_index_statements()
    database = settings.neo4j_database
    with graph_errors():
        before = await _schema_rules(driver, database)
        await _backfill_relation_ends(driver, database, existing=before.keys())
        for statement in statements:
            await _run_statement(driver, database, statement)
        if ("index", "document_url") in before:  # a graph from before the index keys
            for backfill in queries.BACKFILL_INDEX_KEYS:
                await driver.execute_query(backfill, database_=database)
        await driver.execute_query(
            queries.AWAIT_INDEXES, {"timeout_s": INDEX_ONLINE_TIMEOUT_S}, database_=database
        )
        after = await _schema_rules(driver, database)
    created = [f"created {after[key]}" for key in sorted(after.keys() - before.keys())]
    dropped = [f"dropped {before[key]}" for key in sorted(before.keys() - after.keys())]
    return created + dropped


def relation_end_index_statements() -> list[Statement]:
    """The relation page's indexes (two per kg.model.RelationType; see
    queries.relation_end_indexes), as schema statements."""
    source = "kg.graph.queries.relation_end_indexes (one pair per kg.model.RelationType)"
    return [
        Statement(text=text, source=source, line=line)
        for line, (_, text) in enumerate(queries.relation_end_indexes(t.value for t in RelationType), 1)
    ]


async def _backfill_relation_ends(
    driver: AsyncDriver, database: str, existing: Collection[tuple[str, str]]
) -> None:
    """A graph written before typed relationships kept their ends' ids gets them, once: before
    a type's relation-end indexes are created (every write sets them since; should this be
    interrupted, the indexes are not there yet and the next run does it again)."""
    for relation_type in RelationType:
        out_index = queries.relation_end_indexes([relation_type.value])[0][0]
        if ("index", out_index) not in existing:
            # Batched (CALL IN TRANSACTIONS): an auto-commit transaction, not a managed one.
            async with driver.session(database=database) as session:
                await (await session.run(queries.backfill_relation_ends(relation_type.value))).consume()


async def _run_statement(driver: AsyncDriver, database: str, statement: Statement) -> None:
    try:
        await driver.execute_query(statement.text, database_=database)
    except Neo4jError as exc:
        if exc.code == _ALREADY_EXISTS:
            return
        if exc.code and exc.code.startswith(("Neo.ClientError.Statement", "Neo.ClientError.Schema")):
            raise InvalidInput(
                "Neo4j rejected a schema statement",
                [Problem(source=statement.source, line=statement.line, message=str(exc.message))],
            ) from exc
        raise


async def _schema_rules(driver: AsyncDriver, database: str) -> dict[tuple[str, str], str]:
    """Constraints and standalone indexes, keyed by (kind, name), described for people."""
    rules: dict[tuple[str, str], str] = {}
    for kind, query in (("constraint", queries.SHOW_CONSTRAINTS), ("index", queries.SHOW_INDEXES)):
        records, _, _ = await driver.execute_query(query, database_=database)
        for record in records:
            rules[(kind, record["name"])] = _describe(kind, record.data())
    return rules


def _describe(kind: str, rule: dict[str, Any]) -> str:
    target = ""
    if rule.get("labelsOrTypes"):
        names = "|".join(rule["labelsOrTypes"])
        properties = ", ".join(rule.get("properties") or [])
        target = f" on :{names}({properties})" if rule.get("entityType") == "NODE" else (
            f" on [:{names}]({properties})"
        )
    return f"{rule['type'].lower()} {kind} {rule['name']}{target}"
