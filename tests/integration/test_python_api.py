"""The public Python API against a real Neo4j: kg.connect / kg.connect_async, Graph.ingest of every
kind of source, reads returning kg.model objects, retraction, curated lists, and the watcher."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from neo4j import AsyncDriver

import kg
from kg.client import AsyncGraph
from kg.settings import Settings
from tests.integration.ingest_support import LineExtractor

pytestmark = pytest.mark.integration


def connect_with_lines(settings: Settings) -> kg.Graph:
    """kg.connect() to the session's Neo4j, extracting with the line extractor (no spaCy)."""
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    return kg.connect(settings.neo4j_uri, settings.neo4j_user, password, settings.neo4j_database,
                      extractor=LineExtractor())


@pytest.fixture
def graph(clean_graph: AsyncDriver, neo4j_settings: Settings) -> Iterator[kg.Graph]:
    with connect_with_lines(neo4j_settings) as opened:
        yield opened


def test_ingest_takes_texts_paths_files_documents_and_records(graph: kg.Graph, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Bo Park (PERSON) URGED Cy Ray (PERSON)"}\n', encoding="utf-8")

    summary = graph.ingest([
        "Dee Ng (PERSON) ATTACKED Echo City (LOCATION)",
        path,
        kg.files(str(feed)),
        kg.Document(text="Ann Lee (PERSON) CRITICIZED Bo Park (PERSON)", url="https://news.example/1"),
        {"text": "Cy Ray (PERSON) SUPPORTED Dee Ng (PERSON)", "published": "2022-09-15"},
        {"title": "no text"},
    ], published="2022-09-01")
    again = graph.ingest(path)

    assert isinstance(summary, kg.IngestSummary)
    assert (summary.new, summary.failed, summary.claims) == (5, 1, 5)
    status = graph.status()
    assert isinstance(status, kg.GraphStatus) and status.nodes_by_label["Document"] == 5
    assert [(p.source, p.field) for p in summary.problems] == [("<record 6>", "text")]
    assert (again.new, again.unchanged) == (0, 1)


def test_reads_return_model_objects_with_evidence(graph: kg.Graph) -> None:
    graph.ingest([
        "Ann Lee (PERSON) MET Cy Ray (PERSON)\nAnn Lee (PERSON) URGED Bo Park (PERSON) @0.9",
        "Bo Park (PERSON) ATTACKED Echo City (LOCATION)",
        "Cy Ray (PERSON) MET Ann Lee (PERSON)",
    ], published="2022-09-15")

    ann = graph.actor("Ann Lee")
    assert isinstance(ann, kg.StoredEntity) and ann.id == "ann-lee" and ann.kind is kg.EntityKind.PERSON
    assert graph.actor("ann-lee") == ann
    assert graph.actor("Nobody At All") is None

    relations = graph.relations("Ann Lee", evidence=2)
    assert all(isinstance(r, kg.StoredRelation) for r in relations)
    assert [(r.subject.id, r.type, r.object.id) for r in relations] == [
        ("ann-lee", kg.RelationType.MET, "cy-ray"),
        ("cy-ray", kg.RelationType.MET, "ann-lee"),
        ("ann-lee", kg.RelationType.URGED, "bo-park"),
    ]
    urged = relations[2]
    (claim,) = urged.evidence
    assert isinstance(claim, kg.Claim) and claim.text == "Ann Lee (PERSON) URGED Bo Park (PERSON) @0.9"
    assert claim.document is not None and claim.date is not None
    outgoing = graph.relations("ann-lee", direction="OUT", types=["URGED"], evidence=0)
    assert [(r.object.id, r.evidence) for r in outgoing] == [("bo-park", ())]

    path = graph.path("Cy Ray", "Echo City")
    assert path is not None
    first, *rest = path
    assert first.type is kg.RelationType.MET and {first.subject.id, first.object.id} == {"ann-lee", "cy-ray"}
    assert [(hop.subject.id, hop.type.value, hop.object.id) for hop in rest] == [
        ("ann-lee", "URGED", "bo-park"), ("bo-park", "ATTACKED", "echo-city"),
    ]
    assert all(len(hop.evidence) == 1 for hop in path)
    assert graph.path("Cy Ray", "Echo City", max_hops=2) is None

    top = graph.top_actors(2)
    assert [(count.actor.id, count.documents) for count in top] == [("ann-lee", 2), ("bo-park", 2)]
    assert graph.actors("Ann")[0].id == "ann-lee"
    with pytest.raises(kg.NotFound):
        graph.relations("Nobody At All")


def test_retract_load_actors_and_relations(graph: kg.Graph, tmp_path: Path) -> None:
    summary = graph.ingest(kg.Document(text="Ann Lee (PERSON) MET Cy Ray (PERSON)", url="https://news.example/a"))
    assert summary.new == 1
    un = kg.CuratedActor(id="un", name="United Nations", kind=kg.EntityKind.ORGANIZATION)
    assert graph.load_actors([un]) == 1
    relation = kg.CuratedRelation(
        subject="un", type=kg.RelationType.SUPPORTED, object="ann-lee", source="dataset-1"
    )
    assert graph.load_relations([relation]) == 1
    with pytest.raises(kg.InvalidInput, match="unknown actor id 'nobody'"):
        graph.load_relations([relation.model_copy(update={"object": "nobody"})])

    retraction = graph.retract("https://news.example/a")
    assert isinstance(retraction, kg.Retraction) and retraction.claims == 1
    assert graph.actor("cy-ray") is None  # nothing supports it any more
    assert graph.actor("ann-lee") is not None  # the curated relation still does
    with pytest.raises(kg.NotFound):
        graph.retract("https://news.example/a")


async def test_the_async_graph_is_the_same_api_awaited(
    clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    async with kg.connect_async(settings=neo4j_settings, extractor=LineExtractor()) as graph:
        assert isinstance(graph, AsyncGraph)
        summary = await graph.ingest(["Ann Lee (PERSON) MET Cy Ray (PERSON)"])
        assert summary.new == 1
        relations = await graph.relations("Cy Ray")
        assert [r.type for r in relations] == [kg.RelationType.MET]
    opened = await kg.connect_async(settings=neo4j_settings)
    try:
        assert (await opened.actor("cy-ray")) is not None
    finally:
        await opened.close()


def test_connect_reports_a_refused_login_in_one_line(neo4j_settings: Settings) -> None:
    with pytest.raises(kg.ConfigError, match="rejected the login of user 'neo4j': wrong user or password"):
        kg.connect(neo4j_settings.neo4j_uri, "neo4j", "not-the-password")


def test_connect_works_inside_a_running_event_loop(
    neo4j_settings: Settings, clean_graph: AsyncDriver
) -> None:
    # A notebook runs its own loop: the sync Graph must not need to own the caller's thread.
    async def inside() -> int:
        with connect_with_lines(neo4j_settings) as graph:
            return graph.ingest("Ann Lee (PERSON) MET Cy Ray (PERSON)").new

    assert asyncio.run(inside()) == 1


# --- the watcher ---------------------------------------------------------------------------


def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the watcher did not catch up"
        time.sleep(0.2)


def test_watch_ingests_new_and_changed_files_and_follows_deletes(
    graph: kg.Graph, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
    rounds: list[kg.IngestSummary] = []
    stop = threading.Event()
    result: list[kg.IngestSummary] = []
    watcher = threading.Thread(target=lambda: result.append(graph.watch(
        inbox, follow_deletes=True, debounce_ms=400, stop=stop, on_change=rounds.append)))
    watcher.start()
    try:
        wait_for(lambda: sum(r.new for r in rounds) == 1)
        (inbox / ".hidden.txt").write_text("Bo Park (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
        (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")
        staged = tmp_path / "second.txt"
        staged.write_text("Bo Park (PERSON) URGED Cy Ray (PERSON)", encoding="utf-8")
        staged.rename(inbox / "second.txt")
        wait_for(lambda: sum(r.new for r in rounds) == 2)
        (inbox / "first.txt").write_text("Ann Lee (PERSON) ATTACKED Echo City (LOCATION)", encoding="utf-8")
        wait_for(lambda: sum(r.replaced for r in rounds) == 1)
        (inbox / "second.txt").unlink()
        wait_for(lambda: sum(r.retracted for r in rounds) == 1)
    finally:
        stop.set()
        watcher.join(60)
    assert not watcher.is_alive()
    (total,) = result
    assert (total.new, total.replaced, total.retracted, total.failed) == (2, 1, 1, 0)
    assert graph.actor("bo-park") is None  # only the deleted file mentioned it
    assert [(r.type.value, r.object.id) for r in graph.relations("ann-lee")] == [("ATTACKED", "echo-city")]
