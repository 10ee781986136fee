"""Actor resolution against a real Neo4j: merges at ingest, reversible merges, decisions that last.

The extractions are written by hand as the extractor gives them for the issue's four articles
(bare surnames, 'Lavrov' tagged ORGANIZATION, 'Blinken' LOCATION), so that these tests are
about resolution, not NER.
"""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import AsyncDriver

from kg.errors import Conflict
from kg.graph.repository import GraphRepository
from kg.graph.resolution import ActorResolution, ResolutionPolicy
from kg.model import CuratedRelation, Entity, EntityKind, Extraction, RelationType
from kg.resolution.knowledge import ActorKnowledge, known_actors
from kg.settings import Settings
from tests.integration.resolution_support import (
    actors,
    article,
    country,
    graph_checksum,
    person,
    typed_relationships,
)

pytestmark = pytest.mark.integration

ORG, LOC = EntityKind.ORGANIZATION, EntityKind.LOCATION


@pytest.fixture
def resolution(clean_graph: AsyncDriver, neo4j_settings: Settings) -> ActorResolution:
    return ActorResolution(clean_graph, neo4j_settings.neo4j_database)


def issue_articles() -> list[Extraction]:
    russia, armenia = country("Russia", "Russian"), country("Armenia", "Armenian")
    us = country("United States")
    putin, pashinyan = person("Vladimir Putin"), person("Nikol Pashinyan")
    return [
        article("Russian President Vladimir Putin met Armenian Prime Minister Nikol Pashinyan in Moscow.",
                [russia, putin, armenia, pashinyan],
                [(putin.id, "MET", pashinyan.id), (putin.id, "HOLDS_ROLE", "russia", "President"),
                 (pashinyan.id, "HOLDS_ROLE", "armenia", "Prime Minister")]),
        article("Putin and Pashinyan held talks in Sochi. Erdogan criticized Macron over the sanctions.",
                [person("Putin"), person("Pashinyan"), person("Erdogan"), person("Macron")],
                [("putin", "MET", "pashinyan"), ("erdogan", "CRITICIZED", "macron")]),
        article("Lavrov met Blinken in Geneva. President Biden called Erdogan.",
                [person("Lavrov", ORG), person("Blinken", LOC), person("Biden"), person("Erdogan")],
                [("lavrov", "MET", "blinken"), ("biden", "CONSULTED", "erdogan")]),
        article("Russian Foreign Minister Sergei Lavrov and US Secretary of State Antony Blinken spoke. "
                "Joe Biden urged Recep Tayyip Erdogan to act.",
                [russia, us, person("Sergei Lavrov"), person("Antony Blinken"), person("Joe Biden"),
                 person("Recep Tayyip Erdogan")],
                [("sergei-lavrov", "HOLDS_ROLE", "russia", "Foreign Minister"),
                 ("joe-biden", "URGED", "recep-tayyip-erdogan")]),
    ]


def _the(found: dict[str, dict[str, object]], *ids: str) -> str:
    """The one live actor whose id or merged ids are among ``ids``."""
    matches = [key for key, actor in found.items()
               if key in ids or set(ids) & set(actor["merged_from"])]  # type: ignore[arg-type]
    assert len(matches) == 1, (ids, matches)
    return matches[0]


@pytest.mark.parametrize("order", ["as published", "reversed"])
async def test_the_issue_articles_give_one_actor_per_person_with_the_right_kind(
    repository: GraphRepository, clean_graph: AsyncDriver, order: str
) -> None:
    extractions = issue_articles()
    for extraction in extractions if order == "as published" else extractions[::-1]:
        await repository.write_extractions([extraction])

    found = await actors(clean_graph)
    people = {surname: _the(found, surname.lower(), *[i for i in found if i.endswith(surname.lower())])
              for surname in ("Putin", "Pashinyan", "Biden", "Erdogan", "Lavrov", "Blinken")}
    for key in people.values():
        assert found[key]["kind"] == "PERSON" and "Person" in found[key]["labels"]
    assert found[people["Lavrov"]]["name"] == "Sergei Lavrov"
    assert found[people["Blinken"]]["name"] == "Antony Blinken"
    assert "Putin" in found[people["Putin"]]["aliases"]
    relationships = await typed_relationships(clean_graph)
    assert (people["Putin"], "MET", people["Pashinyan"]) in relationships
    assert (people["Lavrov"], "MET", people["Blinken"]) in relationships
    assert (people["Biden"], "URGED", people["Erdogan"]) in relationships
    assert (people["Biden"], "CONSULTED", people["Erdogan"]) in relationships


async def test_one_batch_resolves_within_itself(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    await repository.write_extractions(issue_articles())
    found = await actors(clean_graph)
    assert sorted(k for k, a in found.items() if a["kind"] == "PERSON") == [
        "antony-blinken", "joe-biden", "macron", "nikol-pashinyan", "recep-tayyip-erdogan",
        "sergei-lavrov", "vladimir-putin",
    ]
    assert found["vladimir-putin"]["merged_from"] == ["putin"]


async def test_a_split_restores_the_graph_exactly(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    for extraction in issue_articles():
        await repository.write_extractions([extraction], resolution=ResolutionPolicy(enabled=False))
    before = await graph_checksum(clean_graph)

    await resolution.merge("vladimir-putin", ["putin"], by="ana")
    await resolution.merge("sergei-lavrov", ["lavrov"], by="ana")
    await resolution.merge("antony-blinken", ["blinken"], by="ana")
    merged = await graph_checksum(clean_graph)
    assert (("sergei-lavrov", "MET", "antony-blinken") in await typed_relationships(clean_graph))
    assert (await actors(clean_graph))["sergei-lavrov"]["merged_from"] == ["lavrov"]

    assert await resolution.split("putin", by="ana") == ["putin"]
    assert await resolution.split("sergei-lavrov", by="ana") == ["lavrov"]
    assert await resolution.split("blinken", by="ana") == ["blinken"]
    assert merged != before
    assert await graph_checksum(clean_graph) == before


async def test_an_automatic_merge_splits_back_to_the_unresolved_graph(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    extractions = issue_articles()
    for extraction in extractions:
        await repository.write_extractions([extraction], resolution=ResolutionPolicy(enabled=False))
    unresolved = await graph_checksum(clean_graph)
    await clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    for extraction in extractions:
        await repository.write_extractions([extraction])
    merged = sorted(i for actor in (await actors(clean_graph)).values() for i in actor["merged_from"])
    assert merged == ["antony-blinken", "joe-biden", "pashinyan", "putin", "recep-tayyip-erdogan",
                      "sergei-lavrov"]
    for identifier in merged:
        assert await resolution.split(identifier, by="ana") == [identifier]
    assert await graph_checksum(clean_graph) == unresolved


async def test_merged_ids_keep_finding_their_actor_and_new_documents_follow_them(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    extractions = issue_articles()
    await repository.write_extractions(extractions[:2])
    assert await resolution.resolve_id("putin") == "vladimir-putin"
    later = article("Putin urged Macron to call.", [person("Putin"), person("Macron")],
                    [("putin", "URGED", "macron")])
    await repository.write_extractions([later], resolution=ResolutionPolicy(enabled=False))
    assert ("vladimir-putin", "URGED", "macron") in await typed_relationships(clean_graph)
    assert "putin" not in await actors(clean_graph)


async def test_a_persons_split_survives_re_ingest_and_retraction(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    extractions = issue_articles()
    await repository.write_extractions(extractions)
    await resolution.split("putin", by="ana")
    await repository.write_extractions(extractions, force=True)
    found = await actors(clean_graph)
    assert "putin" in found and found["vladimir-putin"]["merged_from"] == []
    await repository.retract_document(extractions[1].document.id)
    await repository.write_extractions([extractions[1]])
    assert "putin" in await actors(clean_graph)
    log = await resolution.decisions("putin")
    assert [(d.judgement, d.decided_by, d.active) for d in log if d.judgement == "not_same"] == [
        ("not_same", "ana", True)
    ]


async def test_a_persons_merge_survives_re_ingest_and_retraction_of_both_sides(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    macron = article("Emmanuel Macron spoke.", [person("Emmanuel Macron")], [])
    leader = article("The French leader Macron spoke to Le Maire.", [person("Le Maire"), person("Macron")],
                     [("macron", "CONSULTED", "le-maire")])
    await repository.write_extractions([leader], resolution=ResolutionPolicy(enabled=False))
    await repository.write_extractions([macron], resolution=ResolutionPolicy(enabled=False))
    await resolution.merge("emmanuel-macron", ["macron"], by="ana")
    for extraction in (leader, macron):
        await repository.retract_document(extraction.document.id)
    assert await actors(clean_graph) == {}
    await repository.write_extractions([leader, macron], resolution=ResolutionPolicy(enabled=False))
    found = await actors(clean_graph)
    assert found["emmanuel-macron"]["merged_from"] == ["macron"] and "macron" not in found
    assert ("emmanuel-macron", "CONSULTED", "le-maire") in await typed_relationships(clean_graph)


async def test_two_people_with_one_surname_become_candidates_not_a_merge(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    azerbaijan = country("Azerbaijan")
    await repository.write_extractions([
        article("Ilham Aliyev spoke.", [person("Ilham Aliyev"), azerbaijan],
                [("ilham-aliyev", "HOLDS_ROLE", "azerbaijan", "President")]),
        article("Heydar Aliyev spoke.", [person("Heydar Aliyev"), azerbaijan], []),
    ])
    await repository.write_extractions([article("Aliyev spoke to Putin.", [person("Aliyev"), person("Putin")],
                                                [("aliyev", "CONSULTED", "putin")])])
    found = await actors(clean_graph)
    assert {"ilham-aliyev", "heydar-aliyev", "aliyev"} <= set(found)
    pairs = await resolution.candidates()
    assert sorted((p.left.id, p.right.id) for p in pairs) == [
        ("aliyev", "heydar-aliyev"), ("aliyev", "ilham-aliyev"),
    ]
    await resolution.decide_not_same("aliyev", "heydar-aliyev", by="ana")
    await resolution.merge("ilham-aliyev", ["aliyev"], by="ana")
    assert await resolution.candidates() == []
    with pytest.raises(Conflict):
        await resolution.decide_not_same("aliyev", "ilham-aliyev", by="ana")


async def test_curated_relations_may_name_a_merged_id(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    await repository.write_extractions(issue_articles()[:2])
    await repository.load_relations([CuratedRelation(subject="putin", type=RelationType.MET,
                                                     object="macron", source="ana's notes")])
    assert ("vladimir-putin", "MET", "macron") in await typed_relationships(clean_graph)
    await resolution.split("putin", by="ana")
    assert ("putin", "MET", "macron") in await typed_relationships(clean_graph)


async def test_resolving_the_whole_graph_merges_what_ingest_without_resolution_left(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    for extraction in issue_articles():
        await repository.write_extractions([extraction], resolution=ResolutionPolicy(enabled=False))
    assert {"putin", "vladimir-putin", "lavrov", "sergei-lavrov"} <= set(await actors(clean_graph))
    merges, candidates = await resolution.resolve_graph(ResolutionPolicy(), page_size=3)
    found = await actors(clean_graph)
    assert merges == 6 and candidates == 0
    assert sorted(k for k, a in found.items() if a["kind"] == "PERSON") == [
        "antony-blinken", "joe-biden", "macron", "nikol-pashinyan", "recep-tayyip-erdogan",
        "sergei-lavrov", "vladimir-putin",
    ]
    assert ("sergei-lavrov", "MET", "antony-blinken") in await typed_relationships(clean_graph)
    assert await resolution.resolve_graph(ResolutionPolicy()) == (0, 0)


async def test_a_title_with_a_country_is_the_person_who_held_the_role_then(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    armenia = country("Armenia", "Armenian")
    await repository.write_extractions([article(
        "Armenian Prime Minister Nikol Pashinyan spoke.", [person("Nikol Pashinyan"), armenia],
        [("nikol-pashinyan", "HOLDS_ROLE", "armenia", "Prime Minister")], published=dt.date(2022, 9, 15),
    )])
    title = Entity(id="armenian-prime-minister--doc-1", name="Armenian prime minister",
                   kind=EntityKind.PERSON)
    later = article(
        "The Armenian prime minister asked the CSTO for help.",
        [title, armenia, Entity(id="csto", name="CSTO", kind=ORG)],
        [(title.id, "REQUESTED_AID", "csto"), (title.id, "HOLDS_ROLE", "armenia", "prime minister")],
        published=dt.date(2022, 9, 20),
    )
    await repository.write_extractions([later])
    assert ("nikol-pashinyan", "REQUESTED_AID", "csto") in await typed_relationships(clean_graph)
    assert (await actors(clean_graph))["nikol-pashinyan"]["merged_from"] == [title.id]


async def test_the_dictionaries_give_known_people_their_dated_roles(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    def office(code: str) -> tuple[str, str] | None:
        return ("russia", "Russia") if code == "RUS" else None

    knowledge = ActorKnowledge(known_actors(
        [(("vladimir putin", "putin"), [("RUSGOV", dt.date(1999, 12, 31), dt.date(2008, 5, 7))])],
        "test.actors.txt", office,
    ))
    policy = ResolutionPolicy(knowledge=lambda: knowledge)
    await repository.write_extractions(issue_articles()[1:2], resolution=policy)  # "Putin" only
    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'putin'})<-[:SUBJECT]-(c:Claim {dictionary: true})-[:OBJECT]->(o) "
        "RETURN c.role AS role, c.since AS since, c.until AS until, o.id AS of, o.kind AS kind"
    )
    found = [(r["role"], r["since"].to_native(), r["until"].to_native(), r["of"], r["kind"]) for r in records]
    assert found == [("government", dt.date(1999, 12, 31), dt.date(2008, 5, 7), "russia", "COUNTRY")]
    assert (await actors(clean_graph))["putin"]["name"] == "Putin"  # a dated role is not a title
    await repository.write_extractions(issue_articles()[:1], resolution=policy)  # written once per actor
    count, _, _ = await clean_graph.execute_query("MATCH (c:Claim {dictionary: true}) RETURN count(c) AS n")
    assert count[0]["n"] == 1
    await repository.retract_document(issue_articles()[1].document.id)
    await repository.retract_document(issue_articles()[0].document.id)
    left, _, _ = await clean_graph.execute_query("MATCH (n) WHERE n:Claim OR n:Actor RETURN count(n) AS n")
    assert left[0]["n"] == 0  # dictionary roles do not keep an actor nothing else supports


async def test_a_countrys_government_while_a_movement_governs_is_the_movement_and_splits_back(
    repository: GraphRepository, resolution: ActorResolution, clean_graph: AsyncDriver
) -> None:
    pakistan = country("Pakistan", "Pakistani")
    government = Entity(id="afghanistan-government", name="Afghan government", kind=ORG,
                        country="AF", sector="GOV")
    taliban = Entity(id="taliban", name="Taliban", kind=ORG)
    await repository.write_extractions([article(
        "The Republic's Afghan government met Pakistan.", [government, pakistan],
        [("afghanistan-government", "MET", "pakistan")], published=dt.date(2019, 5, 1),
    )])
    await repository.write_extractions([article(
        "The Taliban took Kabul.", [taliban], [], published=dt.date(2021, 8, 16),
    )])
    dated = "afghanistan-government-since-2021-08-15"
    await repository.write_extractions([article(
        "Pakistan urged the Afghan government to act.", [pakistan, government],
        [("pakistan", "URGED", "afghanistan-government")], published=dt.date(2024, 3, 18),
    )])
    found = await actors(clean_graph)
    assert found["taliban"]["merged_from"] == [dated]
    assert "afghanistan-government" in found  # the Republic's government stays apart
    relations = await typed_relationships(clean_graph)
    assert ("pakistan", "URGED", "taliban") in relations
    assert ("afghanistan-government", "MET", "pakistan") in relations
    assert await resolution.split(dated, by="ana") == [dated]
    assert ("pakistan", "URGED", dated) in await typed_relationships(clean_graph)


async def test_a_countrys_whole_force_meets_its_stored_force_named_with_no_word_in_common(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    pla = Entity(id="people-s-liberation-army", name="People's Liberation Army", kind=ORG,
                 country="CN", sector="MIL")
    navy = Entity(id="pla-navy", name="PLA Navy", kind=ORG, country="CN", sector="MIL")
    await repository.write_extractions([article("The People's Liberation Army and the PLA Navy drilled.",
                                                [pla, navy], [])])
    military = Entity(id="china-military", name="Chinese military", kind=ORG, country="CN", sector="MIL")
    taiwan = country("Taiwan")
    await repository.write_extractions([article("The Chinese military warned Taiwan.", [military, taiwan],
                                                [("china-military", "THREATENED", "taiwan")],
                                                published=dt.date(2024, 5, 23))])
    found = await actors(clean_graph)
    assert found["people-s-liberation-army"]["merged_from"] == ["china-military"]
    assert found["pla-navy"]["merged_from"] == []  # a branch is not the whole force
