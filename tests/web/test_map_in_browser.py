"""The map at ``/`` in a real browser (Debian's chromium), offline, over the sample article."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.web.conftest import MapSite, OfflinePage

pytestmark = [pytest.mark.integration, pytest.mark.browser]

# Generous: the machine running the suite may be busy; nothing here measures speed.
WAIT_MS = 90_000


def _open(site: MapSite, offline: OfflinePage, query: str = "") -> None:
    offline.page.goto(site.url + "/" + query)
    offline.page.wait_for_selector("body[data-ready=true]", timeout=WAIT_MS)


def _open_actor(site: MapSite, offline: OfflinePage, query: str = "") -> None:
    _open(site, offline, f"?actor={site.actor_id}{query}")
    offline.page.wait_for_selector(f"body[data-shown='{site.actor_id}']", timeout=WAIT_MS)


def _edges(offline: OfflinePage) -> list[dict[str, Any]]:
    """Every drawn edge: its id, type, end labels and whether the filters let it show."""
    edges: list[dict[str, Any]] = offline.page.evaluate(
        """() => window.kgMap.graph().edges().map(e => ({
            id: e.id(), type: e.data('type'), source: e.source().data('label'),
            target: e.target().data('label'), shown: e.visible()
        }))"""
    )
    return edges


def _csto_edge(edges: list[dict[str, Any]]) -> dict[str, Any]:
    found = [e for e in edges if e["type"] == "REQUESTED_AID" and
             ("CSTO" in e["target"] or "Collective Security Treaty" in e["target"])]
    assert len(found) == 1, edges
    return found[0]


def _no_problems(offline: OfflinePage) -> None:
    assert offline.log.console_errors == []
    assert offline.log.page_errors == []
    assert offline.log.blocked == [], "the page asked for something outside localhost"
    assert offline.log.failed == []


def test_the_map_loads_offline_without_console_errors(map_site: MapSite, offline_page: OfflinePage) -> None:
    _open(map_site, offline_page)

    stats = offline_page.page.text_content("#stats") or ""
    assert "actors" in stats and "documents" in stats
    assert offline_page.page.locator("#starters button").count() > 0
    _no_problems(offline_page)


def test_searching_pashinyan_shows_his_network_with_the_csto_edge(
    map_site: MapSite, offline_page: OfflinePage
) -> None:
    page = offline_page.page
    _open(map_site, offline_page)

    page.locator("#search").press_sequentially("Pashin", delay=60)  # as a person types
    option = page.locator("#results li[role=option]", has_text="Pashinyan").first
    option.wait_for(timeout=WAIT_MS)
    option.click()
    page.wait_for_selector(f"body[data-shown='{map_site.actor_id}']", timeout=WAIT_MS)

    edge = _csto_edge(_edges(offline_page))
    assert "Pashinyan" in edge["source"]
    assert edge["shown"]
    assert parse_qs(urlsplit(page.url).query)["actor"] == [map_site.actor_id]
    _no_problems(offline_page)


def test_clicking_the_csto_edge_shows_its_sentence(map_site: MapSite, offline_page: OfflinePage) -> None:
    page = offline_page.page
    _open_actor(map_site, offline_page)
    edge = _csto_edge(_edges(offline_page))

    # A real mouse click on the edge's midpoint on the canvas.
    point = page.evaluate(
        "(id) => window.kgMap.graph().getElementById(id).renderedMidpoint()", edge["id"]
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    claim = page.locator("#details-body .claim").first
    claim.wait_for(timeout=WAIT_MS)
    sentence = claim.locator(".sentence").text_content() or ""
    assert "requested military aid" in sentence and "CSTO" in sentence
    marked = claim.locator("mark").all_text_contents()
    assert "Pashinyan" in marked
    assert any("CSTO" in text or "Collective Security Treaty Organization" in text for text in marked)
    meta = claim.locator(".meta").text_content() or ""
    assert "2022-09-15" in meta and "confidence" in meta
    assert parse_qs(urlsplit(page.url).query)["edge"] == [edge["id"]]
    _no_problems(offline_page)


def _set_dates(offline: OfflinePage, start: str, end: str) -> None:
    page = offline.page
    page.fill("#date-from", start)
    page.fill("#date-to", end)
    page.locator("#date-to").dispatch_event("change")


def test_the_date_filter_hides_edges_outside_the_range(map_site: MapSite, offline_page: OfflinePage) -> None:
    _open_actor(map_site, offline_page)
    everything = _edges(offline_page)
    curated = [e for e in everything if e["target"] == "Northern Mediation Office"]
    assert len(curated) == 1 and all(e["shown"] for e in everything)

    _set_dates(offline_page, "2022-09-01", "2022-09-30")
    shown = {e["id"] for e in _edges(offline_page) if e["shown"]}
    assert curated[0]["id"] not in shown
    assert _csto_edge(_edges(offline_page))["id"] in shown

    day = map_site.curated_date.isoformat()
    _set_dates(offline_page, day, (map_site.curated_date + dt.timedelta(days=1)).isoformat())
    shown = {e["id"] for e in _edges(offline_page) if e["shown"]}
    assert shown == {curated[0]["id"]}

    query = parse_qs(urlsplit(offline_page.page.url).query)
    assert query["from"] == [day]
    _no_problems(offline_page)


def test_a_shared_link_reopens_the_same_view(map_site: MapSite, offline_page: OfflinePage) -> None:
    page = offline_page.page
    _open_actor(map_site, offline_page, "&types=REQUESTED_AID&hops=2")
    shown = [e for e in _edges(offline_page) if e["shown"]]

    assert shown and {e["type"] for e in shown} == {"REQUESTED_AID"}
    assert page.locator("#hops").input_value() == "2"
    checked = page.locator("#types input:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    assert checked == ["REQUESTED_AID"]
    _no_problems(offline_page)


def test_the_timeline_counts_the_actors_claims_by_month(map_site: MapSite, offline_page: OfflinePage) -> None:
    page = offline_page.page
    _open_actor(map_site, offline_page)

    months = page.locator("#timeline-chart .bar").evaluate_all("bars => bars.map(b => b.dataset.month)")
    assert "2022-09" in months and map_site.curated_date.strftime("%Y-%m") in months

    page.locator("#timeline-chart .bar[data-month='2019-03']").click()
    assert page.input_value("#date-from") == "2019-03-01"
    assert page.input_value("#date-to") == "2019-03-31"
    _no_problems(offline_page)


def test_graphiql_renders_and_runs_a_query_offline(map_site: MapSite, offline_page: OfflinePage) -> None:
    page = offline_page.page
    page.goto(map_site.url + "/graphql")
    page.wait_for_selector(".graphiql-container", timeout=WAIT_MS)
    page.locator(".graphiql-execute-button").click()

    page.wait_for_function(
        "() => (document.querySelector('.result-window') || {}).textContent?.includes('\"stats\"')",
        timeout=WAIT_MS,
    )
    _no_problems(offline_page)


def test_edges_can_be_coloured_by_plover_category(map_site: MapSite, offline_page: OfflinePage) -> None:
    page = offline_page.page
    _open_actor(map_site, offline_page, "&colour=plover")
    edge = _csto_edge(_edges(offline_page))
    subject, type_, object_ = edge["id"].split("~")
    query = (
        "query($s: ID!, $o: ID!, $t: RelationType!) { "
        "relations(filter: {subject: $s, object: $o, types: [$t]}) { edges { node { plover } } } }"
    )
    reply = httpx.post(map_site.url + "/graphql", timeout=30,
                       json={"query": query, "variables": {"s": subject, "o": object_, "t": type_}}).json()
    categories = reply["data"]["relations"]["edges"][0]["node"]["plover"]
    assert categories, "the sample's aid request has a PLOVER category"

    assert page.input_value("#colour-by") == "plover"
    legend = page.text_content("#legend") or ""
    assert categories[0] in legend and "REQUESTED_AID" not in legend
    colour = page.evaluate("(id) => window.kgMap.graph().getElementById(id).data('colour')", edge["id"])
    swatch = page.evaluate(
        """(name) => [...document.querySelectorAll('#legend span')]
            .filter(s => s.textContent === name).map(s => s.firstChild.style.background)[0]""",
        categories[0],
    )
    assert swatch and _rgb(colour) == swatch
    _no_problems(offline_page)


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def _with_document_url(value: Any, url: str) -> Any:
    """A GraphQL answer with every document's ``url`` replaced."""
    if isinstance(value, list):
        return [_with_document_url(item, url) for item in value]
    if isinstance(value, dict):
        replaced = {key: _with_document_url(item, url) for key, item in value.items()}
        if _is_document(replaced):
            replaced["url"] = url
        return replaced
    return value


def _is_document(value: dict[str, Any]) -> bool:
    return "url" in value and ("title" in value or "source" in value)


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://news.example/ceasefire", True), ("javascript:alert(document.cookie)", False),
     ("data:text/html,<script>alert(1)</script>", False)],
)
def test_a_document_is_linked_only_by_an_http_url(
    map_site: MapSite, offline_page: OfflinePage, url: str, linked: bool
) -> None:
    # A stored URL is whatever a JSON Lines record said: the map answers are rewritten to carry it.
    from playwright.sync_api import Route

    def rewrite(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, json=_with_document_url(response.json(), url))

    page = offline_page.page
    page.route("**/graphql", rewrite)
    _open_actor(map_site, offline_page)
    edge = _csto_edge(_edges(offline_page))
    _open_actor(map_site, offline_page, f"&edge={edge['id']}")
    claim = page.locator("#details-body .claim").first
    claim.wait_for(timeout=WAIT_MS)
    links = claim.locator(".meta a")
    if linked:
        assert links.count() == 1 and links.first.get_attribute("href") == url
    else:
        assert links.count() == 0
        assert page.locator("#details-body a[href^='javascript'], #details-body a[href^='data']").count() == 0
    _no_problems(offline_page)
