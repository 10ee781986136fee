"""Hostile files at the loader: never waited on, never a crash, every one named (issue #14)."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterable
from pathlib import Path

import pytest

from kg.errors import Problem
from kg.model import SourceDocument
from loaders.documents import count_documents, iter_documents, normalise_text

Item = SourceDocument | Problem


def read_within(paths: list[str], seconds: float = 20.0) -> list[Item]:
    """iter_documents(paths), failing the test (instead of hanging it) if it blocks."""
    found: list[Item] = []
    reader = threading.Thread(target=lambda: found.extend(iter_documents(paths)), daemon=True)
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), f"reading {paths} blocked"
    return found


def split(items: Iterable[Item]) -> tuple[list[SourceDocument], list[Problem]]:
    items = list(items)
    return ([i for i in items if isinstance(i, SourceDocument)], [i for i in items if isinstance(i, Problem)])


def test_a_fifo_among_the_inputs_is_skipped_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Germany sent aid to Ukraine.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    docs, problems = split(read_within([str(tmp_path)]))
    assert [d.source for d in docs] == [str(tmp_path / "good.txt")]
    assert [(p.source, p.message) for p in problems] == [
        (str(tmp_path / "pipe.txt"), "not a regular file (a FIFO (named pipe)): skipped")
    ]


def test_a_fifo_named_directly_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    (problem,) = read_within([str(tmp_path / "pipe.jsonl")])
    assert isinstance(problem, Problem) and "FIFO" in problem.message


def test_devices_and_sockets_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "socket.txt"))
    try:
        _, problems = split(read_within([str(tmp_path)]))
    finally:
        server.close()
    messages = {Path(p.source).name: p.message for p in problems}
    assert messages == {
        "socket.txt": "not a regular file (a socket): skipped",
        "zero.txt": "not a regular file (a character device): skipped",
    }


def test_a_lone_surrogate_in_json_lines_is_replaced_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Germany sent aid to Ukraine. \\ud800", "title": "\\udfff", "author": "A \\udc80 B"}\n'
        '{"text": "France met Italy."}\n',
        encoding="utf-8",
    )
    (first, second), problems = split(read_within([str(path)]))
    assert problems == []
    assert first.text == "Germany sent aid to Ukraine. \ufffd"
    assert first.title == "\ufffd" and first.author == "A \ufffd B"
    assert first.replaced_characters == 3 and second.replaced_characters == 0
    assert first.id.startswith("doc-")  # the content hash works on the normalised text


def test_normalising_replaces_one_for_one_so_offsets_hold() -> None:
    text = "a\x00b\ud83dc\ufffed\U0010ffffe\ufdd0"
    clean, count = normalise_text(text)
    assert (clean, count) == ("a\ufffdb\ufffdc\ufffdd\ufffde\ufffd", 5)
    assert len(clean) == len(text)
    assert normalise_text("plain \u00e9 text \U0001f600") == ("plain \u00e9 text \U0001f600", 0)


def test_a_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9-\xff.txt"
    with open(raw, "wb") as stream:
        stream.write(b"Germany sent aid to Ukraine.")
    (document,) = read_within([str(tmp_path)])
    assert isinstance(document, SourceDocument)
    assert document.source == f"{tmp_path}/caf\\xe9-\\xff.txt"
    document.source.encode("utf-8")  # storable and printable


def test_an_empty_file_among_good_ones_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Germany sent aid to Ukraine.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    docs, problems = split(read_within([str(tmp_path)]))
    assert len(docs) == 1
    named = [(Path(p.source).name, p.message) for p in problems]
    assert named == [("empty.txt", "empty file: no text to read")]


def test_count_documents_counts_files_and_json_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    assert count_documents([str(tmp_path)]) == 4
    assert count_documents([str(tmp_path / "missing.txt")]) == 1  # one problem
    assert count_documents(["-"]) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Germany sent aid to Ukraine.", encoding="utf-8")
    path.chmod(0)
    (problem,) = read_within([str(path)])
    assert isinstance(problem, Problem) and problem.message == "permission denied"
