"""GraphQL errors with a machine-readable code and never a stack trace.

Every error in a response carries ``extensions.code``:

* the ``code`` of the :class:`kg.errors.KGError` a resolver raised (``NOT_FOUND``,
  ``INVALID_INPUT``, ``GRAPH_UNAVAILABLE``, ``UNAUTHORIZED``, ...), with its message;
* ``INVALID_INPUT`` for a query that does not parse or validate (including the depth, token
  and alias limits), with graphql-core's message;
* ``INTERNAL_ERROR`` for anything else, with a fixed message: the details go to the server log.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.types import ExecutionResult

from kg.errors import InvalidInput, KGError

log = logging.getLogger("kg.api")

INTERNAL_ERROR = "INTERNAL_ERROR"
INTERNAL_MESSAGE = "Internal error; the server log has the details."


class Unauthorized(KGError):
    """A mutation without the configured API key, or any mutation when no key is configured."""

    code = "UNAUTHORIZED"


def error_code(error: GraphQLError) -> str:
    original = error.original_error
    if isinstance(original, KGError):
        return original.code
    if original is None:
        return InvalidInput.code
    return INTERNAL_ERROR


def coded_error(error: GraphQLError) -> GraphQLError:
    """The error as the client sees it: same location and path, a code, no internals."""
    code = error_code(error)
    original = error.original_error
    message = str(original) if isinstance(original, KGError) else error.message
    if code == INTERNAL_ERROR:
        message = INTERNAL_MESSAGE
    extensions: dict[str, object] = {"code": code}
    if isinstance(original, InvalidInput) and original.problems:
        extensions["problems"] = [str(problem) for problem in original.problems]
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


def coded_result(result: ExecutionResult) -> ExecutionResult:
    """The result with every error rewritten by :func:`coded_error` (applied as the response
    is formatted, so it also covers errors raised before execution: parsing, limits)."""
    if result.errors:
        result.errors = [coded_error(error) for error in result.errors]
    return result


def log_errors(errors: list[GraphQLError]) -> None:
    """Unexpected errors with their traceback; expected ones (KGError, bad queries) in one line."""
    for error in errors:
        original = error.original_error
        if original is None or isinstance(original, KGError):
            log.info("GraphQL request failed: %s", error.message)
        else:
            log.error("GraphQL resolver failed: %s", error.message, exc_info=original)
