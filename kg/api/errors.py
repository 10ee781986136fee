"""GraphQL errors with a machine-readable code and never a stack trace.

Every error in a response carries ``extensions.code``:

* the ``code`` of the :class:`kg.errors.KGError` a resolver raised (``NOT_FOUND``,
  ``INVALID_INPUT``, ``UNAUTHORIZED``, ``TOO_COMPLEX``, ...), with its message;
* ``GRAPH_UNAVAILABLE`` with a fixed message: the driver's own words name the database's
  address, which is nobody's business but the server log's;
* ``INVALID_INPUT`` for a query that does not parse or validate (including the depth, token
  and alias limits) and for variable values their type refuses (graphql-core and strawberry
  raise a GraphQLError for those, which the error wraps), with graphql-core's message;
* ``TOO_COMPLEX`` when graphql-core gave up validating (its work budget ran out);
* ``INVALID_INPUT`` (or the status's code) for a request the HTTP layer refuses: a body that
  is not JSON, not UTF-8 or not an object (see :func:`http_error_body`);
* ``INTERNAL_ERROR`` for anything else, with a fixed message: the details go to the server log.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from graphql.validation.validate import ValidationAbortedError
from strawberry.types import ExecutionResult

from kg.errors import GraphUnavailable, InvalidInput, KGError, NotFound, TooComplex

log = logging.getLogger("kg.api")

INTERNAL_ERROR = "INTERNAL_ERROR"
INTERNAL_MESSAGE = "Internal error; the server log has the details."
UNAVAILABLE_MESSAGE = "The graph database is unavailable or did not answer in time; try again shortly."
ABORTED_MESSAGE = (
    "The query is too complex to validate: too many fields with one response name or "
    "overlapping fragments. Ask for each field once."
)


class Unauthorized(KGError):
    """A mutation without the configured API key, or any mutation when no key is configured."""

    code = "UNAUTHORIZED"


def error_code(error: GraphQLError) -> str:
    original = error.original_error
    if isinstance(original, KGError):
        return original.code
    if isinstance(error, ValidationAbortedError):
        return TooComplex.code
    # No original error: a document that does not parse or validate. A GraphQLError as the
    # original: a value that a scalar or enum refused (a variable's value, an argument).
    if original is None or isinstance(original, GraphQLError):
        return InvalidInput.code
    return INTERNAL_ERROR


def coded_error(error: GraphQLError) -> GraphQLError:
    """The error as the client sees it: same location and path, a code, no internals."""
    code = error_code(error)
    original = error.original_error
    message = str(original) if isinstance(original, KGError) else error.message
    if code == INTERNAL_ERROR:
        message = INTERNAL_MESSAGE
    elif code == GraphUnavailable.code:
        message = UNAVAILABLE_MESSAGE
    elif code == TooComplex.code and not isinstance(original, TooComplex):
        message = ABORTED_MESSAGE
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


# Codes for the HTTP layer's own refusals (strawberry's HTTPException), by status.
HTTP_STATUS_CODES = {401: "UNAUTHORIZED", 403: "UNAUTHORIZED", 404: NotFound.code, 413: TooComplex.code}


def http_error_body(status: int, message: str, *, code: str | None = None) -> dict[str, object]:
    """The GraphQL-shaped body of a request refused outside GraphQL execution (by the HTTP
    layer: status 4xx; or cut off: ``code``)."""
    code = code or HTTP_STATUS_CODES.get(status, InvalidInput.code)
    return {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}


def log_errors(errors: list[GraphQLError]) -> None:
    """Unexpected errors with their traceback; expected ones (KGError, bad queries) in one line."""
    for error in errors:
        if error_code(error) == INTERNAL_ERROR:
            log.error("GraphQL resolver failed: %s", error.message, exc_info=error.original_error)
        else:
            log.info("GraphQL request failed: %s", error.message)
