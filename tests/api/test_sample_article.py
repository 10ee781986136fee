"""The sample article, ingested through kg.ingest with the real extractor, queried over GraphQL."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import SAMPLE, Api

pytestmark = pytest.mark.api


# The query from the API issue, verbatim.
ISSUE_QUERY = """
{ actor(name: "Nikol Pashinyan") { id name kind relations(direction: OUT, types: [REQUESTED_AID], first: 10)
  { totalCount edges { cursor node { type subject { name } object { id name kind } documentCount
  evidence(first: 3) { text start end document { id title } } } } pageInfo { hasNextPage endCursor } } } }
"""


async def test_issue_query(sample: Api) -> None:
    actor = (await sample.data(ISSUE_QUERY))["actor"]
    assert actor["name"] == "Nikol Pashinyan" and actor["kind"] == "PERSON"
    relations = actor["relations"]
    assert relations["totalCount"] == len(relations["edges"]) >= 1
    assert relations["pageInfo"]["hasNextPage"] is False
    assert relations["pageInfo"]["endCursor"] == relations["edges"][-1]["cursor"]
    objects = {edge["node"]["object"]["name"] for edge in relations["edges"]}
    assert objects & {"Russia", "Collective Security Treaty Organization", "CSTO"}
    text = SAMPLE.read_text(encoding="utf-8")
    for edge in relations["edges"]:
        node: dict[str, Any] = edge["node"]
        assert node["type"] == "REQUESTED_AID" and node["subject"]["name"] == "Nikol Pashinyan"
        assert node["documentCount"] == 1
        assert 1 <= len(node["evidence"]) <= 3
        for evidence in node["evidence"]:
            # Offsets point into the article as stored.
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
            assert "requested military aid" in evidence["text"]
            assert evidence["document"]["title"].startswith("War News")


async def test_alias_lookup(sample: Api) -> None:
    by_alias = (await sample.data('{ actor(name: "Pashinyan") { id name } }'))["actor"]
    by_name = (await sample.data('{ actor(name: "nikol pashinyan") { id name } }'))["actor"]
    assert by_alias is not None and by_alias == by_name
    assert by_alias["name"] == "Nikol Pashinyan"


async def test_mediated_relations(sample: Api) -> None:
    data = await sample.data(
        """{ relations(filter: {types: [MEDIATED]}) { totalCount edges { node {
             type subject { name kind } object { name kind } evidence { text } } } } }"""
    )
    edges = data["relations"]["edges"]
    assert data["relations"]["totalCount"] == len(edges) >= 1
    russia = [e["node"] for e in edges if e["node"]["subject"]["name"] == "Russia"]
    assert russia, edges
    truce = [n for n in russia if any("truce mediated by Russia" in ev["text"] for ev in n["evidence"])]
    assert truce and truce[0]["object"]["kind"] == "EVENT"


async def test_search(sample: Api) -> None:
    data = await sample.data('{ actors(search: "Schiff") { totalCount edges { node { name kind } } } }')
    assert data["actors"]["totalCount"] >= 1
    assert data["actors"]["edges"][0]["node"] == {"name": "Adam Schiff", "kind": "PERSON"}
