"""Summaries for frontends: counts by type and PLOVER category, a timeline by month, top
counterparts per actor, the most active actors of the graph; one statement each, batched."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.graph.repository import GraphRepository
from kg.model import EntityKind, RelationType
from tests.api.conftest import Api, entity, extraction
from tests.api.test_round_trips import count_runs, counted

pytestmark = pytest.mark.api

ANA = entity("Ana Vell")
BORO = entity("Boro League", EntityKind.ORGANIZATION)
CIVA = entity("Civa", EntityKind.COUNTRY)
URGED, CONSULTED, CRITICIZED = RelationType.URGED, RelationType.CONSULTED, RelationType.CRITICIZED


async def write_news(repository: GraphRepository) -> None:
    people = [ANA, BORO, CIVA]
    await repository.write_extractions([
        extraction("jan", people, [(ANA, URGED, BORO, "Ana Vell urged Boro League."),
                                   (ANA, CONSULTED, CIVA, "Ana Vell consulted Civa.")],
                   published=dt.date(2024, 1, 10)),
        extraction("feb", people, [(ANA, URGED, BORO, "Ana Vell urged Boro League again."),
                                   (CIVA, CRITICIZED, ANA, "Civa criticized Ana Vell.")],
                   published=dt.date(2024, 2, 5)),
        extraction("late-feb", people, [(ANA, URGED, CIVA, "Ana Vell urged Civa.")],
                   published=dt.date(2024, 2, 20)),
    ])


SUMMARY = """
query ($id: ID!, $d: Direction!, $since: Date) {
  actor(id: $id) {
    byType: relationCounts(direction: $d, since: $since) { key claims relations documents }
    timeline(direction: $d, since: $since) { month claims documents }
    topCounterparts(direction: $d, since: $since) { entity { id } documents claims }
  }
}
"""


async def test_an_actors_claims_by_type_month_and_counterpart(api: Api, repository: GraphRepository) -> None:
    await write_news(repository)
    both = (await api.data(SUMMARY, {"id": ANA.id, "d": "BOTH"}))["actor"]
    assert both["byType"] == [
        {"key": "URGED", "claims": 3, "relations": 2, "documents": 3},
        {"key": "CONSULTED", "claims": 1, "relations": 1, "documents": 1},
        {"key": "CRITICIZED", "claims": 1, "relations": 1, "documents": 1},
    ]
    assert both["timeline"] == [
        {"month": "2024-01", "claims": 2, "documents": 1},
        {"month": "2024-02", "claims": 3, "documents": 2},
    ]
    assert both["topCounterparts"] == [
        {"entity": {"id": CIVA.id}, "documents": 3, "claims": 3},
        {"entity": {"id": BORO.id}, "documents": 2, "claims": 2},
    ]
    # Only where Ana is the subject, and only from February.
    out = (await api.data(SUMMARY, {"id": ANA.id, "d": "OUT", "since": "2024-02-01"}))["actor"]
    assert out["byType"] == [{"key": "URGED", "claims": 2, "relations": 2, "documents": 2}]
    assert out["timeline"] == [{"month": "2024-02", "claims": 2, "documents": 2}]
    assert [c["entity"]["id"] for c in out["topCounterparts"]] == [BORO.id, CIVA.id]


async def test_counts_by_plover_category(api: Api, repository: GraphRepository) -> None:
    await write_news(repository)
    driver = api.app.state.services.driver
    # The category extraction stores on each claim (kg.nlp): set here so the grouping is tested
    # on its own.
    await driver.execute_query(
        "MATCH (c:Claim) SET c.plover = CASE c.type WHEN 'CRITICIZED' THEN 'ACCUSE' ELSE 'CONSULT' END"
    )
    found = await api.data(
        '{ actor(name: "Ana Vell") { relationCounts(groupBy: PLOVER) { key claims relations } } }'
    )
    assert found["actor"]["relationCounts"] == [
        {"key": "CONSULT", "claims": 4, "relations": 3},
        {"key": "ACCUSE", "claims": 1, "relations": 1},
    ]


async def test_most_active_actors_over_a_date_range(api: Api, repository: GraphRepository) -> None:
    await write_news(repository)
    query = "query ($s: Date, $u: Date, $k: EntityKind) { mostActiveActors(since: $s, until: $u, kind: $k) " \
            "{ actor { id } documents claims } }"
    everything = (await api.data(query))["mostActiveActors"]
    assert everything == [
        {"actor": {"id": ANA.id}, "documents": 3, "claims": 5},
        {"actor": {"id": CIVA.id}, "documents": 3, "claims": 3},
        {"actor": {"id": BORO.id}, "documents": 2, "claims": 2},
    ]
    february = (await api.data(query, {"s": "2024-02-01", "u": "2024-02-29"}))["mostActiveActors"]
    assert february == [
        {"actor": {"id": ANA.id}, "documents": 2, "claims": 3},
        {"actor": {"id": CIVA.id}, "documents": 2, "claims": 2},
        {"actor": {"id": BORO.id}, "documents": 1, "claims": 1},
    ]
    countries = (await api.data(query, {"k": "COUNTRY"}))["mostActiveActors"]
    assert [row["actor"]["id"] for row in countries] == [CIVA.id]
    assert (await api.data("{ mostActiveActors(first: 1) { actor { id } } }"))["mostActiveActors"] == [
        {"actor": {"id": ANA.id}}
    ]


async def test_summaries_refuse_bad_ranges_and_sizes(api: Api, repository: GraphRepository) -> None:
    await write_news(repository)
    for query in (
        '{ mostActiveActors(since: "2024-03-01", until: "2024-02-01") { documents } }',
        "{ mostActiveActors(first: -1) { documents } }",
        '{ actors { edges { node { timeline(since: "2024-03-01", until: "2024-01-01") { month } } } } }',
    ):
        body = await api.post(query)
        assert {e["extensions"]["code"] for e in body["errors"]} == {"INVALID_INPUT"}, (query, body)


NESTED_SUMMARIES = """
query ($n: Int!) {
  actors(first: $n) { edges { node {
    relationCounts { key claims }
    timeline { month claims }
    topCounterparts(first: 2) { entity { id name } documents }
  } } }
}
"""


async def test_summaries_cost_one_statement_each_whatever_the_number_of_actors(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    hubs = [entity(f"Hub {i:02d}") for i in range(12)]
    await repository.write_extractions([
        extraction(f"wide-{month}", [*hubs, BORO],
                   [(hub, URGED, BORO, f"{hub.name} urged Boro League in month {month}.") for hub in hubs],
                   published=dt.date(2024, month, 3))
        for month in (1, 2, 3)
    ])
    ran = count_runs(api, monkeypatch)
    small, for_two = await counted(api, ran, NESTED_SUMMARIES, {"n": 2})
    large, for_thirteen = await counted(api, ran, NESTED_SUMMARIES, {"n": 13})
    nodes = [edge["node"] for edge in large["actors"]["edges"]]
    assert len(small["actors"]["edges"]) == 2 and len(nodes) == 13
    assert all(len(node["timeline"]) == 3 for node in nodes)
    # actors; then one statement per summary field, for all the actors at once.
    assert for_thirteen == for_two == 4
