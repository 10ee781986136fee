"""The anonymous budget's one watchdog timer cuts off each request past its budget, and only those:
overlapping requests each in turn, a request done in time never, a cancellation from elsewhere
is not taken for the budget's."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest
from pydantic import SecretStr

from kg.api.budget import GRACE_S, AnonymousBudget
from kg.settings import load_settings

BUDGET_S = 0.05


def budget_around(app: Any) -> AnonymousBudget:
    return AnonymousBudget(app, load_settings(api_anonymous_budget_s=BUDGET_S, api_key=None))


async def call(budget: AnonymousBudget, headers: list[tuple[bytes, bytes]] | None = None) -> list[Any]:
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "path": "/graphql", "method": "POST", "headers": headers or [],
             "query_string": b""}
    await budget(scope, receive, send)
    return sent


def too_complex(sent: list[Any]) -> bool:
    body = orjson.loads(sent[-1]["body"])
    return sent[0]["status"] == 200 and body["errors"][0]["extensions"]["code"] == "TOO_COMPLEX"


async def answer(send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def test_overlapping_slow_requests_are_each_cut_off() -> None:
    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(30)

    budget = budget_around(slow_app)

    async def later(delay: float) -> list[Any]:
        await asyncio.sleep(delay)
        return await call(budget)

    # Started 0, 0.1 and 0.2 s apart: the timer set for the first must be set again for the others.
    results = await asyncio.wait_for(asyncio.gather(later(0), later(0.1), later(0.2)), timeout=10)
    assert all(too_complex(sent) for sent in results)


async def test_a_request_done_in_time_is_never_cancelled_afterwards() -> None:
    async def quick_app(scope: Any, receive: Any, send: Any) -> None:
        await answer(send)

    budget = budget_around(quick_app)
    sent = await call(budget)
    assert sent[-1]["body"] == b"{}"
    # The same task goes on past the request's cut-off (a keep-alive client's next wait).
    await asyncio.sleep(BUDGET_S + GRACE_S + 0.1)
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]


async def test_a_cancellation_from_elsewhere_is_not_the_budgets() -> None:
    started = asyncio.Event()

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        started.set()
        await asyncio.sleep(30)

    budget = budget_around(slow_app)
    task = asyncio.create_task(call(budget))
    await started.wait()
    task.cancel()  # e.g. the client went away
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_request_with_the_api_key_is_not_limited() -> None:
    async def slower_app(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(BUDGET_S + GRACE_S + 0.1)
        await answer(send)

    settings = load_settings(api_anonymous_budget_s=BUDGET_S, api_key=SecretStr("k-0123456789"))
    sent = await call(AnonymousBudget(slower_app, settings), headers=[(b"x-api-key", b"k-0123456789")])
    assert sent[-1]["body"] == b"{}"
