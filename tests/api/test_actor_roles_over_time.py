"""Roles over time through the API: Actor.roles(asOf:), Actor.roleHistory and
actors(role:, of:, asOf:) answer who held a role on a date, from claim dates and dated roles."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.graph.repository import GraphRepository
from kg.graph.resolution import ResolutionPolicy
from kg.model import EntityKind
from tests.api.conftest import API_KEY, Api
from tests.api.test_round_trips import count_runs, counted
from tests.integration.resolution_support import article, country, person

pytestmark = pytest.mark.api

UNRESOLVED = ResolutionPolicy(enabled=False)  # the ids stay as written: the test reads roles only

HOLDERS = """query ($role: String!, $of: ID, $asOf: Date) {
  actors(role: $role, of: $of, asOf: $asOf) { totalCount edges { node { id } } } }"""


async def _presidents(repository: GraphRepository) -> None:
    """Ruritania: Anna Berg president in 2009-2011 (seen 2009 and 2011), Carl Dorn prime minister
    in 2010, then president from 2012 (seen 2012 and 2014), when Eva Fehr became prime minister."""
    said = [
        ("President Anna Berg spoke.", "anna-berg", "President", dt.date(2009, 5, 1)),
        ("Prime Minister Carl Dorn spoke.", "carl-dorn", "Prime Minister", dt.date(2010, 3, 1)),
        ("Anna Berg, the president, spoke again.", "anna-berg", "president", dt.date(2011, 6, 1)),
        ("President Carl Dorn took office.", "carl-dorn", "President", dt.date(2012, 5, 7)),
        ("Prime Minister Eva Fehr spoke.", "eva-fehr", "Prime Minister", dt.date(2012, 6, 1)),
        ("President Carl Dorn spoke.", "carl-dorn", "President", dt.date(2014, 1, 1)),
    ]
    for text, holder, role, day in said:
        await repository.write_extractions([
            article(text, [person(holder.replace("-", " ").title()), country("Ruritania")],
                    [(holder, "HOLDS_ROLE", "ruritania", role)], published=day),
        ], resolution=UNRESOLVED)


async def _holders(api: Api, role: str, of: str | None, as_of: str | None) -> list[str]:
    found = await api.data(HOLDERS, {"role": role, "of": of, "asOf": as_of})
    ids = [edge["node"]["id"] for edge in found["actors"]["edges"]]
    assert found["actors"]["totalCount"] == len(ids)
    return ids


async def test_who_held_a_role_on_a_date(api: Api, repository: GraphRepository) -> None:
    await _presidents(repository)
    assert await _holders(api, "president", "ruritania", "2010-06-01") == ["anna-berg"]
    assert await _holders(api, "President", "ruritania", "2013-01-01") == ["carl-dorn"]
    assert await _holders(api, "prime minister", "ruritania", "2010-06-01") == ["carl-dorn"]
    assert await _holders(api, "prime minister", "ruritania", "2013-01-01") == ["eva-fehr"]
    assert await _holders(api, "president", "ruritania", "2008-01-01") == []  # before anyone
    # Without a date: everyone who held it; without 'of': of anything.
    assert await _holders(api, "president", "ruritania", None) == ["anna-berg", "carl-dorn"]
    assert await _holders(api, " PRESIDENT ", None, "2014-06-01") == ["carl-dorn"]
    assert await _holders(api, "president", "nowhere", None) == []


async def test_an_actors_roles_and_their_history(api: Api, repository: GraphRepository) -> None:
    await _presidents(repository)
    found = await api.data("""{ actor(id: "carl-dorn") {
        roles
        in2010: roles(asOf: "2010-06-01")
        in2013: roles(asOf: "2013-06-01")
        before: roles(asOf: "2001-01-01")
        roleHistory { role of { id } since until }
        held2013: roleHistory(asOf: "2013-06-01") { role since until } } }""")
    actor = found["actor"]
    assert sorted(actor["roles"]) == ["President", "Prime Minister"]
    assert actor["in2010"] == ["Prime Minister"] and actor["in2013"] == ["President"]
    assert actor["before"] == []
    assert actor["roleHistory"] == [
        # Prime minister until the day before Eva Fehr was first seen as prime minister.
        {"role": "Prime Minister", "of": {"id": "ruritania"}, "since": "2010-03-01", "until": "2012-05-31"},
        # President until now: no one else was seen in that role after him.
        {"role": "President", "of": {"id": "ruritania"}, "since": "2012-05-07", "until": None},
    ]
    assert actor["held2013"] == [{"role": "President", "since": "2012-05-07", "until": None}]
    # Anna Berg's presidency ends the day before Carl Dorn was first seen as president.
    berg = await api.data('{ actor(id: "anna-berg") { roleHistory { role since until } } }')
    assert berg["actor"]["roleHistory"] == [
        {"role": "President", "since": "2009-05-01", "until": "2012-05-06"},
    ]


async def test_a_merged_id_names_the_office(api: Api, repository: GraphRepository) -> None:
    await _presidents(repository)
    await repository.write_extractions([
        article("Ruritania's republic signed.", [person("Republic of Ruritania", EntityKind.COUNTRY)], []),
    ], resolution=UNRESOLVED)
    merged = await api.post(
        'mutation { mergeActors(keep: "ruritania", merge: ["republic-of-ruritania"]) { id } }',
        headers={"x-api-key": API_KEY},
    )
    assert not merged.get("errors"), merged
    assert await _holders(api, "president", "republic-of-ruritania", "2010-06-01") == ["anna-berg"]


async def test_roles_on_a_date_are_read_once_per_level(
    api: Api, repository: GraphRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _presidents(repository)
    ran = count_runs(api, monkeypatch)
    query = """{ actors(kind: PERSON) { edges { node { id roles(asOf: "2010-06-01")
                 roleHistory { role of { id name } } } } } }"""
    data, runs = await counted(api, ran, query, {})
    roles = {e["node"]["id"]: e["node"]["roles"] for e in data["actors"]["edges"]}
    assert roles == {"anna-berg": ["President"], "carl-dorn": ["Prime Minister"], "eva-fehr": []}
    # the actors; their role evidence (one batch for both fields); the offices' names.
    assert runs == 3


@pytest.mark.parametrize(("variables", "says"), [
    ({"role": "", "of": None, "asOf": None}, "'role'"),
    ({"role": "   ", "of": None, "asOf": None}, "'role'"),
])
async def test_an_empty_role_is_a_client_error(
    api: Api, variables: dict[str, object], says: str
) -> None:
    answer = await api.post(HOLDERS, variables)
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert says in answer["errors"][0]["message"]


@pytest.mark.parametrize("query", [
    '{ actors(of: "ruritania") { totalCount } }',
    '{ actors(asOf: "2010-01-01") { totalCount } }',
    '{ actors(search: "Berg", role: "president") { totalCount } }',
])
async def test_role_arguments_out_of_place_are_client_errors(api: Api, query: str) -> None:
    answer = await api.post(query)
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
