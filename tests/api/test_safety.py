"""Limits, error codes, parameterised Cypher, timeouts and health when Neo4j is down."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncDriver, AsyncGraphDatabase

from kg.api.app import create_app
from kg.api.context import Services
from kg.errors import GraphUnavailable
from kg.graph.reads import GraphReader
from kg.graph.repository import GraphRepository
from kg.model import EntityKind, RelationType
from kg.settings import Settings
from tests.api.conftest import API_KEY, Api, entity, extraction, start_api

pytestmark = pytest.mark.api

HOSTILE = [
    '"}) DETACH DELETE n //',
    "x' OR 1=1 //",
    "a}) MATCH (n) DETACH DELETE n RETURN 1 //",
    '\\"; MATCH (n) DETACH DELETE n; //',
    "*:* OR name:*",
    "AND OR NOT ~ ^ [ ] { } ( ) : \\",
]


def codes(body: dict[str, object]) -> list[str]:
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, body
    return [error["extensions"]["code"] for error in errors]


async def node_count(driver: AsyncDriver) -> int:
    records, _, _ = await driver.execute_query("MATCH (n) RETURN count(n) AS n")
    count: int = records[0]["n"]
    return count


async def test_hostile_strings_are_only_data(api: Api, repository: GraphRepository) -> None:
    a, b = entity("Kara Bell"), entity("Lorn Union", EntityKind.ORGANIZATION)
    await repository.write_extractions(
        [extraction("d", [a, b], [(a, RelationType.URGED, b, "Kara Bell urged Lorn.")])]
    )
    driver = api.app.state.services.driver
    before = await node_count(driver)
    for text in HOSTILE:
        variables = {"s": text}
        bodies = [
            await api.post("query ($s: String!) { actor(name: $s) { id } }", variables),
            await api.post("query ($s: ID!) { actor(id: $s) { id } }", variables),
            await api.post("query ($s: String!) { actors(search: $s) { totalCount } }", variables),
            await api.post("query ($s: ID!) { relations(filter: {subject: $s, object: $s}) { totalCount } }",
                           variables),
            await api.post("query ($s: ID!) { document(id: $s) { id } }", variables),
            await api.post('query ($s: ID!) { path(from: $s, to: "kara-bell") { length } }', variables),
            await api.post("query ($s: String!) { actors(after: $s) { totalCount } }", variables),
        ]
        for body in bodies:
            for error in body.get("errors") or []:
                # Refused as bad input at most, never a Cypher syntax error.
                assert error["extensions"]["code"] == "INVALID_INPUT", error
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        inline = await api.post('{ actor(name: "' + escaped + '") { id } }')
        assert inline.get("data") == {"actor": None} or codes(inline) == ["INVALID_INPUT"]
    assert await node_count(driver) == before
    assert (await api.data('{ actor(name: "Kara Bell") { id } }'))["actor"]["id"] == a.id


async def test_depth_token_and_alias_limits(api: Api) -> None:
    settings = api.app.state.services.settings
    deep = "{ actors { edges { node { ... on Actor { relations { edges { node { object { " \
           "... on Actor { relations { edges { node { subject { ... on Actor { relations { edges { node { " \
           "object { id } } } } } } } } } } } } } } } } } } }"
    body = await api.post(deep)
    assert codes(body) == ["INVALID_INPUT"] and "depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: stats {{ actors }}" for i in range(settings.api_max_aliases + 1)) + " }"
    body = await api.post(aliases)
    assert codes(body) == ["INVALID_INPUT"] and "aliases" in body["errors"][0]["message"]
    tokens = "{ " + " ".join("stats { actors }" for _ in range(settings.api_max_tokens)) + " }"
    body = await api.post(tokens)
    assert codes(body) == ["INVALID_INPUT"] and "token" in body["errors"][0]["message"]
    # Within the limits the same shapes are answered.
    assert (await api.data("{ a: stats { actors } b: stats { events } }"))["a"]["actors"] == 0


async def test_errors_have_codes_and_no_internals(api: Api) -> None:
    bad = [
        ("{ actor { id } }", "INVALID_INPUT"),
        ('{ actor(id: "x", name: "y") { id } }', "INVALID_INPUT"),
        ('{ actors(after: "not-a-cursor") { totalCount } }', "INVALID_INPUT"),
        ("{ actors(first: -1) { totalCount } }", "INVALID_INPUT"),
        ('{ path(from: "a", to: "a") { length } }', "INVALID_INPUT"),
        ('{ path(from: "a", to: "b", maxHops: 0) { length } }', "INVALID_INPUT"),
        ("{ nosuchfield }", "INVALID_INPUT"),
        ("{ actors(", "INVALID_INPUT"),
    ]
    for query, code in bad:
        body = await api.post(query)
        assert codes(body) == [code], (query, body)
        text = str(body)
        assert "Traceback" not in text and 'File "' not in text and "neo4j" not in text.lower()
    # A cursor from one list is refused by another.
    first = await api.data("{ events { pageInfo { endCursor } } documents { totalCount } }")
    assert first["events"]["pageInfo"]["endCursor"] is None


async def test_timeout_is_enforced_by_neo4j(clean_graph: AsyncDriver, neo4j_settings: Settings) -> None:
    quick = neo4j_settings.model_copy(update={"neo4j_query_timeout_s": 0.05})
    reader = GraphReader(clean_graph, quick)
    with pytest.raises(GraphUnavailable, match="neo4j_query_timeout_s"):
        # A statement far too long for 50 ms, through the reader's own runner.
        await reader._run("UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n", {})


@pytest.fixture
async def unreachable(api_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose driver points at a port where nothing listens (lifespan skipped)."""
    app: FastAPI = create_app(api_settings)
    driver = AsyncGraphDatabase.driver("bolt://127.0.0.1:9", auth=("neo4j", "x"), connection_timeout=2.0,
                                       max_transaction_retry_time=0.0)
    reader = GraphReader(driver, api_settings)
    app.state.services = Services(settings=api_settings, driver=driver, reader=reader)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kg.test") as client:
        yield client
    await driver.close()


async def test_health_is_503_and_queries_say_unavailable_when_neo4j_is_down(
    unreachable: httpx.AsyncClient,
) -> None:
    response = await unreachable.get("/health")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    body = (await unreachable.post("/graphql", json={"query": "{ stats { actors } }"})).json()
    assert codes(body) == ["GRAPH_UNAVAILABLE"]


async def test_errors_name_no_database_address(unreachable: httpx.AsyncClient) -> None:
    health = await unreachable.get("/health")
    read = await unreachable.post("/graphql", json={"query": "{ stats { actors } }"})
    write = await unreachable.post(
        "/graphql",
        json={"query": 'mutation { upsertActor(input: {name: "Mira Dane", kind: PERSON}) { id } }'},
        headers={"x-api-key": API_KEY},
    )
    assert health.status_code == 503
    assert [error["extensions"]["code"] for error in read.json()["errors"]] == ["GRAPH_UNAVAILABLE"]
    assert [error["extensions"]["code"] for error in write.json()["errors"]] == ["GRAPH_UNAVAILABLE"]
    for response in (health, read, write):
        assert "127.0.0.1" not in response.text and "bolt" not in response.text.lower(), response.text


async def test_cors_only_for_configured_origins(clean_graph: AsyncDriver, api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"cors_origins": ["https://newsroom.test"]})
    async for api in start_api(settings):
        allowed = await api.client.options("/graphql", headers={
            "origin": "https://newsroom.test", "access-control-request-method": "POST"})
        refused = await api.client.options("/graphql", headers={
            "origin": "https://elsewhere.test", "access-control-request-method": "POST"})
        assert allowed.headers.get("access-control-allow-origin") == "https://newsroom.test"
        assert "access-control-allow-origin" not in refused.headers


async def test_mutations_need_the_key(api: Api) -> None:
    mutation = 'mutation { upsertActor(input: {name: "Mira Dane", kind: PERSON}) { id } }'
    assert codes(await api.post(mutation)) == ["UNAUTHORIZED"]
    assert codes(await api.post(mutation, headers={"x-api-key": "wrong"})) == ["UNAUTHORIZED"]
    assert codes(await api.post(mutation, headers={"authorization": "Bearer wrong"})) == ["UNAUTHORIZED"]
    ok = await api.post(mutation, headers={"authorization": f"Bearer {API_KEY}"})
    assert ok["data"]["upsertActor"]["id"] == "mira-dane"


async def test_mutations_refused_without_a_configured_key(
    clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    async for api in start_api(neo4j_settings.model_copy(update={"api_key": None})):
        body = await api.post('mutation { retractDocument(id: "x") { claims } }', headers={"x-api-key": ""})
        assert codes(body) == ["UNAUTHORIZED"] and "no API key is configured" in body["errors"][0]["message"]
