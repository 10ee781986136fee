"""On saved real news pages, the article text kg reads scores at least trafilatura's own output.

The pages and the measuring code are bench/html_text.py's (``python bench/html_text.py``
prints the per-page table); this test keeps the result from slipping.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from bench import html_text


def test_the_page_set_has_at_least_twenty_sites_with_expected_text() -> None:
    pages = html_text.PAGES
    names = [path.name.removesuffix(".html.gz") for path in pages.glob("*.html.gz")]
    sites = set()
    for name in names:
        assert (pages / f"{name}.txt").read_text(encoding="utf-8").strip()
        url = json.loads((pages / f"{name}.json").read_text(encoding="utf-8"))["url"]
        sites.add(urlsplit(url).hostname.removeprefix("www.") if url else name)
    assert len(names) >= 20
    assert len(sites) >= 18  # CNN's pages share a host, not a layout: see bench/html_text/SOURCES.md


def test_kg_reads_at_least_as_much_article_text_as_trafilatura() -> None:
    totals = html_text.summary(html_text.score_all())

    assert totals["kg_f1"] >= totals["trafilatura_f1"]
    assert totals["kg_f1"] >= 0.9
    assert totals["kg_dates_right"] >= totals["trafilatura_dates_right"]


def test_the_scorer_counts_words_and_unspaced_characters() -> None:
    assert html_text.f1("The port reopened.", "the port reopened") == 1.0
    assert html_text.f1("", "") == 1.0
    assert html_text.f1("nothing shared", "the port") == 0.0
    assert round(html_text.f1("港口重新开放", "港口开放"), 3) == round(2 * (4 / 6) * 1.0 / (4 / 6 + 1.0), 3)
