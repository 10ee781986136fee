"""The FastAPI application: ``/graphql`` (with GraphiQL), ``/health`` and the pages of
:mod:`kg.web` (the map at ``/``, Neo4j Browser's style and guide).

:func:`create_app` builds nothing at import time. The lifespan opens the one async driver of
the process, applies the graph schema (constraints, indexes, full-text) and shares a
:class:`kg.api.context.Services` through ``app.state``; each request gets its own context.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from cross_web import HTTPException
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from neo4j import AsyncGraphDatabase
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from kg.api.budget import AnonymousBudget
from kg.api.context import Context, Services, context_of
from kg.api.errors import UNAVAILABLE_MESSAGE, coded_result, http_error_body
from kg.api.schema import build_schema
from kg.errors import GraphUnavailable, InvalidInput
from kg.graph.driver import open_driver
from kg.graph.reads import GraphReader
from kg.graph.schema import apply_schema
from kg.settings import Settings
from kg.web import routes as web_routes

log = logging.getLogger("kg.api")


class CodedErrorsGraphQL(GraphQL[Context, None]):
    """Strawberry's GraphQL ASGI app, whose responses carry ``extensions.code`` on every error,
    including the requests strawberry refuses before execution (answered as JSON, not plain
    text). It is a route of the FastAPI app (not a FastAPI router: dependency injection and
    routing cost a request a fifth of its CPU for nothing the endpoint needs)."""

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        # A fresh context (and loaders) per request; a mutation adds its bookmarks to response.
        try:
            return context_of(request, response)
        except InvalidInput as mistake:  # a malformed header: 400, as strawberry's own refusals
            raise HTTPException(400, str(mistake)) from mistake

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        return process_result(coded_result(result))

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # kg's own GraphiQL page: its scripts are served by kg (strawberry's page uses a CDN).
        return web_routes.graphiql_page(request)

    def encode_json(self, data: object) -> bytes:
        # orjson: encoding the response is a visible share of a request's CPU with json.dumps.
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        """The request body: strict JSON (no NaN or Infinity), UTF-8, an object (or a list,
        which strawberry refuses as a batch). orjson's JSONDecodeError is json's, which
        strawberry answers with 400."""
        value = orjson.loads(data)
        if not isinstance(value, dict | list):
            # The body of a POST, or the 'variables' parameter of a GET.
            message = f"Expected a JSON object (the request, or its 'variables'), not {_kind(value)}."
            raise HTTPException(400, message)
        return value

    async def run(self, request: Request, **given: Any) -> Response:  # type: ignore[override]
        # (Passing no context lets strawberry ask get_context for one.)
        try:
            return await super().run(request, **given)
        except HTTPException as refused:
            status = refused.status_code
            return JSONResponse(http_error_body(status, refused.reason), status_code=status)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a string" if isinstance(value, str) else "a number"


def _freeze_long_lived_objects() -> None:
    """gc.freeze() once per process, after a collection (so garbage is not kept forever).
    A request allocates a few hundred objects; the collections that triggers otherwise walk the
    schema, the driver and every module again and again (about a tenth of a read's CPU,
    measured by replaying an actor query's records)."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def create_app(settings: Settings) -> FastAPI:
    """The kg API for ``settings``; Neo4j is connected when the app starts (lifespan)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A bounded retry time: during an outage a mutation answers GRAPH_UNAVAILABLE at once
        # instead of retrying for neo4j_query_timeout_s (the CLI keeps the longer retries).
        driver = await open_driver(settings, max_retry_time_s=settings.api_retry_time_s)
        try:
            changed = await apply_schema(driver, settings)
            if changed:
                log.info("graph schema: %d change(s) applied", len(changed))
            # One bookmark manager for every session of the process: its reads follow its writes
            # on a cluster too (a reader that has not applied a write yet waits for it).
            bookmarks = AsyncGraphDatabase.bookmark_manager()
            reader = GraphReader(driver, settings, bookmarks=bookmarks)
            app.state.services = Services(
                settings=settings, driver=driver, reader=reader, bookmarks=bookmarks
            )
            if settings.api_gc_freeze:
                _freeze_long_lived_objects()
            yield
        finally:
            await driver.close()

    # The OpenAPI pages describe only /health and /graphql, and /docs loads its scripts from a
    # CDN: off unless api_docs (default: on in development, off in production).
    docs = settings.api_docs_enabled
    app = FastAPI(
        title="kg",
        summary="Who does what to whom, read from news, with its evidence.",
        lifespan=lifespan,
        openapi_url="/openapi.json" if docs else None,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
    )
    schema = build_schema(settings)
    if settings.api_anonymous_budget_s > 0:
        # Inside CORS (so a refusal still carries CORS headers).
        app.add_middleware(AnonymousBudget, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key"],
        )

    # An ASGI app as a route's endpoint: starlette calls it as it is, at exactly /graphql.
    graphql = CodedErrorsGraphQL(schema, graphql_ide="graphiql")
    app.router.routes.append(Route("/graphql", endpoint=graphql, include_in_schema=False))
    web_routes.mount(app)

    @app.get("/health")
    async def health() -> JSONResponse:
        """200 when Neo4j answers, 503 otherwise."""
        services: Services = app.state.services
        try:
            await services.reader.ping()
        except GraphUnavailable as error:
            log.warning("health: %s", error)
            return JSONResponse({"status": "unavailable", "neo4j": UNAVAILABLE_MESSAGE}, status_code=503)
        return JSONResponse({"status": "ok", "neo4j": "ok"})

    return app
