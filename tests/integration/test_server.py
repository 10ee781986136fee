"""The managed Neo4j, for real: its own server on free ports in a temporary data dir.

Independent of the session's Neo4j from conftest (whichever that is), so these always exercise
kg.graph.server itself: Maven-assembled jars, a detached JVM, the stored password.
"""

from __future__ import annotations

import json
import socket
import stat
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase

from kg.cli import main as kg_cli
from kg.errors import ConfigError
from kg.graph import admin, server
from kg.graph.driver import open_driver
from kg.graph.schema import apply_schema
from kg.settings import Settings
from tests.conftest import managed_test_settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def managed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    settings = managed_test_settings(tmp_path_factory.mktemp("kg-server-test"))
    try:
        yield settings
    finally:
        server.stop(settings)


@pytest.fixture
def running(managed: Settings) -> server.ServerStatus:
    """The module's server, started if a previous test left it stopped."""
    return server.start(managed, progress=lambda _: None)


def _processes_serving(home: Path) -> list[int]:
    """Pids of every Neo4j JVM on this machine whose home is ``home``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if server.ENTRY_POINT in command and f"--home-dir={home}" in command:
            pids.append(int(entry.name))
    return pids


def _run(settings: Settings, query: str) -> list[dict[str, object]]:
    password = server.stored_password(settings)
    assert password is not None
    with GraphDatabase.driver(server.bolt_uri(settings), auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query(query)
        return [record.data() for record in records]


def _cli_env(settings: Settings) -> dict[str, str | None]:
    return {
        "KG_NEO4J_URI": None,
        "NEO4J_URI": None,
        "KG_DATA_DIR": str(settings.data_dir),
        "KG_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "KG_NEO4J_HTTP_PORT": str(settings.neo4j_http_port),
    }


def test_starting_twice_gives_one_server(managed: Settings, running: server.ServerStatus) -> None:
    again = server.start(managed, progress=lambda _: None)
    assert again.pid == running.pid
    assert _processes_serving(managed.neo4j_home) == [running.pid]


def test_status_reports_the_running_server(managed: Settings, running: server.ServerStatus) -> None:
    state = server.status(managed)
    assert state.running and state.bolt_answering
    assert state.pid == running.pid
    assert state.installed_version == f"{managed.neo4j_version} browser {managed.neo4j_browser_version}"
    assert state.bolt_uri == f"bolt://127.0.0.1:{managed.neo4j_bolt_port}"


def test_password_is_stored_privately_and_opens_the_server(
    managed: Settings, running: server.ServerStatus
) -> None:
    password_file = server.ServerLayout.of(managed).password_file
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert _run(managed, "RETURN 1 AS one") == [{"one": 1}]


def test_neo4j_browser_answers_on_the_http_port(managed: Settings, running: server.ServerStatus) -> None:
    with urllib.request.urlopen(running.browser_url, timeout=30) as response:
        assert response.status == 200
        assert "<title>Neo4j Browser</title>" in response.read().decode("utf-8")
    discovery = f"http://127.0.0.1:{managed.neo4j_http_port}/"
    with urllib.request.urlopen(discovery, timeout=30) as response:
        info = json.load(response)
    assert info["neo4j_version"] == managed.neo4j_version
    assert info["neo4j_edition"] == "community"


def test_neo4j_browser_gets_kg_s_style_and_guide_on_connect(
    managed: Settings, running: server.ServerStatus
) -> None:
    config = {row["name"]: row["value"] for row in _run(managed, "CALL dbms.clientConfig()")}
    api = f"http://127.0.0.1:{managed.api_port}"
    assert config["browser.post_connect_cmd"] == (
        f"style {api}/browser/style.grass; guide {api}/browser/guide.html"
    )
    assert "127.0.0.1" in config["browser.remote_content_hostname_whitelist"].split(",")
    assert config["client.allow_telemetry"] in (False, "false")


def test_logs_show_the_start(managed: Settings, running: server.ServerStatus) -> None:
    assert any(line.endswith("Started.") for line in server.tail_log(managed, lines=200))


def test_data_survives_stop_and_start(managed: Settings, running: server.ServerStatus) -> None:
    _run(managed, "MATCH (n:KgServerTestProbe) DELETE n")
    _run(managed, "CREATE (:KgServerTestProbe {value: 42})")

    assert server.stop(managed) == running.pid
    stopped = server.status(managed)
    assert not stopped.running and stopped.pid is None
    assert not server.bolt_answers(managed.neo4j_bolt_port)
    assert _processes_serving(managed.neo4j_home) == []
    assert any(line.endswith("Stopped.") for line in server.tail_log(managed, lines=200))

    restarted = server.start(managed, progress=lambda _: None)
    assert restarted.running and restarted.pid != running.pid
    assert _run(managed, "MATCH (n:KgServerTestProbe) RETURN n.value AS value") == [{"value": 42}]


def test_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    settings = managed_test_settings(tmp_path)
    with socket.create_server(("127.0.0.1", 0)) as squatter:
        taken = squatter.getsockname()[1]
        settings = settings.model_copy(update={"neo4j_bolt_port": taken})
        with pytest.raises(ConfigError) as caught:
            server.start(settings, progress=lambda _: None)
    message = str(caught.value)
    assert f"Port {taken}" in message and "KG_NEO4J_BOLT_PORT" in message
    assert "KG_NEO4J_URI" in message and "docker compose" in message
    assert server.status(settings).pid is None


async def test_graph_layer_works_against_the_managed_server(
    managed: Settings, running: server.ServerStatus, tmp_path: Path
) -> None:
    """open_driver without a URI finds the managed server; schema, status, delete_all on it."""
    assert managed.neo4j_uri is None
    (tmp_path / "010-probe.cypher").write_text(
        "CREATE CONSTRAINT kg_smoke_probe_id IF NOT EXISTS FOR (n:KgSmokeProbe) REQUIRE n.id IS UNIQUE;",
        encoding="utf-8",
    )
    async with await open_driver(managed) as driver:
        probe = "created uniqueness constraint kg_smoke_probe_id on :KgSmokeProbe(id)"
        changed = await apply_schema(driver, managed, tmp_path)
        # The folder's statements, and the relation pages' indexes kg derives from its relation
        # types (always applied; created here unless an earlier test made them).
        assert probe in changed
        assert all(line == probe or line.startswith("created range index relation_") for line in changed)
        assert await apply_schema(driver, managed, tmp_path) == []
        await driver.execute_query(
            "CREATE (:KgSmokeProbe {id: 'a'})-[:KG_SMOKE_LINK]->(:KgSmokeProbe {id: 'b'})"
        )
        state = await admin.graph_status(driver, server.bolt_uri(managed), managed.neo4j_database)
        assert state.version == managed.neo4j_version
        assert state.edition == "community"
        assert state.nodes_by_label["KgSmokeProbe"] == 2
        assert state.relationships_by_type == {"KG_SMOKE_LINK": 1}
        await admin.delete_all(driver, managed.neo4j_database)
        emptied = await admin.graph_status(driver, server.bolt_uri(managed), managed.neo4j_database)
        assert emptied.nodes_by_label == {} and emptied.relationships_by_type == {}
        await driver.execute_query("DROP CONSTRAINT kg_smoke_probe_id IF EXISTS")


def test_cli_status_commands(managed: Settings, running: server.ServerStatus) -> None:
    runner = CliRunner()
    env = _cli_env(managed)
    status = runner.invoke(kg_cli, ["neo4j", "status"], env=env)
    assert status.exit_code == 0, status.output
    assert f"running (pid {running.pid})" in status.output

    _run(managed, "MATCH (n:KgCliProbe) DELETE n")
    _run(managed, "CREATE (:KgCliProbe), (:KgCliProbe)")
    graph = runner.invoke(kg_cli, ["status", "--json"], env=env)
    assert graph.exit_code == 0, graph.output
    report = json.loads(graph.output)
    assert report["edition"] == "community"
    assert report["nodes"]["KgCliProbe"] == 2

    logs = runner.invoke(kg_cli, ["neo4j", "logs", "-n", "5"], env=env)
    assert logs.exit_code == 0 and len(logs.output.splitlines()) == 5


def test_cli_status_of_a_stopped_server_exits_3(tmp_path: Path) -> None:
    settings = managed_test_settings(tmp_path)
    env = _cli_env(settings)
    result = CliRunner().invoke(kg_cli, ["neo4j", "status"], env=env)
    assert result.exit_code == 3
    assert "not running" in result.output
    graph = CliRunner().invoke(kg_cli, ["status"], env=env)
    assert graph.exit_code == 3

