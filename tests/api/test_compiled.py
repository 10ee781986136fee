"""The compiled read path answers exactly as the general path, and only when it may.

Every query runs through two apps on the same graph (the sample article ingested): one with
the compiled path (the default), one with ``api_compiled=False``; the response bodies must be
byte-identical. Counters on ``app.state.compiled`` tell which path answered.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from kg.api.compiled import CompiledReads
from kg.settings import Settings
from tests.api.conftest import Api, start_api

pytestmark = pytest.mark.api

BENCH = Path(__file__).resolve().parents[2] / "bench" / "api.py"

# The query of the API issue, verbatim (also in test_sample_article.py).
ISSUE_QUERY = """
{ actor(name: "Nikol Pashinyan") { id name kind relations(direction: OUT, types: [REQUESTED_AID], first: 10)
  { totalCount edges { cursor node { type subject { name } object { id name kind } documentCount
  evidence(first: 3) { text start end document { id title } } } } pageInfo { hasNextPage endCursor } } } }
"""


def bench_queries() -> dict[str, str]:
    """The three GraphQL queries of bench/api.py, read from its source (it is a script)."""
    namespace: dict[str, Any] = {}
    source = BENCH.read_text(encoding="utf-8")
    for name in ("ACTOR_GRAPHQL", "SEARCH_GRAPHQL", "PATH_GRAPHQL"):
        start = source.index(f'{name} = """')
        end = source.index('"""', start + len(name) + 6) + 3
        exec(source[start:end], namespace)  # a string literal of our own repository
    return {name: str(namespace[name]) for name in ("ACTOR_GRAPHQL", "SEARCH_GRAPHQL", "PATH_GRAPHQL")}


class Pair:
    """The same graph behind two apps: compiled path on, and off."""

    def __init__(self, compiled: Api, general: Api) -> None:
        self.compiled = compiled
        self.general = general

    @property
    def counters(self) -> CompiledReads:
        reads: CompiledReads = self.compiled.app.state.compiled
        return reads

    async def same(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Both answers, asserted byte-identical (status too); the parsed body."""
        body = {"query": query, "variables": variables or {}}
        one = await self.compiled.client.post("/graphql", json=body)
        two = await self.general.client.post("/graphql", json=body)
        assert one.status_code == two.status_code
        assert one.content == two.content, (query, variables)
        parsed: dict[str, Any] = one.json()
        return parsed

    async def same_get(self, params: dict[str, str], accept: str = "application/json") -> tuple[int, bytes]:
        """Both answers to a GET with these parameters, asserted byte-identical (status too)."""
        headers = {"accept": accept}
        one = await self.compiled.client.get("/graphql", params=params, headers=headers)
        two = await self.general.client.get("/graphql", params=params, headers=headers)
        assert one.status_code == two.status_code, params
        assert one.content == two.content, params
        return one.status_code, one.content

    async def served_get(self, params: dict[str, str]) -> bool:
        before = self.counters.served
        await self.same_get(params)
        return self.counters.served == before + 1

    async def served(self, query: str, variables: dict[str, Any] | None = None) -> bool:
        """Whether the compiled path answered (the answers being identical either way)."""
        before = self.counters.served
        await self.same(query, variables)
        return self.counters.served == before + 1


@pytest.fixture
async def pair(sample: Api, api_settings: Settings) -> AsyncIterator[Pair]:
    assert isinstance(sample.app.state.compiled, CompiledReads)
    async for general in start_api(api_settings.model_copy(update={"api_compiled": False})):
        assert not hasattr(general.app.state, "compiled")
        yield Pair(sample, general)


async def ids(pair: Pair) -> tuple[str, list[str]]:
    """The id of the article's best-connected actor, and the ids it is linked to."""
    data = await pair.same('{ actor(name: "Nikol Pashinyan") { id relations(first: 50) { edges { node { '
                           "subject { id } object { id } } } } } }")
    actor = data["data"]["actor"]
    me = actor["id"]
    others = {
        end["id"] for edge in actor["relations"]["edges"]
        for end in (edge["node"]["subject"], edge["node"]["object"]) if end["id"] != me
    }
    return me, sorted(others)


async def test_the_issue_and_bench_queries_are_compiled_and_identical(pair: Pair) -> None:
    queries = bench_queries()
    me, others = await ids(pair)
    assert len(others) >= 2
    assert await pair.served(ISSUE_QUERY)
    issue = await pair.same(ISSUE_QUERY)
    assert issue["data"]["actor"]["relations"]["totalCount"] >= 1
    assert await pair.served(queries["ACTOR_GRAPHQL"], {"name": "Nikol Pashinyan"})
    assert await pair.served(queries["ACTOR_GRAPHQL"], {"name": "Pashinyan"})  # an alias
    assert await pair.served(queries["ACTOR_GRAPHQL"], {"name": "nobody we know"})
    for search in ("pash", "Nikol", "arm", "zzzz"):
        assert await pair.served(queries["SEARCH_GRAPHQL"], {"q": search})
    for other in others[:4]:
        assert await pair.served(queries["PATH_GRAPHQL"], {"from": me, "to": other})
    # Two hops through the actor.
    found = await pair.same(queries["PATH_GRAPHQL"], {"from": others[0], "to": others[1]})
    assert found["data"]["path"] and all(p["length"] <= 2 for p in found["data"]["path"])
    # Every field of a path: its entities (objects shared with its hops), evidence cursors.
    every = """query ($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 3, first: 5) { length
      entities { __typename id name kind ... on Actor { roles curated } ... on Event { date } }
      hops { type claimCount subject { __typename id } object { id name kind }
        evidence(first: 2, includeNegated: true) { cursor id text negated attributedTo { name }
          document { id title published } subject { id } } } } }"""
    for source, target in ((me, others[0]), (others[0], others[1]), (others[1], me)):
        assert await pair.served(every, {"from": source, "to": target})


SHAPES = [
    # aliases, __typename, interface fields and inline fragments, a named fragment
    """query ($n: String!) { __typename who: actor(name: $n) { __typename key: id name
         rels: relations(first: 4, direction: BOTH) { n: totalCount edges { c: cursor node { __typename
           t: type firstSeen lastSeen confidence claimCount documentCount
           subject { __typename id ... on Actor { aliases roles curated } ... on Event { date } }
           object { ...ends }
           evidence(first: 2, includeNegated: true) { __typename id cursor type text start end date confidence
             negated curated source subject { name } object { name kind } attributedTo { name }
             document { id title url published author source sha256 } } } }
           pageInfo { hasNextPage endCursor } } } }
       fragment ends on Entity { id name kind ... on Actor { aliases } }""",
    # defaults everywhere
    "{ actors { totalCount edges { cursor node { id name kind aliases roles curated } } "
    "pageInfo { endCursor } } }",
    "{ events { totalCount edges { node { id name kind date aliases "
    "participants { totalCount edges { node { id } } }"
    " relations { totalCount edges { node { type evidence { text } } } } } } } }",
    "{ documents { edges { node { id title sha256 published claims(first: 4) { totalCount edges { "
    "cursor node { type text subject { id } object { id } } } } "
    "entities(first: 3) { totalCount edges { node { id kind } } } } } } }",
    "{ stats { actors events documents claims relations relationsByType { type count } "
    "actorsByKind { kind count } } }",
    # several roots, the same field twice merged, an actor by id with neighbours
    '{ stats { claims } actors(first: 2) { totalCount } again: actors(first: 2) { totalCount } '
    'actor(name: "Pashinyan") { name } actor(name: "Pashinyan") { id } }',
    # filters
    "{ relations(filter: {types: [REQUESTED_AID, MET], minConfidence: 0.1}, first: 5) { totalCount "
    "edges { cursor node { type subject { name } object { name } evidence(first: 1) { text } } } } }",
    '{ relations(filter: {since: "2000-01-01", until: "2100-01-01"}) { totalCount } }',
    "{ relations(filter: {plover: [CONSULT, DEMAND]}, first: 5) { totalCount edges { node { type plover "
    "evidence(first: 2) { plover predicate } } } } }",
    '{ relations(filter: {until: "1900-01-01"}) { totalCount edges { node { type } } } }',
    '{ actors(search: "nikol pash", kind: PERSON, first: 3) { totalCount edges { node { name } } } }',
    "{ actors(kind: COUNTRY) { totalCount edges { node { name } } } }",
    # evidence cursors without connection cursors, and the other way round; the same entity and
    # document objects shared by many relations and claims
    '{ actor(name: "Pashinyan") { relations(first: 5) { edges { node { subject { id name } '
    "evidence(first: 3) { cursor text document { id title } } } } } } }",
    '{ actor(name: "Pashinyan") { relations(first: 5) { pageInfo { endCursor } edges { node { '
    "evidence(first: 3) { text attributedTo { name } document { title } } } } } } }",
    # leaves a scalar's coercion changes (enums, dates, floats, ints) next to those taken as is
    '{ actor(name: "Pashinyan") { __typename kind relations(first: 3) { edges { node { type firstSeen '
    "confidence claimCount object { __typename kind ... on Event { date } } } } } } }",
    # a second evidence field (its own batch) and relations of relations' ends
    '{ actor(name: "Pashinyan") { relations(first: 3) { edges { node { evidence(first: 1) { text } '
    "top: evidence(first: 2) { id } object { id } } } } } }",
]


async def test_shapes_are_identical(pair: Pair) -> None:
    for query in SHAPES:
        before = pair.counters.served
        body = await pair.same(query, {"n": "Nikol Pashinyan"})
        assert "errors" not in body, (query, body)
        assert pair.counters.served == before + 1, query


async def test_variables_answer_like_literals_with_defaults(pair: Pair) -> None:
    me, _ = await ids(pair)
    literal = await pair.same(
        f'{{ actor(id: "{me}") {{ relations(direction: BOTH, first: 3) {{ edges {{ node {{ type '
        "evidence(first: 1) { text } } } } } }"
    )
    with_variables = await pair.same(
        """query ($id: ID, $d: Direction = BOTH, $f: Int, $e: Int = 1) { actor(id: $id) {
             relations(direction: $d, first: $f) { edges { node { type evidence(first: $e) { text } } } }
           } }""",
        {"id": me, "f": 3},
    )
    assert literal == with_variables
    # Two operations: without a name, as the general path decides; with one, that operation.
    await pair.same("query A { stats { actors } } query B ($id: ID!) { entity(id: $id) { id name } }")
    body = {"query": "query A { stats { actors } } query B ($id: ID!) { entity(id: $id) { id name } }",
            "variables": {"id": me}, "operationName": "B"}
    one = await pair.compiled.client.post("/graphql", json=body)
    two = await pair.general.client.post("/graphql", json=body)
    assert one.content == two.content and one.json()["data"]["entity"]["id"] == me


async def test_pages_with_after_cursors(pair: Pair) -> None:
    query = """query ($after: String, $r: String) { actors(first: 3, after: $after) { edges { cursor node { id
                 relations(first: 2, after: $r) { edges { cursor node { evidence(first: 1) { cursor } } } }
               } } pageInfo { hasNextPage endCursor } } }"""
    after: str | None = None
    seen: list[str] = []
    for _ in range(4):
        page = (await pair.same(query, {"after": after}))["data"]["actors"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) >= 4
    me, _ = await ids(pair)
    first = (await pair.same(
        '{ actor(name: "Pashinyan") { relations(first: 2) { pageInfo { endCursor } } } }'
    ))["data"]["actor"]["relations"]["pageInfo"]["endCursor"]
    assert await pair.served(
        'query ($a: String) { actor(name: "Pashinyan") { relations(first: 2, after: $a) '
        "{ edges { cursor } } } }",
        {"a": first},
    )
    evidence = (await pair.same(
        f'{{ actor(id: "{me}") {{ relations(first: 1) {{ edges {{ node {{ evidence(first: 1) '
        "{ cursor } } } } } }"
    ))["data"]["actor"]["relations"]["edges"][0]["node"]["evidence"]
    if evidence:
        await pair.same(
            f'{{ actor(id: "{me}") {{ relations(first: 1) {{ edges {{ node {{ evidence(first: 2, after: '
            f'"{evidence[0]["cursor"]}") {{ text }} }} }} }} }} }}'
        )


async def test_variables_as_whole_arguments(pair: Pair) -> None:
    """Arguments that are bare variables: given, null, missing, a list, one variable twice."""
    query = """query ($n: String!, $k: Int, $t: [RelationType!], $e: Int) { actor(name: $n) { name
      relations(first: $k, types: $t) { totalCount edges { node { type evidence(first: $e) { text } } } }
      again: relations(first: $e, types: $t) { totalCount } } }"""
    for variables in (
        {"n": "Nikol Pashinyan", "k": 3, "t": ["REQUESTED_AID", "MET"], "e": 2},
        {"n": "Pashinyan", "k": None, "t": None, "e": 1},
        {"n": "Pashinyan"},
        {"n": "Pashinyan", "k": 2, "t": [], "e": 0},
    ):
        assert await pair.served(query, variables), variables
    # A bad value for a variable is refused as the general path refuses it.
    assert not await pair.served(query, {"n": "Pashinyan", "k": -1})


ERRORS = [
    ("{ actors(first: -1) { totalCount } }", None),
    ('{ actors(after: "garbage") { totalCount } }', None),
    ('{ actor(name: "Pashinyan") { relations(after: "WyJhY3RvciIsIngiLCJ5Il0") { totalCount } } }', None),
    ('{ actor(id: "x", name: "y") { id } }', None),
    ('{ path(from: "a", to: "a") { length } }', None),
    ('{ path(from: "a", to: "b", maxHops: 0) { length } }', None),
    ("query ($n: Int!) { actors(first: $n) { totalCount } }", {"n": "many"}),
    ("query ($n: Int!) { actors(first: $n) { totalCount } }", None),
    ("{ nosuchfield }", None),
    ("{ actor { id } }", None),
    ('mutation { retractDocument(id: "x") { claims } }', None),
    ("{ __schema { queryType { name } } }", None),
    ("query ($x: Boolean!) { stats { actors @include(if: $x) events } }", {"x": False}),
]


async def test_errors_and_unsupported_queries_are_left_to_the_general_path(pair: Pair) -> None:
    for query, variables in ERRORS:
        assert not await pair.served(query, variables), query
    # first over the cap is capped, not refused: compiled, like the general path caps it.
    capped = await pair.same("{ actors(first: 100000) { edges { node { id } } } }")
    assert "errors" not in capped


async def test_over_the_limits_never_compiled(pair: Pair) -> None:
    settings = pair.compiled.app.state.services.settings
    deep = "{ actors { edges { node { ... on Actor { relations { edges { node { object { " \
           "... on Actor { relations { edges { node { subject { ... on Actor { relations { edges { node { " \
           "object { id } } } } } } } } } } } } } } } } } } }"
    aliases = "{ " + " ".join(f"a{i}: stats {{ actors }}" for i in range(settings.api_max_aliases + 1)) + " }"
    tokens = "{ " + " ".join("stats { actors }" for _ in range(settings.api_max_tokens)) + " }"
    for query in (deep, aliases, tokens):
        before = pair.counters.fallbacks
        assert not await pair.served(query)
        assert pair.counters.fallbacks == before + 1
    assert await pair.served("{ a: stats { actors } b: stats { events } }")


async def test_a_failure_inside_the_compiled_path_is_answered_by_the_general_path(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = pair.compiled.app.state.services.reader
    original = reader.actors
    calls: list[int] = []

    async def failing_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the compiled path's read failed")
        return await original(*args, **kwargs)

    monkeypatch.setattr(reader, "actors", failing_once)
    before = pair.counters.fallbacks
    assert not await pair.served("{ actors(first: 2) { totalCount edges { node { name } } } }")
    assert pair.counters.fallbacks == before + 1 and len(calls) == 2


def test_string_variables_coerce_as_graphql_core_does(api_settings: Settings) -> None:
    from graphql.execution.values import get_variable_values

    from kg.api.compiled import _string_variables
    from kg.api.schema import build_schema

    schema = build_schema(api_settings)
    reads = CompiledReads(schema, api_settings)
    cases: list[tuple[str, dict[str, Any]]] = [
        ("query ($name: String!) { actor(name: $name) { id } }", {"name": "x"}),
        ("query ($a: ID!, $b: ID!) { path(from: $a, to: $b) { length } }", {"a": "p", "b": "q", "extra": 1}),
        ("query ($q: String) { actors(search: $q) { totalCount } }", {"q": ""}),
    ]
    for query, variables in cases:
        plan = reads.plan(query, None)
        assert plan is not None and plan.string_variables is not None
        expected = get_variable_values(schema._schema, plan.operation.variable_definitions or (), variables)
        found = _string_variables(plan.string_variables, variables)
        assert found is not None and not isinstance(expected, list)
        assert found.coerced == expected.coerced
        assert {
            name: (str(s.signature.type), s.signature.default, s.signature.default_value, s.value)
            for name, s in found.sources.items()
        } == {
            name: (str(s.signature.type), s.signature.default, s.signature.default_value, s.value)
            for name, s in expected.sources.items()
        }
    # Anything but a str is left to graphql-core (which coerces an int ID, refuses a missing one).
    plan = reads.plan(cases[1][0], None)
    assert plan is not None and plan.string_variables is not None
    for given in ({"a": 5, "b": "q"}, {"b": "q"}, {"a": "p", "b": None}, {"a": "p"}):
        assert _string_variables(plan.string_variables, given) is None
    # Other variable types, or a default, are never taken this way.
    for query in ("query ($n: Int!) { actors(first: $n) { totalCount } }",
                  'query ($q: String = "a") { actors(search: $q) { totalCount } }'):
        plan = reads.plan(query, None)
        assert plan is not None and plan.string_variables is None


def test_projected_reads_only_narrow_known_maps() -> None:
    from kg.graph import queries

    narrow = queries.Projection(
        entity=frozenset({"name"}), relation=frozenset(), claim=frozenset({"text"}), document=None,
        attributed_to=False,
    )
    text = queries.projected(queries.READ_ACTOR_BY_NAME_WITH_RELATIONS, narrow)
    assert "{.id, .name, .kind}" in text and "claim: c {.id, .type, .text}" in text
    assert ":FROM]" not in text and ":ATTRIBUTED_TO]" not in text
    assert "claims: r.claims" not in text and "documents: r.documents" not in text
    # Nothing but the properties of the fixed tuples, and only on the statements it knows.
    with pytest.raises(ValueError):
        queries.projected(queries.READ_ACTOR_BY_NAME_WITH_RELATIONS,
                          queries.Projection(entity=frozenset({"name} RETURN 1 //"})))
    with pytest.raises(ValueError):
        queries.projected(queries.READ_STATS, narrow)


async def test_get_requests_with_a_query_are_compiled_and_identical(pair: Pair) -> None:
    queries = bench_queries()
    actor = {"query": queries["ACTOR_GRAPHQL"], "variables": json.dumps({"name": "Pashinyan"})}
    assert await pair.served_get(actor)
    status, body = await pair.same_get(actor)
    assert status == 200 and json.loads(body)["data"]["actor"] is not None
    assert await pair.served_get({"query": "{ stats { actors claims } }"})
    assert await pair.served_get(
        {"query": "query Q { stats { actors } }", "operationName": "Q", "variables": "{}"}
    )


async def test_get_requests_the_compiled_path_declines_answer_as_before(pair: Pair) -> None:
    before = pair.counters.served
    for params in (
        {"query": "{ stats { actors } }", "variables": "not json"},
        {"query": "{ stats { actors } }", "variables": "[1]"},
        {"query": "{ stats { actors } }", "extensions": "{}"},
        {"query": 'mutation { retractDocument(id: "x") { claims } }'},
        {"query": "{ nosuchfield }"},
    ):
        await pair.same_get(params)
    # GraphiQL's page: a GET without a query, from a browser.
    status, page = await pair.same_get({}, accept="text/html")
    assert status == 200 and b"<html" in page.lower()
    assert pair.counters.served == before


async def test_resolvers_below_the_ends_of_relations_are_compiled(pair: Pair) -> None:
    # The ends of a relation are views; a field with a resolver below them reads the view's
    # attribute ("object", not the strawberry type's "object_").
    nested = (
        '{ actor(name: "Nikol Pashinyan") { relations(first: 3) { edges { node { '
        "subject { id ... on Actor { neighbours(first: 2) { totalCount } } } "
        "object { id ... on Actor { relations(first: 1) { totalCount edges { node { type } } } } "
        "... on Event { participants(first: 2) { totalCount } } } } } } } }"
    )
    assert await pair.served(nested)
    me, others = await ids(pair)
    hops = (
        "query ($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 3, first: 2) { "
        "hops { object { id ... on Actor { relations(first: 1) { totalCount } } } } } }"
    )
    assert await pair.served(hops, {"from": me, "to": others[0]})
