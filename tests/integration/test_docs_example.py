"""docs/explore_folder.py, the notebook-friendly example of the README, runs and prints what it
promises (so it never rots)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from kg.settings import Settings
from tests.integration.ingest_support import cli_env

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_the_folder_example_ingests_ranks_and_shows_evidence(
    clean_graph: AsyncDriver, neo4j_settings: Settings
) -> None:
    env = {**os.environ, **cli_env(neo4j_settings), "PYTHONPATH": str(ROOT)}
    example = ROOT / "docs" / "explore_folder.py"
    script = [sys.executable, str(example), str(ROOT / "data" / "sample"), "2022-09-15"]

    first = subprocess.run(script, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    again = subprocess.run(script, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)

    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # no driver notifications, no warnings
    lines = first.stdout.splitlines()
    assert lines[0].startswith("documents: 1 new, 0 unchanged, 0 replaced, 0 failed")
    assert any("document(s)" in line and "relation(s)" in line for line in lines[1:6])
    assert sum("\u201c" in line for line in lines) >= 3  # relations printed with their sentences
    assert again.stdout.startswith("documents: 0 new, 1 unchanged")


def test_the_readme_python_examples_run(clean_graph: AsyncDriver, neo4j_settings: Settings) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    code = section[section.index("```python\n") + len("```python\n"):section.index("\n```\n")]
    env = {**os.environ, **cli_env(neo4j_settings), "PYTHONPATH": str(ROOT)}

    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "MEDIATED" in result.stdout  # the first example's relation
    assert "documents: 1 new" in result.stdout
