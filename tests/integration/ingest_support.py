"""Helpers for the ingest/retract/curated integration tests.

:class:`LineExtractor` stands in for the spaCy extractor where the trained model is not the
point: each line ``Subject Name (KIND) [NOT] TYPE Object Name (KIND) [@0.7]`` of a document is one
relation between two entities, so a test states exactly what a document says. A line
``UNREADABLE`` makes the whole document fail the way a real extraction failure does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from neo4j import AsyncDriver

from kg.errors import ExtractionError, Problem
from kg.graph.repository import GraphRepository
from kg.model import (
    DocumentInfo,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Relation,
    RelationType,
    SourceDocument,
    slugify,
)
from kg.settings import Settings

_LINE = re.compile(
    r"^(?P<subject>[^()]+?) \((?P<subject_kind>[A-Z]+)\) (?P<negated>NOT )?(?P<type>[A-Z_]+) "
    r"(?P<object>[^()]+?) \((?P<object_kind>[A-Z]+)\)(?: @(?P<confidence>[0-9.]+))?$"
)


class LineExtractor:
    name = "test-lines"
    version = "test.lines.v1"

    @property
    def label(self) -> str:
        return self.version

    def extract(self, doc: SourceDocument) -> Extraction:
        entities: dict[str, Entity] = {}
        relations: list[Relation] = []
        offset = 0
        for line in doc.text.splitlines(keepends=True):
            start, offset = offset, offset + len(line)
            text = line.strip()
            if text == "UNREADABLE":
                raise ExtractionError(f"{doc.source}: cannot extract")
            match = _LINE.match(text)
            if not match:
                continue
            ids = []
            for role in ("subject", "object"):
                name = match[role]
                identifier = slugify(name)
                aliases = (name.split()[-1],) if " " in name else ()
                known = entities.get(identifier)
                if known is not None:
                    aliases = tuple(sorted({*known.aliases, *aliases}))
                entities[identifier] = Entity(
                    id=identifier, name=name, kind=EntityKind(match[f"{role}_kind"]), aliases=aliases
                )
                ids.append(identifier)
            relations.append(
                Relation(
                    subject=ids[0],
                    type=RelationType(match["type"]),
                    object=ids[1],
                    evidence=Evidence(text=text, start=start, end=start + len(text)),
                    negated=bool(match["negated"]),
                    confidence=float(match["confidence"] or 0.5),
                    role="president" if match["type"] == "HOLDS_ROLE" else None,
                )
            )
        return Extraction(
            document=DocumentInfo(
                id=doc.id, sha256=doc.sha256, source=doc.source, title=doc.title,
                author=doc.author, url=doc.url, published=doc.published,
            ),
            entities=tuple(entities.values()),
            relations=tuple(relations),
            extractor=self.version,
        )

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Extraction | Problem]:
        for doc in docs:
            try:
                yield self.extract(doc)
            except ExtractionError as error:
                yield Problem(doc.source or doc.id, str(error))


def document(text: str, *, source: str = "doc.txt", url: str | None = None,
             published: dt.date | None = dt.date(2022, 9, 15)) -> SourceDocument:
    return SourceDocument(text=text, source=source, url=url, published=published)


def corpus(size: int) -> list[SourceDocument]:
    """``size`` documents about a small cast of actors, overlapping so that entities are shared."""
    cast = [("Alpha Republic", "COUNTRY"), ("Beta Union", "ORGANIZATION"), ("Carla Diaz", "PERSON"),
            ("Delta Front", "GROUP"), ("Echo City", "LOCATION"), ("Foxtrot Kingdom", "COUNTRY")]
    types = ["ATTACKED", "MET", "URGED", "SUPPORTED", "CONSULTED"]
    docs = []
    for index in range(size):
        lines = []
        for step in range(3):
            subject = cast[(index + step) % len(cast)]
            object_ = cast[(index + 2 * step + 1) % len(cast)]
            if subject == object_:
                continue
            lines.append(f"{subject[0]} ({subject[1]}) {types[(index + step) % len(types)]} "
                         f"{object_[0]} ({object_[1]}) @0.{5 + step}")
        lines.append(f"Story number {index}.")
        docs.append(document("\n".join(lines), source=f"story-{index}.txt",
                             published=dt.date(2022, 9, 1) + dt.timedelta(days=index % 20)))
    return docs


async def fingerprint(driver: AsyncDriver, *, without: str | None = None) -> str:
    """A hash of every node and relationship with its properties (ingest time excluded);
    ``without`` names a label whose nodes (and their relationships) are left out."""
    nodes, _, _ = await driver.execute_query(
        "MATCH (n) WHERE $without IS NULL OR NOT $without IN labels(n) "
        "RETURN labels(n) AS labels, properties(n) AS props",
        without=without,
    )
    relationships, _, _ = await driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE $without IS NULL OR NOT ($without IN labels(a) OR $without IN labels(b)) "
        "RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props",
        without=without,
    )
    lines = sorted(
        [repr((sorted(r["labels"]), _clean(r["props"]))) for r in nodes]
        + [repr((r["start"], r["type"], r["end"], _clean(r["props"]))) for r in relationships]
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


async def ids_checksum(driver: AsyncDriver) -> str:
    records, _, _ = await driver.execute_query("MATCH (n) RETURN n.id AS id ORDER BY id")
    return hashlib.sha256("\n".join(r["id"] for r in records).encode()).hexdigest()


def _clean(props: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((key, repr(value)) for key, value in props.items() if key != "ingested_at")


async def prepared_repository(driver: AsyncDriver, database: str) -> GraphRepository:
    """A repository over the test session's driver (tests/conftest.py applied the schema)."""
    return GraphRepository(driver, database)


def cli_env(settings: Settings) -> dict[str, str]:
    """The environment that points the `kg` command at the test session's Neo4j."""
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    assert settings.neo4j_uri
    return {"KG_NEO4J_URI": settings.neo4j_uri, "KG_NEO4J_USER": settings.neo4j_user,
            "KG_NEO4J_PASSWORD": password, "KG_NEO4J_DATABASE": settings.neo4j_database}


# `python -c KG_WITH_LINES ARGS...` runs the `kg` command in a process of its own with the line
# extractor (no spaCy): for tests that need a real process (signals, concurrency, stderr).
KG_WITH_LINES = (
    "import sys; from kg.cli import main; from tests.integration.ingest_support import LineExtractor; "
    "main(sys.argv[1:], prog_name='kg', obj={'extractor': LineExtractor()})"
)
