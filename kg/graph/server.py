"""The managed local Neo4j: a Community server kg assembles from Maven Central and runs itself.

Used when no ``KG_NEO4J_URI`` is configured. Everything lives under ``settings.neo4j_home``
(``<data_dir>/neo4j``)::

    lib/        the server's jars, copied by Maven (org.neo4j:neo4j, neo4j-server, neo4j-bolt,
                neo4j-browser and their dependencies); ``lib/.kg-installed`` records the versions
    conf/       neo4j.conf, rewritten from the settings on every start
    data/       the databases: kept between runs, removed only by hand
    logs/       console.log (the process's stdout/stderr), neo4j.log, debug.log
    run/        kg-neo4j.pid and the start lock
    maven/      the pom used to fetch the jars and the last Maven log

The generated password is stored, mode 0600, in ``<data_dir>/neo4j-password``. The server
process is detached (its own session), so it outlives the command that started it; ``stop``
asks it to shut down cleanly with SIGTERM and waits.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal
from urllib.parse import quote

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DatabaseUnavailable, Neo4jError, ServiceUnavailable

from kg.errors import ConfigError, GraphUnavailable
from kg.settings import Settings

OTHER_OPTIONS = (
    "Other ways to give kg a Neo4j: point it at a running server with "
    "KG_NEO4J_URI=bolt://HOST:7687 plus KG_NEO4J_USER/KG_NEO4J_PASSWORD, "
    "or start Neo4j in Docker with `docker compose up -d neo4j` from the kg checkout "
    "(then KG_NEO4J_URI=bolt://127.0.0.1:7687 and KG_NEO4J_PASSWORD as in docker-compose.yml)."
)

MINIMUM_JAVA = 17
MAVEN_ATTEMPTS = 3
MAVEN_RETRY_PAUSES_S = (10.0, 30.0)
STOP_TIMEOUT_S = 120.0
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The launcher script of the Neo4j distribution adds these; the jars in lib/ need them on Java 17+.
_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

_POM_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by kg: the jars of a Neo4j Community server, fetched with
     mvn dependency:copy-dependencies. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kg.local</groupId>
  <artifactId>kg-neo4j-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId>
      <version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId>
      <version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j-bolt</artifactId>
      <version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId>
      <version>{browser}</version></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
"""

ProgressCallback = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class ServerLayout:
    """Where the managed server keeps each of its parts."""

    home: Path
    password_file: Path

    @classmethod
    def of(cls, settings: Settings) -> ServerLayout:
        return cls(home=settings.neo4j_home, password_file=settings.data_dir / "neo4j-password")

    @property
    def lib_dir(self) -> Path:
        return self.home / "lib"

    @property
    def install_marker(self) -> Path:
        return self.lib_dir / ".kg-installed"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def system_database_dir(self) -> Path:
        return self.data_dir / "databases" / "system"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "kg-neo4j.pid"

    @property
    def lock_file(self) -> Path:
        return self.run_dir / "kg-neo4j.lock"

    @property
    def install_lock_file(self) -> Path:
        return self.run_dir / "kg-install.lock"

    @property
    def maven_dir(self) -> Path:
        return self.home / "maven"

    @property
    def maven_log(self) -> Path:
        return self.maven_dir / "maven.log"

    def log_file(self, which: LogName) -> Path:
        return self.console_log if which == "console" else self.logs_dir / f"{which}.log"


LogName = Literal["console", "neo4j", "debug", "query", "security", "http"]
LOG_NAMES: tuple[LogName, ...] = ("console", "neo4j", "debug", "query", "security", "http")


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """What ``kg neo4j status`` reports about the managed server."""

    home: Path
    installed_version: str | None
    pid: int | None
    bolt_answering: bool
    bolt_uri: str
    browser_url: str
    log_file: Path

    @property
    def running(self) -> bool:
        return self.pid is not None and self.bolt_answering


def bolt_uri(settings: Settings) -> str:
    return f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"


def browser_url(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.neo4j_http_port}/browser/"


def browser_login_url(settings: Settings) -> str:
    """Neo4j Browser with the connection URL and user filled in (the password is typed)."""
    connect = f"bolt://{settings.neo4j_user}@127.0.0.1:{settings.neo4j_bolt_port}"
    return f"{browser_url(settings)}?dbms={quote(connect, safe='')}"


def api_url(settings: Settings) -> str:
    """Where the local kg API (``kg serve``/``kg up``) answers, as a browser on this machine sees it."""
    return f"http://127.0.0.1:{settings.api_port}"


def browser_settings(settings: Settings) -> dict[str, str]:
    """Neo4j Browser settings: on connect, apply kg's style and open the kg guide, both served by
    the kg API (allowed as remote content). Without the API running, Browser shows an error frame
    and its default look."""
    api = api_url(settings)
    return {
        # Browser runs each ';'-separated command with a ':' prefixed.
        "browser.post_connect_cmd": f"style {api}/browser/style.grass; guide {api}/browser/guide.html",
        "browser.remote_content_hostname_whitelist": "127.0.0.1,localhost,guides.neo4j.com",
        # Like dbms.usage_report: Browser sends no usage data home (and shows no banner about it).
        "client.allow_telemetry": "false",
    }


def stored_password(settings: Settings) -> str | None:
    """The password kg generated for the managed server, if it has set one."""
    path = ServerLayout.of(settings).password_file
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def installed_version(settings: Settings) -> str | None:
    """The versions recorded by the last complete Maven download, e.g. ``"5.26.30 browser 5.24.0"``."""
    try:
        return ServerLayout.of(settings).install_marker.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _wanted_version(settings: Settings) -> str:
    return f"{settings.neo4j_version} browser {settings.neo4j_browser_version}"


def is_installed(settings: Settings) -> bool:
    layout = ServerLayout.of(settings)
    return installed_version(settings) == _wanted_version(settings) and any(
        layout.lib_dir.glob("neo4j-server-*.jar")
    )


# --- tools on the PATH ------------------------------------------------------------------------


def find_java() -> str:
    """The ``java`` to run Neo4j with (``$JAVA_HOME/bin/java`` first), checked to be 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if java is None:
        raise ConfigError(
            "Java was not found (no `java` on PATH and no JAVA_HOME): the managed Neo4j needs a "
            f"Java {MINIMUM_JAVA} or 21 runtime, e.g. `apt-get install openjdk-17-jre-headless`. "
            + OTHER_OPTIONS
        )
    major = _java_major_version(java)
    if major is not None and major < MINIMUM_JAVA:
        raise ConfigError(
            f"{java} is Java {major}; Neo4j 5 needs Java {MINIMUM_JAVA} or 21 "
            "(set JAVA_HOME to one). " + OTHER_OPTIONS
        )
    return java


def _java_major_version(java: str) -> int | None:
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        return None
    major = int(found.group(1))
    # Java 8 and older call themselves "1.8".
    return int(found.group(2) or 0) if major == 1 else major


def find_maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ConfigError(
            "Maven was not found (no `mvn` on PATH): kg fetches the Neo4j Community jars from "
            "Maven Central with it once, e.g. `apt-get install maven`. " + OTHER_OPTIONS
        )
    return mvn


# --- installing the jars ----------------------------------------------------------------------


def install(settings: Settings, *, progress: ProgressCallback | None = None) -> None:
    """Fetch the server's jars into ``lib/`` with Maven (retried), unless they are already there.

    The jars are copied into ``lib.partial/`` first and renamed into place only when Maven
    finished, so an interrupted download never leaves a half-filled ``lib/``.
    """
    if is_installed(settings):
        return
    layout = ServerLayout.of(settings)
    mvn = find_maven()
    with _locked(layout, layout.install_lock_file):
        if not is_installed(settings):  # another process may have finished it meanwhile
            _install(settings, layout, mvn, progress or _StderrProgress().message)


def _install(settings: Settings, layout: ServerLayout, mvn: str, report: ProgressCallback) -> None:
    layout.maven_dir.mkdir(parents=True, exist_ok=True)
    pom = layout.maven_dir / "pom.xml"
    pom.write_text(
        _POM_TEMPLATE.format(neo4j=settings.neo4j_version, browser=settings.neo4j_browser_version),
        encoding="utf-8",
    )
    partial = layout.home / "lib.partial"
    report(
        f"Fetching Neo4j Community {settings.neo4j_version} from Maven Central into {layout.lib_dir} "
        "(once; a few minutes on a fresh machine)"
    )
    for attempt in range(1, MAVEN_ATTEMPTS + 1):
        shutil.rmtree(partial, ignore_errors=True)
        ok = _run_maven(mvn, pom, partial, layout.maven_log, report, force_update=attempt > 1)
        if ok:
            break
        if attempt < MAVEN_ATTEMPTS:
            pause = MAVEN_RETRY_PAUSES_S[min(attempt - 1, len(MAVEN_RETRY_PAUSES_S) - 1)]
            report(f"Maven failed (attempt {attempt} of {MAVEN_ATTEMPTS}); retrying in {pause:.0f} s")
            time.sleep(pause)
    else:
        shutil.rmtree(partial, ignore_errors=True)
        raise GraphUnavailable(
            f"Maven could not download Neo4j {settings.neo4j_version} from Maven Central after "
            f"{MAVEN_ATTEMPTS} attempts (network, proxy or ~/.m2/settings.xml?). Last lines of "
            f"{layout.maven_log}:\n{_tail_text(layout.maven_log, 15)}\n" + OTHER_OPTIONS
        )
    jars = sorted(partial.glob("*.jar"))
    if not any(jar.name.startswith("neo4j-server-") for jar in jars):
        raise GraphUnavailable(
            f"Maven finished but {partial} holds no neo4j-server jar; see {layout.maven_log}. "
            + OTHER_OPTIONS
        )
    (partial / ".kg-installed").write_text(_wanted_version(settings) + "\n", encoding="utf-8")
    old = layout.home / "lib.old"
    shutil.rmtree(old, ignore_errors=True)
    if layout.lib_dir.exists():
        layout.lib_dir.rename(old)
    partial.rename(layout.lib_dir)
    shutil.rmtree(old, ignore_errors=True)
    report(f"Neo4j {settings.neo4j_version}: {len(jars)} jars in {layout.lib_dir}")


_DOWNLOADED = re.compile(r"Downloaded from \S+: (\S+)")


def _run_maven(
    mvn: str,
    pom: Path,
    output_dir: Path,
    log_path: Path,
    report: ProgressCallback,
    *,
    force_update: bool,
) -> bool:
    command = [
        mvn,
        "-B",
        "-f",
        str(pom),
        # Maven's own HTTP retries, for the connection resets a long download meets.
        "-Dmaven.wagon.http.retryHandler.count=5",
        "-Dmaven.wagon.httpconnectionManager.ttlSeconds=30",
        "-Daether.connector.http.retryHandler.count=5",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={output_dir}",
        "-DincludeScope=runtime",
    ]
    if force_update:
        command.insert(1, "-U")  # do not trust failures Maven cached on the previous attempt
    downloaded = 0
    with log_path.open("w", encoding="utf-8") as log:
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                cwd=pom.parent,
            )
        except OSError as exc:
            log.write(f"could not run {mvn}: {exc}\n")
            return False
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            found = _DOWNLOADED.search(line)
            if found:
                downloaded += 1
                if downloaded % 25 == 0:
                    name = found.group(1).rsplit("/", 1)[-1]
                    report(f"Maven: {downloaded} files downloaded (latest {name})")
        return process.wait() == 0


class _StderrProgress:
    """Default progress output: one line per message on stderr (works in CI logs, too)."""

    def message(self, text: str) -> None:
        print(f"kg: {text}", file=sys.stderr, flush=True)


# --- configuration and password ---------------------------------------------------------------


def write_config(settings: Settings) -> Path:
    """Write ``conf/neo4j.conf`` from the settings (Neo4j refuses to start on unknown keys)."""
    layout = ServerLayout.of(settings)
    for directory in (
        layout.conf_dir,
        layout.data_dir,
        layout.logs_dir,
        layout.run_dir,
        layout.home / "plugins",
        layout.home / "import",
    ):
        directory.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Written by kg on every `kg neo4j start`: change KG_NEO4J_* settings instead.",
        "server.default_listen_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{settings.neo4j_bolt_port}",
        f"server.http.listen_address=127.0.0.1:{settings.neo4j_http_port}",
        # Advertised = what the discovery page tells Neo4j Browser to connect to.
        f"server.bolt.advertised_address=127.0.0.1:{settings.neo4j_bolt_port}",
        f"server.http.advertised_address=127.0.0.1:{settings.neo4j_http_port}",
        "server.https.enabled=false",
        # A local tool over newsroom data: no usage reports to neo4j.com.
        "dbms.usage_report.enabled=false",
        f"server.memory.pagecache.size={settings.neo4j_pagecache}",
        f"server.directories.data={layout.data_dir}",
        f"server.directories.logs={layout.logs_dir}",
        f"server.directories.plugins={layout.home / 'plugins'}",
        f"server.directories.run={layout.run_dir}",
        f"server.directories.import={layout.home / 'import'}",
        *(f"{key}={value}" for key, value in browser_settings(settings).items()),
    ]
    layout.conf_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return layout.conf_file


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, replacing any previous one atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    tmp.replace(path)


def _ensure_password(settings: Settings, java: str) -> None:
    """Give a never-started server its initial password (kg's stored one, or a new random one)."""
    layout = ServerLayout.of(settings)
    password = stored_password(settings)
    if layout.system_database_dir.exists():
        if password is None:
            raise ConfigError(
                f"The managed Neo4j in {layout.home} already has a database but its password file "
                f"{layout.password_file} is gone. Restore that file, or delete {layout.data_dir} "
                "to start over with an empty graph."
            )
        return
    if password is None:
        given = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        password = given or secrets.token_urlsafe(18)
    if len(password) < 8:
        raise ConfigError("KG_NEO4J_PASSWORD must be at least 8 characters (a Neo4j rule).")
    _write_private(layout.password_file, password + "\n")
    done = subprocess.run(
        [java, "-cp", f"{layout.lib_dir}/*", ADMIN_TOOL, "dbms", "set-initial-password", password],
        env=_neo4j_env(layout),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise GraphUnavailable(
            "Setting the initial Neo4j password failed: " + (done.stderr or done.stdout).strip()[-2000:]
        )


def _neo4j_env(layout: ServerLayout) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(layout.home)
    env["NEO4J_CONF"] = str(layout.conf_dir)
    return env


# --- the process ------------------------------------------------------------------------------

# Servers this Python process launched: kept so they can be reaped (no zombies) when stopped.
_launched: dict[int, subprocess.Popen[bytes]] = {}


def _read_pid(layout: ServerLayout) -> int | None:
    try:
        return int(layout.pid_file.read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return None


def _is_alive(pid: int) -> bool:
    child = _launched.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        done = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
        )
        return done.stdout


def _server_pid(layout: ServerLayout) -> int | None:
    """The pid in the pid file if that process is alive and is this home's Neo4j (not a reused pid)."""
    pid = _read_pid(layout)
    if pid is None or not _is_alive(pid):
        return None
    command = _command_line(pid)
    if ENTRY_POINT not in command or f"--home-dir={layout.home}" not in command:
        return None
    return pid


def bolt_answers(port: int, host: str = "127.0.0.1", timeout_s: float = 2.0) -> bool:
    """Whether something speaking Bolt listens on the port (a version handshake, no login)."""
    handshake = b"\x60\x60\xb0\x17" + b"\x00\x04\x04\x05" + b"\x00\x00\x04\x04" + b"\x00" * 8
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as connection:
            connection.sendall(handshake)
            reply = b""
            while len(reply) < 4:
                chunk = connection.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return True
    except OSError:
        return False


def _accepts_connections(port: int, host: str = "127.0.0.1", timeout_s: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def port_is_free(port: int) -> bool:
    """Whether a server could listen on 127.0.0.1:port now (as uvicorn and Neo4j bind it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextlib.contextmanager
def _locked(layout: ServerLayout, lock_file: Path | None = None) -> Iterator[None]:
    """One start/stop (or one install) at a time per home, across processes."""
    layout.run_dir.mkdir(parents=True, exist_ok=True)
    with (lock_file or layout.lock_file).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def status(settings: Settings) -> ServerStatus:
    layout = ServerLayout.of(settings)
    pid = _server_pid(layout)
    return ServerStatus(
        home=layout.home,
        installed_version=installed_version(settings),
        pid=pid,
        bolt_answering=pid is not None and bolt_answers(settings.neo4j_bolt_port),
        bolt_uri=bolt_uri(settings),
        browser_url=browser_url(settings),
        log_file=layout.console_log,
    )


def start(settings: Settings, *, progress: ProgressCallback | None = None) -> ServerStatus:
    """Start the managed server unless it already runs; return once it answers queries.

    Idempotent: a running server (pid file + live process + Bolt answering) is left alone, and a
    server still starting up is waited for. Installs the jars first if needed.
    """
    layout = ServerLayout.of(settings)
    report = progress or _StderrProgress().message
    with _locked(layout):
        pid = _server_pid(layout)
        if pid is None:
            java = find_java()
            _check_ports_free(settings)
            install(settings, progress=report)
            write_config(settings)
            _ensure_password(settings, java)
            pid = _launch(settings, java)
            report(f"Neo4j starting (pid {pid}), waiting for Bolt on {bolt_uri(settings)}")
        else:
            _check_running_ports(settings, pid)
        _wait_until_ready(settings, pid)
    return status(settings)


def _check_ports_free(settings: Settings) -> None:
    for name, port in (("Bolt", settings.neo4j_bolt_port), ("HTTP", settings.neo4j_http_port)):
        if not port_is_free(port):
            variable = "KG_NEO4J_BOLT_PORT" if name == "Bolt" else "KG_NEO4J_HTTP_PORT"
            raise ConfigError(
                f"Port {port} (the managed Neo4j's {name} port) is already taken by another "
                f"program. Stop it, or choose another port with {variable}=PORT. " + OTHER_OPTIONS
            )


_LISTEN_PORT = re.compile(r"^server\.(bolt|http)\.listen_address=.*:(\d+)\s*$", re.MULTILINE)


def configured_ports(conf_file: Path) -> dict[str, int]:
    """The Bolt and HTTP ports a written ``neo4j.conf`` listens on ({} if there is no file)."""
    try:
        text = conf_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return {protocol: int(port) for protocol, port in _LISTEN_PORT.findall(text)}


def _check_running_ports(settings: Settings, pid: int) -> None:
    """A server already running in this home must listen where the settings say, or waiting is futile."""
    layout = ServerLayout.of(settings)
    running = configured_ports(layout.conf_file)
    wanted = {"bolt": settings.neo4j_bolt_port, "http": settings.neo4j_http_port}
    differing = [
        f"{'KG_NEO4J_BOLT_PORT' if protocol == 'bolt' else 'KG_NEO4J_HTTP_PORT'}={running[protocol]}"
        for protocol, port in wanted.items()
        if protocol in running and running[protocol] != port
    ]
    if differing:
        raise ConfigError(
            f"The managed Neo4j in {layout.home} already runs (pid {pid}) on other ports than "
            f"configured: use {' '.join(differing)} to reach it, or stop it first "
            "(`kg neo4j stop` with those settings)."
        )


def _launch(settings: Settings, java: str) -> int:
    layout = ServerLayout.of(settings)
    command = [
        java,
        f"-Xms{settings.neo4j_heap}",
        f"-Xmx{settings.neo4j_heap}",
        *_JVM_FLAGS,
        "-cp",
        f"{layout.lib_dir}/*",
        ENTRY_POINT,
        f"--home-dir={layout.home}",
        f"--config-dir={layout.conf_dir}",
        "--console-mode",
    ]
    log: IO[bytes]
    with layout.console_log.open("ab") as log:
        log.write(f"\n--- kg: starting Neo4j {settings.neo4j_version} at {time.ctime()}\n".encode())
        log.flush()
        process = subprocess.Popen(
            command,
            cwd=layout.home,
            env=_neo4j_env(layout),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # detached: a Ctrl-C in the starting shell does not stop it
        )
    _launched[process.pid] = process
    tmp = layout.pid_file.with_name(layout.pid_file.name + ".tmp")
    tmp.write_text(f"{process.pid}\n", encoding="ascii")
    tmp.replace(layout.pid_file)
    return process.pid


def _wait_until_ready(settings: Settings, pid: int) -> None:
    """Wait until Bolt answers and the stored password opens the configured database."""
    layout = ServerLayout.of(settings)
    deadline = time.monotonic() + settings.neo4j_start_timeout_s
    password = stored_password(settings) or ""
    last_problem = f"Bolt port {settings.neo4j_bolt_port} not open yet"
    while time.monotonic() < deadline:
        if not _is_alive(pid):
            layout.pid_file.unlink(missing_ok=True)
            raise GraphUnavailable(
                f"Neo4j (pid {pid}) exited while starting. Last lines of {layout.console_log}:\n"
                f"{_tail_text(layout.console_log, 20)}\n" + OTHER_OPTIONS
            )
        # HTTP (Neo4j Browser) comes up a few seconds after Bolt: wait for both.
        bolt_up = bolt_answers(settings.neo4j_bolt_port)
        if bolt_up and not _accepts_connections(settings.neo4j_http_port):
            last_problem = (
                f"Bolt answers but the HTTP port {settings.neo4j_http_port} (KG_NEO4J_HTTP_PORT) does not"
            )
        elif bolt_up:
            try:
                with GraphDatabase.driver(
                    bolt_uri(settings), auth=(settings.neo4j_user, password)
                ) as driver:
                    driver.execute_query("RETURN 1", database_=settings.neo4j_database)
                return
            except AuthError as exc:
                raise ConfigError(
                    f"The managed Neo4j rejected the password stored in {layout.password_file} "
                    "(if it was changed, e.g. in Neo4j Browser, write the new one into that file): "
                    f"{exc}"
                ) from exc
            except (ServiceUnavailable, DatabaseUnavailable, Neo4jError) as exc:
                last_problem = str(exc)
        time.sleep(0.5)
    raise GraphUnavailable(
        f"Neo4j (pid {pid}) did not answer on {bolt_uri(settings)} within "
        f"{settings.neo4j_start_timeout_s:.0f} s (KG_NEO4J_START_TIMEOUT_S); last problem: "
        f"{last_problem}. It may still be starting: see `kg neo4j logs` ({layout.console_log})."
    )


def stop(settings: Settings, *, timeout_s: float = STOP_TIMEOUT_S) -> int | None:
    """Ask the managed server to shut down (SIGTERM) and wait until it has; return its pid.

    Returns None when it was not running. Only the process named in this home's pid file,
    and only if it is this home's Neo4j, is ever signalled.
    """
    layout = ServerLayout.of(settings)
    with _locked(layout):
        pid = _server_pid(layout)
        if pid is None:
            layout.pid_file.unlink(missing_ok=True)
            return None
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _is_alive(pid):
            if time.monotonic() > deadline:
                raise GraphUnavailable(
                    f"Neo4j (pid {pid}) did not stop within {timeout_s:.0f} s of SIGTERM; "
                    f"see {layout.console_log}. If it is stuck: kill -KILL {pid}"
                )
            time.sleep(0.2)
        child = _launched.pop(pid, None)
        if child is not None:
            child.wait()
        layout.pid_file.unlink(missing_ok=True)
        return pid


# --- logs -------------------------------------------------------------------------------------


def tail_log(settings: Settings, lines: int = 50, which: LogName = "console") -> list[str]:
    """The last lines of one of the managed server's log files."""
    path = ServerLayout.of(settings).log_file(which)
    if not path.exists():
        raise ConfigError(f"No log yet at {path}: the managed Neo4j has not been started here.")
    return _tail_lines(path, lines)


def follow_log(settings: Settings, which: LogName = "console", poll_s: float = 0.5) -> Iterator[str]:
    """Lines appended to a log from now on (like ``tail -f``); runs until the caller stops."""
    path = ServerLayout.of(settings).log_file(which)
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        pending = b""
        while True:
            chunk = handle.read()
            if not chunk:
                time.sleep(poll_s)
                continue
            pending += chunk
            *complete, pending = pending.split(b"\n")
            for line in complete:
                yield line.decode("utf-8", errors="replace")


def _tail_lines(path: Path, lines: int) -> list[str]:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        block = 64 * 1024
        data = b""
        position = size
        while position > 0 and data.count(b"\n") <= lines:
            step = min(block, position)
            position -= step
            handle.seek(position)
            data = handle.read(step) + data
    kept: deque[str] = deque(data.decode("utf-8", errors="replace").splitlines(), maxlen=lines)
    return list(kept)


def _tail_text(path: Path, lines: int) -> str:
    try:
        return "\n".join(_tail_lines(path, lines))
    except OSError:
        return f"(no {path})"
