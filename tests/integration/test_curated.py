"""Curated actors and relations against a real Neo4j, through the library and `kg load`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j import AsyncDriver, GraphDatabase
from neo4j.exceptions import ConstraintError

from kg.cli import main
from kg.graph import queries
from kg.graph.repository import GraphRepository, curated_claim_id, triple_key
from kg.ingest import ingest_documents
from kg.model import CuratedActor, CuratedRelation, EntityKind, RelationType
from kg.settings import Settings
from tests.integration.ingest_support import (
    LineExtractor,
    cli_env,
    document,
    fingerprint,
)

pytestmark = pytest.mark.integration



def node_count(settings: Settings) -> int:
    env = cli_env(settings)
    auth = (env["KG_NEO4J_USER"], env["KG_NEO4J_PASSWORD"])
    with GraphDatabase.driver(env["KG_NEO4J_URI"], auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n) RETURN count(n) AS n", database_=settings.neo4j_database
        )
        return int(records[0]["n"])


def test_a_malformed_actor_file_writes_nothing_and_lists_every_error(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("id,name,kind\nann-lee,Ann Lee,PERSON\nbo,,PERSON\ncy,Cy,ROBOT\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["load", "actors", str(path)], env=cli_env(neo4j_settings))

    assert result.exit_code == 1
    assert f"{path}:3 [name]" in result.output and f"{path}:4 [kind]" in result.output
    assert node_count(neo4j_settings) == 0


def test_relations_to_unknown_actors_are_rejected_unless_loaded_together(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    actors = tmp_path / "actors.jsonl"
    actors.write_text('{"id": "ann-lee", "name": "Ann Lee", "kind": "PERSON"}\n'
                      '{"id": "bay-union", "name": "Bay Union", "kind": "ORGANIZATION"}\n', encoding="utf-8")
    relations = tmp_path / "relations.csv"
    relations.write_text("subject,type,object,source,date\n"
                         "ann-lee,MEMBER_OF,bay-union,registry 2022,2022-01-05\n", encoding="utf-8")
    env = cli_env(neo4j_settings)

    rejected = CliRunner().invoke(main, ["load", "relations", str(relations)], env=env)
    nothing = node_count(neo4j_settings)
    loaded = CliRunner().invoke(main, ["load", "relations", str(relations), "--actors", str(actors)], env=env)
    again = CliRunner().invoke(main, ["load", "relations", str(relations)], env=env)  # ids now in the graph

    assert rejected.exit_code == 1 and f"{relations}:2 [subject]" in rejected.output
    assert f"{relations}:2 [object]" in rejected.output
    assert nothing == 0
    assert loaded.exit_code == 0, loaded.output
    assert again.exit_code == 0, again.output
    assert node_count(neo4j_settings) == 3  # two actors, one claim: the second load merged


async def test_curated_actor_wins_over_extracted_name_and_kind_in_either_order(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    curated = [CuratedActor(id="ann-lee", name="Ann B. Lee", kind=EntityKind.PERSON, roles=("envoy",)),
               CuratedActor(id="bo-park", name="Bo Park Group", kind=EntityKind.GROUP, aliases=("BPG",))]
    extracted = document("Ann Lee (ORGANIZATION) MET Bo Park (PERSON)")

    await repository.load_actors(curated[:1])  # curated first...
    await ingest_documents([extracted], repository=repository, extractor=LineExtractor(),
                           settings=neo4j_settings)
    await repository.load_actors(curated[1:])  # ...and curated after the extraction

    records, _, _ = await clean_graph.execute_query(
        "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.kind AS kind, labels(e) AS labels, "
        "e.aliases AS aliases, e.roles AS roles, e.curated AS curated ORDER BY id"
    )
    ann, bo = (r.data() for r in records)
    assert (ann["name"], ann["kind"], ann["curated"]) == ("Ann B. Lee", "PERSON", True)
    assert ann["roles"] == ["envoy"]
    assert sorted(ann["labels"]) == ["Actor", "Entity", "Person"]
    assert "Ann Lee" in ann["aliases"]  # the extracted name is kept as an alias
    assert (bo["name"], bo["kind"]) == ("Bo Park Group", "GROUP")
    assert sorted(bo["labels"]) == ["Actor", "Entity", "Group"]
    assert bo["aliases"] == ["BPG", "Bo Park", "Park"]


async def test_curated_relations_feed_the_typed_relationship(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    await ingest_documents([document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.4")],
                           repository=repository, extractor=LineExtractor(), settings=neo4j_settings)
    relation = CuratedRelation(subject="ann-lee", type=RelationType.URGED, object="bo-park",
                               source="minutes 7", date=dt.date(2021, 3, 2), note="letter")

    await repository.load_relations([relation])
    await repository.load_relations([relation])  # loading twice is one claim

    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'ann-lee'})-[r:URGED]->(:Entity {id: 'bo-park'}) RETURN r"
    )
    urged = records[0]["r"]
    assert (urged["claims"], urged["documents"], urged["curated"]) == (2, 1, True)
    assert urged["confidence"] == pytest.approx(1.0)
    assert urged["first_seen"].to_native() == dt.date(2021, 3, 2)
    claims, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim {curated: true}) RETURN c.source AS source, c.text AS text, "
        "EXISTS { (c)-[:FROM]->() } AS has_document"
    )
    assert [r.data() for r in claims] == [{"source": "minutes 7", "text": "letter", "has_document": False}]


async def test_a_reloaded_claim_with_a_new_date_moves_its_relationship_dates(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    await repository.load_actors([CuratedActor(id="cy", name="Cy", kind=EntityKind.COUNTRY),
                                  CuratedActor(id="dee", name="Dee", kind=EntityKind.PERSON)])
    first = CuratedRelation(subject="dee", type=RelationType.SUPPORTED, object="cy",
                            source="register", date=dt.date(2020, 5, 1), note="grant")
    other = first.model_copy(update={"source": "ledger", "date": dt.date(2021, 1, 1)})
    await repository.load_relations([first, other])

    # Same claim (same source and triple), corrected date: rewritten, not added.
    await repository.load_relations([first.model_copy(update={"date": dt.date(2022, 7, 9)})])

    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'dee'})-[r:SUPPORTED]->(:Entity {id: 'cy'}) "
        "RETURN r.claims AS claims, r.first_seen AS first, r.last_seen AS last"
    )
    assert [(r["claims"], r["first"].to_native(), r["last"].to_native()) for r in records] == [
        (2, dt.date(2021, 1, 1), dt.date(2022, 7, 9))
    ]


async def test_incremental_curated_load_equals_a_full_recompute(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    await ingest_documents([document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.4")],
                           repository=repository, extractor=LineExtractor(), settings=neo4j_settings)
    await repository.load_actors([CuratedActor(id="cy", name="Cy", kind=EntityKind.COUNTRY)])
    relations = [
        CuratedRelation(subject=subject, type=type_, object=object_, source=f"list {n}",
                        date=dt.date(2020, 1, 1) + dt.timedelta(days=37 * n) if n % 3 else None)
        for n, (subject, type_, object_) in enumerate([
            ("ann-lee", RelationType.URGED, "bo-park"), ("ann-lee", RelationType.URGED, "bo-park"),
            ("bo-park", RelationType.MEMBER_OF, "cy"), ("ann-lee", RelationType.URGED, "bo-park"),
            ("cy", RelationType.SUPPORTED, "ann-lee"), ("bo-park", RelationType.MEMBER_OF, "cy"),
        ])
    ]
    await repository.load_relations(relations[:4], batch_size=3)
    await repository.load_relations(relations, batch_size=2)
    # A note changed on re-load: rewritten through the general path.
    await repository.load_relations([relations[0].model_copy(update={"note": "corrected"})])
    incremental = await fingerprint(clean_graph)

    triples, _, _ = await clean_graph.execute_query(
        "MATCH (c:Claim)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o) "
        "RETURN DISTINCT s.id AS subject, c.type AS type, o.id AS object, c.triple AS triple"
    )
    for row in triples:
        await clean_graph.execute_query(queries.recompute_typed_relationships(row["type"]), rows=[row.data()])

    assert await fingerprint(clean_graph) == incremental
    counts = await repository.counts()
    assert (counts.claims, counts.typed_relationships) == (7, 3)


async def _recomputed_fingerprint(driver: AsyncDriver) -> object:
    """Fingerprint after recomputing every typed relationship from its claims."""
    triples, _, _ = await driver.execute_query(
        "MATCH (c:Claim)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o) "
        "RETURN DISTINCT s.id AS subject, c.type AS type, o.id AS object, c.triple AS triple"
    )
    for row in triples:
        await driver.execute_query(queries.recompute_typed_relationships(row["type"]), rows=[row.data()])
    return await fingerprint(driver)


async def test_a_curated_relation_later_joined_by_an_extracted_claim_keeps_both(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    await repository.load_actors([CuratedActor(id="ann-lee", name="Ann Lee", kind=EntityKind.PERSON),
                                  CuratedActor(id="bo-park", name="Bo Park", kind=EntityKind.PERSON)])
    await repository.load_relations([
        CuratedRelation(subject="ann-lee", type=RelationType.URGED, object="bo-park",
                        source="minutes 7", date=dt.date(2023, 1, 5)),
    ])
    await ingest_documents([document("Ann Lee (PERSON) URGED Bo Park (PERSON) @0.4")],
                           repository=repository, extractor=LineExtractor(), settings=neo4j_settings)

    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'ann-lee'})-[r:URGED]->(:Entity {id: 'bo-park'}) RETURN r"
    )
    urged = records[0]["r"]
    assert (urged["claims"], urged["documents"], urged["curated"]) == (2, 1, True)
    assert urged["confidence"] == pytest.approx(1.0)
    # The extracted claim is seen at the document's publication date, before the curated one.
    assert (urged["first_seen"].to_native(), urged["last_seen"].to_native()) == (
        dt.date(2022, 9, 15), dt.date(2023, 1, 5))
    incremental = await fingerprint(clean_graph)
    assert await _recomputed_fingerprint(clean_graph) == incremental


async def test_many_claims_of_one_triple_in_one_batch_count_once_each(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    await repository.load_actors([CuratedActor(id="cy", name="Cy", kind=EntityKind.COUNTRY),
                                  CuratedActor(id="dee", name="Dee", kind=EntityKind.PERSON)])
    dates = [dt.date(2021, 6, 1), None, dt.date(2019, 2, 3), dt.date(2024, 4, 4), None]
    relations = [
        CuratedRelation(subject="dee", type=RelationType.SUPPORTED, object="cy",
                        source=f"register {n}", date=date)
        for n, date in enumerate(dates)
    ]
    # The same row twice in one batch is one claim.
    await repository.load_relations([*relations, relations[0]])
    await repository.load_relations(relations)  # and a second load changes nothing

    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'dee'})-[r:SUPPORTED]->(:Entity {id: 'cy'}) RETURN r"
    )
    supported = records[0]["r"]
    assert (supported["claims"], supported["documents"], supported["curated"]) == (5, 0, True)
    assert (supported["first_seen"].to_native(), supported["last_seen"].to_native()) == (
        dt.date(2019, 2, 3), dt.date(2024, 4, 4))
    incremental = await fingerprint(clean_graph)
    assert await _recomputed_fingerprint(clean_graph) == incremental
    counts = await repository.counts()
    assert (counts.claims, counts.typed_relationships) == (5, 1)


def typed_relationships(settings: Settings) -> list[dict[str, object]]:
    env = cli_env(settings)
    auth = (env["KG_NEO4J_USER"], env["KG_NEO4J_PASSWORD"])
    with GraphDatabase.driver(env["KG_NEO4J_URI"], auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.id AS s, type(r) AS type, o.id AS o, "
            "properties(r) AS props ORDER BY s, type, o", database_=settings.neo4j_database
        )
        return [record.data() for record in records]


def test_loading_the_same_relation_file_twice_adds_nothing(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name,kind\ncy,Cy,COUNTRY\ndee,Dee,PERSON\n", encoding="utf-8")
    relations = tmp_path / "relations.csv"
    relations.write_text(
        "subject,type,object,source,date,note\n"
        "dee,SUPPORTED,cy,register,2020-05-01,grant\n"
        "dee,SUPPORTED,cy,ledger,2021-02-01,\n"
        "cy,CRITICIZED,dee,ledger,,\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    env = cli_env(neo4j_settings)
    assert runner.invoke(main, ["load", "actors", str(actors)], env=env).exit_code == 0
    first = runner.invoke(main, ["load", "relations", str(relations)], env=env)
    assert first.exit_code == 0, first.output
    nodes, relationships = node_count(neo4j_settings), typed_relationships(neo4j_settings)
    second = runner.invoke(main, ["load", "relations", str(relations)], env=env)

    assert second.exit_code == 0, second.output
    assert node_count(neo4j_settings) == nodes == 5  # two actors, three claims
    assert typed_relationships(neo4j_settings) == relationships
    assert [(r["type"], r["props"]["claims"]) for r in relationships] == [
        ("CRITICIZED", 1), ("SUPPORTED", 2)]


async def test_adding_a_claim_that_exists_meanwhile_fails_instead_of_counting_it_twice(
    repository: GraphRepository, clean_graph: AsyncDriver
) -> None:
    # load_relations reads which claims exist, then creates the others in the same transaction;
    # a claim another load stored in between must not be counted again.
    await repository.load_actors([CuratedActor(id="cy", name="Cy", kind=EntityKind.COUNTRY),
                                  CuratedActor(id="dee", name="Dee", kind=EntityKind.PERSON)])
    relation = CuratedRelation(subject="dee", type=RelationType.SUPPORTED, object="cy", source="register")
    await repository.load_relations([relation])
    row = {"id": curated_claim_id(relation.source, relation.subject, relation.type, relation.object),
           "subject": "dee", "type": "SUPPORTED", "object": "cy", "source": "register",
           "triple": triple_key(relation.subject, relation.type, relation.object), "text": None, "date": None}

    with pytest.raises(ConstraintError):
        await clean_graph.execute_query(queries.add_curated_claims("SUPPORTED"), rows=[row])

    records, _, _ = await clean_graph.execute_query(
        "MATCH (:Entity {id: 'dee'})-[r:SUPPORTED]->(:Entity {id: 'cy'}) RETURN r.claims AS claims"
    )
    assert [r["claims"] for r in records] == [1]
