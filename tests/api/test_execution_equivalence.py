"""kg's executor answers exactly as graphql-core's own, on thousands of generated queries.

kg runs every operation through kg.api.executor.KGExecutor (plans cached per query text). The
reference is the same schema executed by graphql-core's executor, the way strawberry runs a
schema by default (``build_schema(graphql_core_executor=True)``), and reading every stored
property (``api_narrow_reads=False``) with every relation page expanded (no index seeks). kg's
side narrows its reads to what each query shows and reads hub pages from the per-type index
seeks (the hub threshold lowered to a handful of relations). Data and errors (message, path,
locations) must be identical, for:

* valid queries generated from ``schema/schema.graphql`` by hypothesis-graphql (seeded,
  ``KG_EQUIVALENCE_EXAMPLES`` per graph, default 1000), and
* hand-written queries that reach the graph's data (by name and id, pages walked with their
  cursors, fragments, aliases, directives, paths),

on two graphs: the sample article, and a synthetic graph shaped like the bench's (heavy-tailed
degrees: a few hubs) with an event and a self-loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis_graphql import queries

from bench.api import synthetic_actors, synthetic_extractions
from kg.api.context import Context, Services
from kg.api.schema import KGSchema, build_schema, schema_sdl
from kg.graph import admin
from kg.graph import queries as cypher
from kg.graph.driver import open_driver
from kg.graph.reads import GraphReader
from kg.graph.repository import GraphRepository
from kg.graph.schema import apply_schema
from kg.ingest import DocumentExtractor, ingest_documents
from kg.model import CuratedActor, CuratedRelation, EntityKind, RelationType
from kg.settings import Settings
from loaders.documents import iter_documents

pytestmark = pytest.mark.api

EXAMPLES = int(os.environ.get("KG_EQUIVALENCE_EXAMPLES", "1000"))
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"
SDL = schema_sdl()
# Hub pages from the index seeks as soon as an entity has this many relations of a kind.
KG_HUB_THRESHOLD = 3
T = TypeVar("T")


class Executors:
    """kg's schema and the reference over one driver, on an event loop of their own (the
    generated examples run synchronously, one after the other)."""

    def __init__(self, settings_: Settings) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.kg_settings = settings_.model_copy(update={"api_max_first": 50})
        self.reference_settings = self.kg_settings.model_copy(update={"api_narrow_reads": False})
        self.kg: KGSchema = build_schema(self.kg_settings)
        self.reference: KGSchema = build_schema(self.reference_settings, graphql_core_executor=True)
        self.driver = self.run(open_driver(settings_))
        self.compared = 0

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=300)

    def close(self) -> None:
        self.run(self.driver.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()

    def answer(self, schema: KGSchema, settings_: Settings, query: str, variables: dict[str, Any]) -> Any:
        reader = GraphReader(self.driver, settings_)
        services = Services(settings=settings_, driver=self.driver, reader=reader)
        result = self.run(schema.execute(query, variables, context_value=Context(services, api_key=None)))
        errors = sorted(
            (json.dumps(error.formatted, sort_keys=True, default=str) for error in result.errors or ()),
        )
        return result.data, errors

    def same(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        """Both answers, asserted identical; kg's data."""
        given_variables = variables or {}
        expand = cypher.RELATION_PAGE_EXPAND_BELOW
        try:
            cypher.RELATION_PAGE_EXPAND_BELOW = KG_HUB_THRESHOLD
            mine = self.answer(self.kg, self.kg_settings, query, given_variables)
        finally:
            cypher.RELATION_PAGE_EXPAND_BELOW = expand
        reference = self.answer(self.reference, self.reference_settings, query, given_variables)
        # The errors first: pytest truncates the message, and an error is what explains a null.
        assert mine == reference, (mine[1], reference[1], first_difference(mine, reference), query, variables)
        self.compared += 1
        return mine[0]


def first_difference(mine: Any, reference: Any, where: str = "") -> str:
    """Where two answers first differ, and the two values there (pytest's diff of a whole
    answer is truncated, and the difference is usually one value deep inside it)."""
    if isinstance(mine, dict) and isinstance(reference, dict):
        for key in [*mine, *(k for k in reference if k not in mine)]:
            if key not in mine or key not in reference:
                return f"{where}.{key}: only in {'reference' if key not in mine else 'kg'}"
            if mine[key] != reference[key]:
                return first_difference(mine[key], reference[key], f"{where}.{key}")
    elif isinstance(mine, (list, tuple)) and isinstance(reference, (list, tuple)):
        for index, (left, right) in enumerate(zip(mine, reference, strict=False)):
            if left != right:
                return first_difference(left, right, f"{where}[{index}]")
        if len(mine) != len(reference):
            return f"{where}: {len(mine)} items in kg's answer, {len(reference)} in the reference"
    return f"{where}: kg {mine!r} != reference {reference!r}"


@pytest.fixture(scope="module")
def executors(neo4j_settings: Settings) -> Iterator[Executors]:
    both = Executors(neo4j_settings)
    try:
        yield both
    finally:
        both.close()


async def _clean(driver: Any, settings_: Settings) -> None:
    await admin.delete_all(driver, settings_.neo4j_database)
    await apply_schema(driver, settings_)


def _sample_graph(executors: Executors, settings_: Settings, extractor: DocumentExtractor) -> None:
    async def build() -> None:
        await _clean(executors.driver, settings_)
        documents = list(iter_documents([str(SAMPLE)], published=dt.date(2022, 9, 15)))
        repository = GraphRepository(executors.driver, settings_.neo4j_database)
        summary = await ingest_documents(
            documents, repository=repository, extractor=extractor, settings=settings_
        )
        assert summary.claims > 0

    executors.run(build())


def _bench_graph(executors: Executors, settings_: Settings) -> None:
    async def build() -> None:
        await _clean(executors.driver, settings_)
        rng = random.Random(7)
        actors = synthetic_actors(rng, 120)
        extractions = synthetic_extractions(rng, actors, 1200)
        repository = GraphRepository(executors.driver, settings_.neo4j_database)
        for start in range(0, len(extractions), 20):
            result = await repository.write_extractions(extractions[start : start + 20])
            assert not result.failed
        # An event, a curated actor and a self-loop: shapes the synthetic documents lack.
        await repository.load_actors([CuratedActor(id="truce", name="The truce", kind=EntityKind.EVENT)])
        await repository.load_relations([
            CuratedRelation(subject=actors[0].id, type=RelationType.MEDIATED, object="truce", source="list"),
            CuratedRelation(subject=actors[1].id, type=RelationType.MET, object=actors[1].id, source="list"),
        ])

    executors.run(build())


HAND_WRITTEN = """
query ($name: String!, $id: ID!, $other: ID!, $d: Direction!, $first: Int, $after: String, $ev: Int) {
  byName: actor(name: $name) { id name kind aliases roles curated __typename
    relations(direction: $d, first: $first, after: $after) { totalCount
      edges { cursor node { type subject { id name __typename } object { id ... on Event { date } }
        claimCount documentCount firstSeen lastSeen confidence plover
        evidence(first: $ev) { id cursor type text start end date confidence negated curated source
          plover predicate document { id title url published source } attributedTo { id name }
          subject { id } object { id } } } }
      pageInfo { hasNextPage endCursor } }
    out: relations(direction: OUT, first: 3) { totalCount edges { node { object { id } } } }
    neighbours(first: 5) { totalCount edges { node { id } } } }
  byId: actor(id: $id) { ...whole }
  entity(id: $other) { id __typename ... on Event { date participants(first: 3) { totalCount } } }
  path(from: $id, to: $other, maxHops: 3, first: 3) { length entities { id }
    hops { type subject { id } object { id } evidence(first: 1) { text cursor } } }
  skipped: actor(id: $id) @skip(if: true) { id }
}
fragment whole on Actor { id relations(first: 4, types: [MET, URGED, MEDIATED]) {
  edges { node { type evidence(first: 2, includeNegated: true) { text }
    strongest: evidence(first: 1) { id } } }
  pageInfo { endCursor } } }
"""


def _ids(executors: Executors) -> list[tuple[str, str]]:
    """(id, name) of every actor, most related first."""
    data = executors.same("{ actors(first: 50) { edges { node { id name relations { totalCount } } } } }")
    nodes = [edge["node"] for edge in data["actors"]["edges"]]
    nodes.sort(key=lambda node: -node["relations"]["totalCount"])
    return [(node["id"], node["name"]) for node in nodes]


def _hand_written(executors: Executors) -> None:
    actors = _ids(executors)
    assert actors
    others = [actor_id for actor_id, _ in actors[1:6]] + ["truce", "nobody"]
    for (actor_id, name), other in zip(actors[:8], others, strict=False):
        for direction in ("BOTH", "OUT", "IN"):
            variables = {"name": name, "id": actor_id, "other": other, "d": direction, "first": 2, "ev": 2}
            # Walk the pages with the cursors the answers give.
            for _ in range(4):
                data = executors.same(HAND_WRITTEN, variables)
                page = data["byName"]["relations"] if data["byName"] else None
                if page is None or not page["pageInfo"]["hasNextPage"]:
                    break
                variables["after"] = page["pageInfo"]["endCursor"]
    for search in ("pash", "armen", "ka", "zz", "russia csto"):
        executors.same(
            "query ($q: String!) { actors(search: $q, first: 5) { totalCount "
            "edges { cursor node { id name kind } } pageInfo { endCursor hasNextPage } } }",
            {"q": search},
        )


def _generated(executors: Executors) -> None:
    @seed(1313)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(query=queries(SDL))
    def compare(query: str) -> None:
        executors.same(query)

    compare()


def test_sample_graph(executors: Executors, neo4j_settings: Settings, extractor: DocumentExtractor) -> None:
    _sample_graph(executors, neo4j_settings, extractor)
    before = executors.compared
    _hand_written(executors)
    _generated(executors)
    assert executors.compared - before >= EXAMPLES


def test_bench_like_graph(executors: Executors, neo4j_settings: Settings) -> None:
    _bench_graph(executors, neo4j_settings)
    before = executors.compared
    _hand_written(executors)
    _generated(executors)
    assert executors.compared - before >= EXAMPLES


def test_first_difference_names_the_path_and_both_values() -> None:
    mine = ({"a": [{"id": "x"}, {"id": "y"}]}, [])
    reference = ({"a": [{"id": "x"}, {"id": "z"}]}, [])
    assert first_difference(mine, reference) == "[0].a[1].id: kg 'y' != reference 'z'"
    assert first_difference([1], [1, 2]) == ": 1 items in kg's answer, 2 in the reference"
