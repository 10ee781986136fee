"""Where kg's and the Neo4j driver's log messages go.

The driver logs what the server says about a query (``Received notification from DBMS server:
<GqlStatusObject ...>``, e.g. "the property `extractor` does not exist" on the first ingest into
an empty database) and every retry of a transaction (``Transaction failed and will be retried``,
e.g. after a deadlock between two concurrent ingests) at WARNING level. With no logging
configured, Python prints WARNING records on stderr, so a script or a terminal would show
multi-line dumps for things that are normal. kg turns the driver's failures into its own
errors (:mod:`kg.errors`), so the driver's records are diagnostics: :func:`quiet_driver_logs`
lowers them to DEBUG, where they stay available to whoever turns debug logging on (``kg -v``,
or ``logging.basicConfig(level=logging.DEBUG)`` in a script).
"""

from __future__ import annotations

import logging
import sys

# Every logger the neo4j driver (5.x and 6.x) logs on. A filter on a logger sees only the
# records logged on that logger itself (not those propagated from its children), hence the list.
DRIVER_LOGGERS = (
    "neo4j",
    "neo4j.notifications",
    "neo4j.session",
    "neo4j.pool",
    "neo4j.io",
    "neo4j.auth_management",
)


class DemoteToDebug(logging.Filter):
    """Rewrites every record it sees to DEBUG level (the message is kept as it is)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            record.levelno = logging.DEBUG
            record.levelname = logging.getLevelName(logging.DEBUG)
        return True


_DEMOTE = DemoteToDebug()


def quiet_driver_logs() -> None:
    """Log the driver's notifications and retries at DEBUG level (idempotent; called whenever kg
    opens a driver)."""
    for name in DRIVER_LOGGERS:
        logger = logging.getLogger(name)
        if _DEMOTE not in logger.filters:
            logger.addFilter(_DEMOTE)


def configure_cli_logging(verbosity: int = 0) -> None:
    """Logging for the ``kg`` command: one stderr handler, WARNING (default), INFO (``-v``) or
    DEBUG (``-vv``, which includes the driver's notifications and retries)."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    quiet_driver_logs()
    root = logging.getLogger()
    root.setLevel(level)
    handlers = [handler for handler in root.handlers if isinstance(handler, _CliHandler)]
    if not handlers:
        handlers = [_CliHandler()]
        root.addHandler(handlers[0])
    for handler in handlers:
        handler.setLevel(level)


class _CliHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The ``kg`` command's one handler: ``LEVEL logger: message`` lines on stderr."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # whatever stderr is now (click's test runner swaps it)
        super().emit(record)
