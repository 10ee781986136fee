"""Page furniture in scraped article text: what is navigation, share links and bylines, not news.

Scraped pages arrive as plain text with the page around the article still in it: "top of
page", "Skip to content", a bulleted byline, "Share on Facebook", "Advertisement", cookie
notices, "Read more: ...". :func:`analyse_page` finds those lines and returns them as
``(start, end)`` character ranges, together with the title, author and publication date the
page states, without changing a single character of the text (evidence offsets point into it).

The heuristics work on lines and are deliberately general:

* lines are first joined where a sentence was wrapped across them (hard-wrapped text, ``<br>``
  breaks), so a wrapped sentence is judged whole and never half-skipped;
* a line is furniture wherever it stands when it matches :data:`FURNITURE_PHRASES` (whole line)
  or :data:`FURNITURE_PATTERNS` ("Share on ...", cookie notices, "Reporting by ...", copyright);
* the *body* is the run of prose lines (terminal punctuation and a few words, or long lines)
  that are not furniture;
* before the body (the *header*) everything that is not prose is furniture, except the title
  (the longest substantial non-sentence line there, e.g. "Section: Headline words"), a byline
  ("By Jane Doe", or bullets holding people's names) and a dateline, which are read and then
  skipped too, because they are metadata rather than claims;
* after the body (the *footer*) everything that is not a sentence is furniture;
* inside the body only furniture lines, bylines and standalone sub-headings (short
  non-sentence lines between blank lines) are skipped.

If a text has no prose at all, only the phrase/pattern rules apply and no title is guessed:
guessing the header of a page with no body would hide the only text there is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Whole lines (compared lower-cased, without bullets and surrounding punctuation) that are
# furniture wherever they occur. Data, not code: extend freely.
FURNITURE_PHRASES: frozenset[str] = frozenset(
    {
        "top of page", "bottom of page", "back to top", "skip to content", "skip to main content",
        "skip to navigation", "jump to content", "advertisement", "advertisements", "ad",
        "sponsored", "sponsored content", "promoted", "share", "share this", "share this article",
        "share this story", "share article", "tweet", "email", "e-mail", "print", "copy link",
        "link copied", "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit",
        "read more", "continue reading", "show more", "load more", "see more", "more", "related",
        "related articles", "related stories", "related content", "related coverage",
        "recommended", "most read", "most popular", "trending", "latest news", "latest",
        "subscribe", "subscribe now", "sign up", "sign in", "log in", "login", "register",
        "newsletter", "menu", "main menu", "close", "search", "home", "homepage", "contact",
        "contact us", "about us", "comments", "leave a comment", "view comments", "accept",
        "accept all", "reject all", "manage cookies", "cookie settings", "privacy policy",
        "terms of use", "terms of service", "terms and conditions", "listen to this article",
        "listen", "watch", "play video", "video", "photo", "gallery", "follow us", "next article",
        "previous article", "next", "previous", "toggle navigation", "open menu", "close menu",
    }
)

# Patterns searched in the normalised line (lower case, bullets stripped).
FURNITURE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^(share|post|send) (this |it )?(on|to|via|with) \w+",  # Share on Facebook
        r"^(share|tweet|email|print)( (on|via) \w+)?( (share|tweet|email|print)( (on|via) \w+)?)+$",
        r"^(read|see) (more|also)\b",
        r"^(follow|like) us\b",
        r"^(related|recommended|more on this|more from|tags?|topics?|filed under)\s*:",
        r"\b(we|this (web)?site|our (web)?site|this page) (use|uses|are using) cookies\b",
        r"\bcookies? (policy|settings|preferences|consent|notice|banner)\b",
        r"\b(accept|allow|consent to) (all |the use of |our )?cookies\b",
        r"\b(sign up|subscribe)\b.*\b(newsletter|updates|inbox|free)\b",
        r"^(©|\(c\)|copyright\b)",
        r"\ball rights reserved\b",
        r"^https?://\S+$",
        r"^\(?(additional )?(reporting|writing|editing|compiled|produced)( by|:)",
        r"^(photo|image|picture|video|credit|source|caption)s?( credit)?\s*:",
        r"^(advertisement|sponsored)\b",
        r"^this (article|story|content) (was|is|has been) (originally )?"
        r"(published|updated|produced|translated|sponsored)\b",
        r"^(\d+\s*)?(min(ute)?s?|hours?) read$",
        r"^(updated|published|posted|last updated)\b.{0,60}$",
    )
)

# Navigation words that rule a bullet out as a person's name ("• Contact Us", "• World News").
_NAV_WORDS: frozenset[str] = frozenset(
    {
        "home", "news", "world", "politics", "business", "sport", "sports", "opinion", "contact",
        "us", "about", "menu", "search", "login", "more", "latest", "video", "videos", "live",
        "europe", "asia", "africa", "americas", "uk", "culture", "science", "tech",
        "technology", "health", "travel", "weather", "podcasts", "newsletters", "subscribe",
        "top", "stories", "page", "section", "analysis", "features", "media", "photos", "share",
        "read", "related", "breaking", "war", "economy", "markets", "the", "of", "and",
    }
)
_NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "da", "del", "della", "der", "den", "van", "von", "bin", "bint", "al", "el", "la", "le", "du"}
)
_MAX_FURNITURE_WORDS = 60  # a "line" longer than this is never treated as furniture
_MAX_HEADING_WORDS = 10
# A page with more lines than this is not a scraped article (a dump, a list, a hostile input):
# it is passed on whole rather than holding a few hundred bytes of analysis per line.
MAX_ANALYSED_LINES = 100_000
_WRAPPED_LINE_WORDS = 8  # a line this long without a sentence end is a wrapped sentence

_BULLET = re.compile(r"^(?:[•·‣▪◦●○■□►▸▶\-–—*|]+)\s*")
# Sentence ends in the scripts news is written in: Latin, CJK (。！？), Devanagari (। ॥),
# Burmese (။), Ethiopic (።), Arabic (؟ ۔), each optionally followed by closing quotes.
_TERMINAL = re.compile(r"[.!?…。！？｡।॥။።؟۔](?:[\"'”’»)\]」』）]*)$")
# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer, Japanese kana, CJK):
# two such characters count as one word, so a paragraph of them is judged by its length.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_NAV_SEPARATORS = re.compile(r"\s[|»›>/]\s")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?$")
_BYLINE = re.compile(
    r"^(?:by|written by|words by|author)\s*:?\s+(?P<names>.+?)"
    r"(?:\s*(?:[,|/]|\s[–—-]\s)\s*(?P<outlet>[^,|/]{1,60}))?$",
    re.IGNORECASE,
)
# A wire dateline opening a paragraph: "DOHA (AP) — ", "KYIV/MOSCOW — ",
# "GOMA, Democratic Republic of Congo (AFP) — ", "MANILA, March 5 (Reuters) - ".
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*"  # PLACE, PLACE/PLACE
    r"(?:,[^—–()\n]{1,40}?)?\s*(?:\([^()\n]{1,30}\))?"  # , Country or date  (Agency)
    r"\s*(?:—|–|--?)\s*(?=\S)"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
)
_DATELINE_WORDS = re.compile(
    r"^(?:(published|posted|updated|last updated|first published)\b\s*(?:on|at)?\s*:?)?", re.I
)


@dataclass(frozen=True, slots=True)
class PageLayout:
    """What :func:`analyse_page` read from a page; ``skip`` is sorted and non-overlapping."""

    skip: tuple[tuple[int, int], ...]
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # the line without surrounding whitespace
    blank_before: bool
    blank_after: bool

    @property
    def words(self) -> int:
        return word_count(self.text)


def word_count(text: str) -> int:
    """Words of a line: space-separated runs, plus one per two characters of unspaced scripts."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    return len(_UNSPACED.sub(" ", text).split()) + unspaced // 2


def normalise(line: str) -> str:
    """Lower case, bullets and surrounding punctuation dropped, spaces collapsed."""
    stripped = _BULLET.sub("", line.strip())
    stripped = _TRIM.sub("", stripped.replace("’", "'"))
    return _SPACES.sub(" ", stripped).lower()


def is_furniture(line: str) -> bool:
    """Does this single line look like page furniture wherever it stands?"""
    text = line.strip()
    if not text:
        return False
    if word_count(text) > _MAX_FURNITURE_WORDS:
        return False
    norm = normalise(text)
    if not norm:
        return True  # separators: "***", "|", "—"
    if norm in FURNITURE_PHRASES:
        return True
    return any(pattern.search(norm) for pattern in FURNITURE_PATTERNS)


def is_prose(line: str) -> bool:
    """A sentence-like line: ends like a sentence and has a few words, or is simply long."""
    words = word_count(line)
    return (words >= 3 and _TERMINAL.search(line) is not None) or words >= 25


def looks_like_name(text: str) -> bool:
    """'Jane Doe', 'Jean-Luc de la Croix': 2 to 5 capitalised words, no navigation words."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_WORD.match(word) or not word[0].isupper() or word.lower().strip(".") in _NAV_WORDS:
            return False
        capitalised += 1
    return capitalised >= 2


def byline_author(line: str) -> str | None:
    """The author(s) of a byline line ("By Jane Doe and John Roe, Reuters"), or None."""
    text = _BULLET.sub("", line.strip())
    if len(text.split()) > 16:
        return None
    match = _BYLINE.match(text)
    if match is None:
        return None
    names = [n for n in _NAME_SPLIT.split(match.group("names")) if n]
    if not names or not all(looks_like_name(n) for n in names):
        return None
    return " and ".join(names) if len(names) <= 2 else ", ".join(names)


def parse_dateline(line: str) -> dt.date | None:
    """The date of a short dateline ("Published 15 September 2022", "2022-09-15"), or None."""
    text = _BULLET.sub("", line.strip())
    if len(text.split()) > 12:
        return None
    rest = _DATELINE_WORDS.sub("", text, count=1)
    for pattern in _DATE_PATTERNS:
        match = pattern.search(rest)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"].lower()]
        try:
            return dt.date(int(groups["y"]), month, int(groups["d"]))
        except ValueError:
            return None
    return None


def _lines(text: str) -> list[_Line]:
    raw: list[tuple[int, int, str]] = []
    for match in re.finditer(r"[^\r\n]+", text):
        content = match.group()
        stripped = content.strip()
        if not stripped:
            continue
        start = match.start() + (len(content) - len(content.lstrip()))
        raw.append((start, start + len(stripped), stripped))
    lines: list[_Line] = []
    for index, (start, end, stripped) in enumerate(raw):
        previous_end = raw[index - 1][1] if index else 0
        next_start = raw[index + 1][0] if index + 1 < len(raw) else len(text)
        gap_before = text[previous_end:start]
        gap_after = text[end:next_start]
        lines.append(
            _Line(
                start=start,
                end=end,
                text=stripped,
                blank_before=index == 0 or _is_blank_gap(gap_before),
                blank_after=index + 1 == len(raw) or _is_blank_gap(gap_after),
            )
        )
    return lines


def _is_blank_gap(gap: str) -> bool:
    return gap.count("\n") >= 2 or gap.count("\r") >= 2


def _title_score(line: _Line) -> int:
    """Words of a plausible title line, 0 if it cannot be one."""
    if line.words < 3 or not 10 <= len(line.text) <= 250:
        return 0
    if _BULLET.match(line.text) or _NAV_SEPARATORS.search(line.text):
        return 0
    if not any(ch.isupper() for ch in line.text):
        return 0
    return line.words


def _segments(lines: list[_Line], furniture: list[bool]) -> list[tuple[_Line, bool]]:
    """Lines joined where a sentence was wrapped across them; each with its furniture flag.

    A line continues on the next one (no blank line between) when it does not end a sentence
    and the next starts in lower case, or when it is long: hard-wrapped text and ``<br>``
    breaks then read as the sentences they are. Furniture lines are never joined.
    """
    segments: list[tuple[_Line, bool]] = []
    for line, flag in zip(lines, furniture, strict=True):
        if segments and not flag:
            previous, previous_flag = segments[-1]
            if (
                not previous_flag
                and not previous.blank_after
                and _TERMINAL.search(previous.text) is None
                and not _BULLET.match(line.text)
                and (line.text[0].islower() or previous.words >= _WRAPPED_LINE_WORDS)
            ):
                segments[-1] = (
                    _Line(
                        start=previous.start,
                        end=line.end,
                        text=f"{previous.text} {line.text}",
                        blank_before=previous.blank_before,
                        blank_after=line.blank_after,
                    ),
                    False,
                )
                continue
        segments.append((line, flag))
    return segments


def _is_sentence(text: str) -> bool:
    return word_count(text) >= 2 and _TERMINAL.search(text) is not None


def _wire_dateline(lines: list[_Line], body: list[int]) -> tuple[int, int] | None:
    """The range of the first wire dateline opening a body paragraph ("DOHA (AP) — "), if any.

    Only the lead is skipped, so the sentence starts at its real subject; the place name is not
    an actor of the sentence.
    """
    for i in body[:3]:
        match = _WIRE_DATELINE.match(lines[i].text)
        if match is not None:
            lead = match.group().rstrip()
            return lines[i].start, lines[i].start + len(lead)
    return None


def analyse_page(text: str) -> PageLayout:
    """Find the furniture, title, author and dateline of one scraped page."""
    if text.count("\n") > MAX_ANALYSED_LINES:
        return PageLayout(skip=())
    raw_lines = _lines(text)
    segments = _segments(raw_lines, [is_furniture(line.text) for line in raw_lines])
    lines = [segment for segment, _ in segments]
    furniture = [flag for _, flag in segments]
    body = [i for i, line in enumerate(lines) if not furniture[i] and is_prose(line.text)]
    skipped: set[int] = {i for i, flag in enumerate(furniture) if flag}
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    bullet_names: list[str] = []  # a byline as a list: "• Jane Doe", "• John Roe"
    dateline: tuple[int, int] | None = None

    if body:
        first, last = body[0], body[-1]
        header = range(first)
        candidates = [
            i
            for i in header
            if not furniture[i]
            and _title_score(lines[i]) > 0
            and byline_author(lines[i].text) is None
            and parse_dateline(lines[i].text) is None
        ]
        title_index = max(candidates, key=lambda i: (_title_score(lines[i]), -i), default=None)
        for i in header:
            line = lines[i].text
            skipped.add(i)
            if i == title_index or (furniture[i] and parse_dateline(line) is None):
                continue
            found_author = byline_author(line)
            if found_author is not None and author is None:
                author = found_author
            elif found_author is None and _BULLET.match(line) and looks_like_name(_BULLET.sub("", line)):
                bullet_names.append(_BULLET.sub("", line))
            date = parse_dateline(line)
            if date is not None and published is None:
                published = date
        if title_index is not None:
            title = _MARKDOWN_HEADING.sub("", lines[title_index].text)
        if author is None and bullet_names:
            author = " and ".join(bullet_names) if len(bullet_names) <= 2 else ", ".join(bullet_names)
        # After the body: whatever is not a sentence ("Tags", "Share", link lists).
        skipped.update(i for i in range(last + 1, len(lines)) if not _is_sentence(lines[i].text))
        dateline = _wire_dateline(lines, body)
        for i in range(first, last + 1):
            body_line = lines[i]
            if i in skipped or is_prose(body_line.text):
                continue
            found_author = byline_author(body_line.text)
            if found_author is not None:
                skipped.add(i)
                author = author or found_author
            elif body_line.blank_before and body_line.blank_after and body_line.words <= _MAX_HEADING_WORDS:
                skipped.add(i)  # a sub-heading: no claims in it, and not a sentence to parse

    ranges = [(lines[i].start, lines[i].end) for i in sorted(skipped)]
    if body and dateline is not None:
        ranges = sorted([*ranges, dateline])
    return PageLayout(
        skip=tuple(ranges),
        title=title,
        author=author,
        published=published,
    )
