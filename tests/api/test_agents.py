"""Agents as actors end to end: "Serb forces" read as serbia-military, stored with its country and
sector, and reachable from the country in the API."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.graph.repository import GraphRepository
from kg.model import SourceDocument
from kg.nlp.extractor import Extractor
from tests.api.conftest import Api

pytestmark = pytest.mark.api

ARTICLES = (
    "Serb forces shelled the village on Friday. Serbian police arrested two men in Novi Sad.",
    "Serbian troops attacked Kosovo on Sunday, and Serbia accused Croatia of meddling.",
)


async def test_a_countrys_agents_are_one_actor_each_and_a_query_on_the_country_reaches_them(
    api: Api, repository: GraphRepository, extractor: Extractor
) -> None:
    extractions = [
        extractor.extract(SourceDocument(text=text, source=f"agents-{i}.txt", published=dt.date(2024, 5, 1)))
        for i, text in enumerate(ARTICLES)
    ]
    assert not (await repository.write_extractions(extractions)).failed
    data = await api.data(
        """{ actor(id: "serbia") { name country sector
               agents { totalCount edges { node { id name country sector aliases
                 relations(direction: OUT) { edges { node { type object { id } } } } } } }
               relations(direction: OUT) { edges { node { type object { id } } } } } }"""
    )
    serbia = data["actor"]
    assert (serbia["country"], serbia["sector"]) == ("RS", None)
    agents = {edge["node"]["id"]: edge["node"] for edge in serbia["agents"]["edges"]}
    assert serbia["agents"]["totalCount"] == 2 and set(agents) == {"serbia-military", "serbia-police"}
    military = agents["serbia-military"]
    assert (military["country"], military["sector"]) == ("RS", "MIL")
    assert {"Serb forces", "Serbian troops"} <= set(military["aliases"])  # one actor, both documents
    assert {"type": "ATTACKED", "object": {"id": "kosovo"}} in [
        e["node"] for e in military["relations"]["edges"]
    ]
    # the sentence about the country keeps the country
    assert {"type": "ACCUSED", "object": {"id": "croatia"}} in [
        e["node"] for e in serbia["relations"]["edges"]
    ]


async def test_an_actor_with_no_country_has_no_agents(
    api: Api, repository: GraphRepository, extractor: Extractor
) -> None:
    extraction = extractor.extract(SourceDocument(text="Hamas accused Fatah of treason.", source="h.txt"))
    assert not (await repository.write_extractions([extraction])).failed
    data = await api.data('{ actor(id: "hamas") { country sector agents { totalCount } } }')
    assert data["actor"] == {"country": None, "sector": None, "agents": {"totalCount": 0}}
