"""A budget of server time for each GraphQL request made without the API key.

Anyone may read; nobody should be able to keep the server busy for long with one request.
:class:`AnonymousBudget` (ASGI middleware around ``/graphql``) gives such a request
``api_anonymous_budget_s`` seconds:

* its deadline goes to the request's context (``request.state``), whose reader gives each
  Neo4j statement only the time left as its transaction timeout: Neo4j stops the work itself,
  and the statement's field answers ``TOO_COMPLEX`` (see :meth:`GraphReader.within`);
* a little later (:data:`GRACE_S`) the request as a whole is cut off, whatever it is doing
  (parsing, Python work on a large answer), and answers ``TOO_COMPLEX``.

The cut-off is one watchdog timer per middleware, not a timer per request: requests under way are
kept with their cut-off times, and the timer, set for the earliest of them, cancels the tasks of
the requests past theirs and is set again for the next. Every request has the same budget, so a
new request's cut-off is never earlier than one already kept: it needs a timer only when none
is set. (``asyncio.timeout_at`` per request made, scheduled and cancelled a timer handle for
each; their cancelled handles stay in the event loop's heap until it is cleaned.) The
cancellation is turned into the answer as ``asyncio.timeout`` does it: only a cancellation the
watchdog made (``Task.uncancel``) is a timeout; any other propagates.

Requests with the configured API key are not limited (they are the operator's own tools).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

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


class _Watched:
    """A request under way: its task and when it is cut off; ``fired`` once the watchdog
    cancelled the task."""

    __slots__ = ("cutoff", "fired", "task")

    def __init__(self, task: asyncio.Task[Any], cutoff: float) -> None:
        self.task = task
        self.cutoff = cutoff
        self.fired = False


class AnonymousBudget:
    """ASGI middleware: the time budget above for requests to ``path`` without the API key."""

    def __init__(self, app: ASGIApp, settings: Settings, path: str = "/graphql") -> None:
        self.app = app
        self.settings = settings
        self.budget_s = settings.api_anonymous_budget_s
        self.path = path
        # Whether an API key is configured: without one no request has it (no header read).
        self.keyed = bool(settings.api_key and settings.api_key.get_secret_value())
        self._watched: set[_Watched] = set()
        # The watchdog timer, and its loop (an app may be served by more than one loop, one
        # after the other, as in tests: a timer of a closed loop never fires).
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None

    def _watch(self, watched: _Watched, loop: asyncio.AbstractEventLoop) -> None:
        self._watched.add(watched)
        if self._timer is None or self._timer_loop is not loop:
            self._timer = loop.call_at(watched.cutoff, self._cut_off, loop)
            self._timer_loop = loop

    def _cut_off(self, loop: asyncio.AbstractEventLoop) -> None:
        """The watchdog: cancel the requests past their cut-off, wait for the next one."""
        self._timer = None
        now = loop.time()
        following: float | None = None
        for watched in self._watched:
            if watched.fired or watched.task.get_loop() is not loop:
                continue
            if watched.cutoff <= now:
                watched.fired = True
                watched.task.cancel()
            elif following is None or watched.cutoff < following:
                following = watched.cutoff
        if following is not None:
            self._timer = loop.call_at(following, self._cut_off, loop)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        if self.keyed and is_api_key(self.settings, api_key_from(Request(scope))):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.budget_s
        scope.setdefault("state", {})[DEADLINE_STATE] = deadline
        task = asyncio.current_task()
        assert task is not None  # an ASGI app is called from a task
        cancelling = task.cancelling()
        watched = _Watched(task, deadline + GRACE_S)
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        self._watch(watched, loop)
        try:
            await self.app(scope, receive, tracked)
            return
        except asyncio.CancelledError:
            # Ours only if the watchdog cancelled the task and nobody else did too (the rule of
            # asyncio.timeout); then the request's work is abandoned and it answers TOO_COMPLEX.
            if not watched.fired:
                raise
            watched.fired = False  # this cancellation is accounted for here
            if task.uncancel() > cancelling:
                raise
        finally:
            self._watched.discard(watched)
            if watched.fired:  # the app swallowed the cancellation: it is spent all the same
                task.uncancel()
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
