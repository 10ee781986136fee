"""Neo4j Browser (the managed server's own) in Debian's chromium: the login link, kg's style with
whole captions, and the kg guide served by the kg API."""

from __future__ import annotations

import pytest

from kg.graph import server
from kg.settings import Settings
from tests.web.conftest import MapSite, OfflinePage, is_managed, skip_or_fail

pytestmark = [pytest.mark.integration, pytest.mark.browser]

WAIT_MS = 120_000


@pytest.fixture
def managed_browser(neo4j_settings: Settings) -> Settings:
    """The session's Neo4j when it is kg's managed server (its Browser is on a known port)."""
    if not is_managed(neo4j_settings):
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
    if map_site.url != server.api_url(managed_browser):
        skip_or_fail(f"the managed server's API port {managed_browser.api_port} is taken: the "
                     "Browser would fetch kg's style and guide from another process on connect")
    page = offline_page.page
    page.goto(server.browser_login_url(managed_browser))
    page.wait_for_selector("input[data-testid=password]", timeout=WAIT_MS)
    assert page.input_value("input[data-testid=username]") == managed_browser.neo4j_user
    assert managed_browser.neo4j_password is not None
    page.fill("input[data-testid=password]", managed_browser.neo4j_password.get_secret_value())
    page.click("button[data-testid=connect]")
    page.wait_for_selector("text=Connected to Neo4j", timeout=WAIT_MS)

    # Ready on connect: post_connect_cmd applies kg's style (its frame lists the rules) and opens
    # the kg guide, both fetched from the kg API (the site above). The Browser runs them only
    # once it has the server's settings (the remote-content allowlist among them): a command
    # typed before that is checked against the Browser's default allowlist, without 127.0.0.1.
    page.wait_for_selector("text=node.Country", timeout=WAIT_MS)
    page.wait_for_selector("text=kg: who does what to whom", timeout=WAIT_MS)
    for failure in ("InvalidGrassError", "Remote guide error"):
        assert page.locator(f"text={failure}").count() == 0, failure

    _run(offline_page, "MATCH p = (:Actor)-[]->(:Entity) RETURN p")
    page.wait_for_selector("svg g.node text", timeout=WAIT_MS)
    page.wait_for_timeout(2000)  # the force layout settles; captions are laid out once
    captions = [text.strip() for text in page.locator("svg g.node text").all_text_contents()]
    assert "Azerbaijan" in captions and "Nagorno-Karabakh" in captions
    assert [text for text in captions if text.endswith("…")] == []
