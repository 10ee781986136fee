"""HTML pages read through trafilatura and htmldate: the article, its metadata, kg's text format."""

from __future__ import annotations

import datetime as dt

from loaders.documents import document_from_html
from loaders.html import extract_html
from tests.unit.test_nlp_support import shared_extractor

STORY = (
    "<p>Dock workers in the northern port agreed on Thursday to end a two-week strike that had "
    "stranded hundreds of containers, the union said in a statement.</p>"
    "<p>The union said members had voted by a wide margin to accept the offer, which raises pay "
    "by six percent over two years and limits night shifts.</p>"
    "<p>The port authority said ships would be unloaded again from Friday morning.</p>"
)


def page(body: str, head: str = "<title>Harbour strike ends | Example News</title>") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_a_hyphenated_layout_class_does_not_hide_the_article() -> None:
    layout = f'<div class="content-with-sidebar-wrp"><div class="story">{STORY}</div></div>'
    article = extract_html(page(layout))

    assert "agreed on Thursday to end a two-week strike" in article.text
    assert "unloaded again from Friday morning" in article.text


def test_the_article_is_found_when_an_empty_main_comes_first() -> None:
    article = extract_html(page(f"<main></main><main><article>{STORY}</article></main>"))

    assert "agreed on Thursday to end a two-week strike" in article.text


def test_cookie_banners_and_related_stories_are_left_out() -> None:
    body = (
        '<div id="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies?</p>'
        "<button>Accept</button></div>"
        f"<article>{STORY}</article>"
        '<section class="related-stories"><h2>Related stories</h2><ul>'
        '<li><a href="/a">Port strike enters second week</a></li>'
        '<li><a href="/b">Union leaders meet ministers</a></li></ul></section>'
    )
    article = extract_html(page(body))

    assert "agreed on Thursday" in article.text
    for furniture in ("cookies", "Port strike enters second week", "Union leaders meet ministers"):
        assert furniture not in article.text


def test_metadata_comes_from_json_ld() -> None:
    head = (
        "<title>Harbour strike ends</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Harbour strike ends after two weeks", "datePublished": "2019-11-19T19:47:00-05:00",'
        ' "author": {"@type": "Person", "name": "Ana Silva"},'
        ' "mainEntityOfPage": "https://news.example/harbour"}</script>'
    )
    article = extract_html(page(f"<article>{STORY}</article>", head=head))

    assert article.published == "2019-11-19"
    assert article.author == "Ana Silva"
    assert article.title == "Harbour strike ends after two weeks"


def test_a_date_written_out_in_the_page_is_found() -> None:
    body = f'<article><p class="byline">Updated November 19, 2019, 07:47 PM EST</p>{STORY}</article>'
    document = document_from_html(page(body), source="written-date.html", published=dt.date(2000, 1, 1))

    assert document.published == dt.date(2019, 11, 19)


def test_paragraphs_line_breaks_and_table_cells_keep_their_shape() -> None:
    body = (
        f"<article>{STORY}<p>The offer, in short:<br>six percent over two years<br>fewer night shifts</p>"
        "<table><tr><td>Before</td><td>12 shifts</td></tr><tr><td>After</td><td>8 shifts</td></tr></table>"
        "</article>"
    )
    text = extract_html(page(body)).text

    assert "a two-week strike that had stranded hundreds of containers" in text  # one space inside
    assert "statement.\n\nThe union said" in text  # a blank line between paragraphs
    assert "in short:\nsix percent over two years\nfewer night shifts" in text
    assert "Before | 12 shifts\n\nAfter | 8 shifts" in text


def test_a_page_of_markup_only_has_no_text() -> None:
    assert extract_html("   ").text == ""
    assert extract_html("<html><head><script>var a = 1;</script></head><body></body></html>").text == ""


def test_evidence_offsets_point_into_the_text_kg_stores_for_a_page() -> None:
    body = (
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        "<article><h1>Ministers meet on the strike</h1>"
        "<p>Egypt urged Ethiopia to halt the filling of the dam, the foreign ministry said on Tuesday.</p>"
        "<p>Kenya offered aid to Somalia after the floods, officials said on Wednesday.</p></article>"
        "<footer>© 2024 Example News</footer>"
    )
    document = document_from_html(page(body), source="offsets.html", published=dt.date(2024, 3, 7))
    extraction = shared_extractor().extract(document)

    assert extraction.relations
    for relation in extraction.relations:
        evidence = relation.evidence
        assert document.text[evidence.start : evidence.end] == evidence.text
    assert "Home" not in document.text and "2024 Example News" not in document.text
