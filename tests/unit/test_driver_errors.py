"""How open_driver fails when Neo4j cannot be used (no server needed to see these)."""

from __future__ import annotations

import socket

import pytest

from kg.errors import ConfigError, GraphUnavailable
from kg.graph.driver import configured_connection, open_driver
from kg.settings import load_settings


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port: int = probe.getsockname()[1]
    return port


async def test_unreachable_configured_server_is_graph_unavailable_with_advice() -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    settings = load_settings(KG_NEO4J_URI=uri, KG_NEO4J_PASSWORD="whatever-pass", neo4j_query_timeout_s=5)
    with pytest.raises(GraphUnavailable) as caught:
        await open_driver(settings)
    message = str(caught.value)
    assert uri in message
    assert "KG_NEO4J_URI" in message and "docker compose" in message


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687", "bolt://host:notaport"])
async def test_unusable_uri_is_a_config_error(uri: str) -> None:
    settings = load_settings(KG_NEO4J_URI=uri, KG_NEO4J_PASSWORD="whatever-pass")
    with pytest.raises(ConfigError, match="not a usable Neo4j URI"):
        await open_driver(settings)


def test_configured_connection_takes_user_and_password_from_settings() -> None:
    settings = load_settings(
        KG_NEO4J_URI="neo4j://graph.example:7687", KG_NEO4J_USER="analyst", KG_NEO4J_PASSWORD="pw-12345678"
    )
    connection = configured_connection(settings)
    assert connection is not None
    assert (connection.uri, connection.user, connection.password, connection.managed) == (
        "neo4j://graph.example:7687",
        "analyst",
        "pw-12345678",
        False,
    )


def test_no_uri_means_no_configured_connection() -> None:
    assert configured_connection(load_settings(KG_NEO4J_URI=None)) is None
