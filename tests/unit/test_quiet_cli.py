"""A quiet, scriptable command line (issue #12.6): the driver's notifications and retries are
debug log records, errors are one line naming the cause, exit statuses are the README's."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.cli.common import one_line, problem_line
from kg.errors import Problem
from kg.logs import quiet_driver_logs

ROOT = Path(__file__).resolve().parents[2]

NOTIFICATION = (
    "Received notification from DBMS server: <GqlStatusObject gql_status='01N52', "
    "status_description='warn: property key does not exist.'>"
)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_driver_notifications_and_retries_never_reach_the_terminal() -> None:
    code = (
        "import logging; from kg.logs import configure_cli_logging; configure_cli_logging(0);"
        f"logging.getLogger('neo4j.notifications').warning({NOTIFICATION!r});"
        "logging.getLogger('neo4j.session').warning("
        "'Transaction failed and will be retried in 1.0s (DeadlockDetected)');"
        "logging.getLogger('kg.test').warning('kg itself still warns')"
    )
    result = run_python(code)
    assert "GqlStatusObject" not in result.stderr and "will be retried" not in result.stderr
    assert "kg itself still warns" in result.stderr


def test_driver_messages_are_debug_records_shown_by_verbose_logging() -> None:
    code = (
        "import logging; from kg.logs import configure_cli_logging; configure_cli_logging(2);"
        f"logging.getLogger('neo4j.notifications').warning({NOTIFICATION!r})"
    )
    result = run_python(code)
    assert "DEBUG neo4j.notifications: Received notification" in result.stderr


def test_a_script_that_never_configures_logging_sees_no_driver_warnings() -> None:
    # What kg.connect() does: Python's last-resort handler prints WARNING records otherwise.
    code = (
        "import logging; from kg.logs import quiet_driver_logs; quiet_driver_logs();"
        f"logging.getLogger('neo4j.notifications').warning({NOTIFICATION!r})"
    )
    assert run_python(code).stderr == ""


def test_demoted_records_keep_their_message() -> None:
    quiet_driver_logs()
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("neo4j.notifications")
    handler = Keep(level=logging.DEBUG)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        logger.warning("something the server said")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert [(r.levelname, r.getMessage()) for r in records] == [("DEBUG", "something the server said")]


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port: int = probe.getsockname()[1]
    return port


def test_nothing_listening_is_one_line_naming_the_port() -> None:
    port = _closed_port()
    env = {"KG_NEO4J_URI": f"bolt://127.0.0.1:{port}", "KG_NEO4J_PASSWORD": "whatever-pass",
           "KG_NEO4J_QUERY_TIMEOUT_S": "5"}
    result = CliRunner().invoke(main, ["retract", "doc-0000000000000000"], env=env)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"nothing is listening on 127.0.0.1:{port}" in lines[0]


def test_problem_lines_stay_on_one_line() -> None:
    line = problem_line("ingest", Problem("news/a\nb.txt", "empty file: no text to read"))
    assert line == "kg ingest: news/a\\x0ab.txt: empty file: no text to read"
    assert one_line("tab\there") == "tab\\x09here"


def test_ingest_needs_paths_or_watch() -> None:
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 2 and "--watch DIR" in result.stderr
    result = CliRunner().invoke(main, ["ingest", "a.txt", "--follow-deletes"])
    assert result.exit_code == 2 and "--follow-deletes goes with --watch" in result.stderr
    result = CliRunner().invoke(main, ["ingest", "--watch", ".", "--force"])
    assert result.exit_code == 2 and "--force does not go with --watch" in result.stderr


def test_serve_names_the_map_and_graphiql_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    served: dict[str, object] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.update(options))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "27399"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "0.0.0.0" and served["port"] == 27399
    assert "the map at http://127.0.0.1:27399/, GraphiQL at http://127.0.0.1:27399/graphql" in result.stderr
    result = CliRunner().invoke(main, ["serve", "--host", "::1", "--port", "27399"])
    assert served["host"] == "::1" and "the map at http://[::1]:27399/" in result.stderr


def test_help_documents_exit_statuses_and_json() -> None:
    top = CliRunner().invoke(main, ["--help"])
    assert "Exit status" in top.stdout and "-v, --verbose" in top.stdout
    ingest = CliRunner().invoke(main, ["ingest", "--help"])
    for words in ("--json", "--watch", "--follow-deletes", "Exit status"):
        assert words in ingest.stdout
