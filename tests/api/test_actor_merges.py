"""Merged actors through the API: merged ids keep finding their actor, mergeActors/splitActor."""

from __future__ import annotations

import pytest

from kg.graph.repository import GraphRepository
from kg.graph.resolution import ResolutionPolicy
from kg.model import EntityKind
from tests.api.conftest import API_KEY, Api
from tests.integration.resolution_support import article, person

pytestmark = pytest.mark.api

KEY = {"x-api-key": API_KEY}
UNRESOLVED = ResolutionPolicy(enabled=False)

MERGE = """mutation ($keep: ID!, $merge: [ID!]!) {
  mergeActors(keep: $keep, merge: $merge, note: "same man") { id name kind aliases mergedFrom } }"""
SPLIT = "mutation ($id: ID!) { splitActor(id: $id) { id name kind mergedFrom } }"


async def _two_documents(repository: GraphRepository) -> None:
    await repository.write_extractions([
        article("Vladimir Putin met Emmanuel Macron.", [person("Vladimir Putin"), person("Emmanuel Macron")],
                [("vladimir-putin", "MET", "emmanuel-macron")]),
    ], resolution=UNRESOLVED)
    await repository.write_extractions([
        article("Putin urged Lavrov to go.", [person("Putin"), person("Lavrov", EntityKind.ORGANIZATION)],
                [("putin", "URGED", "lavrov")]),
    ], resolution=UNRESOLVED)


async def test_merge_and_split_actors_through_the_api(api: Api, repository: GraphRepository) -> None:
    await _two_documents(repository)
    refused = await api.post(MERGE, {"keep": "vladimir-putin", "merge": ["putin"]})
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHORIZED"

    merged = await api.post(MERGE, {"keep": "vladimir-putin", "merge": ["putin"]}, headers=KEY)
    assert merged["data"]["mergeActors"] == {
        "id": "vladimir-putin", "name": "Vladimir Putin", "kind": "PERSON", "aliases": ["Putin"],
        "mergedFrom": ["putin"],
    }
    # The merged id finds the actor, in every root that takes an id.
    found = await api.data('{ actor(id: "putin") { id mergedFrom relations { totalCount } } '
                           'entity(id: "putin") { id } '
                           'relations(filter: {subject: "putin", types: [URGED]}) { totalCount } '
                           'path(from: "putin", to: "emmanuel-macron") { length } }')
    assert found["actor"] == {"id": "vladimir-putin", "mergedFrom": ["putin"], "relations": {"totalCount": 2}}
    assert found["entity"] == {"id": "vladimir-putin"}
    assert found["relations"]["totalCount"] == 1 and found["path"][0]["length"] == 1

    split = await api.post(SPLIT, {"id": "putin"}, headers=KEY)
    assert split["data"]["splitActor"] == [
        {"id": "putin", "name": "Putin", "kind": "PERSON", "mergedFrom": []}
    ]
    again = await api.data('{ actor(id: "vladimir-putin") { mergedFrom relations { totalCount } } }')
    assert again["actor"] == {"mergedFrom": [], "relations": {"totalCount": 1}}


async def test_client_mistakes_in_merges_are_clear_errors(api: Api, repository: GraphRepository) -> None:
    await _two_documents(repository)
    unknown = await api.post(MERGE, {"keep": "vladimir-putin", "merge": ["nobody"]}, headers=KEY)
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "nobody" in unknown["errors"][0]["message"]
    await api.post(MERGE, {"keep": "vladimir-putin", "merge": ["putin"]}, headers=KEY)
    twice = await api.post(MERGE, {"keep": "vladimir-putin", "merge": ["putin"]}, headers=KEY)
    assert twice["errors"][0]["extensions"]["code"] == "CONFLICT"
    nothing = await api.post(SPLIT, {"id": "lavrov"}, headers=KEY)
    assert nothing["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
