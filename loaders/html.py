"""Article text and metadata of an HTML page, read by trafilatura (publication dates by htmldate).

trafilatura finds the article (dropping navigation, cookie banners, share and related-story
widgets, comments) and its metadata: title, author and URL from JSON-LD, Open Graph and
``<meta>``, the original publication date through htmldate (JSON-LD ``datePublished``, meta
tags, ``<time>``, dates written out in the page). kg turns trafilatura's XML into its own text
format: paragraphs (and headings, list items, quotes, table rows) separated by a blank line,
``<br>`` a line break, runs of whitespace inside a paragraph one space, so the text reads like
scraped text and the same furniture rules apply to it. That text is what kg stores: evidence
offsets point into it.

When trafilatura finds no article (a page that is all markup, or nested deeper than libxml2
parses), the page's visible text is read as a stream of tags instead, so nothing readable is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

# Paragraphs of their own: in trafilatura's XML, and in a page read as it stands.
_XML_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "list", "table"})
_HTML_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
        "ol", "blockquote", "pre", "table", "tr", "figure", "figcaption", "dl", "dt", "dd", "address",
        "hr", "details", "summary",
    }
)
_CELLS = frozenset({"cell", "td", "th"})
# Never article text; in a page read as it stands, its chrome is not either.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"})
_CHROME = _SKIPPED | {"nav", "header", "footer", "aside", "form", "button", "select", "textarea", "dialog"}
_PARAGRAPH = "\x00"  # markers: never in decoded input (NUL bytes are rejected as binary)
_LINE = "\x01"
_CELL = "\x02"



@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as found (ISO date from htmldate); the caller parses it
    url: str | None = None


def _config() -> Any:
    config = use_config()
    # Short articles (a wire brief, a statement) are articles too: below this size trafilatura
    # otherwise falls back to the whole page's text, furniture included.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "40")
    return config


_CONFIG = _config()
# Dates: the original publication date (not a "last updated" one), searched thoroughly.
_DATE_OPTIONS = {"original_date": True, "extensive_search": True}


def _parse(markup: str) -> Any:
    """The page as an lxml tree, or None when there is nothing to parse."""
    if not markup.strip():
        return None
    # Comments and processing instructions are not text. huge_tree: deep or large pages are read
    # up to libxml2's large limits, not its small default ones. One parser per call: lxml parsers
    # are not to be shared between the threads ingest may extract in.
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False)
    try:
        return lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _marked_text(root: Any, blocks: frozenset[str], skipped: frozenset[str] = _SKIPPED) -> str:
    """The text under ``root`` with paragraph/line/cell markers; iterative, so depth costs no recursion."""
    pieces: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            tag = node.tag if isinstance(node.tag, str) else ""
            if tag in blocks:
                pieces.append(_PARAGRAPH)
            elif tag in _CELLS:
                pieces.append(_CELL)
            if node is not root and node.tail:
                pieces.append(node.tail)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in skipped:  # comments, processing instructions, scripts
            if node is not root and node.tail:
                pieces.append(node.tail)
            continue
        if tag in ("lb", "br"):
            pieces.append(_LINE)
            if node.tail:
                pieces.append(node.tail)
            continue
        if tag in blocks:
            pieces.append(_PARAGRAPH)
        stack.append((node, True))
        if node.text:
            pieces.append(node.text)
        stack.extend((child, False) for child in reversed(node))
    return "".join(pieces)


def _as_text(marked: str) -> str:
    text = re.sub(r"\s+", " ", marked)
    text = re.sub(rf" ?{_CELL}[ {_CELL}]*", " | ", text)
    text = re.sub(rf" ?\| ?(?=[{_PARAGRAPH}{_LINE}]|$)", "", text)
    text = re.sub(rf" ?{_LINE} ?", "\n", text)
    text = re.sub(rf"[\s{_PARAGRAPH}]*{_PARAGRAPH}[\s{_PARAGRAPH}]*", "\n\n", text)
    return text.strip()


class _VisibleText(HTMLParser):
    """A page's visible text, read as a stream of tags (the stdlib parser): no tree is built, so
    no nesting depth is too deep. Scripts, the head and page chrome are left out."""

    _HIDDEN = _CHROME | {"head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0  # how many hidden elements the parser is inside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.pieces.append(_LINE)
        elif tag in _HTML_BLOCKS:
            self.pieces.append(_PARAGRAPH)
        elif tag in _CELLS:
            self.pieces.append(_CELL)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _HTML_BLOCKS:
            self.pieces.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)


def _visible_text(markup: str) -> str:
    """The whole page's text (the fallback when trafilatura finds no article)."""
    reader = _VisibleText()
    reader.feed(markup)
    reader.close()
    return _as_text("".join(reader.pieces))


def extract_html(markup: str) -> HtmlArticle:
    """Read the article text, title, author, publication date and URL of one HTML page."""
    tree = _parse(markup)
    if tree is None:
        return HtmlArticle(text="")
    found = trafilatura.extract(
        tree,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        date_extraction_params=_DATE_OPTIONS,
        config=_CONFIG,
    )
    if found is None:
        # No article: metadata from the page all the same, text as the page shows it (read as a
        # stream: a page nested deeper than libxml2 parses still has its text). The tree is
        # parsed again: trafilatura prunes the one it was given.
        metadata = trafilatura.extract_metadata(_parse(markup), date_config=_DATE_OPTIONS)
        return HtmlArticle(
            text=_visible_text(markup),
            title=_clean(metadata.title),
            author=_clean(metadata.author),
            published=metadata.date,
            url=_clean(metadata.url),
        )
    document = etree.fromstring(found.encode("utf-8"))
    main = document.find("main")
    return HtmlArticle(
        text=_as_text(_marked_text(main, _XML_BLOCKS)) if main is not None else "",
        title=_clean(document.get("title")),
        author=_clean(document.get("author")),
        published=document.get("date"),
        url=_clean(document.get("url")),
    )
