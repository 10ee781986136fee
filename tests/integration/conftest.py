"""Fixtures of the integration tests (a real Neo4j; see tests/conftest.py for how it is found)."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from kg.graph.repository import GraphRepository
from kg.settings import Settings
from tests.integration.ingest_support import prepared_repository


@pytest.fixture
async def repository(clean_graph: AsyncDriver, neo4j_settings: Settings) -> GraphRepository:
    """A repository over the session's driver, on an emptied graph."""
    return await prepared_repository(clean_graph, neo4j_settings.neo4j_database)
