"""Neo4j stopped in the middle of an ingest: the run fails clearly, a re-run completes the graph
to exactly what an uninterrupted run gives. Uses its own managed server (kg.graph.server) in a
temporary directory on free ports, since the test stops and restarts it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from kg.errors import GraphUnavailable
from kg.graph import admin, server
from kg.graph.driver import open_driver
from kg.graph.repository import GraphRepository
from kg.graph.schema import apply_schema
from kg.ingest import IngestInterrupted, ingest_documents
from kg.model import Extraction, SourceDocument
from kg.settings import Settings
from tests.conftest import managed_test_settings
from tests.integration.ingest_support import LineExtractor, corpus, fingerprint

pytestmark = pytest.mark.integration

DOCUMENTS = 40
BATCH = 5


class StopsNeo4jMidway(LineExtractor):
    """Extracts normally, but stops the server when it reaches document number ``at``.

    Extraction runs ahead of writing by at most the ingest queue (2 batches) plus the batch being
    filled, so with ``at`` = 30 and batches of 5 at least two batches have been committed.
    """

    def __init__(self, settings: Settings, at: int) -> None:
        self.settings = settings
        self.at = at
        self.extracted = 0
        self.stopped = threading.Event()

    def extract(self, doc: SourceDocument) -> Extraction:
        self.extracted += 1
        if self.extracted == self.at:
            server.stop(self.settings)  # in ingest's extraction thread, like real extraction
            self.stopped.set()
        return super().extract(doc)


@pytest.fixture(scope="module")
def managed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    settings = managed_test_settings(tmp_path_factory.mktemp("kg-interrupted-neo4j")).model_copy(
        update={"neo4j_query_timeout_s": 3.0, "ingest_batch_size": BATCH}
    )
    server.start(settings)
    try:
        yield settings.model_copy(update={"neo4j_uri": server.bolt_uri(settings), "neo4j_user": "neo4j"})
    finally:
        server.stop(settings)


async def connect(settings: Settings) -> AsyncDriver:
    driver = await open_driver(settings)
    await apply_schema(driver, settings)
    return driver


@pytest.fixture
async def driver(managed: Settings) -> AsyncIterator[AsyncDriver]:
    driver = await connect(managed)
    await admin.delete_all(driver, managed.neo4j_database)
    yield driver
    await driver.close()


async def test_stopping_neo4j_mid_ingest_then_rerunning_gives_the_uninterrupted_graph(
    managed: Settings, driver: AsyncDriver, tmp_path: Path
) -> None:
    docs = corpus(DOCUMENTS)
    repository = GraphRepository(driver, managed.neo4j_database)
    reference = await ingest_documents(
        docs, repository=repository, extractor=LineExtractor(), settings=managed
    )
    reference_counts, reference_graph = await repository.counts(), await fingerprint(driver)
    await admin.delete_all(driver, managed.neo4j_database)

    stopper = StopsNeo4jMidway(managed, at=30)
    with pytest.raises(IngestInterrupted) as caught:
        await ingest_documents(docs, repository=repository, extractor=stopper, settings=managed)
    await driver.close()
    interrupted = caught.value

    await asyncio.to_thread(server.start, managed)
    resumed_driver = await connect(managed)
    try:
        resumed_repository = GraphRepository(resumed_driver, managed.neo4j_database)
        committed = (await resumed_repository.counts()).documents
        rerun = await ingest_documents(docs, repository=resumed_repository, extractor=LineExtractor(),
                                       settings=managed)
        final_counts, final_graph = await resumed_repository.counts(), await fingerprint(resumed_driver)
    finally:
        await resumed_driver.close()

    assert stopper.stopped.is_set()
    assert isinstance(interrupted, GraphUnavailable)
    assert "Neo4j became unavailable during ingest" in str(interrupted)
    assert "Re-run the same ingest" in str(interrupted)
    # What the interrupted run reports as committed is stored. (A commit whose reply was lost to
    # the shutdown may be stored without being reported; the re-run finds it unchanged.)
    assert 0 < interrupted.summary.new <= committed < DOCUMENTS
    assert (rerun.new, rerun.unchanged, rerun.failed) == (DOCUMENTS - committed, committed, 0)
    assert reference.new == DOCUMENTS
    assert final_counts == reference_counts
    assert final_graph == reference_graph
