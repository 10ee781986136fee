"""Helpers for the resolution tests: extractions written by hand (what the extractor gives for
a document, NER mistakes included), and a checksum of the knowledge graph."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from neo4j import AsyncDriver

from kg.model import DocumentInfo, Entity, EntityKind, Evidence, Extraction, Relation, RelationType, slugify
from tests.integration.ingest_support import fingerprint


def person(name: str, kind: EntityKind = EntityKind.PERSON, *aliases: str) -> Entity:
    return Entity(id=slugify(name), name=name, kind=kind, aliases=aliases)


def country(name: str, *aliases: str) -> Entity:
    return Entity(id=slugify(name), name=name, kind=EntityKind.COUNTRY, aliases=aliases)


def article(
    text: str,
    entities: list[Entity],
    relations: list[tuple[str, str, str] | tuple[str, str, str, str]],
    *,
    published: dt.date = dt.date(2024, 3, 4),
    source: str | None = None,
) -> Extraction:
    """An extraction of ``text``: ``relations`` are (subject id, TYPE, object id[, role])."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    info = DocumentInfo(
        id=f"doc-{sha[:16]}", sha256=sha, source=source or f"{sha[:8]}.txt", published=published
    )
    made = []
    for index, spec in enumerate(relations):
        subject, type_, object_ = spec[0], spec[1], spec[2]
        role = spec[3] if len(spec) > 3 else None  # type: ignore[misc]
        made.append(Relation(subject=subject, type=RelationType(type_), object=object_, role=role,
                             evidence=Evidence(text=text, start=index, end=index + 1), date=published))
    return Extraction(document=info, entities=tuple(entities), relations=tuple(made), extractor="test.v1")


async def graph_checksum(driver: AsyncDriver) -> str:
    """A hash of the knowledge graph: every entity (live or merged), document and claim with its
    labels and properties, every relationship between them with its properties. The decision
    log (:Decision) is left out: it records history on purpose."""
    return await fingerprint(driver, without="Decision")


async def actors(driver: AsyncDriver) -> dict[str, dict[str, Any]]:
    """Every live actor by id: name, kind, aliases, merged_from."""
    records, _, _ = await driver.execute_query(
        "MATCH (e:Actor) RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases, "
        "coalesce(e.merged_from, []) AS merged_from, labels(e) AS labels"
    )
    return {r["id"]: r.data() for r in records}


async def typed_relationships(driver: AsyncDriver) -> set[tuple[str, str, str]]:
    records, _, _ = await driver.execute_query(
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.id AS s, type(r) AS t, o.id AS o"
    )
    return {(r["s"], r["t"], r["o"]) for r in records}
