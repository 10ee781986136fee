"""Neo4j Browser (the managed server's own) in Debian's chromium: the login link, kg's style with
whole captions, and the kg guide served by the kg API."""

from __future__ import annotations

import pytest

from kg.graph import server
from kg.settings import Settings
from tests.web.conftest import MapSite, OfflinePage

pytestmark = [pytest.mark.integration, pytest.mark.browser]

WAIT_MS = 120_000


@pytest.fixture
def managed_browser(neo4j_settings: Settings) -> Settings:
    """The session's Neo4j when it is kg's managed server (its Browser is on a known port)."""
    managed = neo4j_settings.neo4j_uri == server.bolt_uri(neo4j_settings)
    if not managed or not server.status(neo4j_settings).running:
        pytest.skip("Neo4j Browser is tested on kg's managed server; this session uses another Neo4j")
    return neo4j_settings


def _run(offline: OfflinePage, command: str) -> None:
    page = offline.page
    page.locator("[data-testid=activeEditor] .view-lines, .view-lines").first.click()
    page.keyboard.type(command)
    page.keyboard.press("Control+Enter")


def test_the_login_link_style_and_guide_work_in_neo4j_browser(
    managed_browser: Settings, map_site: MapSite, offline_page: OfflinePage
) -> None:
    page = offline_page.page
    page.goto(server.browser_login_url(managed_browser))
    page.wait_for_selector("input[data-testid=password]", timeout=WAIT_MS)
    assert page.input_value("input[data-testid=username]") == managed_browser.neo4j_user
    assert managed_browser.neo4j_password is not None
    page.fill("input[data-testid=password]", managed_browser.neo4j_password.get_secret_value())
    page.click("button[data-testid=connect]")
    page.wait_for_selector("text=Connected to Neo4j", timeout=WAIT_MS)

    _run(offline_page, f":style {map_site.url}/browser/style.grass")
    page.wait_for_selector("text=node.Country", timeout=WAIT_MS)
    _run(offline_page, f":guide {map_site.url}/browser/guide.html")
    page.wait_for_selector("text=kg: who does what to whom", timeout=WAIT_MS)

    _run(offline_page, "MATCH p = (:Actor)-[]->(:Entity) RETURN p")
    page.wait_for_selector("svg g.node text", timeout=WAIT_MS)
    page.wait_for_timeout(2000)  # the force layout settles; captions are laid out once
    captions = [text.strip() for text in page.locator("svg g.node text").all_text_contents()]
    assert "Azerbaijan" in captions and "Nagorno-Karabakh" in captions
    assert [text for text in captions if text.endswith("…")] == []
