"""What the API shows of the server: no file paths, no database address, no introspection or
OpenAPI pages in production, and mutations that fail fast when Neo4j goes away."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest
from neo4j import AsyncDriver

from kg.graph.reads import public_source
from kg.graph.repository import GraphRepository
from kg.model import EntityKind, RelationType
from kg.settings import Settings
from tests.api.conftest import API_KEY, Api, entity, extraction, start_api

pytestmark = pytest.mark.api


def test_public_source_keeps_urls_and_file_names_only() -> None:
    assert public_source("/srv/kg/news/2024/secret-folder/report.txt") == "report.txt"
    assert public_source("C:\\Users\\analyst\\Desktop\\leak.html") == "leak.html"
    assert public_source("file:///home/analyst/notes.jsonl") == "notes.jsonl"
    assert public_source("data/sample/article.txt") == "article.txt"
    assert public_source("https://news.test/2024/article?id=3") == "https://news.test/2024/article?id=3"
    assert public_source(None) is None and public_source("") == ""


async def test_document_source_never_shows_the_servers_folders(api: Api, repository: GraphRepository) -> None:
    a, b = entity("Kara Bell"), entity("Lorn Union", EntityKind.ORGANIZATION)
    written = extraction("d", [a, b], [(a, RelationType.URGED, b, "Kara Bell urged Lorn.")])
    document = written.document.model_copy(update={"source": "/srv/private/feeds/2024/lorn.txt"})
    await repository.write_extractions([written.model_copy(update={"document": document})])
    queries = [
        "{ documents { edges { node { source } } } }",
        '{ actor(name: "Kara Bell") { relations { edges { node { evidence { document { source } } } } } } }',
        '{ actor(id: "kara-bell") { relations { edges { node { evidence { document { source } } } } } } }',
        "{ documents { edges { node { claims { edges { node { document { source } } } } } } } }",
    ]
    for query in queries:
        text = str(await api.data(query))
        assert "lorn.txt" in text and "/srv" not in text and "private" not in text, (query, text)


INTROSPECTION = "{ __schema { queryType { name } } }"


@pytest.mark.parametrize(
    ("update", "served"),
    [
        ({}, True),
        ({"env": "production"}, False),
        ({"env": "production", "api_introspection": True, "api_docs": True}, True),
        ({"api_introspection": False, "api_docs": False}, False),
    ],
)
async def test_introspection_and_openapi_pages_follow_the_settings(
    clean_graph: AsyncDriver, api_settings: Settings, update: dict[str, Any], served: bool
) -> None:
    async for api in start_api(api_settings.model_copy(update=update)):
        body = await api.post(INTROSPECTION)
        typename = await api.post("{ __typename }")  # not introspection of the schema
        assert typename == {"data": {"__typename": "Query"}}
        pages = [(await api.client.get(page)).status_code for page in ("/docs", "/redoc", "/openapi.json")]
        if served:
            assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
            assert pages == [200, 200, 200]
        else:
            assert {e["extensions"]["code"] for e in body["errors"]} == {"INVALID_INPUT"}
            assert "introspection" in body["errors"][0]["message"].lower()
            assert pages == [404, 404, 404]


def test_production_settings_turn_introspection_and_docs_off() -> None:
    production = Settings(env="production")
    assert not production.api_introspection_enabled and not production.api_docs_enabled
    assert Settings().api_introspection_enabled and Settings().api_docs_enabled


class BoltProxy:
    """A TCP proxy in front of the real Neo4j that can be switched off (an outage): then it
    accepts connections and closes them at once, counting them."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.down = False
        self.refused = 0
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.down:
            self.refused += 1
            writer.close()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, upstream_writer}
        await asyncio.gather(self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    def outage(self) -> None:
        self.down = True
        for writer in self.writers:
            writer.close()
        self.writers.clear()

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
        self.outage()


async def mutate_through_an_outage(settings: Settings, retry_time_s: float) -> tuple[dict[str, Any], int]:
    """A mutation that works, then Neo4j going away, then the same mutation: its answer and
    how many times the API's driver tried to connect again."""
    assert settings.neo4j_uri is not None
    host, port = settings.neo4j_uri.split("://", 1)[1].rsplit(":", 1)
    proxy = BoltProxy(host, int(port))
    proxied = settings.model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{await proxy.start()}", "api_retry_time_s": retry_time_s}
    )
    mutation = 'mutation { upsertActor(input: {name: "Mira Dane", kind: PERSON}) { id } }'
    try:
        async for api in start_api(proxied):
            ok = await api.post(mutation, headers={"x-api-key": API_KEY})
            assert ok == {"data": {"upsertActor": {"id": "mira-dane"}}}
            proxy.outage()
            return await api.post(mutation, headers={"x-api-key": API_KEY}), proxy.refused
    finally:
        await proxy.stop()
    raise AssertionError("the app did not start")


async def test_mutations_fail_fast_during_an_outage(clean_graph: AsyncDriver, api_settings: Settings) -> None:
    # The API's bounded retry time (api_retry_time_s): no new attempt once the connection died.
    body, attempts = await mutate_through_an_outage(api_settings, 0.0)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["GRAPH_UNAVAILABLE"], body
    assert attempts == 0
    # What the bound prevents: given retry time, the driver keeps trying to reconnect
    # (the CLI's is neo4j_query_timeout_s, 15 s, which made mutations hang 15-27 s).
    body, attempts = await mutate_through_an_outage(api_settings, 3.0)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["GRAPH_UNAVAILABLE"], body
    assert attempts >= 1
