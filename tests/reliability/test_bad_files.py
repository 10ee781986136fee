"""The hostile-file corpus (tests/reliability/bad_files.py) through `kg extract` and `kg ingest`,
as separate processes with the real extractor, against a real Neo4j: no traceback, every good
file stored (nothing lost), every bad one named on stderr, and a second ingest changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from kg.settings import Settings
from tests.integration.ingest_support import cli_env
from tests.reliability.bad_files import Case, build

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
KG = [sys.executable, "-c", "from kg.cli import main; main(prog_name='kg')"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    return root, build(root)


def kg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **cli_env(settings), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*KG, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        errors="backslashreplace",
    )


def inputs(root: Path, cases: list[Case]) -> list[str]:
    return [str(root), *(path for case in cases for path in case.extra_paths)]


def named_lines(stderr: str, command: str) -> set[str]:
    prefix = f"kg {command}: "
    return {line[len(prefix) :] for line in stderr.splitlines() if line.startswith(prefix)}


def assert_every_bad_input_named(stderr: str, command: str, cases: list[Case]) -> None:
    lines = named_lines(stderr, command)
    escaped = {line.replace("\\x0a", "\n") for line in lines}  # names print on one line
    for case in cases:
        for source in case.named:
            assert any(line.startswith(source + ":") or line.startswith(source + " ") for line in escaped), (
                f"{case.kind}: {source!r} not named by kg {command}"
            )


def test_the_corpus_has_at_least_40_kinds(corpus: tuple[Path, list[Case]]) -> None:
    _, cases = corpus
    assert len(cases) >= 40
    assert sum(bool(case.named) for case in cases) >= 20 and sum(bool(case.stored) for case in cases) >= 20


def test_kg_extract_prints_every_good_document_and_names_every_bad_one(
    corpus: tuple[Path, list[Case]], neo4j_settings: Settings
) -> None:
    root, cases = corpus
    result = kg(neo4j_settings, "extract", *inputs(root, cases))

    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    printed = {json.loads(line)["document"]["source"] for line in result.stdout.splitlines() if line.strip()}
    assert printed == {source for case in cases for source in case.stored}
    assert_every_bad_input_named(result.stderr, "extract", cases)


async def test_kg_ingest_stores_every_good_file_and_names_every_bad_one(
    corpus: tuple[Path, list[Case]], clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    root, cases = corpus
    good = {source for case in cases for source in case.stored}
    bad = sum(len(case.named) for case in cases)

    first = kg(neo4j_settings, "ingest", *inputs(root, cases), "--json")
    records, _, _ = await clean_graph.execute_query("MATCH (d:Document) RETURN d.source AS source")
    again = kg(neo4j_settings, "ingest", *inputs(root, cases), "--json")

    assert first.returncode == 0, first.stderr[-3000:]
    assert "Traceback" not in first.stderr and "GqlStatusObject" not in first.stderr
    summary = json.loads(first.stdout)
    assert (summary["new"], summary["failed"]) == (len(good), bad)
    assert_every_bad_input_named(first.stderr, "ingest", cases)
    assert {record["source"] for record in records} == good  # nothing lost, nothing extra
    assert again.returncode == 0 and "Traceback" not in again.stderr
    repeat = json.loads(again.stdout)
    assert (repeat["new"], repeat["unchanged"], repeat["failed"]) == (0, len(good), bad)
