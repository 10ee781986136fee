"""schema/schema.graphql is the SDL the code builds: regenerate with `python -m kg.api.schema`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api.schema import schema_sdl

pytestmark = pytest.mark.api

EXPORTED = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_exported_schema_matches_the_code() -> None:
    assert EXPORTED.read_text(encoding="utf-8") == schema_sdl(), (
        "schema/schema.graphql is stale: run `python -m kg.api.schema > schema/schema.graphql`"
    )


def test_schema_has_the_documented_shape() -> None:
    sdl = schema_sdl()
    assert "interface Entity" in sdl
    assert "type Actor implements Entity" in sdl
    assert "type Event implements Entity" in sdl
    for root in ("actor(", "actors(", "relations(", "events(", "document(", "documents(", "path(", "stats"):
        assert f"  {root}" in sdl, root
    for mutation in ("ingestDocument(", "retractDocument(", "upsertActor(", "addRelation("):
        assert f"  {mutation}" in sdl, mutation
