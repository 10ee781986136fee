"""kg: a stakeholder/actor knowledge graph built from news, stored in Neo4j, served over GraphQL.

The public Python API (the README's "Python API" section has runnable examples)::

    import kg

    kg.extract(text, published=None, title=None) -> kg.Extraction          # no Neo4j needed
    kg.extract_many(sources, on_problem=None) -> Iterator[kg.Extraction]

    with kg.connect() as graph:                 # uri/user/password/database, else settings
        graph.ingest(sources) -> kg.IngestSummary
        graph.retract(reference) -> kg.Retraction
        graph.load_actors(file_or_actors) / graph.load_relations(file_or_relations)
        graph.actor(id_or_name) -> kg.StoredEntity | None
        graph.top_actors(10) -> list[kg.ActorCount]
        graph.relations(actor, types=..., evidence=3) -> list[kg.StoredRelation]
        graph.path(a, b) -> list[kg.StoredRelation] | None
        graph.watch(folder) -> kg.IngestSummary
        graph.status() -> kg.GraphStatus

    async with kg.connect_async() as graph: ...  # kg.AsyncGraph, the same methods, awaited

Names are loaded on first use, so ``import kg`` stays cheap: spaCy, the Neo4j driver and
pydantic load only when something that needs them is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it. tests/unit/test_public_api.py fails when one goes.
_EXPORTS: dict[str, str] = {
    # extraction and the graph
    "extract": "kg.client",
    "extract_many": "kg.client",
    "connect": "kg.client",
    "connect_async": "kg.client",
    "Graph": "kg.client",
    "AsyncGraph": "kg.client",
    "files": "kg.sources",
    "Files": "kg.sources",
    # the model
    "Document": "kg.model",
    "SourceDocument": "kg.model",
    "DocumentInfo": "kg.model",
    "Entity": "kg.model",
    "EntityKind": "kg.model",
    "Evidence": "kg.model",
    "Relation": "kg.model",
    "RelationType": "kg.model",
    "Plover": "kg.model",
    "Extraction": "kg.model",
    "CuratedActor": "kg.model",
    "CuratedRelation": "kg.model",
    "StoredEntity": "kg.model",
    "StoredRelation": "kg.model",
    "Claim": "kg.model",
    "ActorCount": "kg.model",
    "Retraction": "kg.model",
    "IngestSummary": "kg.model",
    "GraphStatus": "kg.model",
    # errors
    "Problem": "kg.errors",
    "KGError": "kg.errors",
    "ConfigError": "kg.errors",
    "InvalidInput": "kg.errors",
    "ExtractionError": "kg.errors",
    "NotFound": "kg.errors",
    "Conflict": "kg.errors",
    "GraphRefused": "kg.errors",
    "GraphUnavailable": "kg.errors",
    # settings
    "Settings": "kg.settings",
    "load_settings": "kg.settings",
}

__all__ = [
    "ActorCount",
    "AsyncGraph",
    "Claim",
    "ConfigError",
    "Conflict",
    "CuratedActor",
    "CuratedRelation",
    "Document",
    "DocumentInfo",
    "Entity",
    "EntityKind",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "Files",
    "Graph",
    "GraphRefused",
    "GraphStatus",
    "GraphUnavailable",
    "IngestSummary",
    "InvalidInput",
    "KGError",
    "NotFound",
    "Plover",
    "Problem",
    "Relation",
    "RelationType",
    "Retraction",
    "Settings",
    "SourceDocument",
    "StoredEntity",
    "StoredRelation",
    "__version__",
    "connect",
    "connect_async",
    "extract",
    "extract_many",
    "files",
    "load_settings",
]

if TYPE_CHECKING:
    from kg.client import AsyncGraph, Graph, connect, connect_async, extract, extract_many
    from kg.errors import (
        ConfigError,
        Conflict,
        ExtractionError,
        GraphRefused,
        GraphUnavailable,
        InvalidInput,
        KGError,
        NotFound,
        Problem,
    )
    from kg.model import (
        ActorCount,
        Claim,
        CuratedActor,
        CuratedRelation,
        Document,
        DocumentInfo,
        Entity,
        EntityKind,
        Evidence,
        Extraction,
        GraphStatus,
        IngestSummary,
        Plover,
        Relation,
        RelationType,
        Retraction,
        SourceDocument,
        StoredEntity,
        StoredRelation,
    )
    from kg.settings import Settings, load_settings
    from kg.sources import Files, files


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
