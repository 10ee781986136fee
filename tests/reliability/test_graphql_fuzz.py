"""A bounded GraphQL fuzz of the real API over HTTP, on a real Neo4j holding the sample article.

Four kinds of generated requests, each with a fixed seed (derandomized, reproducible):

* valid operations from ``schema/schema.graphql`` (hypothesis-graphql, Mode.POSITIVE), queries
  anonymous and mutations with the API key;
* operations with one schema violation each (Mode.NEGATIVE);
* operations whose arguments come through variables holding arbitrary JSON values (wrong
  types, NaN-like strings, huge numbers, nested objects): the way 52 requests once answered
  INTERNAL_ERROR where the same literal was refused as INVALID_INPUT;
* request bodies that are arbitrary JSON or bytes.

Every answer must be below 500, JSON, and every error must carry a code that is not
INTERNAL_ERROR. ``KG_FUZZ_EXAMPLES`` sets the examples per kind (CI: the default below;
``make fuzz`` runs thousands). ``KG_FUZZ_TALLY=1`` counts the answers that break a rule instead
of stopping at the first (to measure an older commit); the last test then fails with the tally.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from graphql import GraphQLObjectType, build_schema, get_named_type, is_leaf_type
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, mutations, queries
from pydantic import SecretStr

from kg.api.app import create_app
from kg.api.schema import schema_sdl
from kg.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.api

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "60"))
TALLY = os.environ.get("KG_FUZZ_TALLY") == "1"
SEED = 1414
API_KEY = "fuzz-key-0123456789"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"
SDL = schema_sdl()
SCHEMA = build_schema(SDL)

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


class Server:
    """The kg app served by uvicorn in a thread, as `kg serve` serves it."""

    def __init__(self, settings_: Settings) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            create_app(settings_), host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.requests = 0
        # With KG_FUZZ_TALLY: (status, code) -> how many answers broke a rule that way.
        self.broken: dict[tuple[int, str], int] = {}

    def __enter__(self) -> Server:
        self.thread.start()
        waited = 0.0
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the API did not start")
            time.sleep(0.05)
            waited += 0.05
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()


@pytest.fixture(scope="module")
def served(neo4j_settings: Settings) -> Iterator[tuple[Server, httpx.Client]]:
    # The budget of the API (api_anonymous_budget_s) stays on, generous: a loaded CI machine
    # must not turn slowness into TOO_COMPLEX.
    settings_ = neo4j_settings.model_copy(
        update={"api_key": SecretStr(API_KEY), "api_anonymous_budget_s": 600.0}
    )
    with Server(settings_) as server, httpx.Client(
        base_url=f"http://127.0.0.1:{server.port}", timeout=120
    ) as client:
        text = SAMPLE.read_text(encoding="utf-8")
        stored = client.post(
            "/graphql",
            json={
                "query": "mutation ($t: String!) { ingestDocument(text: $t, published: \"2022-09-15\") "
                "{ status } }",
                "variables": {"t": text},
            },
            headers={"x-api-key": API_KEY},
        ).json()
        # NEW, or UNCHANGED when an earlier test of the session stored it already.
        assert stored["data"]["ingestDocument"]["status"] in ("NEW", "UNCHANGED"), stored
        claims = client.post("/graphql", json={"query": "{ stats { claims } }"}).json()
        assert claims["data"]["stats"]["claims"] > 0, claims
        yield server, client


def check(server: Server, response: httpx.Response, sent: object) -> None:
    """The rules every answer obeys, whatever was sent."""
    server.requests += 1
    try:
        assert response.status_code < 500, (sent, response.status_code, response.text[:500])
        body = response.json()
        assert isinstance(body, dict), (sent, body)
        for error in body.get("errors") or []:
            code = (error.get("extensions") or {}).get("code")
            assert code and code != "INTERNAL_ERROR", (sent, error)
    except (AssertionError, ValueError):
        if not TALLY:
            raise
        kind = (response.status_code, _code_of(response))
        server.broken[kind] = server.broken.get(kind, 0) + 1


def _code_of(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors") or [{}]
        return str((errors[0].get("extensions") or {}).get("code"))
    except (ValueError, AttributeError):
        return "not JSON"


def to_json(value: object) -> bytes:
    """JSON as a client may send it: the standard library's, which (unlike orjson) writes
    integers beyond 64 bits and escapes lone surrogates; the server must refuse both politely."""
    return json.dumps(value).encode("ascii")


def post(served: tuple[Server, httpx.Client], payload: dict[str, Any], *, key: bool = False) -> None:
    server, client = served
    headers = {"x-api-key": API_KEY} if key else {}
    content = to_json(payload)
    headers["content-type"] = "application/json"
    response = client.post("/graphql", content=content, headers=headers)
    check(server, response, payload)


@seed(SEED)
@fuzz_settings
@given(query=queries(SDL))
def test_valid_queries(served: tuple[Server, httpx.Client], query: str) -> None:
    post(served, {"query": query})


@seed(SEED)
@fuzz_settings
@given(query=mutations(SDL, fields=["upsertActor", "addRelation", "retractDocument"]))
def test_valid_mutations_with_the_key(served: tuple[Server, httpx.Client], query: str) -> None:
    post(served, {"query": query}, key=True)


@seed(SEED)
@fuzz_settings
@given(query=from_schema(SDL, mode=Mode.NEGATIVE))
def test_operations_that_break_the_schema(served: tuple[Server, httpx.Client], query: str) -> None:
    post(served, {"query": query})


TRICKY = st.sampled_from(["NaN", "Infinity", "2024-02-30", "garbage", "", "1e400", "[" * 300, "\x00"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40) | TRICKY,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _variable_queries() -> list[tuple[str, list[str]]]:
    """One query per root query field: every argument passed as a variable of its own type,
    selecting the field's scalars (or __typename)."""
    query_type = SCHEMA.query_type
    assert isinstance(query_type, GraphQLObjectType)
    built: list[tuple[str, list[str]]] = []
    for name, field in query_type.fields.items():
        if not field.args:
            continue
        definitions = ", ".join(f"${arg}: {spec.type}" for arg, spec in field.args.items())
        arguments = ", ".join(f"{arg}: ${arg}" for arg in field.args)
        selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
        built.append((f"query ({definitions}) {{ {name}({arguments}){selection} }}", list(field.args)))
    return built


VARIABLE_QUERIES = _variable_queries()


@seed(SEED)
@fuzz_settings
@given(data=st.data())
def test_arbitrary_variable_values(served: tuple[Server, httpx.Client], data: st.DataObject) -> None:
    query, names = data.draw(st.sampled_from(VARIABLE_QUERIES))
    variables = {name: data.draw(JSON) for name in names if data.draw(st.booleans())}
    post(served, {"query": query, "variables": variables})


@seed(SEED)
@fuzz_settings
@given(body=JSON.map(to_json) | st.binary(max_size=200))
def test_arbitrary_bodies(served: tuple[Server, httpx.Client], body: bytes) -> None:
    server, client = served
    check(server, client.post("/graphql", content=body, headers={"content-type": "application/json"}), body)


def test_the_fuzz_sent_what_it_says(served: tuple[Server, httpx.Client]) -> None:
    # Runs last in this module: every kind above sent its examples (no silent skipping).
    server, _ = served
    assert server.requests >= 5 * min(EXAMPLES, 10), server.requests
    broken = sum(server.broken.values())
    print(f"\nGraphQL fuzz: {server.requests} requests, seed {SEED}, {EXAMPLES} examples per kind, "
          f"{broken} broke a rule {dict(server.broken)}")
    assert not server.broken
