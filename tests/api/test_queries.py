"""Query roots and nested fields over small graphs written through GraphRepository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

import pytest
from neo4j import Record

from kg.graph.reads import GraphReader
from kg.graph.repository import GraphRepository
from kg.model import EntityKind, RelationType
from tests.api.conftest import Api, entity, extraction

pytestmark = pytest.mark.api

ALICE = entity("Alice Varga", EntityKind.PERSON, "Varga", "A. Varga")
NORLAND = entity("Norland", EntityKind.COUNTRY, "Norlandic")
SUDLAND = entity("Sudland", EntityKind.COUNTRY)
LEAGUE = entity("Harbour League", EntityKind.ORGANIZATION, "HL")
TRUCE = entity("Harbour Truce", EntityKind.EVENT)

ACTOR_QUERY = """
query ($name: String!) {
  actor(name: $name) {
    id name kind aliases
    relations(direction: OUT, types: [REQUESTED_AID], first: 10) {
      totalCount
      edges { cursor node { type subject { name } object { id name kind } documentCount claimCount
              evidence(first: 3) { text start end date document { id title } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""


async def write_world(repository: GraphRepository) -> None:
    everyone = [ALICE, NORLAND, SUDLAND, LEAGUE, TRUCE]
    first = extraction(
        "first",
        everyone,
        [
            (ALICE, RelationType.REQUESTED_AID, LEAGUE, "Alice Varga asked the Harbour League for help."),
            (ALICE, RelationType.REQUESTED_AID, NORLAND, "Varga requested aid from Norland."),
            (NORLAND, RelationType.MEDIATED, TRUCE, "Norland mediated the Harbour Truce."),
            (SUDLAND, RelationType.ACCUSED, NORLAND, "Sudland accused Norland."),
        ],
        published=dt.date(2024, 3, 1),
    )
    second = extraction(
        "second",
        everyone,
        [(ALICE, RelationType.REQUESTED_AID, LEAGUE, "Varga again appealed to the League for help.")],
        published=dt.date(2024, 4, 2),
    )
    result = await repository.write_extractions([first, second])
    assert not result.failed


async def test_actor_by_name_with_relations_and_evidence(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    actor = (await api.data(ACTOR_QUERY, {"name": "Alice Varga"}))["actor"]
    assert actor["id"] == ALICE.id and actor["kind"] == "PERSON"
    relations = actor["relations"]
    assert relations["totalCount"] == 2
    assert relations["pageInfo"]["hasNextPage"] is False
    by_object = {edge["node"]["object"]["id"]: edge["node"] for edge in relations["edges"]}
    assert set(by_object) == {LEAGUE.id, NORLAND.id}
    league = by_object[LEAGUE.id]
    assert league["type"] == "REQUESTED_AID" and league["subject"]["name"] == "Alice Varga"
    assert league["documentCount"] == 2 and league["claimCount"] == 2
    assert {e["text"] for e in league["evidence"]} == {
        "Alice Varga asked the Harbour League for help.",
        "Varga again appealed to the League for help.",
    }
    for item in league["evidence"]:
        assert item["end"] - item["start"] == len(item["text"])
        assert item["document"]["id"].startswith("doc-")
    assert {e["date"] for e in league["evidence"]} == {"2024-03-01", "2024-04-02"}


# ACTOR_QUERY again, its arguments as variables and its fields spread over named and inline
# fragments: the prefetch that reads relations and evidence in one statement must find them.
FRAGMENT_ACTOR_QUERY = """
query ($name: String!, $direction: Direction!, $types: [RelationType!], $first: Int, $evidence: Int) {
  actor(name: $name) {
    ...who
    ... on Actor {
      relations(direction: $direction, types: $types, first: $first) {
        totalCount
        edges { cursor node { ...relation
                               evidence(first: $evidence) { text start end date document { id title } } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}
fragment who on Actor { id name kind aliases }
fragment relation on Relation { type subject { name } object { id name kind } documentCount claimCount }
"""


async def test_fragments_and_variables_answer_like_literals(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    reader: GraphReader = api.app.state.services.reader
    statements: list[str] = []
    run = reader._run

    async def counting_run(text: str, parameters: Mapping[str, Any]) -> list[Record]:
        statements.append(text)
        return await run(text, parameters)

    reader._run = counting_run  # type: ignore[method-assign]
    try:
        literal = await api.data(ACTOR_QUERY, {"name": "Alice Varga"})
        variables = {
            "name": "Alice Varga", "direction": "OUT", "types": ["REQUESTED_AID"], "first": 10, "evidence": 3
        }
        spread = await api.data(FRAGMENT_ACTOR_QUERY, variables)
    finally:
        del reader._run
    assert spread == literal
    assert len(spread["actor"]["relations"]["edges"]) == 2
    # The actor, its relations and their evidence: one statement per request, both ways.
    assert len(statements) == 2


async def test_null_in_a_non_null_field_is_an_error(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A plain scalar field read without graphql-core's general path must still refuse a null
    # where the schema promises a value: an internal error at that path, the parent null.
    from kg.graph import reads

    await write_world(repository)
    original = reads._entity

    def without_name(row: Any) -> reads.EntityView:
        return original(row)._replace(name=None)  # type: ignore[arg-type]

    monkeypatch.setattr(reads, "_entity", without_name)
    body = await api.post('{ actor(name: "Alice Varga") { id name } }')
    assert body["data"] == {"actor": None}
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    assert body["errors"][0]["path"] == ["actor", "name"]


async def test_actor_by_alias_and_case(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    for name in ("Varga", "varga", "ALICE VARGA", "A. Varga"):
        actor = (await api.data(ACTOR_QUERY, {"name": name}))["actor"]
        assert actor is not None and actor["id"] == ALICE.id, name
    assert (await api.data(ACTOR_QUERY, {"name": "Alice"}))["actor"] is None
    assert (await api.data(ACTOR_QUERY, {"name": "Nobody At All"}))["actor"] is None


async def test_actor_by_id_and_entity(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    data = await api.data(
        """query ($id: ID!, $event: ID!) { actor(id: $id) { name }
             entity(id: $event) { __typename name kind ... on Event { participants { totalCount
               edges { node { id } } } } } }""",
        {"id": NORLAND.id, "event": TRUCE.id},
    )
    assert data["actor"]["name"] == "Norland"
    assert data["entity"]["__typename"] == "Event" and data["entity"]["kind"] == "EVENT"
    assert [e["node"]["id"] for e in data["entity"]["participants"]["edges"]] == [NORLAND.id]


async def test_relation_directions(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    query = """query ($id: ID!, $d: Direction!) { actor(id: $id) { relations(direction: $d) {
                 totalCount edges { node { type subject { id } object { id } } } } } }"""
    out = (await api.data(query, {"id": NORLAND.id, "d": "OUT"}))["actor"]["relations"]
    inbound = (await api.data(query, {"id": NORLAND.id, "d": "IN"}))["actor"]["relations"]
    both = (await api.data(query, {"id": NORLAND.id, "d": "BOTH"}))["actor"]["relations"]
    assert [e["node"]["type"] for e in out["edges"]] == ["MEDIATED"]
    assert sorted(e["node"]["type"] for e in inbound["edges"]) == ["ACCUSED", "REQUESTED_AID"]
    assert both["totalCount"] == out["totalCount"] + inbound["totalCount"] == 3


async def test_relations_root_filter(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    data = await api.data(
        """query ($alice: ID!, $norland: ID!) {
             mediated: relations(filter: {types: [MEDIATED]}) { totalCount edges { node {
               subject { name } object { name kind } evidence { text } } } }
             fromAlice: relations(filter: {subject: $alice}) { totalCount }
             toNorland: relations(filter: {object: $norland, types: [ACCUSED]}) { totalCount }
             late: relations(filter: {since: "2024-04-01"}) { edges { node { type object { id } } } }
             early: relations(filter: {until: "2024-02-01"}) { totalCount } }""",
        {"alice": ALICE.id, "norland": NORLAND.id},
    )
    mediated = data["mediated"]
    assert mediated["totalCount"] == 1
    node = mediated["edges"][0]["node"]
    assert node["subject"]["name"] == "Norland"
    assert node["object"] == {"name": "Harbour Truce", "kind": "EVENT"}
    assert node["evidence"] == [{"text": "Norland mediated the Harbour Truce."}]
    assert data["fromAlice"]["totalCount"] == 2
    assert data["toNorland"]["totalCount"] == 1
    assert [e["node"]["object"]["id"] for e in data["late"]["edges"]] == [LEAGUE.id]
    assert data["early"]["totalCount"] == 0


async def test_actor_search_uses_words_and_prefixes(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    query = """query ($s: String!, $k: EntityKind) { actors(search: $s, kind: $k) {
                 totalCount edges { node { id } } } }"""
    async def ids(search: str) -> list[str]:
        return [e["node"]["id"] for e in (await api.data(query, {"s": search}))["actors"]["edges"]]

    assert await ids("Varga") == [ALICE.id]
    assert await ids("harb") == [LEAGUE.id]
    land = (await api.data(query, {"s": "norlandic"}))["actors"]
    assert [e["node"]["id"] for e in land["edges"]] == [NORLAND.id]
    assert (await api.data(query, {"s": "Varga", "k": "COUNTRY"}))["actors"]["totalCount"] == 0
    # Events are not actors.
    assert (await api.data(query, {"s": "truce"}))["actors"]["totalCount"] == 0
    assert (await api.data(query, {"s": "!!! ???"}))["actors"]["totalCount"] == 0


async def test_keyset_pages_are_stable_under_inserts(api: Api, repository: GraphRepository) -> None:
    people = [entity(f"Person {letter}") for letter in "BDFHJ"]
    await repository.write_extractions([
        extraction("people", people,
                   [(p, RelationType.MET, people[0], f"{p.name} met B.") for p in people[1:]])
    ])
    query = """query ($after: String) { actors(first: 2, after: $after) {
                 totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }"""
    first = (await api.data(query))["actors"]
    assert [e["node"]["name"] for e in first["edges"]] == ["Person B", "Person D"]
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"]
    # Insert names before and after the cursor: the next page neither repeats nor skips.
    newcomers = [entity("Person A"), entity("Person C"), entity("Person E")]
    await repository.write_extractions([
        extraction("newcomers", [*newcomers, people[0]],
                   [(p, RelationType.MET, people[0], f"{p.name} met B.") for p in newcomers])
    ])
    second = (await api.data(query, {"after": first["pageInfo"]["endCursor"]}))["actors"]
    assert [e["node"]["name"] for e in second["edges"]] == ["Person E", "Person F"]
    assert second["totalCount"] == 8
    names: list[str] = []
    after = second["pageInfo"]["endCursor"]
    while after:
        page = (await api.data(query, {"after": after}))["actors"]
        names += [e["node"]["name"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert names == ["Person H", "Person J"]


async def test_relation_and_evidence_pages(api: Api, repository: GraphRepository) -> None:
    hub = entity("Hub Person")
    spokes = [entity(f"Spoke {i:02d}", EntityKind.ORGANIZATION) for i in range(7)]
    sentences = [(hub, RelationType.CONSULTED, s, f"Hub Person consulted {s.name}.") for s in spokes]
    sentences += [(hub, RelationType.CONSULTED, spokes[0], f"Hub Person consulted Spoke 00 again ({i}).")
                  for i in range(4)]
    await repository.write_extractions([extraction("hub", [hub, *spokes], sentences)])
    query = """query ($id: ID!, $after: String, $ev: String) { actor(id: $id) {
                 relations(first: 3, after: $after) {
                 totalCount edges { node { object { id } claimCount
                   evidence(first: 2, after: $ev) { cursor text } } }
                 pageInfo { hasNextPage endCursor } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = (await api.data(query, {"id": hub.id, "after": after}))["actor"]["relations"]
        assert page["totalCount"] == 7
        assert len(page["edges"]) <= 3
        seen += [e["node"]["object"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(s.id for s in spokes)
    # Evidence of the busiest relation, two by two.
    first_page = (await api.data(query, {"id": hub.id}))["actor"]["relations"]["edges"][0]["node"]
    assert first_page["claimCount"] == 5
    texts = [e["text"] for e in first_page["evidence"]]
    cursor = first_page["evidence"][-1]["cursor"]
    while cursor:
        node = (await api.data(query, {"id": hub.id, "ev": cursor}))["actor"]["relations"]["edges"][0]["node"]
        texts += [e["text"] for e in node["evidence"]]
        cursor = node["evidence"][-1]["cursor"] if node["evidence"] else None
    assert len(texts) == len(set(texts)) == 5


async def test_first_is_capped(api: Api, repository: GraphRepository) -> None:
    hub = entity("Capped Hub")
    others = [entity(f"Other {i:03d}") for i in range(60)]
    await repository.write_extractions([
        extraction("cap", [hub, *others],
                   [(hub, RelationType.MET, o, f"Capped Hub met {o.name}.") for o in others])
    ])
    data = await api.data(
        "{ actors(first: 1000) { totalCount edges { node { id } } pageInfo { hasNextPage } } }"
    )
    cap = api.app.state.services.settings.api_max_first
    assert len(data["actors"]["edges"]) == cap < data["actors"]["totalCount"] == 61
    assert data["actors"]["pageInfo"]["hasNextPage"] is True


async def test_shortest_path_with_evidence_and_hop_cap(api: Api, repository: GraphRepository) -> None:
    chain = [entity(f"Chain {i}") for i in range(8)]
    await repository.write_extractions([
        extraction("chain", chain,
                   [(a, RelationType.CONSULTED, b, f"{a.name} consulted {b.name}.")
                    for a, b in pairwise(chain)])
    ])
    query = """query ($from: ID!, $to: ID!, $hops: Int!) { path(from: $from, to: $to, maxHops: $hops) {
                 length entities { id } hops { type subject { id } object { id } evidence { text } } } }"""
    found = (await api.data(query, {"from": chain[3].id, "to": chain[0].id, "hops": 3}))["path"]
    assert len(found) == 1 and found[0]["length"] == 3
    assert [e["id"] for e in found[0]["entities"]] == [c.id for c in reversed(chain[:4])]
    assert [h["evidence"][0]["text"] for h in found[0]["hops"]] == [
        "Chain 2 consulted Chain 3.", "Chain 1 consulted Chain 2.", "Chain 0 consulted Chain 1."]
    assert (await api.data(query, {"from": chain[0].id, "to": chain[3].id, "hops": 2}))["path"] == []
    # 7 hops are needed; the server caps maxHops at api_max_hops (4), so nothing is found.
    assert api.app.state.services.settings.api_max_hops < 7
    assert (await api.data(query, {"from": chain[0].id, "to": chain[7].id, "hops": 50}))["path"] == []


async def test_a_page_of_shortest_paths_is_the_first_in_a_stable_order(
    api: Api, repository: GraphRepository
) -> None:
    start, end = entity("Fork Start"), entity("Fork End")
    middles = [entity(f"Fork Middle {i}") for i in (4, 1, 3, 0, 2)]
    relations = [(start, RelationType.CONSULTED, m, f"{start.name} consulted {m.name}.") for m in middles]
    relations += [(m, RelationType.MET, end, f"{m.name} met {end.name}.") for m in middles]
    await repository.write_extractions([extraction("fork", [start, end, *middles], relations)])
    ids = "path(from: $from, to: $to, maxHops: 2, first: 2) { entities { id } }"
    full = (
        "path(from: $from, to: $to, maxHops: 2, first: 2) { length "
        "entities { id name kind ... on Actor { aliases } } "
        "hops { type subject { id } object { id } evidence { text } } }"
    )
    variables = {"from": start.id, "to": end.id}
    middle_ids = sorted(m.id for m in middles)
    for selection in (ids, full, ids):
        found = (await api.data(f"query ($from: ID!, $to: ID!) {{ {selection} }}", variables))["path"]
        # five paths of two hops; the page holds the first two by the ids along them
        assert [[e["id"] for e in p["entities"]] for p in found] == [
            [start.id, middle, end.id] for middle in middle_ids[:2]]


async def test_documents_stats_and_events(api: Api, repository: GraphRepository) -> None:
    await write_world(repository)
    data = await api.data(
        """{ documents { totalCount edges { node { id title published url
               claims { totalCount edges { node { type subject { id } object { id } text } } }
               entities { totalCount } } } }
             events { totalCount edges { node { id name } } }
             stats { actors events documents claims relations relationsByType { type count }
                     actorsByKind { kind count } } }"""
    )
    docs = {e["node"]["title"]: e["node"] for e in data["documents"]["edges"]}
    assert set(docs) == {"first", "second"}
    assert docs["first"]["claims"]["totalCount"] == 4
    assert docs["first"]["published"] == "2024-03-01"
    assert docs["first"]["entities"]["totalCount"] == 5
    one = (await api.data('query ($id: ID!) { document(id: $id) { title } }', {"id": docs["second"]["id"]}))
    assert one["document"]["title"] == "second"
    assert [e["node"]["id"] for e in data["events"]["edges"]] == [TRUCE.id]
    stats = data["stats"]
    assert (stats["actors"], stats["events"], stats["documents"], stats["claims"]) == (4, 1, 2, 5)
    assert stats["relations"] == 4
    assert {r["type"]: r["count"] for r in stats["relationsByType"]} == {
        "REQUESTED_AID": 2, "MEDIATED": 1, "ACCUSED": 1}
    assert {k["kind"]: k["count"] for k in stats["actorsByKind"]} == {
        "PERSON": 1, "COUNTRY": 2, "ORGANIZATION": 1}


async def test_health(api: Api) -> None:
    response = await api.client.get("/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


async def test_graphiql_is_served(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()
