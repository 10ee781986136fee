"""Test fixtures shared by every suite.

A real Neo4j is found once per session, in this order:

1. ``NEO4J_URI`` or ``KG_NEO4J_URI`` if set (password from ``KG_NEO4J_PASSWORD``);
2. a Docker engine, if one answers: testcontainers starts ``neo4j:5.26-community``;
3. otherwise the managed Neo4j Community server of :mod:`kg.graph.server`, in a temporary data
   dir on free ports with a throwaway password, stopped when the session ends (the first run
   on a fresh machine downloads the jars with Maven, which takes a few minutes).

``KG_TEST_NEO4J=docker`` or ``=managed`` skips the search and forces one of the last two.
The schema (``schema/*.cypher``) is applied once; ``clean_graph`` empties the graph before a
test. Unit tests use none of this and run without Neo4j.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import AsyncIterator, Iterator

import pytest
from neo4j import AsyncDriver

from kg.graph import admin, server
from kg.graph.driver import open_driver
from kg.graph.schema import apply_schema
from kg.settings import Settings, load_settings

NEO4J_IMAGE = "neo4j:5.26-community"


def free_port() -> int:
    """A TCP port nothing listens on right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# kg's default per-statement limit (15 s) is a wall-clock limit, and tests have none: on a fresh
# server of a loaded 2-core CI machine, Neo4j's first planning of a large statement (a hub page's
# per-type seeks) took longer than 15 s, and the equivalence test failed on a timeout.
TEST_QUERY_TIMEOUT_S = 600.0


def managed_test_settings(data_dir: str | os.PathLike[str]) -> Settings:
    """Settings for a throwaway managed server: own data dir, free ports, small memory.

    The API port is a free one too: the server's Browser fetches kg's style and guide from it on
    connect, so the tests serve them there (tests/web) and never depend on what holds port 8000.
    """
    # The three connection fields are overridden by their environment names: Settings only
    # accepts those (validation aliases) as keyword overrides.
    return load_settings(
        KG_NEO4J_URI=None,
        KG_NEO4J_PASSWORD="test-" + secrets.token_hex(8),
        data_dir=data_dir,
        neo4j_bolt_port=free_port(),
        neo4j_http_port=free_port(),
        api_port=free_port(),
        neo4j_heap="768m",
        neo4j_pagecache="128m",
    )


def _docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # no socket, no daemon, no permission: all mean "no Docker here"
        return False


def _settings_from_environment() -> Settings | None:
    if os.environ.get("NEO4J_URI") or os.environ.get("KG_NEO4J_URI"):
        return load_settings()
    return None


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings whose neo4j_uri/user/password point at the session's real Neo4j, without the
    per-statement time limit (tests that are about the limit set their own)."""
    for settings in _session_neo4j(tmp_path_factory):
        yield settings.model_copy(update={"neo4j_query_timeout_s": TEST_QUERY_TIMEOUT_S})


def _session_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    forced = os.environ.get("KG_TEST_NEO4J", "").lower()
    configured = _settings_from_environment() if not forced else None
    if configured is not None:
        yield configured
        return
    if forced == "docker" or (not forced and _docker_answers()):
        yield from _docker_neo4j()
        return
    settings = managed_test_settings(tmp_path_factory.mktemp("kg-managed-neo4j"))
    server.start(settings)
    try:
        yield settings.model_copy(
            update={"neo4j_uri": server.bolt_uri(settings), "neo4j_user": "neo4j"}
        )
    finally:
        server.stop(settings)


def _docker_neo4j() -> Iterator[Settings]:
    from testcontainers.community.neo4j import Neo4jContainer

    password = "test-" + secrets.token_hex(8)
    # Explicit user/password: the container would otherwise read NEO4J_USER/NEO4J_PASSWORD.
    with Neo4jContainer(NEO4J_IMAGE, username="neo4j", password=password) as container:
        yield load_settings(
            KG_NEO4J_URI=container.get_connection_url(),
            KG_NEO4J_USER="neo4j",
            KG_NEO4J_PASSWORD=password,
        )


@pytest.fixture(scope="session")
async def neo4j_driver(neo4j_settings: Settings) -> AsyncIterator[AsyncDriver]:
    """One AsyncDriver for the session, opened through kg's own graph layer, schema applied."""
    driver = await open_driver(neo4j_settings)
    try:
        await apply_schema(driver, neo4j_settings)
        yield driver
    finally:
        await driver.close()


@pytest.fixture
async def clean_graph(neo4j_driver: AsyncDriver, neo4j_settings: Settings) -> AsyncDriver:
    """The session's driver, with every node and relationship deleted (schema kept) first."""
    await admin.delete_all(neo4j_driver, neo4j_settings.neo4j_database)
    return neo4j_driver
