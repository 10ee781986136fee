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

import orjson
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.requests import Request
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from kg.api.compiled import CompiledReads, CompiledReadsMiddleware
from kg.api.context import Context, Services, get_context
from kg.api.errors import coded_result
from kg.api.schema import build_schema
from kg.errors import GraphUnavailable
from kg.graph.driver import open_driver
from kg.graph.reads import GraphReader
from kg.graph.schema import apply_schema
from kg.settings import Settings
from kg.web import routes as web_routes

log = logging.getLogger("kg.api")


class CodedErrorsRouter(GraphQLRouter[Context, None]):
    """The GraphQL router whose responses carry ``extensions.code`` on every error."""

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        return process_result(coded_result(result))

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # kg's own GraphiQL page: its scripts are served by kg (strawberry's page uses a CDN).
        return web_routes.graphiql_page(request)

    def encode_json(self, data: object) -> bytes:
        # orjson: encoding the response is a visible share of a request's CPU with json.dumps.
        return orjson.dumps(data)


def _freeze_long_lived_objects() -> None:
    """gc.freeze() once per process, after a collection (so garbage is not kept forever).
    A request allocates a few hundred objects; the collections that triggers otherwise walk the
    schema, the driver and every module again and again (about a tenth of the compiled read
    path's CPU, measured by replaying an actor query's records)."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def create_app(settings: Settings) -> FastAPI:
    """The kg API for ``settings``; Neo4j is connected when the app starts (lifespan)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = await open_driver(settings)
        try:
            changed = await apply_schema(driver, settings)
            if changed:
                log.info("graph schema: %d change(s) applied", len(changed))
            reader = GraphReader(driver, settings)
            app.state.services = Services(settings=settings, driver=driver, reader=reader)
            if settings.api_gc_freeze:
                _freeze_long_lived_objects()
            yield
        finally:
            await driver.close()

    app = FastAPI(
        title="kg",
        summary="Who does what to whom, read from news, with its evidence.",
        lifespan=lifespan,
    )
    schema = build_schema(settings)
    if settings.api_compiled:
        # Added before CORS so that CORS stays the outer middleware for both paths.
        compiled = CompiledReads(schema, settings)
        app.state.compiled = compiled
        app.add_middleware(CompiledReadsMiddleware, compiled=compiled)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key"],
        )

    graphql = CodedErrorsRouter(schema, context_getter=get_context, graphql_ide="graphiql")
    app.include_router(graphql, prefix="/graphql")
    web_routes.mount(app)

    @app.get("/health")
    async def health() -> JSONResponse:
        """200 when Neo4j answers, 503 otherwise."""
        services: Services = app.state.services
        try:
            await services.reader.ping()
        except GraphUnavailable as error:
            return JSONResponse({"status": "unavailable", "neo4j": str(error)}, status_code=503)
        return JSONResponse({"status": "ok", "neo4j": "ok"})

    return app
