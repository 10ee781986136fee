"""kg's own pages (map, GraphiQL, Neo4j Browser style and guide) without a browser or Neo4j:
what they load, and what the server says when the npm assets are not installed."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from starlette.requests import Request

from kg.api.app import create_app
from kg.settings import load_settings
from kg.web import assets, browser, routes

STATIC = assets.STATIC_DIR


class _References(HTMLParser):
    """Every URL a page loads by itself: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


@pytest.mark.parametrize("page", ["index.html", "graphiql.html"])
def test_pages_load_only_files_kg_serves(page: str) -> None:
    parser = _References()
    parser.feed((STATIC / page).read_text(encoding="utf-8"))

    assert parser.urls
    for url in parser.urls:
        assert url.startswith("{{root}}/static/"), url
        assert (STATIC / url.removeprefix("{{root}}/static/")).is_file() or url.startswith(
            "{{root}}/static/vendor/"
        ), url


def test_every_vendor_file_a_page_loads_is_copied_by_the_install_step() -> None:
    loaded: set[str] = set()
    for page in ("index.html", "graphiql.html"):
        loaded |= set(re.findall(r"/static/vendor/([\w.\-]+)", (STATIC / page).read_text(encoding="utf-8")))
    assert loaded <= set(assets.VENDOR_FILES)


@pytest.fixture
def no_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    vendor = tmp_path / "vendor"
    monkeypatch.setattr(assets, "VENDOR_DIR", vendor)
    monkeypatch.setattr(assets, "STAMP", vendor / ".installed")
    return vendor


@pytest.fixture
def fake_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_assets: Path) -> Path:
    modules = tmp_path / "node_modules"
    for source in assets.VENDOR_FILES.values():
        (modules / source).parent.mkdir(parents=True, exist_ok=True)
        (modules / source).write_text(f"/* {source} */\n", encoding="utf-8")
    for package in assets.LICENSED_PACKAGES:
        (modules / package).mkdir(parents=True, exist_ok=True)
        (modules / package / "LICENSE").write_text(f"{package} licence\n", encoding="utf-8")
    monkeypatch.setattr(assets, "NODE_MODULES", modules)
    return modules


def _app() -> FastAPI:
    # No lifespan runs under ASGITransport: the pages need no Neo4j.
    return create_app(load_settings())


@pytest.fixture
async def client() -> Iterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://kg.test") as http:
        yield http


def test_missing_assets_are_reported_in_one_line_when_the_app_is_built(
    no_assets: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kg.web"):
        _app()
    messages = [record.getMessage() for record in caplog.records if record.name == "kg.web"]
    assert messages == [f"kg: {assets.INSTALL_HINT}"]
    assert "\n" not in messages[0] and "make web-assets" in messages[0]


def _graphiql_request(root_path: str = "") -> Request:
    # The GraphQL route itself needs the app's Neo4j services (lifespan); its page does not.
    return Request({"type": "http", "method": "GET", "path": "/graphql", "headers": [],
                    "query_string": b"", "root_path": root_path})


async def test_without_assets_the_map_says_how_to_install_them(
    no_assets: Path, client: httpx.AsyncClient
) -> None:
    response = await client.get("/", headers={"Accept": "text/html"})

    assert response.status_code == 503
    assert "make web-assets" in response.text and "kg map" in response.text


def test_without_assets_graphiql_says_how_to_install_them(no_assets: Path) -> None:
    response = routes.graphiql_page(_graphiql_request())

    assert response.status_code == 503
    assert b"make web-assets" in response.body and b"kg GraphiQL" in response.body


async def test_the_install_step_copies_files_and_licences(
    fake_node_modules: Path, client: httpx.AsyncClient
) -> None:
    assert assets.missing()
    copied = assets.copy_vendor_files()

    assert assets.missing() == []
    assert {path.name for path in copied} >= set(assets.VENDOR_FILES)
    assert (assets.VENDOR_DIR / "licenses" / "cytoscape.LICENSE").read_text() == "cytoscape licence\n"
    page = await client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "{{root}}" not in page.text
    assert '<script src="/static/vendor/cytoscape.min.js">' in page.text
    graphiql = routes.graphiql_page(_graphiql_request(root_path="/kg"))
    text = bytes(graphiql.body).decode()
    assert graphiql.status_code == 200 and '<script src="/kg/static/vendor/graphiql.min.js">' in text
    assert 'data-endpoint="/kg/graphql"' in text
    assert "cdn" not in text.lower() and "unpkg" not in text.lower()


def test_the_install_step_names_a_missing_package_file(fake_node_modules: Path) -> None:
    (fake_node_modules / assets.VENDOR_FILES["graphiql.min.js"]).unlink()

    with pytest.raises(assets.AssetsError, match=r"graphiql\.min\.js is missing"):
        assets.copy_vendor_files()


def test_copied_files_from_another_lock_file_count_as_stale(fake_node_modules: Path) -> None:
    assets.copy_vendor_files()
    assets.STAMP.write_text("0" * 64 + "\n", encoding="utf-8")

    assert assets.missing() == ["(stale: package-lock.json changed)"]


async def test_neo4j_browser_gets_the_style_across_origins(client: httpx.AsyncClient) -> None:
    response = await client.get("/browser/style.grass")

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text == browser.style_grass()
    assert "node.Country" in response.text


async def test_the_browser_guide_has_a_runnable_slide_per_saved_query(client: httpx.AsyncClient) -> None:
    response = await client.get("/browser/guide.html")
    queries = browser.saved_queries(browser.browser_file("queries.cypher").read_text(encoding="utf-8"))

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text.count("<slide>") == len(queries) + 1
    assert response.text.count('class="code runnable"') >= len(queries)
    assert "http://kg.test/" in response.text  # a link back to the map
    assert "MATCH overview" in response.text


def test_saved_queries_keep_title_parameters_and_cypher() -> None:
    text = (
        "// header comment\n// more\n\n"
        "// kg: find one (:param actor => 'Armenia')\nMATCH (n {id: $actor})\n// note\nRETURN n;\n\n"
        "// not a kg query\nRETURN 1;\n"
    )
    [query] = browser.saved_queries(text)

    assert query.title == "find one (:param actor => 'Armenia')"
    assert query.parameters == [":param actor => 'Armenia'"]
    assert query.cypher == "MATCH (n {id: $actor})\nRETURN n;"


async def test_neo4j_browser_may_fetch_the_guide_with_its_own_headers(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/browser/guide.html",
        headers={"Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "x-requested-with"},
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-headers"] == "x-requested-with"
    assert "GET" in response.headers["access-control-allow-methods"]
