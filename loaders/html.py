"""Article text and metadata out of an HTML page (BeautifulSoup with the stdlib ``html.parser``).

The page's chrome (scripts, styles, navigation, header, footer, asides, forms, share and
cookie widgets) is dropped; the article is the largest ``<article>``, else ``<main>``, else
``<body>``. Block elements become paragraph breaks (``\\n\\n``), ``<br>`` a line break, and
runs of whitespace inside a paragraph one space, so the text reads like the scraped-text
format and the same furniture rules apply to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

_DROPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
        "template", "button", "select", "input", "textarea", "dialog", "object", "embed", "canvas",
    }
)
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})
# class/id words that mark widgets rather than article text.
_WIDGET_WORDS = frozenset(
    {
        "share", "sharing", "social", "cookie", "cookies", "consent", "newsletter", "related",
        "advert", "advertisement", "ads", "promo", "comments", "subscribe", "breadcrumb",
        "breadcrumbs", "paywall", "sidebar", "popup", "modal",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
        "ol", "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "dl", "dt",
        "dd", "address", "hr", "details", "summary",
    }
)
_PARAGRAPH = "\x00"  # markers: never in decoded input (NUL bytes are rejected as binary)
_LINE = "\x01"
_WORD_SPLIT = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as the page states it; the caller parses it
    url: str | None = None


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    """First non-empty content of a <meta> whose property, name or itemprop is one of keys."""
    wanted = {key.lower() for key in keys}
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop"):
            value = tag.get(attribute)
            if isinstance(value, str) and value.lower() in wanted:
                found.setdefault(value.lower(), content.strip())
    for key in keys:
        if key.lower() in found:
            return found[key.lower()]
    return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _is_widget(tag: Tag) -> bool:
    if tag.name in ("article", "main", "body", "html"):
        return False
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in _DROPPED_ROLES:
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    names: list[str] = []
    for attribute in ("class", "id"):
        value = tag.get(attribute)
        if isinstance(value, str):
            names.append(value)
        elif isinstance(value, list):
            names.extend(str(v) for v in value)
    return any(word in _WIDGET_WORDS for name in names for word in _WORD_SPLIT.split(name.lower()))


def _author(soup: BeautifulSoup) -> str | None:
    for key in ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"):
        value = _clean(_meta(soup, key))
        if value and not value.lower().startswith(("http://", "https://")):
            return re.sub(r"^by\s+", "", value, flags=re.IGNORECASE)
    return None


def _title(soup: BeautifulSoup) -> str | None:
    """og:title, else the <h1> when <title> is it plus a site name ("Headline | Site"), else <title>."""
    title = _clean(_meta(soup, "og:title", "twitter:title"))
    if title:
        return title
    texts = {}
    for name in ("title", "h1"):
        tag = soup.find(name)
        texts[name] = _clean(tag.get_text(" ")) if tag is not None else None
    page_title, heading = texts["title"], texts["h1"]
    if page_title and heading and heading in page_title:
        return heading
    return page_title or heading


def _published(soup: BeautifulSoup) -> str | None:
    value = _meta(
        soup, "article:published_time", "og:published_time", "datePublished", "date", "pubdate",
        "publishdate", "publish-date", "dc.date", "dc.date.issued", "sailthru.date",
    )
    if value:
        return value
    time = soup.find("time", attrs={"datetime": True})
    if isinstance(time, Tag):
        stamp = time.get("datetime")
        return stamp if isinstance(stamp, str) and stamp.strip() else None
    return None


def _url(soup: BeautifulSoup) -> str | None:
    url = _meta(soup, "og:url")
    if url:
        return url
    link = soup.find("link", rel="canonical")
    href = link.get("href") if isinstance(link, Tag) else None
    return href if isinstance(href, str) and href.strip() else None


def _article_root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    articles = [tag for tag in soup.find_all("article") if isinstance(tag, Tag)]
    if articles:
        return max(articles, key=lambda tag: len(tag.get_text()))
    for name in ("main", "body"):
        tag = soup.find(name)
        if isinstance(tag, Tag):
            return tag
    return soup


def _article_text(root: Tag | BeautifulSoup) -> str:
    """The root's text without chrome; one iterative pass, so deep nesting costs no recursion."""
    pieces: list[str] = []
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            pieces.append(_PARAGRAPH)
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctypes, CDATA
                pieces.append(str(node))
        elif isinstance(node, Tag):
            if node is not root and (node.name in _DROPPED_TAGS or _is_widget(node)):
                continue
            if node.name == "br":
                pieces.append(_LINE)
                continue
            if node.name in _BLOCK_TAGS:
                pieces.append(_PARAGRAPH)
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
    return "".join(pieces)


def extract_html(markup: str) -> HtmlArticle:
    """Read the article text, title, author, publication date and URL of one HTML page."""
    soup = BeautifulSoup(markup, "html.parser")
    title, author, published, url = _title(soup), _author(soup), _published(soup), _url(soup)
    text = re.sub(r"\s+", " ", _article_text(_article_root(soup)))
    text = re.sub(rf" ?{_LINE} ?", "\n", text)
    text = re.sub(rf"[\s{_PARAGRAPH}]*{_PARAGRAPH}[\s{_PARAGRAPH}]*", "\n\n", text)
    return HtmlArticle(text=text.strip(), title=title, author=author, published=published, url=url)
