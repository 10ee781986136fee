"""A request's context reads its headers as starlette's Headers.get gives them: X-API-Key before
Authorization: Bearer, the first of repeated headers, bookmarks checked, the budget's deadline."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import SecretStr
from starlette.requests import Request

from kg.api.context import BOOKMARKS_HEADER, DEADLINE_STATE, Services, api_key_from, context_of
from kg.api.errors import Unauthorized
from kg.errors import InvalidInput
from kg.graph.reads import GraphReader
from kg.settings import load_settings

KEY = "k-0123456789"


def request(headers: list[tuple[str, str]], state: dict[str, Any] | None = None) -> Request:
    settings = load_settings(api_key=SecretStr(KEY))
    services = Services(settings=settings, driver=None, reader=GraphReader(None, settings))  # type: ignore[arg-type]
    app = SimpleNamespace(state=SimpleNamespace(services=services))
    scope = {
        "type": "http", "method": "POST", "path": "/graphql", "app": app,
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers],
    }
    if state is not None:
        scope["state"] = state
    return Request(scope)


@pytest.mark.parametrize(
    ("headers", "key"),
    [
        ([], None),
        ([("X-API-Key", f" {KEY} ")], KEY),
        ([("Authorization", f"Bearer {KEY}")], KEY),
        ([("Authorization", f"bearer  {KEY}")], KEY),
        ([("Authorization", f"Basic {KEY}")], None),
        ([("Authorization", "Bearer other"), ("X-API-Key", KEY)], KEY),
        ([("X-API-Key", KEY), ("X-API-Key", "second")], KEY),
        ([("X-API-Key", "")], None),
    ],
)
def test_the_api_key_is_read_as_starlette_reads_the_header(
    headers: list[tuple[str, str]], key: str | None
) -> None:
    made = request(headers)
    assert api_key_from(made) == key
    context = context_of(made)
    if key is None:
        with pytest.raises(Unauthorized, match="API key"):
            context.require_api_key()
    else:
        context.require_api_key()


def test_bookmarks_and_the_deadline_reach_the_reader() -> None:
    made = request([(BOOKMARKS_HEADER, "bm:1, bm:2"), (BOOKMARKS_HEADER, "ignored")], {DEADLINE_STATE: 123.0})
    context = context_of(made)
    assert context.reader is not context.services.reader  # bounded and after the bookmarks
    plain = context_of(request([]))
    assert plain.reader is plain.services.reader


def test_a_header_that_cannot_be_bookmarks_is_refused() -> None:
    with pytest.raises(InvalidInput, match=BOOKMARKS_HEADER):
        context_of(request([(BOOKMARKS_HEADER, "a b")]))
