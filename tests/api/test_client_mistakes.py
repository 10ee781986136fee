"""Every client mistake is a GraphQL error with a 4xx-class code: never a 500, never INTERNAL_ERROR."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import orjson
import pytest
from graphql import GraphQLError
from graphql.validation.validate import ValidationAbortedError
from neo4j import AsyncDriver

from kg.api.budget import AnonymousBudget
from kg.api.errors import coded_error
from kg.api.pagination import MAX_CURSOR_CHARS
from kg.errors import TooComplex
from kg.graph.reads import GraphReader
from kg.graph.repository import GraphRepository
from kg.model import EntityKind, RelationType
from kg.settings import Settings
from tests.api.conftest import API_KEY, Api, entity, extraction, start_api

pytestmark = pytest.mark.api

CLIENT_CODES = {"INVALID_INPUT", "UNAUTHORIZED", "TOO_COMPLEX", "NOT_FOUND"}


async def raw(api: Api, body: bytes, content_type: str = "application/json") -> tuple[int, dict[str, Any]]:
    response = await api.client.post("/graphql", content=body, headers={"content-type": content_type})
    return response.status_code, response.json()


def codes(body: dict[str, Any]) -> list[str]:
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, body
    return [error["extensions"]["code"] for error in errors]


@pytest.mark.parametrize(
    "body",
    [b"null", b'"x"', b"123", b"true", b"1.5", b"\xff\xfe{}", b'{"query": "\xff"}', b"{", b"",
     b'{"query": "{ stats { actors } }", "variables": NaN}', b"[]", b'{"query": 1}',
     b'{"query": "{ stats { actors } }", "variables": 3}'],
)
async def test_a_body_that_is_not_a_json_object_is_a_coded_400(api: Api, body: bytes) -> None:
    status, answer = await raw(api, body)
    assert status == 400 and codes(answer) == ["INVALID_INPUT"], (body, status, answer)


@pytest.mark.parametrize("variables", ["garbage", "3", "[1]", '"x"', "{"])
async def test_get_variables_that_are_not_a_json_object_are_a_coded_400(api: Api, variables: str) -> None:
    response = await api.client.get(
        "/graphql", params={"query": "{ stats { actors } }", "variables": variables},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400 and codes(response.json()) == ["INVALID_INPUT"], response.text


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query ($s: Date) { relations(filter: {since: $s}) { totalCount } }", {"s": "garbage"}),
        ("query ($s: Date) { relations(filter: {since: $s}) { totalCount } }", {"s": 20240101}),
        ("query ($s: Date) { relations(filter: {since: $s}) { totalCount } }", {"s": "2024-02-30"}),
        ("query ($n: Int) { actors(first: $n) { totalCount } }", {"n": 1.5}),
        ("query ($n: Int) { actors(first: $n) { totalCount } }", {"n": 2**40}),
        ("query ($n: Int) { actors(first: $n) { totalCount } }", {"n": "3"}),
        ("query ($n: Int) { actors(first: $n) { totalCount } }", {"n": [1]}),
        ("query ($f: Float) { relations(filter: {minConfidence: $f}) { totalCount } }", {"f": "NaN"}),
        ("query ($f: Float) { relations(filter: {minConfidence: $f}) { totalCount } }", {"f": {"x": 1}}),
        ("query ($k: EntityKind) { actors(kind: $k) { totalCount } }", {"k": "PLANET"}),
        ("query ($t: [RelationType!]) { relations(filter: {types: $t}) { totalCount } }", {"t": [None]}),
        ("query ($i: ID!) { actor(id: $i) { id } }", {"i": None}),
        ("query ($i: ID!) { actor(id: $i) { id } }", {"i": True}),
        ("query ($i: ID!) { actor(id: $i) { id } }", {}),
        ("query ($b: Boolean) { documents { edges { node { claims(includeNegated: $b) { totalCount } } } } }",
         {"b": "yes"}),
    ],
)
async def test_a_bad_variable_value_is_invalid_input_as_the_same_literal_is(
    api: Api, query: str, variables: dict[str, Any]
) -> None:
    body = await api.post(query, variables)
    assert codes(body) == ["INVALID_INPUT"], (variables, body)


async def test_infinite_and_huge_numbers_in_the_body_are_refused_as_bad_json(api: Api) -> None:
    query = orjson.dumps("query ($n: Int) { actors(first: $n) { totalCount } }").decode()
    for number in ("Infinity", "-Infinity", "NaN", "1e400", "123456789012345678901234567890"):
        status, answer = await raw(api, f'{{"query": {query}, "variables": {{"n": {number}}}}}'.encode())
        assert status in (200, 400) and set(codes(answer)) <= {"INVALID_INPUT"}, (number, answer)


async def test_search_is_capped_before_it_reaches_lucene(api: Api, repository: GraphRepository) -> None:
    a, b = entity("Kara Bell"), entity("Lorn Union", EntityKind.ORGANIZATION)
    await repository.write_extractions(
        [extraction("d", [a, b], [(a, RelationType.URGED, b, "Kara Bell urged Lorn.")])]
    )
    settings: Settings = api.app.state.services.settings
    search = "query ($s: String!) { actors(search: $s) { totalCount } }"
    by_name = "query ($s: String!) { actor(name: $s) { id } }"
    too_much = {
        "words": " ".join(f"w{i}" for i in range(1100)),
        "a long word": "a" * 10_000,
        "a megabyte": "ab " * 333_333,
        "one word too many": " ".join("kara" for _ in range(settings.api_max_search_terms + 1)),
        "a word one character too long": "k" * (settings.api_max_search_term_chars + 1),
    }
    for what, text in too_much.items():
        for query in (search, by_name):
            body = await api.post(query, {"s": text})
            assert codes(body) == ["INVALID_INPUT"], (what, body)
            message = body["errors"][0]["message"]
            assert "at most" in message and ("'search'" in message or "'name'" in message), message
    # At the limits, search answers as before.
    limit_words = " ".join(["kara"] * settings.api_max_search_terms)
    assert (await api.data(search, {"s": limit_words}))["actors"]["totalCount"] == 1
    assert (await api.data(by_name, {"s": "kara bell"}))["actor"]["id"] == a.id


@pytest.mark.parametrize(
    "cursor",
    [
        "[" * 50_000,
        base64.urlsafe_b64encode(b"[" * 50_000).decode(),
        base64.urlsafe_b64encode(b"[" * 1_200).decode(),  # under the size cap: orjson's depth limit
        "A" * (MAX_CURSOR_CHARS + 1),
        base64.urlsafe_b64encode(b'["actor", 1e999, "x"]').decode(),
        base64.urlsafe_b64encode(b'["actor", 123456789012345678901234567890, "x"]').decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        "not a cursor!",
        "====",
    ],
)
async def test_a_hostile_cursor_is_invalid_input(api: Api, cursor: str) -> None:
    for query in (
        "query ($c: String) { actors(after: $c) { totalCount } }",
        'query ($c: String) { actors(search: "x", after: $c) { totalCount } }',
        "query ($c: String) { relations(after: $c) { totalCount } }",
        "query ($c: String) { documents(after: $c) { totalCount } }",
    ):
        body = await api.post(query, {"c": cursor})
        assert codes(body) == ["INVALID_INPUT"], (cursor[:40], body)


async def test_a_field_repeated_a_thousand_times_is_answered_like_the_field_once(api: Api) -> None:
    settings: Settings = api.app.state.services.settings
    once = await api.data("{ stats { actors events } }")
    repeated = "{ " + "stats { actors events } " * 300 + "}"
    assert repeated.count("{") * 2 < settings.api_max_tokens  # under the token limit
    assert await api.data(repeated) == once
    typename = "{ " + "__typename " * 1000 + "}"
    assert await api.data(typename) == {"__typename": "Query"}
    # Copies inside fragments and nested selections too.
    nested = "{ actors { " + "totalCount " * 500 + "edges { node { id } } edges { node { id } } } }"
    assert await api.data(nested) == await api.data("{ actors { totalCount edges { node { id } } } }")
    # Fields that share a name but differ still have to merge: that is still an error.
    body = await api.post("{ actors(first: 1) { totalCount } actors(first: 2) { totalCount } }")
    assert codes(body) == ["INVALID_INPUT"]


def test_aborted_validation_is_too_complex_not_internal() -> None:
    error = coded_error(ValidationAbortedError("Validation aborted."))
    assert error.extensions == {"code": "TOO_COMPLEX"} and "too complex" in error.message


def test_a_value_a_scalar_refused_is_invalid_input() -> None:
    wrapped = GraphQLError("Variable '$n' got invalid value", original_error=GraphQLError("Int cannot ..."))
    assert coded_error(wrapped).extensions == {"code": "INVALID_INPUT"}
    assert coded_error(GraphQLError("boom", original_error=KeyError("x"))).extensions == {
        "code": "INTERNAL_ERROR"
    }


async def test_reads_without_the_key_have_a_budget_of_server_time(
    clean_graph: AsyncDriver, api_settings: Settings
) -> None:
    spent = api_settings.model_copy(update={"api_anonymous_budget_s": 1e-9})
    async for api in start_api(spent):
        body = await api.post("{ stats { actors } }")
        assert codes(body) == ["TOO_COMPLEX"] and "api_anonymous_budget_s" in body["errors"][0]["message"]
        # The operator's own tools (the API key) are not limited.
        keyed = await api.post("{ stats { actors } }", headers={"x-api-key": API_KEY})
        assert keyed == {"data": {"stats": {"actors": 0}}}


async def test_a_statement_gets_only_the_time_left_of_the_budget(
    clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    reader = GraphReader(clean_graph, neo4j_settings)
    bounded = reader.within(asyncio.get_running_loop().time() + 0.2)
    with pytest.raises(TooComplex, match="api_anonymous_budget_s"):
        # Far longer than 0.2 s: Neo4j stops it at the deadline (the configured timeout is 15 s).
        await bounded._run("UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n", {})
    assert (await reader._run("RETURN 1 AS ok", {}))[0]["ok"] == 1  # the shared reader is unbounded


async def test_the_whole_request_is_cut_off_at_the_budget(api_settings: Settings) -> None:
    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(30)

    settings = api_settings.model_copy(update={"api_anonymous_budget_s": 0.05})
    budget = AnonymousBudget(slow_app, settings)
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "path": "/graphql", "method": "POST", "headers": [], "query_string": b""}
    await budget(scope, receive, send)
    body = orjson.loads(sent[-1]["body"])
    assert sent[0]["status"] == 200 and codes(body) == ["TOO_COMPLEX"]
