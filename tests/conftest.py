"""Test fixtures shared by every suite.

A real Neo4j is found in this order: NEO4J_URI (+ KG_NEO4J_PASSWORD) if set; a Docker engine via
testcontainers if one answers; else the managed Neo4j Community server kg assembles itself.
(Only the first is wired up so far; kg.graph.server provides the rest.)
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from neo4j import AsyncDriver, AsyncGraphDatabase

from kg.settings import Settings, load_settings


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    if not os.environ.get("NEO4J_URI") and not os.environ.get("KG_NEO4J_URI"):
        pytest.fail("set NEO4J_URI and KG_NEO4J_PASSWORD (other discovery paths not wired up yet)")
    return load_settings()


@pytest.fixture(scope="session")
async def neo4j_driver(neo4j_settings: Settings) -> AsyncIterator[AsyncDriver]:
    password = neo4j_settings.neo4j_password.get_secret_value() if neo4j_settings.neo4j_password else ""
    assert neo4j_settings.neo4j_uri
    driver = AsyncGraphDatabase.driver(
        neo4j_settings.neo4j_uri, auth=(neo4j_settings.neo4j_user, password)
    )
    await driver.verify_connectivity()
    yield driver
    await driver.close()


@pytest.fixture
async def clean_graph(neo4j_driver: AsyncDriver, neo4j_settings: Settings) -> AsyncDriver:
    """The session's driver, with every node and relationship deleted (schema kept) first."""
    await neo4j_driver.execute_query(
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
        database_=neo4j_settings.neo4j_database,
    )
    return neo4j_driver
