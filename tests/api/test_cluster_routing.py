"""The API as it runs against a cluster, exercised on the single test server through a
``neo4j://`` (routing) URI: the driver asks the server for a routing table and sends reads to a
reader and writes to the writer, as it would with a cluster or Aura.

* every read is a managed READ transaction (``driver.execute_query`` routed READ: to a
  reader), every write a WRITE one;
* a transient error in a read is retried by the driver (fault injected into the first attempt);
* a mutation answers with the bookmarks of its writes (X-KG-Bookmarks), and a request that
  sends them back reads after those writes; bookmarks that are not bookmarks are a client
  mistake (400 / INVALID_INPUT), never a 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from neo4j import WRITE_ACCESS, AsyncDriver, RoutingControl
from neo4j.exceptions import TransientError

from kg.api.context import BOOKMARKS_HEADER
from kg.settings import Settings
from tests.api.conftest import API_KEY, Api, start_api

pytestmark = pytest.mark.api

STORY = "The Harbour League urged Norland to talk. Norland met the Harbour League in May."


@pytest.fixture
async def routed(clean_graph: AsyncDriver, api_settings: Settings) -> AsyncIterator[Api]:
    """The app over the test server, connected with a neo4j:// URI (routing driver)."""
    assert api_settings.neo4j_uri is not None
    address = api_settings.neo4j_uri.split("://", 1)[1]
    async for started in start_api(api_settings.model_copy(update={"neo4j_uri": f"neo4j://{address}"})):
        yield started


def record_sessions(api: Api, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(access mode of the session, transaction kind) of every transaction the app runs; for
    driver.execute_query, (its routing, "execute_query")."""
    driver = api.app.state.services.driver
    open_session: Callable[..., Any] = driver.session
    execute_query: Callable[..., Any] = driver.execute_query
    seen: list[tuple[str, str]] = []

    async def query(*args: Any, **kwargs: Any) -> Any:
        seen.append((str(kwargs.get("routing_", RoutingControl.WRITE)), "execute_query"))
        return await execute_query(*args, **kwargs)

    def session(*args: Any, **kwargs: Any) -> Any:
        real = open_session(*args, **kwargs)
        mode = kwargs.get("default_access_mode", WRITE_ACCESS)
        for kind in ("execute_read", "execute_write", "run"):
            original: Callable[..., Any] = getattr(real, kind)

            async def recorded(*call: Any, _original: Any = original, _kind: str = kind, **more: Any) -> Any:
                seen.append((mode, _kind))
                return await _original(*call, **more)

            setattr(real, kind, recorded)
        return real

    monkeypatch.setattr(driver, "session", session)
    monkeypatch.setattr(driver, "execute_query", query)
    return seen


async def test_reads_are_routed_read_transactions_and_writes_write_transactions(
    routed: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver = routed.app.state.services.driver
    assert type(driver).__name__ == "AsyncNeo4jDriver"  # the routing driver, not a direct one
    seen = record_sessions(routed, monkeypatch)
    keyed = {"x-api-key": API_KEY}
    ingested = await routed.post(
        "mutation ($t: String!) { ingestDocument(text: $t, published: \"2024-05-01\") { status } }",
        {"t": STORY}, headers=keyed,
    )
    assert ingested["data"]["ingestDocument"]["status"] == "NEW", ingested
    writes = list(seen)
    seen.clear()
    data = await routed.data('{ actors(search: "norland") { edges { node { id '
                             "relations { totalCount edges { node { evidence { text } } } } } } } }")
    assert data["actors"]["edges"][0]["node"]["relations"]["totalCount"] >= 1
    assert seen and all(entry == (str(RoutingControl.READ), "execute_query") for entry in seen), seen
    assert (WRITE_ACCESS, "execute_write") in writes, writes


async def test_a_transient_error_in_a_read_is_retried(routed: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    driver = routed.app.state.services.driver
    execute_query: Callable[..., Any] = driver.execute_query
    attempts: list[int] = []

    async def flaky_query(*args: Any, **kwargs: Any) -> Any:
        # The result transformer runs inside the managed transaction: its error is the read's.
        transform: Callable[..., Any] = kwargs["result_transformer_"]

        async def first_attempt_fails(result: Any) -> Any:
            attempts.append(1)
            if len(attempts) == 1:
                raise TransientError("the database is busy (injected)")
            return await transform(result)

        return await execute_query(*args, **{**kwargs, "result_transformer_": first_attempt_fails})

    monkeypatch.setattr(driver, "execute_query", flaky_query)
    data = await routed.data("{ stats { actors } }")
    assert data["stats"]["actors"] == 0
    assert len(attempts) == 2


async def test_a_client_reads_its_own_writes_with_the_bookmarks_it_is_given(routed: Api) -> None:
    keyed = {"x-api-key": API_KEY}
    response = await routed.client.post(
        "/graphql",
        json={"query": "mutation ($t: String!) { ingestDocument(text: $t) { status documentId } }",
              "variables": {"t": STORY}},
        headers=keyed,
    )
    body = response.json()
    assert body["data"]["ingestDocument"]["status"] == "NEW", body
    bookmarks = response.headers.get(BOOKMARKS_HEADER)
    assert bookmarks, "a mutation names the writes it made"
    document_id = body["data"]["ingestDocument"]["documentId"]
    # Another client (or another API process) sending these bookmarks reads after the write.
    later = await routed.client.post(
        "/graphql",
        json={"query": "query ($id: ID!) { document(id: $id) { id } }", "variables": {"id": document_id}},
        headers={BOOKMARKS_HEADER: bookmarks},
    )
    assert later.status_code == 200 and later.json()["data"]["document"]["id"] == document_id
    # A read carries no bookmarks of its own.
    plain = await routed.client.post("/graphql", json={"query": "{ stats { documents } }"})
    assert BOOKMARKS_HEADER not in plain.headers


@pytest.mark.parametrize("header", ["not a bookmark", "x" * 2000, ",".join(["FB:a"] * 100)])
async def test_malformed_bookmarks_are_a_client_mistake(routed: Api, header: str) -> None:
    response = await routed.client.post(
        "/graphql", json={"query": "{ stats { documents } }"}, headers={BOOKMARKS_HEADER: header}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_bookmarks_of_another_database_are_a_client_mistake(routed: Api) -> None:
    response = await routed.client.post(
        "/graphql", json={"query": "{ stats { documents } }"}, headers={BOOKMARKS_HEADER: "FB:kcwQbogus"}
    )
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
