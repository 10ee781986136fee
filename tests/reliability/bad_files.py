"""A generated corpus of hostile files, and what kg must make of each one.

Every case is one kind of file a scraper, a colleague or an attacker might leave in a folder:
empty, binary, huge, mis-encoded, malformed, not a regular file at all (FIFO, device, socket,
dangling or looping symlink), named with bytes that are not UTF-8, or valid but extreme (a 1 MB
line without spaces, a 100,000-character URL, lone surrogates). Each says which documents kg
must store (``stored``: their ``source``) and which inputs it must name on stderr (``named``:
the source as kg prints it) -- never a traceback, never a lost good file.

Build it on disk to try it by hand:

    python -m tests.reliability.bad_files /tmp/bad-corpus
    kg extract /tmp/bad-corpus > /dev/null; kg ingest /tmp/bad-corpus

The corpus is deterministic (a fixed seed for the random bytes).
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = (
    "Germany sent humanitarian aid to Ukraine on Monday, officials in Berlin said.\n\n"
    "France criticized Russia for the attack on the port, and Poland urged the European Union "
    "to impose new sanctions.\n"
)
SEED = 20241202


@dataclass(frozen=True)
class Case:
    """One kind of hostile input: the files it made, what must be stored, what must be named."""

    kind: str
    stored: tuple[str, ...] = ()  # document sources kg must store
    named: tuple[str, ...] = ()  # inputs kg must name (as printed: "path", "path:line")
    extra_paths: tuple[str, ...] = field(default=())  # inputs given by name (not found by walking)


def display(path: Path | str) -> str:
    """A path as kg prints it: bytes that are not UTF-8 as \\xNN."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def build(root: Path) -> list[Case]:
    """Write every case under ``root`` (an empty folder) and return what kg must do with each."""
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for make in CASES:
        cases.append(make(root))
    return cases


# --- the cases ---------------------------------------------------------------------------------

Maker = Callable[[Path], Case]
CASES: list[Maker] = []


def case(make: Maker) -> Maker:
    CASES.append(make)
    return make


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def article(tag: str) -> str:
    """The article with a line of its own: two good files never share content (and so an id)."""
    return ARTICLE + f"\nFiled under {tag}.\n"


def _good(root: Path, name: str, data: bytes | str, kind: str) -> Case:
    path = _write(root / name, data)
    return Case(kind, stored=(display(path),))


def _bad(root: Path, name: str, data: bytes | str, kind: str) -> Case:
    path = _write(root / name, data)
    return Case(kind, named=(display(path),))


def _jsonl(
    root: Path, name: str, lines: list[str | bytes], kind: str, good: list[int], bad: list[int]
) -> Case:
    raw = b"".join((line.encode("utf-8") if isinstance(line, str) else line) + b"\n" for line in lines)
    path = _write(root / "jsonl" / name, raw)
    return Case(
        kind,
        stored=tuple(f"{display(path)}:{n}" for n in good),
        named=tuple(f"{display(path)}:{n}" if n else display(path) for n in bad),
    )


# Valid but unusual: stored.


@case
def plain_article(root: Path) -> Case:
    return _good(root, "plain.txt", article("plain_article"), "a plain article (the control)")


@case
def utf8_bom(root: Path) -> Case:
    return _good(
        root,
        "encoding/utf8-bom.txt",
        codecs.BOM_UTF8 + article("utf8_bom").encode(),
        "UTF-8 with a byte-order mark",
    )


@case
def utf16_bom(root: Path) -> Case:
    return _good(
        root,
        "encoding/utf16-bom.txt",
        codecs.BOM_UTF16_LE + article("utf16_bom").encode("utf-16-le"),
        "UTF-16 with a byte-order mark",
    )


@case
def windows_1252(root: Path) -> Case:
    text = article("windows_1252").replace("officials", "\u00e9lite officials \u2014 \u201cquoted\u201d")
    return _good(root, "encoding/cp1252.txt", text.encode("cp1252"), "Windows-1252 bytes (not UTF-8)")


@case
def broken_utf8(root: Path) -> Case:
    data = article("broken_utf8").replace("Berlin", "Berl\u00edn").encode() + b"\xff\xfe broken \xc3 bytes\n"
    return _good(root, "encoding/broken-utf8.txt", data, "UTF-8 with a few invalid bytes")


@case
def crlf(root: Path) -> Case:
    return _good(root, "lines/crlf.txt", article("crlf").replace("\n", "\r\n"), "Windows line endings")


@case
def cr_only(root: Path) -> Case:
    return _good(
        root, "lines/cr.txt", article("cr_only").replace("\n", "\r"), "old Mac line endings (CR only)"
    )


@case
def no_final_newline(root: Path) -> Case:
    return _good(
        root, "lines/no-final-newline.txt", article("no_final_newline").rstrip("\n"), "no newline at the end"
    )


@case
def scripts_and_marks(root: Path) -> Case:
    text = (
        article("scripts_and_marks")
        + "\u0645\u0635\u0631 \u05d9\u05e9\u05e8\u05d0\u05dc \U0001f1fa\U0001f1e6"  # Arabic, Hebrew, a flag
        + " a\u200db\u200b c\u0301 \ufeff\n"  # zero-width joiner and space, a combining accent, a BOM
    )
    return _good(
        root,
        "text/scripts-emoji-zero-width.txt",
        text,
        "right-to-left scripts, emoji, zero-width and combining characters",
    )


@case
def sparse_controls(root: Path) -> Case:
    return _good(
        root,
        "text/bell.txt",
        article("sparse_controls").replace("said.", "said.\x07"),
        "a stray control character",
    )


@case
def one_word(root: Path) -> Case:
    return _good(root, "text/one-word.txt", "Hello", "one word")


@case
def punctuation(root: Path) -> Case:
    return _good(root, "text/punctuation.txt", "!!! ??? ... --- ***\n", "punctuation only")


@case
def megabyte_token(root: Path) -> Case:
    # Over spaCy's max_length (1,000,000): split into pieces; was an organisation with a
    # 999,999-character id that Neo4j refused to index.
    return _good(
        root,
        "text/megabyte-token.txt",
        "A" * 1_100_000 + "\n\n" + article("megabyte_token"),
        "a 1.1 MB line without spaces",
    )


@case
def markdown(root: Path) -> Case:
    return _good(root, "text/notes.md", "# Aid\n\n* " + article("markdown"), "Markdown")


@case
def no_extension(root: Path) -> Case:
    return _good(root, "text/README", article("no_extension"), "no file extension")


@case
def unicode_name(root: Path) -> Case:
    return _good(
        root,
        "names/rapport d'\u00e9t\u00e9 \u2014 \u65b0\u805e.txt",
        article("unicode_name"),
        "spaces, quotes and non-Latin letters in the name",
    )


@case
def latin1_name(root: Path) -> Case:
    folder = root / "names"
    folder.mkdir(parents=True, exist_ok=True)
    raw = os.fsencode(folder) + b"/caf\xe9-\xff.txt"
    with open(raw, "wb") as stream:
        stream.write(article("latin1_name").encode())
    return Case("a file name that is not valid UTF-8", stored=(display(os.fsdecode(raw)),))


@case
def newline_name(root: Path) -> Case:
    return _good(root, "names/line\nbreak.txt", article("newline_name"), "a newline in the file name")


@case
def long_name(root: Path) -> Case:
    return _good(root, "names/" + "n" * 240 + ".txt", article("long_name"), "a 244-byte file name")


@case
def deep_folder(root: Path) -> Case:
    return _good(
        root,
        "deep/" + "/".join(f"d{i}" for i in range(40)) + "/deep.txt",
        article("deep_folder"),
        "40 nested folders",
    )


@case
def symlink_to_file(root: Path) -> Case:
    target = _write(root / "links" / "target.txt.orig", article("symlink_to_file") + "\nLinked.\n")
    link = root / "links" / "link.txt"
    link.symlink_to(target)
    return Case("a symlink to a file", stored=(display(link),))


@case
def folder_named_like_a_file(root: Path) -> Case:
    return _good(
        root,
        "folder.txt/inside.txt",
        article("folder_named_like_a_file") + "\nInside.\n",
        "a folder whose name ends in .txt",
    )


@case
def html_article(root: Path) -> Case:
    body = article("html_article")
    page = (
        f"<html><head><title>Aid</title></head><body><nav>Home | World</nav><article><p>"
        f"{body}</p></article></body></html>"
    )
    return _good(root, "html/article.html", page, "an HTML page")


@case
def html_declared_charset(root: Path) -> Case:
    page = (
        '<html><head><meta charset="windows-1252"><title>\u00c9t\u00e9</title></head><body><p>'
        + article("html_declared_charset").replace("officials", "\u00e9lite officials")
        + "</p></body></html>"
    )
    return _good(root, "html/cp1252.html", page.encode("cp1252"), "HTML in its declared legacy charset")


@case
def html_malformed(root: Path) -> Case:
    page = "<html><body><div><p>" + article("html_malformed") + "<p><b>unclosed <i>tags <table><tr><td>cell"
    return _good(root, "html/malformed.html", page, "HTML with unclosed tags")


@case
def html_deep(root: Path) -> Case:
    page = (
        "<html><body>"
        + "<div>" * 5000
        + "<p>"
        + article("html_deep")
        + "</p>"
        + "</div>" * 5000
        + "</body></html>"
    )
    return _good(root, "html/deep.html", page, "HTML nested 5,000 levels deep")


@case
def jsonl_surrogates(root: Path) -> Case:
    line = json.dumps({"text": article("jsonl_surrogates"), "title": "x"}).replace('"x"', '"\\udfff"')
    line = line.replace("Monday", "Monday \\ud800")
    return _jsonl(root, "surrogates.jsonl", [line], "lone surrogates in JSON text and title", [1], [])


@case
def jsonl_long_url(root: Path) -> Case:
    line = json.dumps({"text": article("jsonl_long_url"), "url": "https://news.example/a?" + "q" * 100_000})
    return _jsonl(root, "long-url.jsonl", [line], "a 100,000-character URL", [1], [])


@case
def jsonl_nul_escape(root: Path) -> Case:
    line = json.dumps({"text": article("jsonl_nul_escape") + "\u0000 \uffff end"})
    return _jsonl(root, "nul-escape.jsonl", [line], "NUL and non-characters as JSON escapes", [1], [])


@case
def jsonl_crlf_bom(root: Path) -> Case:
    lines: list[str | bytes] = [
        codecs.BOM_UTF8 + json.dumps({"text": article("jsonl_crlf_bom")}).encode() + b"\r",
        json.dumps({"text": article("jsonl_crlf_bom") + " Second."}) + "\r",
    ]
    return _jsonl(root, "bom-crlf.jsonl", lines, "JSON Lines with a BOM and CRLF", [1, 2], [])


@case
def jsonl_extra_keys(root: Path) -> Case:
    line = json.dumps(
        {"text": article("jsonl_extra_keys") + " Extra.", "id": 7, "tags": ["a"], "nested": {"x": [1, {}]}}
    )
    return _jsonl(root, "extra-keys.jsonl", [line], "unknown keys in a record", [1], [])


@case
def jsonl_raw_bad_bytes(root: Path) -> Case:
    line = (
        b'{"text": "'
        + article("jsonl_raw_bad_bytes").replace("\n", " ").encode()
        + b'", "title": "bad \xff\xfe bytes"}'
    )
    return _jsonl(root, "raw-bad-bytes.jsonl", [line], "invalid UTF-8 bytes inside a JSON string", [1], [])


@case
def jsonl_mixed(root: Path) -> Case:
    lines: list[str | bytes] = [
        json.dumps({"text": article("jsonl_mixed") + " One."}),
        "this is not JSON",
        "",
        json.dumps({"text": article("jsonl_mixed") + " Four."}),
        json.dumps([1, 2, 3]),
        "null",
        "42",
        json.dumps({"title": "no text"}),
        json.dumps({"text": 12}),
        json.dumps({"text": "   "}),
        json.dumps({"text": article("jsonl_mixed"), "title": ["not", "a", "string"]}),
        json.dumps({"text": article("jsonl_mixed"), "published": "next Tuesday"}),
        json.dumps({"text": article("jsonl_mixed")}).replace("}", ', "published": 1e400}'),
        "[" * 100_000,
        '{"text": "truncated',
        b'{"text": "NUL \x00 byte"}',
        json.dumps({"text": article("jsonl_mixed") + " Seventeen."}),
    ]
    return _jsonl(
        root,
        "mixed.jsonl",
        lines,
        "a JSON Lines file with 12 kinds of bad line among good ones",
        [1, 4, 17],
        [2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
    )


# Not documents: named, and the rest goes on.


@case
def empty(root: Path) -> Case:
    return _bad(root, "bad/empty.txt", b"", "an empty file")


@case
def whitespace(root: Path) -> Case:
    return _bad(root, "bad/whitespace.txt", " \n\t\r\n  ", "only whitespace")


@case
def nul_bytes(root: Path) -> Case:
    return _bad(root, "bad/nul.txt", b"text\x00with\x00nul", "NUL bytes")


@case
def random_bytes(root: Path) -> Case:
    return _bad(
        root,
        "bad/random.txt",
        random.Random(SEED).randbytes(4096).replace(b"\x00", b"\x01") + b"\x00",
        "4 kB of random bytes",
    )


@case
def png(root: Path) -> Case:
    return _bad(root, "bad/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG named .txt")


@case
def gzipped(root: Path) -> Case:
    return _bad(
        root,
        "bad/archive.txt",
        gzip.compress(article("gzipped").encode() * 20, mtime=0),
        "gzip bytes named .txt",
    )


@case
def utf16_without_bom(root: Path) -> Case:
    return _bad(
        root,
        "bad/utf16-no-bom.txt",
        article("utf16_without_bom").encode("utf-16-le"),
        "UTF-16 without a byte-order mark",
    )


@case
def too_big(root: Path) -> Case:
    path = root / "bad" / "huge.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        stream.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    return Case("a 21 MB file (over the 20 MB limit)", named=(display(path),))


@case
def fifo(root: Path) -> Case:
    path = root / "special" / "pipe.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return Case("a FIFO (named pipe) with no writer", named=(display(path),))


@case
def fifo_by_name(root: Path) -> Case:
    path = root.parent / f"{root.name}-named-pipe.jsonl"
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    return Case("a FIFO given by name on the command line", named=(display(path),), extra_paths=(str(path),))


@case
def device(root: Path) -> Case:
    path = root / "special" / "zero.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return Case("a character device (/dev/zero)", named=(display(path),))


@case
def unix_socket(root: Path) -> Case:
    path = root / "special" / "socket.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the socket file stays after close
    server.close()
    return Case("a Unix socket", named=(display(path),))


@case
def dangling_symlink(root: Path) -> Case:
    path = root / "special" / "dangling.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(root / "special" / "nothing-here")
    return Case("a symlink to nothing", named=(display(path),))


@case
def symlink_loop(root: Path) -> Case:
    path = root / "special" / "loop.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(path)
    return Case("a symlink to itself", named=(display(path),))


@case
def unsupported_by_name(root: Path) -> Case:
    path = root.parent / f"{root.name}-report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return Case("an unsupported type given by name", named=(display(path),), extra_paths=(str(path),))


@case
def missing_by_name(root: Path) -> Case:
    path = root.parent / f"{root.name}-missing.txt"
    return Case("a file that does not exist, given by name", named=(display(path),), extra_paths=(str(path),))


@case
def html_empty(root: Path) -> Case:
    return _bad(
        root,
        "bad/empty-body.html",
        "<html><head><title>t</title></head><body></body></html>",
        "HTML with an empty body",
    )


@case
def html_scripts_only(root: Path) -> Case:
    return _bad(
        root,
        "bad/scripts.html",
        "<html><body><script>var a = 1;</script><style>p{}</style></body></html>",
        "HTML with only scripts and styles",
    )


@case
def html_binary(root: Path) -> Case:
    return _bad(root, "bad/binary.html", b"<html>\x00\x00\x00\x01\x02</html>", "NUL bytes in HTML")


@case
def jsonl_empty(root: Path) -> Case:
    return _jsonl(root, "empty.jsonl", [], "an empty JSON Lines file", [], [0])


@case
def jsonl_blank(root: Path) -> Case:
    path = _write(root / "jsonl" / "blank.jsonl", "\n\n\n")
    return Case("a JSON Lines file of blank lines", named=(display(path),))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tests.reliability.bad_files FOLDER", file=sys.stderr)
        return 2
    root = Path(argv[1])
    if root.exists() and any(root.iterdir()):
        print(f"{root} is not empty", file=sys.stderr)
        return 2
    cases = build(root)
    extra = [path for c in cases for path in c.extra_paths]
    print(
        f"{len(cases)} kinds of input under {root}"
        + (f" (and {len(extra)} given by name: {' '.join(extra)})" if extra else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
