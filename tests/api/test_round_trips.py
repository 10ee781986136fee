"""No N+1: a nested query costs one Cypher round trip per nesting level, whatever its width."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Query

from kg.graph.repository import GraphRepository
from kg.model import EntityKind, RelationType
from tests.api.conftest import API_KEY, Api, entity, extraction

pytestmark = pytest.mark.api

NESTED = """
query ($n: Int!) {
  actors(first: $n) {
    edges { node { name
      relations(first: 5) { totalCount edges { node { type object { id name kind }
        evidence(first: 2) { text document { id title } attributedTo { name } }
        strongest: evidence(first: 1) { confidence } } } }
      neighbours(first: 3) { edges { node { name } } } } }
  }
}
"""


def count_runs(api: Api, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Wrap the app's real driver so that every statement it runs is recorded as a Query with
    its transaction's timeout: the reads' driver.execute_query calls (the reader passes a
    Query), and the statements of any session's read transaction."""
    driver = api.app.state.services.driver
    open_session: Callable[..., Any] = driver.session
    execute_query: Callable[..., Any] = driver.execute_query
    ran: list[Any] = []

    async def counting_query(query: Any, *args: Any, **kwargs: Any) -> Any:
        ran.append(query if isinstance(query, Query) else Query(query))
        return await execute_query(query, *args, **kwargs)

    def session(*args: Any, **kwargs: Any) -> Any:
        real = open_session(*args, **kwargs)
        execute_read: Callable[..., Any] = real.execute_read

        async def counting_read(work: Any, *work_args: Any, **work_kwargs: Any) -> Any:
            async def counted_work(tx: Any, *args: Any, **kwargs: Any) -> Any:
                run: Callable[..., Any] = tx.run

                async def counting_run(query: Any, *run_args: Any, **run_kwargs: Any) -> Any:
                    ran.append(Query(query, timeout=getattr(work, "timeout", None)))
                    return await run(query, *run_args, **run_kwargs)

                tx.run = counting_run
                return await work(tx, *args, **kwargs)

            return await execute_read(counted_work, *work_args, **work_kwargs)

        real.execute_read = counting_read
        return real

    monkeypatch.setattr(driver, "session", session)
    monkeypatch.setattr(driver, "execute_query", counting_query)
    return ran


async def counted(
    api: Api, ran: list[Any], query: str, variables: dict[str, Any]
) -> tuple[dict[str, Any], int]:
    """The data of ``query`` (which must succeed) and how many statements answering it ran."""
    ran.clear()
    data = await api.data(query, variables)
    return data, len(ran)


async def write_actors(repository: GraphRepository, how_many: int) -> None:
    hubs = [entity(f"Hub {i:03d}") for i in range(how_many)]
    targets = [entity(f"Target {i:02d}", EntityKind.ORGANIZATION) for i in range(6)]
    relations = [
        (hub, RelationType.CONSULTED, target, f"{hub.name} consulted {target.name} (round {n}).")
        for hub in hubs for target in targets[:3] for n in range(2)
    ]
    await repository.write_extractions([extraction("wide", [*hubs, *targets], relations)])


async def test_round_trips_do_not_grow_with_the_number_of_actors(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    await write_actors(repository, 20)
    ran = count_runs(api, monkeypatch)
    small, runs_for_two = await counted(api, ran, NESTED, {"n": 2})
    large, runs_for_twenty = await counted(api, ran, NESTED, {"n": 20})

    assert len(small["actors"]["edges"]) == 2 and len(large["actors"]["edges"]) == 20
    hubs = [e["node"] for e in large["actors"]["edges"] if e["node"]["name"].startswith("Hub")]
    assert hubs and all(len(h["relations"]["edges"]) == 3 for h in hubs)
    assert all(len(r["node"]["evidence"]) == 2 for h in hubs for r in h["relations"]["edges"])
    assert all(len(r["node"]["strongest"]) == 1 for h in hubs for r in h["relations"]["edges"])
    # actors; their relations with objects and evidence(first: 2) (read together); the
    # evidence(first: 1) of every relation (one batch); the neighbours.
    assert runs_for_twenty == runs_for_two == 4


async def test_every_read_carries_the_configured_timeout(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    await write_actors(repository, 2)
    ran = count_runs(api, monkeypatch)
    keyed = {"x-api-key": API_KEY}
    assert "errors" not in await api.post(NESTED, {"n": 5}, headers=keyed)
    searched = await api.post('{ stats { actors } actors(search: "hub") { totalCount } }', headers=keyed)
    assert "errors" not in searched
    settings = api.app.state.services.settings
    timeout = settings.neo4j_query_timeout_s
    assert ran and all(isinstance(q, Query) and q.timeout == timeout for q in ran)
    # Without the key, a read gets what is left of the request's budget, never more.
    ran.clear()
    await api.data(NESTED, {"n": 5})
    limit = min(timeout, settings.api_anonymous_budget_s)
    assert ran and all(isinstance(q, Query) and 0 < q.timeout <= limit for q in ran)


BY_NAME_AND_BY_ID = """
query ($name: String!, $id: ID!, $d: Direction!, $types: [RelationType!], $first: Int) {
  byName: actor(name: $name) { ...rels }
  byId: actor(id: $id) { ...rels }
}
fragment rels on Actor {
  relations(direction: $d, types: $types, first: $first) { totalCount
    edges { cursor node { type object { id } evidence(first: 1) { text cursor } } }
    pageInfo { hasNextPage endCursor } }
}
"""


async def test_actor_by_name_or_id_reads_relations_and_evidence_in_one_statement(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    await write_actors(repository, 3)
    ran = count_runs(api, monkeypatch)
    for direction, types, first in (("OUT", None, 2), ("BOTH", ["CONSULTED"], 10), ("IN", None, None)):
        variables = {"name": "Hub 001", "id": "hub-001", "d": direction, "types": types, "first": first}
        ran.clear()
        data = await api.data(BY_NAME_AND_BY_ID, variables)
        # Both the same answer, each one statement: the actor, its relations and their evidence.
        assert data["byName"] == data["byId"]
        assert len(ran) == 2
    literal = await api.data(
        '{ actor(name: "hub 001") { relations(direction: OUT, types: [CONSULTED], first: 2) {'
        " totalCount edges { node { object { id } evidence(first: 2) { text } } } } } }"
    )
    relations = literal["actor"]["relations"]
    assert relations["totalCount"] == 3 and len(relations["edges"]) == 2
    assert all(len(edge["node"]["evidence"]) == 2 for edge in relations["edges"])
    for lookup in ('name: "Hub 002"', 'id: "hub-002"'):
        ran.clear()
        await api.data("{ actor(" + lookup + ") { relations { edges { node { evidence { text } } } } } }")
        assert len(ran) == 1


async def test_path_reads_hops_with_their_evidence_in_one_statement(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    await write_actors(repository, 3)
    ran = count_runs(api, monkeypatch)
    found = (await api.data(
        '{ path(from: "hub-000", to: "hub-001", maxHops: 2) { length'
        " hops { type subject { id } object { id } evidence(first: 1) { text } } } }"
    ))["path"]
    assert found and all(path["length"] == 2 for path in found)
    for path in found:
        for hop in path["hops"]:
            (evidence,) = hop["evidence"]
            assert evidence["text"].startswith(f"{hop['subject']['id'].replace('hub-', 'Hub ')} consulted")
    assert len(ran) == 1
