"""A budget of server time for each GraphQL request made without the API key.

Anyone may read; nobody should be able to keep the server busy for long with one request.
:class:`AnonymousBudget` (ASGI middleware around ``/graphql``) gives such a request
``api_anonymous_budget_s`` seconds:

* its deadline goes to the request's context (``request.state``), whose reader gives each
  Neo4j statement only the time left as its transaction timeout: Neo4j stops the work itself,
  and the statement's field answers ``TOO_COMPLEX`` (see :meth:`GraphReader.within`);
* a little later (:data:`GRACE_S`) the request as a whole is cut off, whatever it is doing
  (parsing, Python work on a large answer), and answers ``TOO_COMPLEX``.

Requests with the configured API key are not limited (they are the operator's own tools).
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.api.context import DEADLINE_STATE, api_key_from, is_api_key
from kg.api.errors import http_error_body
from kg.graph.reads import over_budget_message
from kg.settings import Settings

log = logging.getLogger("kg.api")

# Time after the deadline when the whole request is cut off: Neo4j's own timeout (at the
# deadline) then usually ends the work first, with an error that names the field.
GRACE_S = 0.5


class AnonymousBudget:
    """ASGI middleware: the time budget above for requests to ``path`` without the API key."""

    def __init__(self, app: ASGIApp, settings: Settings, path: str = "/graphql") -> None:
        self.app = app
        self.settings = settings
        self.budget_s = settings.api_anonymous_budget_s
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        if is_api_key(self.settings, api_key_from(Request(scope))):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.budget_s
        scope.setdefault("state", {})[DEADLINE_STATE] = deadline
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            async with asyncio.timeout_at(deadline + GRACE_S):
                await self.app(scope, receive, tracked)
        except TimeoutError:
            log.info("request cut off after its budget of %g s", self.budget_s)
            if started:  # pragma: no cover - kg's responses are sent whole, at the end
                return
            body = orjson.dumps(http_error_body(200, over_budget_message(self.budget_s), code="TOO_COMPLEX"))
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
