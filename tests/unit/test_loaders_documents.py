"""Reading documents from files, folders, globs and stdin; every bad input is a Problem."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import InvalidInput, Problem
from kg.model import SourceDocument
from loaders import documents
from loaders.documents import (
    MAX_DOCUMENT_BYTES,
    decode_bytes,
    document_from_text,
    documents_only,
    iter_documents,
    read_file,
    read_stdin,
)
from loaders.html import extract_html

ARTICLE = (
    "top of page\n\n"
    "Harbour workers end strike after pay deal\n\n"
    "Dock workers in the northern port agreed on Thursday to end a two-week strike.\n\n"
    "The union said members had voted to accept the offer.\n"
)


def split(items: Iterator[SourceDocument | Problem]) -> tuple[list[SourceDocument], list[Problem]]:
    docs: list[SourceDocument] = []
    problems: list[Problem] = []
    for item in items:
        (problems if isinstance(item, Problem) else docs).append(item)  # type: ignore[arg-type]
    return docs, problems


def only_problem(items: Iterator[SourceDocument | Problem]) -> Problem:
    docs, problems = split(items)
    assert docs == []
    assert len(problems) == 1, problems
    return problems[0]


# ---- formats -------------------------------------------------------------------------------


def test_text_file_keeps_text_and_detects_layout(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (document,) = split(iter_documents([str(path)]))[0]
    assert document.text == ARTICLE
    assert document.source == str(path)
    assert document.title == "Harbour workers end strike after pay deal"
    assert [ARTICLE[s:e] for s, e in document.skip] == ["top of page", document.title]


@pytest.mark.parametrize("name", ["a.md", "a.text", "README", "A.TXT"])
def test_text_suffixes(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    docs, problems = split(iter_documents([str(tmp_path / name)]))
    assert problems == []
    assert [d.text for d in docs] == [ARTICLE]


def test_published_argument_is_default_and_dateline_is_weakest(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text("Published 2 May 2021\n\n" + ARTICLE, encoding="utf-8")
    (from_page,) = split(iter_documents([str(path)]))[0]
    (given,) = split(iter_documents([str(path)], published=dt.date(2021, 5, 3)))[0]
    assert from_page.published == dt.date(2021, 5, 2)
    assert given.published == dt.date(2021, 5, 3)


HTML_PAGE = """<!doctype html>
<html><head>
<title>Site name | Harbour strike ends</title>
<meta property="og:title" content="Harbour strike ends">
<meta name="author" content="Ana Silva">
<meta property="article:published_time" content="2023-04-06T08:00:00Z">
<meta property="og:url" content="https://news.example/harbour">
<style>p { color: red }</style><script>window.track = 1;</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><div>Site name</div></header>
<div class="cookie-banner">We use cookies. Accept all</div>
<main><article>
<h1>Harbour strike ends</h1>
<p>Dock workers in the northern port   agreed on Thursday
to end a two-week strike.</p>
<ul class="share-tools"><li>Share on Facebook</li></ul>
<p>The union said members had voted<br>to accept the offer.</p>
<aside>Related: earlier strikes</aside>
<form><input name="email"> Subscribe</form>
</article></main>
<footer>&copy; 2023 Site</footer>
</body></html>
"""


def test_html_extracts_article_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    (document,) = split(iter_documents([str(path)], published=dt.date(2000, 1, 1)))[0]
    assert document.title == "Harbour strike ends"
    assert document.author == "Ana Silva"
    assert document.published == dt.date(2023, 4, 6)  # the page's own date wins
    assert document.url == "https://news.example/harbour"
    assert "Dock workers in the northern port agreed on Thursday to end a two-week strike." in document.text
    assert "The union said members had voted\nto accept the offer." in document.text
    assert "\n\n" in document.text  # paragraph breaks kept
    for chrome in (
        "window.track",
        "color: red",
        "Home",
        "cookies",
        "Share on Facebook",
        "Related",
        "Subscribe",
        "2023 Site",
    ):
        assert chrome not in document.text, chrome


def test_html_without_article_uses_body_and_title_fallbacks() -> None:
    article = extract_html(
        "<html><head><title>Plain title</title></head><body><p>One line.</p></body></html>"
    )
    assert article.text == "One line."
    assert article.title == "Plain title"
    assert extract_html("<h1>Only heading</h1><p>Text.</p>").title == "Only heading"


def test_html_with_bad_meta_date_falls_back_to_argument(tmp_path: Path) -> None:
    path = tmp_path / "bad-date.htm"
    path.write_text(
        '<meta property="article:published_time" content="yesterday"><article><p>Text here.</p></article>',
        encoding="utf-8",
    )
    (document,) = split(iter_documents([str(path)], published=dt.date(2022, 1, 2)))[0]
    assert document.published == dt.date(2022, 1, 2)


def test_html_without_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>", encoding="utf-8")
    problem = only_problem(iter_documents([str(path)]))
    assert problem.source == str(path)
    assert "no article text" in problem.message


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": ARTICLE,
                "title": "T1",
                "url": "https://e.x/1",
                "published": "2022-09-15",
                "author": "Ana Silva",
                "extra": "ignored",
            }
        ),
        "{not json",
        json.dumps({"text": "Second story. It is short.", "published": "15/09/2022"}),
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "   "}),
        json.dumps({"text": "Fine.", "author": 5}),
        json.dumps({"text": "Third story is fine.", "published": "2022-09-16T10:00:00+02:00"}),
        json.dumps({"text": "Fourth story has no date."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = split(iter_documents([str(path)], published=dt.date(2022, 1, 1)))

    assert [d.source for d in docs] == [f"{path}:1", f"{path}:9", f"{path}:10"]
    assert docs[0].title == "T1" and docs[0].author == "Ana Silva" and docs[0].url == "https://e.x/1"
    assert [d.published for d in docs] == [dt.date(2022, 9, 15), dt.date(2022, 9, 16), dt.date(2022, 1, 1)]
    located = {(p.line, p.field) for p in problems}
    assert located == {(2, None), (3, "published"), (4, "text"), (5, None), (7, "text"), (8, "author")}
    assert all(p.source == str(path) for p in problems)
    assert "15/09/2022" in next(p.message for p in problems if p.field == "published")


def test_ndjson_with_bom_and_windows_newlines(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "First."}\r\n{"text": "Second."}\r\n')
    docs, problems = split(iter_documents([str(path)]))
    assert problems == []
    assert [d.text for d in docs] == ["First.", "Second."]


def test_empty_jsonl_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert "empty" in only_problem(iter_documents([str(path)])).message


def test_oversized_jsonl_line_is_skipped_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 64)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "Small."}) + "\n")
    docs, problems = split(iter_documents([str(path)]))
    assert [d.text for d in docs] == ["Small."]
    assert [(p.line, "too large" in p.message) for p in problems] == [(1, True)]


# ---- folders, globs, stdin -----------------------------------------------------------------


def test_folder_is_walked_recursively_in_order_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story here.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First story here.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    docs, problems = split(iter_documents([str(tmp_path)]))
    assert problems == []
    assert [d.text for d in docs] == ["First story here.", "Second story here."]


def test_folder_is_streamed_not_read_up_front(tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"{index}.txt").write_text(f"Story number {index}.", encoding="utf-8")
    items = iter_documents([str(tmp_path)])
    first = next(items)
    assert isinstance(first, SourceDocument)
    # A file removed after the walk started is reported when reached, the others still read.
    (tmp_path / "2.txt").unlink()
    docs, problems = split(items)
    assert [d.text for d in docs] == ["Story number 1."]
    assert len(problems) == 1 and problems[0].source.endswith("2.txt")


def test_glob(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One story.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Two stories.", encoding="utf-8")
    (tmp_path / "three.csv").write_text("a,b", encoding="utf-8")
    docs, problems = split(iter_documents([str(tmp_path / "*.txt")]))
    assert problems == []
    assert [d.text for d in docs] == ["One story.", "Two stories."]


def test_glob_matching_nothing(tmp_path: Path) -> None:
    problem = only_problem(iter_documents([str(tmp_path / "*.txt")]))
    assert problem.source == str(tmp_path / "*.txt")
    assert "no files match" in problem.message


def test_glob_matching_only_unreadable_types(tmp_path: Path) -> None:
    (tmp_path / "three.csv").write_text("a,b", encoding="utf-8")
    assert "none of a type kg reads" in only_problem(iter_documents([str(tmp_path / "*")])).message


def test_folder_without_readable_files(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b", encoding="utf-8")
    problem = only_problem(iter_documents([str(tmp_path)]))
    assert problem.source == str(tmp_path)
    assert "no readable documents" in problem.message


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    assert "no such file" in only_problem(iter_documents([str(tmp_path / "nope.txt")])).message
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert "unsupported file type '.pdf'" in only_problem(iter_documents([str(pdf)])).message


def test_file_vanished_between_listing_and_reading(tmp_path: Path) -> None:
    problem = only_problem(read_file(str(tmp_path / "gone.txt")))
    assert "file not found" in problem.message
    assert problem.source == str(tmp_path / "gone.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hidden story.", encoding="utf-8")
    path.chmod(0)
    try:
        assert "permission denied" in only_problem(iter_documents([str(path)])).message
    finally:
        path.chmod(0o644)


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    (document,) = split(read_stdin(io.BytesIO(ARTICLE.encode()), published=dt.date(2022, 2, 2)))[0]
    assert document.text == ARTICLE
    assert document.source == "<stdin>"
    assert document.published == dt.date(2022, 2, 2)


def test_stdin_jsonl_and_html_are_sniffed() -> None:
    feed = b'\n{"text": "First."}\n{"text": "Second."}\nbad\n'
    docs, problems = split(read_stdin(io.BytesIO(feed)))
    assert [d.text for d in docs] == ["First.", "Second."]
    assert [(p.source, p.line) for p in problems] == [("<stdin>", 4)]
    (page,) = split(read_stdin(io.BytesIO(HTML_PAGE.encode())))[0]
    assert page.title == "Harbour strike ends"


def test_stdin_via_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"A story from a pipe.")

    monkeypatch.setattr("sys.stdin", FakeStdin())
    docs, problems = split(iter_documents(["-"]))
    assert problems == []
    assert [d.text for d in docs] == ["A story from a pipe."]


def test_empty_stdin() -> None:
    assert "empty input" in only_problem(read_stdin(io.BytesIO(b"  \n"))).message


# ---- bad bytes -----------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    problem = only_problem(iter_documents([str(path)]))
    assert problem.source == str(path)
    assert "empty file" in problem.message


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", "NUL"),
        (bytes(range(1, 32)) * 50 + b"some text", "control characters"),
    ],
)
def test_binary_file(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(content)
    problem = only_problem(iter_documents([str(path)]))
    assert "binary file" in problem.message and why in problem.message


def test_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    (tmp_path / "c.txt").write_text("A good story.", encoding="utf-8")
    docs, problems = split(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [d.text for d in docs] == ["A good story."]
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Café in Zürich".encode(), "Café in Zürich"),
        (b"\xef\xbb\xbfWith BOM", "With BOM"),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
        ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "Café “quoted”"),
        (b"Undefined \x81 byte \xe9", "Undefined \x81 byte é"),  # not cp1252: Latin-1, cannot fail
        ("Mostly UTF-8 – fine ".encode() + b"\xff", "Mostly UTF-8 – fine \ufffd"),
    ],
)
def test_decoding_never_crashes(raw: bytes, expected: str) -> None:
    assert decode_bytes(raw, source="x") == expected


def test_html_declared_charset_is_used_for_non_utf8(tmp_path: Path) -> None:
    page = '<meta charset="koi8-r"><p>Привет, мир. Это статья.</p>'.encode("koi8-r")
    path = tmp_path / "ru.html"
    path.write_bytes(page)
    (document,) = split(iter_documents([str(path)]))[0]
    assert document.text == "Привет, мир. Это статья."


def test_large_article_accepted(tmp_path: Path) -> None:
    paragraph = "The delegation said the talks in the capital would continue for another week.\n\n"
    text = paragraph * (5 * 1024 * 1024 // len(paragraph))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    (document,) = split(iter_documents([str(path)]))[0]
    assert len(document.text) == len(text)


def test_too_large_refused(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no disk used
    problem = only_problem(iter_documents([str(path)]))
    assert "too large" in problem.message and "20.0 MB" in problem.message


def test_too_large_stdin_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 100)
    assert "too large" in only_problem(read_stdin(io.BytesIO(b"word " * 100))).message


# ---- API -----------------------------------------------------------------------------------


def test_document_from_text_rejects_empty_and_bad_dates() -> None:
    with pytest.raises(InvalidInput) as empty:
        document_from_text("  ", source="s.txt")
    assert empty.value.problems[0].source == "s.txt"
    with pytest.raises(InvalidInput) as bad_date:
        document_from_text("Text.", published="next Tuesday", source="s.txt")
    assert bad_date.value.problems[0].field == "published"


def test_document_id_is_the_content_hash() -> None:
    assert document_from_text("Same text.", title="A").id == document_from_text("Same text.", title="B").id


def test_documents_only_streams_problems_to_the_callback(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good story.", encoding="utf-8")
    seen: list[Problem] = []
    docs = list(
        documents_only(iter_documents([str(tmp_path / "a.txt"), str(tmp_path / "no.txt")]), seen.append)
    )
    assert [d.text for d in docs] == ["Good story."]
    assert [p.source for p in seen] == [str(tmp_path / "no.txt")]


def test_deeply_nested_html_is_read_without_recursion() -> None:
    depth = 1500  # deeper than Python's recursion limit
    article = extract_html("<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth)
    assert article.text == "Deep text."


def test_html_nested_beyond_the_parsers_limit_is_still_read() -> None:
    depth = 20_000  # past libxml2's depth limit: trafilatura gets a cut tree, the stream reader does not
    article = extract_html("<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth)
    assert article.text == "Deep text."


def test_html_comments_and_cdata_are_not_text() -> None:
    article = extract_html("<article><!-- hidden note --><p>Visible text.</p><![CDATA[raw]]></article>")
    assert article.text == "Visible text."


def test_html_title_drops_the_site_name_when_h1_matches() -> None:
    page = "<title>Port reopens - Example Wire</title><h1>Port reopens</h1><p>Ships dock again.</p>"
    assert extract_html(page).title == "Port reopens"


def test_hostile_jsonl_lines_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"[" * 100_000 + b"\n" + b'{"text": "Caf\xe9 owners met."}\n' + b'{"text": "ok\x00"}\n')
    docs, problems = split(iter_documents([str(path)]))
    assert [d.text for d in docs] == ["Caf\ufffd owners met."]
    assert [(p.line, "nested too deeply" in p.message or "binary" in p.message) for p in problems] == [
        (1, True),
        (3, True),
    ]
