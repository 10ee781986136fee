"""Opening the one AsyncDriver kg uses, and turning driver exceptions into kg errors.

Which Neo4j: ``KG_NEO4J_URI`` (or ``NEO4J_URI``) with ``KG_NEO4J_USER``/``KG_NEO4J_PASSWORD``
when set; otherwise the managed local server of :mod:`kg.graph.server`, started if needed and
opened with the password kg stored for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncGraphDatabase, NotificationDisabledClassification
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import ConfigError, GraphUnavailable
from kg.graph import server
from kg.logs import quiet_driver_logs
from kg.settings import Settings

DEFAULT_BOLT_PORT = 7687
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True, slots=True)
class Connection:
    """Where and as whom kg connects; ``managed`` when it is kg's own local server."""

    uri: str
    user: str
    password: str | None
    managed: bool

    def describe(self) -> str:
        return f"the managed Neo4j at {self.uri}" if self.managed else f"Neo4j at {self.uri}"


def configured_connection(settings: Settings) -> Connection | None:
    """The connection the settings name, or None when kg should use its managed server."""
    if not settings.neo4j_uri:
        return None
    scheme = settings.neo4j_uri.split("://", 1)[0].lower() if "://" in settings.neo4j_uri else ""
    if scheme not in BOLT_SCHEMES:
        raise ConfigError(
            f"KG_NEO4J_URI={settings.neo4j_uri!r} is not a usable Neo4j URI: kg speaks Bolt, so it "
            "must start with " + ", ".join(f"{s}://" for s in BOLT_SCHEMES) + " (e.g. bolt://host:7687)."
        )
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    return Connection(settings.neo4j_uri, settings.neo4j_user, password, managed=False)


def managed_connection(settings: Settings) -> Connection:
    """The managed server's connection (it may not be running; see :func:`server.start`)."""
    return Connection(
        server.bolt_uri(settings), "neo4j", server.stored_password(settings), managed=True
    )


async def resolve_connection(settings: Settings) -> Connection:
    """The configured connection, else the managed server's, starting that server if needed."""
    configured = configured_connection(settings)
    if configured is not None:
        return configured
    # Starting blocks (a Maven download, then ~15 s of JVM start): keep the event loop free.
    await asyncio.to_thread(server.start, settings)
    return managed_connection(settings)


async def open_driver(settings: Settings, *, max_retry_time_s: float | None = None) -> AsyncDriver:
    """An AsyncDriver that has been seen to connect; the caller closes it (or ``async with`` it).

    ``max_retry_time_s``: how long managed transactions are retried when the database fails
    (default: neo4j_query_timeout_s); the API passes a short one so that a write fails fast.

    Raises :class:`GraphUnavailable` when Neo4j does not answer and :class:`ConfigError` when it
    rejects the credentials or the URI is malformed.
    """
    quiet_driver_logs()
    connection = await resolve_connection(settings)
    auth = (connection.user, connection.password) if connection.password is not None else None
    try:
        driver = AsyncGraphDatabase.driver(
            connection.uri,
            auth=auth,
            connection_timeout=settings.neo4j_query_timeout_s,
            # Fail fast when the server is down instead of retrying for the default 30 s.
            max_transaction_retry_time=(
                settings.neo4j_query_timeout_s if max_retry_time_s is None else max_retry_time_s
            ),
            # Statements name every relation type of kg.model (so that Neo4j plans them from its
            # degree store and per-type indexes); a type no relation has yet is not a mistake.
            notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
        )
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(
            f"KG_NEO4J_URI={connection.uri!r} is not a usable Neo4j URI "
            f"(expected e.g. bolt://host:7687 or neo4j://host:7687): {exc}"
        ) from exc
    try:
        with graph_errors(connection):
            await driver.verify_connectivity()
    except ValueError as exc:  # the driver's word for an address it cannot parse or resolve
        await driver.close()
        raise ConfigError(f"KG_NEO4J_URI={connection.uri!r} is not a usable Neo4j URI: {exc}") from exc
    except BaseException:
        await driver.close()
        raise
    return driver


@contextlib.contextmanager
def graph_errors(connection: Connection | None = None) -> Iterator[None]:
    """Re-raise the driver's connection and login failures as kg errors: one line that names the
    cause (wrong password, nothing listening on which port) and what to do about it."""
    try:
        yield
    except AuthError as exc:
        raise ConfigError(login_rejected(connection)) from exc
    except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as exc:
        if connection is not None and connection.managed:
            advice = "see `kg neo4j status` and `kg neo4j logs`."
        else:
            advice = (
                "is it running and is KG_NEO4J_URI right? Unset KG_NEO4J_URI to let kg run its own "
                "managed Neo4j, or start one with `docker compose up -d neo4j`."
            )
        raise GraphUnavailable(f"{unreachable(connection, exc)}; {advice}") from exc


def login_rejected(connection: Connection | None) -> str:
    """One line for a refused login: whose, and where the password kg used comes from."""
    if connection is None:
        return "Neo4j rejected the login: wrong user or password."
    if connection.managed:
        advice = (
            "kg uses the password stored in KG_DATA_DIR/neo4j-password"
            + ("" if connection.password else " (missing)")
            + "; if it was changed in Neo4j Browser, write the new one there"
        )
    else:
        advice = "check KG_NEO4J_USER and KG_NEO4J_PASSWORD"
    return (
        f"{connection.describe()} rejected the login of user {connection.user!r}: wrong user or "
        f"password; {advice}."
    )


def unreachable(connection: Connection | None, exc: BaseException) -> str:
    """Why Neo4j cannot be used, in one line: nothing listening on host:port, a name that does not
    resolve, a timeout, or the database being unavailable."""
    where = connection.describe() if connection else "Neo4j"
    address = bolt_address(connection.uri) if connection else None
    errnos = {error.errno for error in _causes(exc) if isinstance(error, OSError) and error.errno}
    text = " ".join(str(error) for error in _causes(exc))
    if isinstance(exc, DatabaseUnavailable):
        return f"{where} answers, but its database is unavailable ({_one_line(exc)})"
    if address and (errno.ECONNREFUSED in errnos or "Errno 111" in text or "refused" in text.lower()):
        return f"nothing is listening on {address} ({where}: connection refused)"
    if address and ("resolve" in text.lower() or "Name or service not known" in text):
        return f"cannot resolve the host of {address} ({where})"
    if address and (errno.ETIMEDOUT in errnos or "timed out" in text.lower()):
        return f"{where} does not answer on {address} (timed out)"
    return f"{where} does not answer ({_one_line(exc)})"


def bolt_address(uri: str) -> str:
    """``host:port`` of a Bolt URI, the default port (7687) filled in."""
    parsed = urllib.parse.urlsplit(uri)
    host = parsed.hostname or "localhost"
    try:
        port = parsed.port or DEFAULT_BOLT_PORT
    except ValueError:
        port = DEFAULT_BOLT_PORT
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _one_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())
