"""Browser tests: the real ``kg serve`` (a subprocess) over the sample article in the session's
real Neo4j, driven by Playwright in Debian's chromium (``/usr/bin/chromium``, no browser
download), with every request that leaves localhost blocked: the pages must work offline.

Without chromium the tests skip, naming what to install; under CI (``CI=true``) they fail
instead, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import httpx
import pytest

from kg.graph import admin, server
from kg.graph.driver import open_driver
from kg.graph.repository import GraphRepository
from kg.graph.schema import apply_schema
from kg.model import CuratedActor, CuratedRelation, EntityKind, RelationType
from kg.settings import Settings
from kg.web import assets
from tests.conftest import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"
# The flags a root, sandbox-less, offline machine needs (no GPU, no calls home at start).
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# A dated curated relation far from the sample's September 2022, for the date filter.
CURATED_ENVOY = CuratedActor(id="northern-mediation-office", name="Northern Mediation Office",
                             kind=EntityKind.ORGANIZATION)
CURATED_DATE = dt.date(2019, 3, 12)


def chromium_executable() -> str | None:
    """Debian's chromium, if installed (KG_CHROMIUM overrides the path)."""
    for candidate in (os.environ.get("KG_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def skip_or_fail(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " (CI must run the browser tests)")
    pytest.skip(reason)


@dataclass
class MapSite:
    """The running ``kg serve``, and what the graph holds for the tests to check against."""

    url: str
    actor_id: str
    curated_actor_id: str = CURATED_ENVOY.id
    curated_date: dt.date = CURATED_DATE


def _run_in_thread(coroutine: Any) -> Any:
    # A fresh event loop in its own thread: the test session's loop is left alone.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _load_sample(settings: Settings) -> None:
    from kg.ingest import ingest_documents
    from kg.nlp.extractor import Extractor
    from loaders.documents import iter_documents

    driver = await open_driver(settings)
    try:
        await apply_schema(driver, settings)
        await admin.delete_all(driver, settings.neo4j_database)
        repository = GraphRepository(driver, settings.neo4j_database)
        documents = list(iter_documents([str(SAMPLE)], published=dt.date(2022, 9, 15)))
        summary = await ingest_documents(
            documents, repository=repository, extractor=Extractor.from_settings(settings), settings=settings
        )
        assert summary.new == 1, summary
    finally:
        await driver.close()


async def _add_curated_relation(settings: Settings, subject: str) -> None:
    driver = await open_driver(settings)
    try:
        repository = GraphRepository(driver, settings.neo4j_database)
        await repository.load_actors([CURATED_ENVOY], batch_size=10)
        relation = CuratedRelation(subject=subject, type=RelationType.CONSULTED, object=CURATED_ENVOY.id,
                                   source="kg web tests", date=CURATED_DATE)
        await repository.load_relations([relation], batch_size=10)
    finally:
        await driver.close()


def _serve(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        KG_NEO4J_URI=settings.neo4j_uri or "",
        KG_NEO4J_USER=settings.neo4j_user,
        KG_NEO4J_PASSWORD=settings.neo4j_password.get_secret_value() if settings.neo4j_password else "",
        KG_NEO4J_DATABASE=settings.neo4j_database,
        KG_API_KEY="",
    )
    command = [sys.executable, "-c", "from kg.cli import main; main(prog_name='kg')",
               "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with log.open("wb") as output:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kg serve exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"kg serve did not answer within {timeout_s} s:\n{log.read_text()[-3000:]}")


def _actor_id(url: str, name: str) -> str:
    query = "query($q: String!) { actors(search: $q, first: 1) { edges { node { id } } } }"
    body = httpx.post(url + "/graphql", json={"query": query, "variables": {"q": name}}, timeout=30).json()
    edges = body["data"]["actors"]["edges"]
    assert edges, f"no actor found for {name!r}: {body}"
    actor_id: str = edges[0]["node"]["id"]
    return actor_id


def is_managed(settings: Settings) -> bool:
    """Whether the session's Neo4j is kg's managed server (a throwaway one in a test session)."""
    return settings.neo4j_uri == server.bolt_uri(settings) and server.status(settings).running


def _site_port(settings: Settings) -> int:
    """The managed server's API port when it is free: its Browser then fetches kg's style and
    guide from this ``kg serve`` on connect, as from ``kg up``. Else any free port."""
    if is_managed(settings) and server.port_is_free(settings.api_port):
        return settings.api_port
    return free_port()


@pytest.fixture(scope="module")
def map_site(neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MapSite]:
    """``kg serve`` over the sample article plus one dated curated relation, on the managed
    server's API port if free (see :func:`_site_port`), else on a free port."""
    if assets.missing():
        skip_or_fail(f"kg: {assets.INSTALL_HINT}")
    _run_in_thread(_load_sample(neo4j_settings))
    port = _site_port(neo4j_settings)
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("kg-serve") / "serve.log"
    process = _serve(neo4j_settings, port, log)
    try:
        _wait_healthy(url, process, log)
        actor_id = _actor_id(url, "Pashinyan")
        _run_in_thread(_add_curated_relation(neo4j_settings, actor_id))
        yield MapSite(url=url, actor_id=actor_id)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium under Playwright (skips, or fails under CI, when either is missing)."""
    executable = chromium_executable()
    if executable is None:
        skip_or_fail("Debian's chromium is not installed (`apt-get install chromium`; .ci/run installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed (`pip install -e '.[dev]'`; .ci/run installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_FLAGS))
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class PageLog:
    """What a page reported while a test drove it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass
class OfflinePage:
    page: Page
    log: PageLog


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    """A fresh page whose every request to anything but localhost is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 850}, service_workers="block")
    log = PageLog()

    def only_localhost(route: Route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        scheme = urlsplit(route.request.url).scheme
        if scheme in ("data", "blob") or host in LOCAL_HOSTS:
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_localhost)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and log.console_errors.append(message.text))
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("requestfailed", lambda request: log.failed.append(request.url))
    try:
        yield OfflinePage(page=page, log=log)
    finally:
        context.close()
