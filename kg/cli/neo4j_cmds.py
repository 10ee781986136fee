"""``kg neo4j start|stop|status|browser|logs|install``, ``kg status`` and ``kg schema apply``."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from kg.errors import KGError
from kg.graph import server
from kg.graph.admin import GraphStatus
from kg.settings import Settings, load_settings

P = ParamSpec("P")
R = TypeVar("R")

# LSB init-script convention: status exits 3 when the service is not running.
EXIT_NOT_RUNNING = 3


def _reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a KGError into one clear line on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _progress(text: str) -> None:
    click.echo(f"kg: {text}", err=True)


def _uri_note(settings: Settings) -> None:
    if settings.neo4j_uri:
        click.echo(
            f"Note: KG_NEO4J_URI={settings.neo4j_uri} is set, so kg uses that server, "
            "not the managed one.",
            err=True,
        )


@click.group("neo4j")
def neo4j_group() -> None:
    """The managed local Neo4j Community server.

    kg uses it when KG_NEO4J_URI (or NEO4J_URI) is not set. The first start fetches Neo4j
    Community (server, Bolt, Browser) from Maven Central with `mvn` (needs Java 17+ and
    Maven; a few minutes once). Everything lives in KG_DATA_DIR/neo4j (default
    ~/.local/share/kg/neo4j): jars in lib/, the graph in data/ (kept between runs), logs in
    logs/. The generated password is in KG_DATA_DIR/neo4j-password (mode 0600). Ports:
    KG_NEO4J_BOLT_PORT (7687) and KG_NEO4J_HTTP_PORT (7474, Neo4j Browser at /browser/; `kg neo4j
    browser` prints a login link, and the Browser applies kg's style and opens the kg guide on
    connect when the kg API runs).

    Alternatives: set KG_NEO4J_URI/KG_NEO4J_USER/KG_NEO4J_PASSWORD to use any Neo4j 5.26+,
    or run `docker compose up -d neo4j`.
    """


@neo4j_group.command("start")
@_reports_errors
def start_command() -> None:
    """Start the managed Neo4j and wait until it answers on Bolt.

    Does nothing if it already runs. Fetches the jars first if needed. The server runs in
    the background (its own session) until `kg neo4j stop`; waits at most
    KG_NEO4J_START_TIMEOUT_S seconds for it to answer.
    """
    settings = load_settings()
    _uri_note(settings)
    before = server.status(settings)
    state = server.start(settings, progress=_progress)
    verb = "already running" if before.running and before.pid == state.pid else "started"
    click.echo(f"Neo4j {verb} (pid {state.pid}): {state.bolt_uri}, Browser {state.browser_url}")
    click.echo(f"User neo4j, password in {server.ServerLayout.of(settings).password_file}")


@neo4j_group.command("stop")
@click.option(
    "--timeout",
    type=float,
    default=server.STOP_TIMEOUT_S,
    show_default=True,
    help="Seconds to wait for a clean shutdown before giving up.",
)
@_reports_errors
def stop_command(timeout: float) -> None:
    """Stop the managed Neo4j cleanly (SIGTERM, then wait until it has exited).

    The graph stays on disk and is there again on the next start.
    """
    settings = load_settings()
    pid = server.stop(settings, timeout_s=timeout)
    click.echo("Neo4j was not running." if pid is None else f"Neo4j stopped (pid {pid}).")


@neo4j_group.command("status")
@_reports_errors
def status_command() -> None:
    """Whether the managed Neo4j runs, where it lives and where to reach it.

    Exits 0 when it runs and answers on Bolt, 3 when it does not.
    """
    settings = load_settings()
    _uri_note(settings)
    state = server.status(settings)
    if state.running:
        summary = f"running (pid {state.pid})"
    elif state.pid is not None:
        summary = f"process {state.pid} alive but Bolt not answering (starting or stuck?)"
    else:
        summary = "not running"
    rows = [
        ("Neo4j", summary),
        ("Bolt", state.bolt_uri),
        ("Browser", state.browser_url),
        ("Installed", state.installed_version or "not yet (fetched on first start)"),
        ("Home", str(state.home)),
        ("Log", str(state.log_file)),
    ]
    for name, value in rows:
        click.echo(f"{name:<10} {value}")
    if not state.running:
        sys.exit(EXIT_NOT_RUNNING)


@neo4j_group.command("browser")
@click.option("--show-password", is_flag=True, help="Print the password itself, not only where it is.")
@click.option("--open", "open_page", is_flag=True, help="Also open the link in your web browser.")
@_reports_errors
def browser_command(show_password: bool, open_page: bool) -> None:
    """Where Neo4j Browser is and how to log in.

    Prints a link that opens the managed server's Browser with the connection and user filled
    in, the user, and the file holding the password (mode 0600). On connect the Browser applies
    kg's style and opens the kg guide, both served by the kg API (`kg serve` or `kg up`).
    Exits 3 when the managed server is not running.
    """
    settings = load_settings()
    if settings.neo4j_uri:
        click.echo(f"kg uses {settings.neo4j_uri}, not the managed server: open that server's Neo4j "
                   f"Browser and log in as {settings.neo4j_user} with the password in KG_NEO4J_PASSWORD.")
        return
    state = server.status(settings)
    link = server.browser_login_url(settings)
    password_file = server.ServerLayout.of(settings).password_file
    password = server.stored_password(settings)
    rows = [
        ("Browser", link),
        ("User", settings.neo4j_user),
        ("Password", password if show_password and password else f"in {password_file} (mode 0600)"),
        ("Style", f"kg's, applied on connect from {server.api_url(settings)} "
                  + ("(answering)" if _api_answers(settings) else "(not answering: run `kg serve`)")),
    ]
    for name, value in rows:
        click.echo(f"{name:<10} {value}")
    if not state.running:
        click.echo("The managed Neo4j is not running; start it with `kg neo4j start` (or `kg up`).", err=True)
        sys.exit(EXIT_NOT_RUNNING)
    if open_page:
        import webbrowser

        webbrowser.open(link)


def _api_answers(settings: Settings) -> bool:
    """Whether the kg API serves Neo4j Browser's style right now."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{server.api_url(settings)}/browser/style.grass", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@neo4j_group.command("logs")
@click.option(
    "-n", "--lines", type=click.IntRange(min=1), default=50, show_default=True, help="How many lines."
)
@click.option("-f", "--follow", is_flag=True, help="Keep printing new lines until Ctrl-C.")
@click.option(
    "--file",
    "which",
    type=click.Choice(server.LOG_NAMES),
    default="console",
    show_default=True,
    help="console = the server's own output (startup errors land here); debug = details.",
)
@_reports_errors
def logs_command(lines: int, follow: bool, which: server.LogName) -> None:
    """Print the last lines of the managed Neo4j's log."""
    settings = load_settings()
    for line in server.tail_log(settings, lines=lines, which=which):
        click.echo(line)
    if follow:
        with contextlib.suppress(KeyboardInterrupt):
            for line in server.follow_log(settings, which=which):
                click.echo(line)


@neo4j_group.command("install")
@_reports_errors
def install_command() -> None:
    """Only fetch the Neo4j jars from Maven Central (done by `start` when needed)."""
    settings = load_settings()
    server.install(settings, progress=_progress)
    click.echo(f"Neo4j {server.installed_version(settings)} in {server.ServerLayout.of(settings).lib_dir}")


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@_reports_errors
def graph_status_command(as_json: bool) -> None:
    """The Neo4j kg uses: version, edition, URI and counts per label and relationship type.

    With no KG_NEO4J_URI this is the managed server; it is not started by this command
    (exit status 3 when it is not running).
    """
    settings = load_settings()
    if not settings.neo4j_uri and not server.status(settings).running:
        click.echo("The managed Neo4j is not running; start it with `kg neo4j start`.", err=True)
        sys.exit(EXIT_NOT_RUNNING)
    state = asyncio.run(_graph_status(settings))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "uri": state.uri,
                    "database": state.database,
                    "version": state.version,
                    "edition": state.edition,
                    "agent": state.server_agent,
                    "nodes": state.nodes_by_label,
                    "relationships": state.relationships_by_type,
                },
                indent=2,
            )
        )
        return
    click.echo(f"Neo4j     {state.version} {state.edition} ({state.server_agent})")
    click.echo(f"URI       {state.uri}{'' if settings.neo4j_uri else ' (managed by kg)'}")
    click.echo(f"Database  {state.database}")
    _echo_counts("Nodes by label", state.nodes_by_label)
    _echo_counts("Relationships by type", state.relationships_by_type)


def _echo_counts(title: str, counts: dict[str, int]) -> None:
    click.echo(f"{title}:" + ("" if counts else " none"))
    width = max((len(name) for name in counts), default=0) + 1
    for name, count in counts.items():
        click.echo(f"  :{name:<{width}} {count:>10,}")


async def _graph_status(settings: Settings) -> GraphStatus:
    from kg.client import AsyncGraph

    async with await AsyncGraph.open(settings) as graph:
        return await graph.status()


@click.group("schema")
def schema_group() -> None:
    """The graph's constraints and indexes (schema/*.cypher)."""


@schema_group.command("apply")
@click.option(
    "--schema-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of *.cypher files (default: the schema/ folder shipped with kg).",
)
@_reports_errors
def schema_apply_command(schema_dir: Path | None) -> None:
    """Create every constraint and index of schema/*.cypher that does not exist yet.

    Files run in name order; applying again changes nothing. Prints what was created.
    """
    changes = asyncio.run(_apply_schema(load_settings(), schema_dir))
    for change in changes:
        click.echo(change)
    click.echo(f"Schema: {len(changes)} change(s)." if changes else "Schema up to date: nothing changed.")


async def _apply_schema(settings: Settings, schema_dir: Path | None) -> list[str]:
    from kg.client import AsyncGraph

    async with await AsyncGraph.open(settings) as graph:
        return await graph.apply_schema(schema_dir)


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kg`` group."""
    group.add_command(neo4j_group)
    group.add_command(graph_status_command)
    group.add_command(schema_group)
