"""On saved real news pages, the article text kg reads scores at least trafilatura's own output.

The pages and the measuring code are bench/html_text.py's (``python bench/html_text.py``
prints the per-page table); this test keeps the result from slipping.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parents[2] / "bench" / "html_text.py"


@functools.cache
def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("html_text_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_page_set_has_at_least_twenty_sites_with_expected_text() -> None:
    pages = _bench().PAGES
    names = [path.name.removesuffix(".html.gz") for path in pages.glob("*.html.gz")]
    sites = set()
    for name in names:
        assert (pages / f"{name}.txt").read_text(encoding="utf-8").strip()
        url = json.loads((pages / f"{name}.json").read_text(encoding="utf-8"))["url"]
        sites.add(urlsplit(url).hostname.removeprefix("www.") if url else name)
    assert len(names) >= 20
    assert len(sites) >= 18  # CNN's pages share a host, not a layout: see bench/html_text/SOURCES.md


def test_kg_reads_at_least_as_much_article_text_as_trafilatura() -> None:
    bench = _bench()
    totals = bench.summary(bench.score_all())

    assert totals["kg_f1"] >= totals["trafilatura_f1"]
    assert totals["kg_f1"] >= 0.9
    assert totals["kg_dates_right"] >= totals["trafilatura_dates_right"]


def test_the_scorer_counts_words_and_unspaced_characters() -> None:
    bench = _bench()

    assert bench.f1("The port reopened.", "the port reopened") == 1.0
    assert bench.f1("", "") == 1.0
    assert bench.f1("nothing shared", "the port") == 0.0
    assert round(bench.f1("港口重新开放", "港口开放"), 3) == round(2 * (4 / 6) * 1.0 / (4 / 6 + 1.0), 3)
