"""Page furniture, title, author and dateline detection on scraped text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.documents import document_from_text
from loaders.furniture import (
    MAX_ANALYSED_LINES,
    PageLayout,
    analyse_page,
    byline_author,
    is_furniture,
    looks_like_name,
    parse_dateline,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"


def skipped_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in analyse_page(text).skip]


def test_sample_article_furniture_title_and_byline() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    document = document_from_text(text, source=str(SAMPLE))

    assert document.text == text  # offsets must point into the text as given
    skipped = [text[start:end] for start, end in document.skip]
    assert "top of page" in skipped
    assert "bottom of page" in skipped
    assert any(s.endswith("Borislav Ivanov") for s in skipped)
    assert document.title is not None and document.title.startswith("War News:")
    assert document.title in skipped  # the headline is metadata, not a sentence to parse
    assert document.author == "Borislav Ivanov"
    # No sentence of the article body is hidden.
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        if paragraph.endswith((".", '"')):
            start = text.index(paragraph)
            end = start + len(paragraph)
            assert all(skip_end <= start or skip_start >= end for skip_start, skip_end in document.skip)


OWN_PAGE = """Skip to main content
Menu
Home | World | Europe | Politics

Share on Facebook
Share on Twitter

Rivers: Flood barriers hold as storm passes through the delta region

By Maria Lopez and Tom Becker, Herald Wire
Published 3 March 2023

The regional water authority said on Friday that every barrier along the lower river had held
through the night, sparing the towns that flooded two years ago.

Advertisement

Engineers from the national infrastructure agency spent the week reinforcing the northern
embankment, the authority said in a statement.

What comes next

Officials warned that a second storm could arrive
early next week.

We use cookies to improve your experience. By continuing you accept our cookie policy.
Read more: How the delta learned to live with water
Tags: floods, weather, infrastructure
© 2023 Herald Media. All rights reserved.
"""


def test_own_page_furniture_everywhere() -> None:
    layout = analyse_page(OWN_PAGE)
    skipped = [OWN_PAGE[start:end] for start, end in layout.skip]

    for furniture in (
        "Skip to main content",
        "Menu",
        "Home | World | Europe | Politics",
        "Share on Facebook",
        "Share on Twitter",
        "Advertisement",
        "What comes next",
        "Read more: How the delta learned to live with water",
        "Tags: floods, weather, infrastructure",
        "© 2023 Herald Media. All rights reserved.",
    ):
        assert furniture in skipped, furniture
    assert any("cookie" in s for s in skipped)
    assert layout.title == "Rivers: Flood barriers hold as storm passes through the delta region"
    assert layout.author == "Maria Lopez and Tom Becker"
    assert layout.published == dt.date(2023, 3, 3)


def test_wrapped_sentences_are_kept_whole() -> None:
    layout = analyse_page(OWN_PAGE)
    kept = OWN_PAGE
    for start, end in sorted(layout.skip, reverse=True):
        kept = kept[:start] + kept[end:]
    assert "sparing the towns that flooded two years ago." in kept
    assert "Officials warned that a second storm could arrive\nearly next week." in kept
    assert "reinforcing the northern\nembankment" in kept


def test_skip_ranges_are_sorted_disjoint_and_inside_the_text() -> None:
    layout = analyse_page(OWN_PAGE)
    previous_end = 0
    for start, end in layout.skip:
        assert previous_end <= start < end <= len(OWN_PAGE)
        assert OWN_PAGE[start:end] == OWN_PAGE[start:end].strip()
        previous_end = end


def test_plain_article_without_furniture_skips_nothing() -> None:
    text = (
        "The council approved the budget on Monday.\n\n"
        "Its chair said the vote ended a long dispute with the mayor.\n"
    )
    layout = analyse_page(text)
    assert layout.skip == ()
    assert layout.title is None
    assert layout.author is None


def test_text_without_prose_keeps_its_only_line() -> None:
    layout = analyse_page("Ministers meet to discuss the border\n")
    assert layout.skip == ()
    assert layout.title is None


def test_byline_inside_body_and_markdown_title() -> None:
    text = (
        "# Talks resume in the capital\n\n"
        "Negotiators returned to the table on Monday after a week of silence.\n\n"
        "By Ana Silva\n\n"
        "Both delegations said they expected a long session.\n"
    )
    document = document_from_text(text)
    assert document.title == "Talks resume in the capital"
    assert document.author == "Ana Silva"
    assert "By Ana Silva" in [text[s:e] for s, e in document.skip]


def test_explicit_metadata_wins_over_the_page() -> None:
    document = document_from_text(
        OWN_PAGE, title="Given title", author="Given Author", published="2023-03-04", url=" https://e.x/a "
    )
    assert document.title == "Given title"
    assert document.author == "Given Author"
    assert document.published == dt.date(2023, 3, 4)
    assert document.url == "https://e.x/a"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("top of page", True),
        ("  • Share on WhatsApp", True),
        ("ADVERTISEMENT", True),
        ("Continue reading", True),
        ("Share prices fell sharply in early trading on Tuesday.", False),
        ("The ministry said the talks would resume.", False),
        ("***", True),
        ("https://example.org/story/123", True),
    ],
)
def test_is_furniture(line: str, expected: bool) -> None:
    assert is_furniture(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by Jane Doe, Reuters", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("Written by Jean-Luc de la Croix", "Jean-Luc de la Croix"),
        ("By Tuesday evening the talks had collapsed.", None),
        ("By the way", None),
    ],
)
def test_byline_author(line: str, expected: str | None) -> None:
    assert byline_author(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Borislav Ivanov", True), ("Contact Us", False), ("World News", False), ("Ana", False)],
)
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 15 September 2022", dt.date(2022, 9, 15)),
        ("Updated: Sep. 14, 2022, 10:02", dt.date(2022, 9, 14)),
        ("2022-09-15", dt.date(2022, 9, 15)),
        ("31 February 2022", None),
        ("The ceasefire that took effect on 15 September 2022 held for two weeks in the end.", None),
    ],
)
def test_parse_dateline(line: str, expected: dt.date | None) -> None:
    assert parse_dateline(line) == expected


def test_byline_as_a_bullet_list_names_every_author() -> None:
    text = (
        "Skip to content\n  • Lena Fischer\n  • Omar Haddad\n\n"
        "Port reopens after week-long blockade\n\n"
        "The port authority said ships could dock again from Monday morning.\n"
    )
    layout = analyse_page(text)
    assert layout.author == "Lena Fischer and Omar Haddad"
    assert layout.title == "Port reopens after week-long blockade"


def test_reporting_credits_and_copyright_are_furniture() -> None:
    text = (
        "The port authority said ships could dock again from Monday morning.\n\n"
        "Reporting by Lena Fischer in Hamburg; Editing by Omar Haddad\n"
        "Copyright 2024 Example Wire. All rights reserved.\n"
    )
    assert skipped_texts(text) == [
        "Reporting by Lena Fischer in Hamburg; Editing by Omar Haddad",
        "Copyright 2024 Example Wire. All rights reserved.",
    ]


@pytest.mark.parametrize(
    "lead",
    [
        "GENEVA (Reuters) — ",
        "PORT-AU-PRINCE, Haiti (AP) — ",
        "KYIV/MOSCOW — ",
        "LIMA, May 3 (AFP) - ",
        "SAN JOSE -- ",
    ],
)
def test_wire_dateline_lead_is_skipped_so_the_sentence_starts_at_its_subject(lead: str) -> None:
    text = f"Talks resume in the capital\n\n{lead}The two delegations met on Monday for a second round.\n"
    layout = analyse_page(text)
    start = text.index(lead)
    assert (start, start + len(lead.rstrip())) in layout.skip
    assert "The two delegations met" not in "".join(text[s:e] for s, e in layout.skip)


@pytest.mark.parametrize(
    "line",
    [
        "NATO said it would reinforce its mission in the region.",
        "UN officials — speaking on condition of anonymity — said the talks had stalled.",
    ],
)
def test_capitalised_subjects_are_not_datelines(line: str) -> None:
    layout = analyse_page(f"{line}\n\nThe talks continue on Friday in the capital.\n")
    assert layout.skip == ()


def test_text_with_too_many_lines_is_not_analysed() -> None:
    text = "top of page\n" + "x\n" * (MAX_ANALYSED_LINES + 1)
    assert analyse_page(text) == PageLayout(skip=())
