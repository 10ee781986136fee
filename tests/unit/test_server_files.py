"""The managed server's bookkeeping, without starting Neo4j (no Java process is launched)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import ConfigError, GraphUnavailable
from kg.graph import server
from kg.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "kg", neo4j_bolt_port=7999, neo4j_http_port=7998)


@pytest.fixture
def fake_maven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `mvn` on PATH that records its calls; it copies a fake jar or fails (FAKE_MVN_FAIL=1)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "mvn"
    script.write_text(
        "#!/bin/sh\n"
        'echo "$@" >> "$FAKE_MVN_CALLS"\n'
        'if [ "$FAKE_MVN_FAIL" = 1 ]; then echo "[ERROR] Could not transfer artifact"; exit 1; fi\n'
        "for arg in \"$@\"; do case $arg in -DoutputDirectory=*) out=${arg#-DoutputDirectory=};; esac; done\n"
        'mkdir -p "$out" && touch "$out/neo4j-server-5.26.30.jar" "$out/neo4j-bolt-5.26.30.jar"\n'
        'echo "Downloaded from central: https://repo/neo4j-server-5.26.30.jar (1 kB at 1 MB/s)"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    calls = tmp_path / "mvn-calls"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_MVN_CALLS", str(calls))
    monkeypatch.setattr(server, "MAVEN_RETRY_PAUSES_S", (0.0, 0.0))
    return calls


def test_config_binds_localhost_on_the_configured_ports(settings: Settings) -> None:
    path = server.write_config(settings)
    entries = dict(
        line.split("=", 1)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    home = settings.neo4j_home
    assert entries == {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": "127.0.0.1:7999",
        "server.http.listen_address": "127.0.0.1:7998",
        "server.bolt.advertised_address": "127.0.0.1:7999",
        "server.http.advertised_address": "127.0.0.1:7998",
        "server.https.enabled": "false",
        "dbms.usage_report.enabled": "false",
        "server.memory.pagecache.size": settings.neo4j_pagecache,
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "browser.post_connect_cmd": f"style http://127.0.0.1:{settings.api_port}/browser/style.grass; "
        f"guide http://127.0.0.1:{settings.api_port}/browser/guide.html",
        "browser.remote_content_hostname_whitelist": "127.0.0.1,localhost,guides.neo4j.com",
        "client.allow_telemetry": "false",
    }
    assert (home / "data").is_dir() and (home / "logs").is_dir()


def test_browser_login_link_fills_in_the_connection_and_user(settings: Settings) -> None:
    link = server.browser_login_url(settings.model_copy(update={"neo4j_user": "analyst"}))

    assert link == "http://127.0.0.1:7998/browser/?dbms=bolt%3A%2F%2Fanalyst%40127.0.0.1%3A7999"


def test_private_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "secret" / "neo4j-password"
    server._write_private(target, "pw-one\n")
    server._write_private(target, "pw-two\n")
    assert target.read_text(encoding="utf-8") == "pw-two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_stored_password_is_read_back(settings: Settings) -> None:
    assert server.stored_password(settings) is None
    server._write_private(server.ServerLayout.of(settings).password_file, "abc-123-xyz\n")
    assert server.stored_password(settings) == "abc-123-xyz"


def test_status_of_a_never_started_server(settings: Settings) -> None:
    state = server.status(settings)
    assert not state.running
    assert state.pid is None
    assert state.installed_version is None
    assert state.bolt_uri == "bolt://127.0.0.1:7999"
    assert state.browser_url == "http://127.0.0.1:7998/browser/"


def test_pid_file_naming_another_process_is_never_signalled(settings: Settings) -> None:
    layout = server.ServerLayout.of(settings)
    layout.run_dir.mkdir(parents=True)
    # Our own pid: alive, but not this home's Neo4j (a stale file whose pid was reused).
    layout.pid_file.write_text(f"{os.getpid()}\n", encoding="ascii")
    assert server.status(settings).pid is None
    assert server.stop(settings) is None
    assert not layout.pid_file.exists()


def test_configured_ports_are_read_back_from_the_written_config(settings: Settings) -> None:
    conf = server.write_config(settings)
    assert server.configured_ports(conf) == {"bolt": 7999, "http": 7998}
    assert server.configured_ports(conf.with_name("missing.conf")) == {}


def test_start_against_a_server_running_on_other_ports_names_them(
    settings: Settings, tmp_path: Path
) -> None:
    layout = server.ServerLayout.of(settings)
    server.write_config(load_settings(data_dir=tmp_path / "kg", neo4j_bolt_port=7717, neo4j_http_port=7504))
    # A live process whose command line is this home's Neo4j (sleep stands in for the JVM).
    sleeper = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", server.ENTRY_POINT, f"--home-dir={layout.home}"]
    )
    try:
        layout.pid_file.write_text(f"{sleeper.pid}\n", encoding="ascii")
        with pytest.raises(ConfigError, match="KG_NEO4J_BOLT_PORT=7717 KG_NEO4J_HTTP_PORT=7504"):
            server.start(settings)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_stop_when_nothing_runs_reports_none(settings: Settings) -> None:
    assert server.stop(settings) is None


def test_tail_log_returns_the_last_lines(settings: Settings) -> None:
    log = server.ServerLayout.of(settings).console_log
    log.parent.mkdir(parents=True)
    log.write_text("".join(f"line {n}\n" for n in range(1, 5001)), encoding="utf-8")
    assert server.tail_log(settings, lines=3) == ["line 4998", "line 4999", "line 5000"]
    assert server.tail_log(settings, lines=10_000)[0] == "line 1"


def test_tail_log_before_any_start_says_so(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="not been started"):
        server.tail_log(settings)


def test_missing_maven_names_it_and_the_alternatives(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ConfigError) as caught:
        server.install(settings, progress=lambda _: None)
    message = str(caught.value)
    assert "Maven" in message and "mvn" in message
    assert "KG_NEO4J_URI" in message and "docker compose" in message


def test_missing_java_names_it_and_the_alternatives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(ConfigError) as caught:
        server.find_java()
    message = str(caught.value)
    assert "Java" in message
    assert "KG_NEO4J_URI" in message and "docker compose" in message


def test_install_copies_jars_once_and_records_the_version(
    settings: Settings, fake_maven: Path
) -> None:
    messages: list[str] = []
    server.install(settings, progress=messages.append)
    layout = server.ServerLayout.of(settings)
    assert (layout.lib_dir / "neo4j-server-5.26.30.jar").exists()
    assert server.is_installed(settings)
    assert server.installed_version(settings) == "5.26.30 browser 5.24.0"
    assert "<version>5.26.30</version>" in (layout.maven_dir / "pom.xml").read_text(encoding="utf-8")
    assert any("Maven Central" in message for message in messages)
    server.install(settings, progress=messages.append)
    assert len(fake_maven.read_text(encoding="utf-8").splitlines()) == 1


def test_failed_download_is_retried_then_explained(
    settings: Settings, fake_maven: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MVN_FAIL", "1")
    with pytest.raises(GraphUnavailable) as caught:
        server.install(settings, progress=lambda _: None)
    calls = fake_maven.read_text(encoding="utf-8").splitlines()
    assert len(calls) == server.MAVEN_ATTEMPTS
    assert "-U" in calls[-1].split()  # later attempts do not trust Maven's cached failure
    message = str(caught.value)
    assert "Could not transfer artifact" in message
    assert "KG_NEO4J_URI" in message and "docker compose" in message
    assert not server.is_installed(settings)
    assert not server.ServerLayout.of(settings).lib_dir.exists()


@pytest.fixture
def bolt_like_listener() -> Iterator[int]:
    """A listener that answers one handshake with a Bolt version, like Neo4j does."""
    listener = socket.create_server(("127.0.0.1", 0))
    port: int = listener.getsockname()[1]

    def answer() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(20)
            connection.sendall(b"\x00\x00\x04\x05")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield port
    thread.join(timeout=5)
    listener.close()


def test_bolt_handshake_is_recognised(bolt_like_listener: int) -> None:
    assert server.bolt_answers(bolt_like_listener)


def test_closed_port_does_not_answer_bolt() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    assert not server.bolt_answers(port)


def test_follow_log_yields_only_lines_appended_later(settings: Settings) -> None:
    log = server.ServerLayout.of(settings).console_log
    log.parent.mkdir(parents=True)
    log.write_text("old line\n", encoding="utf-8")
    done = threading.Event()

    def keep_appending() -> None:
        while not done.is_set():
            with log.open("a", encoding="utf-8") as handle:
                handle.write("new line\n")
            done.wait(0.05)

    writer = threading.Thread(target=keep_appending, daemon=True)
    lines = server.follow_log(settings, poll_s=0.01)
    writer.start()
    try:
        assert [next(lines), next(lines)] == ["new line", "new line"]
    finally:
        done.set()
        writer.join()
        lines.close()
