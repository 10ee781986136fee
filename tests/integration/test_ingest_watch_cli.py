"""`kg ingest --watch DIR`: ingests what appears, stops cleanly on Ctrl-C with a summary."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from kg.settings import Settings
from tests.integration.ingest_support import KG_WITH_LINES, cli_env

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]



def read_until(stream: object, text: str, seconds: float = 90.0) -> str:
    """Lines of ``stream`` up to the first that contains ``text``."""
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = stream.readline()  # type: ignore[attr-defined]
        if not line:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"never saw {text!r}; got:\n{''.join(seen)}")


def test_ctrl_c_stops_the_watch_with_a_summary(
    clean_graph: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text("Ann Lee (PERSON) MET Cy Ray (PERSON)", encoding="utf-8")
    env = {**os.environ, **cli_env(neo4j_settings), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", KG_WITH_LINES, "ingest", "--watch", str(inbox), "--json"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        read_until(process.stderr, "documents: 1 new")
        (inbox / "second.txt").write_text("Bo Park (PERSON) URGED Cy Ray (PERSON)", encoding="utf-8")
        read_until(process.stderr, "documents: 1 new")
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    summary = json.loads(stdout)
    assert (summary["new"], summary["failed"], summary["claims"]) == (2, 0, 2)
