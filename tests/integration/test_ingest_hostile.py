"""Hostile input never costs a batch (issue #14 items 1-4, 6, 7), against a real Neo4j."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from neo4j import AsyncDriver

from kg.cli import main
from kg.graph.repository import GraphRepository
from kg.ingest import ingest_documents
from kg.model import IngestSummary
from kg.settings import Settings
from tests.integration.ingest_support import (
    KG_WITH_LINES,
    LineExtractor,
    cli_env,
    corpus,
    document,
    fingerprint,
)

pytestmark = pytest.mark.integration



def kg_cli(settings: Settings, *args: str) -> Result:
    """`kg ...` in this process, with the line extractor (no spaCy) and the session's Neo4j."""
    return CliRunner().invoke(main, list(args), env=cli_env(settings), obj={"extractor": LineExtractor()})


async def test_a_100k_character_url_is_stored_found_and_replaced_by_its_key(
    repository: GraphRepository, neo4j_settings: Settings
) -> None:
    url = "https://news.example/story?" + "q" * 100_000
    first = document("Ann Lee (PERSON) MET Cy Ray (PERSON)", url=url)
    summary = await ingest_documents([first, *corpus(3)], repository=repository, extractor=LineExtractor(),
                                     settings=neo4j_settings)
    assert (summary.new, summary.failed) == (4, 0), summary.problems
    stored = await repository.document_by_url(url)
    assert stored is not None and stored.url == url and stored.id == first.id

    edited = document("Ann Lee (PERSON) URGED Cy Ray (PERSON)", url=url)
    again = await ingest_documents([edited], repository=repository, extractor=LineExtractor(),
                                   settings=neo4j_settings)
    assert (again.new, again.replaced) == (0, 1)
    assert (await repository.retract_document(url)).documents == [edited.id]


async def test_a_write_neo4j_refuses_costs_only_that_document(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    # An index kg does not have makes Neo4j refuse one document's (huge) title, as it refused
    # a 999,999-character entity id before names had a maximum length.
    await clean_graph.execute_query(
        "CREATE INDEX test_document_title IF NOT EXISTS FOR (d:Document) ON (d.title)"
    )
    await clean_graph.execute_query("CALL db.awaitIndexes(60)")
    try:
        docs = corpus(6)
        docs[2] = docs[2].model_copy(update={"title": "t" * 40_000})
        summary = await ingest_documents(docs, repository=repository, extractor=LineExtractor(),
                                         settings=neo4j_settings.model_copy(update={"ingest_batch_size": 50}))
    finally:
        await clean_graph.execute_query("DROP INDEX test_document_title IF EXISTS")
    assert (summary.new, summary.failed) == (5, 1)
    (problem,) = summary.problems
    assert problem.source == docs[2].source
    assert "not stored: Neo4j refused the write: Property value is too large to index" in problem.message
    assert "unavailable" not in problem.message
    assert (await repository.counts()).documents == 5


async def test_two_concurrent_ingests_store_and_count_each_document_once(
    repository: GraphRepository, clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    docs = corpus(40)
    settings = neo4j_settings.model_copy(update={"ingest_batch_size": 8})

    def ingest() -> Coroutine[Any, Any, IngestSummary]:
        return ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=settings)

    first, second = await asyncio.gather(ingest(), ingest())
    together = await fingerprint(clean_graph)

    assert first.new + second.new == 40
    assert first.unchanged + second.unchanged == 40
    assert first.failed == second.failed == 0
    await clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    await ingest_documents(docs, repository=repository, extractor=LineExtractor(), settings=settings)
    assert await fingerprint(clean_graph) == together  # the same graph as one ingest alone


def test_good_and_empty_files_exit_0_and_name_the_empty_one(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
    empty.write_bytes(b"")

    mixed = kg_cli(neo4j_settings, "ingest", str(good), str(empty))
    only_bad = kg_cli(neo4j_settings, "ingest", str(empty))

    assert mixed.exit_code == 0, mixed.output
    assert "documents: 1 new, 0 unchanged, 0 replaced, 1 failed" in mixed.stdout
    assert f"kg ingest: {empty}: empty file: no text to read" in mixed.stderr
    assert only_bad.exit_code == 1
    assert "nothing could be ingested: 1 document(s) failed" in only_bad.stderr


def test_json_summary_names_the_failed_documents(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Ann Lee (PERSON) MET Cy Ray (PERSON)"}\n{"title": "no text"}\n',
                    encoding="utf-8")
    result = kg_cli(neo4j_settings, "ingest", str(feed), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["failed"], summary["claims"]) == (1, 1, 1)
    assert summary["problems"] == [
        {"source": str(feed), "message": "text is missing", "line": 2, "field": "text"}
    ]


def test_a_fifo_and_a_surrogate_do_not_cost_the_batch(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Bo Park (PERSON) URGED Cy Ray (PERSON)\\n\\ud800", "title": "\\udfff"}\n', encoding="utf-8"
    )
    latin1_name = tmp_path / os.fsdecode(b"caf\xe9.txt")  # not valid UTF-8
    latin1_name.write_text("Dee Ng (PERSON) MET Ann Lee (PERSON)", encoding="utf-8")

    result = kg_cli(neo4j_settings, "ingest", str(tmp_path))

    assert result.exit_code == 0, result.output
    assert "documents: 3 new, 0 unchanged, 0 replaced, 1 failed" in result.stdout
    assert f"{tmp_path}/pipe.txt: not a regular file (a FIFO (named pipe)): skipped" in result.stderr
    assert f"warning: {tmp_path}/feed.jsonl:1: 2 invalid characters" in result.stderr
    assert "Traceback" not in result.output


def test_retract_finds_a_file_stored_under_another_path(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    stored, copy = tmp_path / "stored.txt", tmp_path / "elsewhere" / "copy.txt"
    stored.write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
    copy.parent.mkdir()
    copy.write_bytes(stored.read_bytes())
    assert kg_cli(neo4j_settings, "ingest", str(stored)).exit_code == 0

    result = kg_cli(neo4j_settings, "retract", str(copy))

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("retracted doc-")
    again = kg_cli(neo4j_settings, "retract", str(copy))
    assert again.exit_code == 1 and "nor the content of that file" in again.stderr


def test_retract_takes_a_json_lines_file_for_its_records(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Ann Lee (PERSON) MET Cy Ray (PERSON)"}\n'
                    '{"text": "Bo Park (PERSON) URGED Cy Ray (PERSON)"}\n', encoding="utf-8")
    assert kg_cli(neo4j_settings, "ingest", str(feed)).exit_code == 0
    result = kg_cli(neo4j_settings, "retract", str(feed))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("doc-") == 2


def test_two_concurrent_kg_ingest_are_quiet_and_store_each_document_once(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    for doc in corpus(60):
        (tmp_path / (doc.source or "x")).write_text(doc.text, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, **cli_env(neo4j_settings), "PYTHONPATH": str(root)}
    command = [sys.executable, "-c", KG_WITH_LINES, "ingest", str(tmp_path), "--batch-size", "5", "--json"]
    processes = [subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    outputs = [process.communicate(timeout=600) for process in processes]

    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        for noise in ("Deadlock", "retried", "GqlStatusObject", "Traceback"):
            assert noise not in stderr
    summaries = [json.loads(stdout) for stdout, _ in outputs]
    assert sum(summary["new"] for summary in summaries) == 60
    assert sum(summary["unchanged"] for summary in summaries) == 60
