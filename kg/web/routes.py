"""The routes of :mod:`kg.web` on the FastAPI app: the map at ``/``, its files under
``/static/``, the offline GraphiQL page for ``/graphql`` and Neo4j Browser's style and guide.

Every page loads scripts only from ``/static/`` (copied npm packages, see :mod:`kg.web.assets`);
when those are missing the page says how to install them instead of failing half-drawn.
"""

from __future__ import annotations

import html
import logging

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request

from kg.web import assets, browser

log = logging.getLogger("kg.web")

# Neo4j Browser (another origin: the Neo4j HTTP port) fetches the style and the guide.
_BROWSER_HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"}


def _missing_assets_page(what: str) -> HTMLResponse:
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>kg: {html.escape(what)}"
        "</title><link rel='icon' href='data:,'></head><body style='font-family:sans-serif;margin:2em'>"
        f"<h1>kg {html.escape(what)}</h1><p>kg: {html.escape(assets.INSTALL_HINT)}.</p>"
        "<p>The GraphQL API itself works: POST queries to <code>/graphql</code>.</p></body></html>"
    )
    return HTMLResponse(body, status_code=503)


def _page(request: Request, name: str, what: str) -> HTMLResponse:
    if assets.missing():
        return _missing_assets_page(what)
    text = (assets.STATIC_DIR / name).read_text(encoding="utf-8")
    # Behind a proxy that mounts kg under a prefix, the page's links follow it.
    root = request.scope.get("root_path", "").rstrip("/")
    return HTMLResponse(text.replace("{{root}}", html.escape(root)))


def graphiql_page(request: Request) -> HTMLResponse:
    """GraphiQL from the copied graphiql/react UMD builds (strawberry's own page uses a CDN)."""
    return _page(request, "graphiql.html", "GraphiQL")


def mount(app: FastAPI) -> None:
    """Add the map, its static files and Neo4j Browser's style and guide to ``app``."""
    gaps = assets.missing()
    if gaps:
        log.warning("kg: %s", assets.INSTALL_HINT)
    assets.STATIC_DIR.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=assets.STATIC_DIR), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def map_page(request: Request) -> HTMLResponse:
        """The stakeholder map: search, network, evidence, filters, timeline."""
        return _page(request, "index.html", "map")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response((assets.STATIC_DIR / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    @app.options("/browser/{name}", include_in_schema=False)
    async def browser_preflight(request: Request, name: str) -> Response:
        """CORS preflight: Neo4j Browser fetches its guides with a header of its own."""
        headers = dict(_BROWSER_HEADERS)
        headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        headers["Access-Control-Allow-Headers"] = request.headers.get("access-control-request-headers", "*")
        headers["Access-Control-Max-Age"] = "600"
        return Response(status_code=204, headers=headers)

    @app.get("/browser/style.grass", response_class=PlainTextResponse, include_in_schema=False)
    async def browser_style() -> Response:
        """kg's Neo4j Browser style (applied on connect by the managed server's post-connect command)."""
        return PlainTextResponse(browser.style_grass(), headers=_BROWSER_HEADERS)

    @app.get("/browser/guide.html", response_class=HTMLResponse, include_in_schema=False)
    async def browser_guide(request: Request) -> Response:
        """The kg guide Neo4j Browser opens on connect: the model and runnable saved queries."""
        map_url = str(request.base_url)
        return HTMLResponse(browser.guide_html(map_url), headers=_BROWSER_HEADERS)
