"""`kg extract` through click's CliRunner, with the real extractor (built once per session)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner, Result

from kg.cli import main
from kg.cli.extract_cmd import run_extract
from kg.nlp.extractor import Extractor
from kg.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"
SCHEMA = json.loads((ROOT / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))

STORY = (
    "top of page\n\n"
    "Ministers agree to reopen border crossing\n\n"
    "The foreign ministers of France and Germany met in Berlin on Monday.\n\n"
    "Share on Facebook\n"
)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.from_settings(load_settings())


def run(extractor: Extractor, *args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["extract", *args], obj={"extractor": extractor}, input=stdin)


def objects(result: Result) -> list[dict[str, Any]]:
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    parsed = [json.loads(line) for line in lines]
    for item in parsed:
        jsonschema.validate(item, SCHEMA, format_checker=jsonschema.FormatChecker())
    return parsed


def test_sample_article_validates_against_the_schema(extractor: Extractor) -> None:
    result = run(extractor, str(SAMPLE), "--published", "2022-09-15")
    assert result.exit_code == 0, result.stderr
    (extraction,) = objects(result)
    document = extraction["document"]
    assert document["source"] == str(SAMPLE)
    assert document["published"] == "2022-09-15"
    assert document["author"] and document["title"]
    assert extraction["entities"] and extraction["relations"]
    assert result.stderr == ""


def test_evidence_offsets_point_into_the_file_text(extractor: Extractor) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    (extraction,) = objects(run(extractor, str(SAMPLE)))
    for relation in extraction["relations"]:
        evidence = relation["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_bad_documents_go_to_stderr_and_the_batch_goes_on(extractor: Extractor, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Russia and China held talks."}\n{oops\n', encoding="utf-8"
    )
    result = run(extractor, str(tmp_path), str(tmp_path / "missing.txt"))

    assert result.exit_code == 0
    extracted = objects(result)
    assert sorted(Path(e["document"]["source"]).name for e in extracted) == ["feed.jsonl:1", "good.txt"]
    errors = result.stderr.splitlines()
    for expected in ("empty.txt", "binary.txt", "feed.jsonl:2", "missing.txt"):
        assert any(expected in line for line in errors), expected
    assert "2 document(s) extracted, 4 failed" in result.stderr


def test_nothing_readable_exits_non_zero(extractor: Extractor, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(extractor, str(tmp_path / "empty.txt"), str(tmp_path / "*.html"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "empty.txt" in result.stderr and "no files match" in result.stderr
    assert "nothing could be extracted" in result.stderr


def test_stdin_jsonl_and_published_default(extractor: Extractor) -> None:
    feed = (
        '{"text": "Russia and China held talks in Moscow."}\n'
        '{"text": "Talks ended.", "published": "2021-01-02"}\n'
    )
    result = run(extractor, "-", "--published", "2022-09-15", stdin=feed)
    assert result.exit_code == 0, result.stderr
    assert [e["document"]["published"] for e in objects(result)] == ["2022-09-15", "2021-01-02"]


def test_stdin_text(extractor: Extractor) -> None:
    result = run(extractor, "-", stdin=STORY)
    assert result.exit_code == 0, result.stderr
    (extraction,) = objects(result)
    assert extraction["document"]["title"] == "Ministers agree to reopen border crossing"


def test_pretty_format_is_indented_json(extractor: Extractor, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY.replace("Monday", "Tuesday"), encoding="utf-8")
    result = run(extractor, str(tmp_path), "--format", "pretty")
    assert result.exit_code == 0, result.stderr
    decoder = json.JSONDecoder()
    text, position, found = result.stdout, 0, []
    while text[position:].strip():
        position += len(text[position:]) - len(text[position:].lstrip())
        item, position = decoder.raw_decode(text, position)
        jsonschema.validate(item, SCHEMA)
        found.append(item)
    assert len(found) == 2
    assert '\n  "document": {' in result.stdout


def test_invalid_published_is_a_usage_error(extractor: Extractor) -> None:
    result = run(extractor, str(SAMPLE), "--published", "15/09/2022")
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert result.stdout == ""


def test_batch_size_is_checked_and_files_are_required(extractor: Extractor) -> None:
    assert run(extractor, str(SAMPLE), "--batch-size", "0").exit_code == 2
    assert run(extractor).exit_code == 2


def test_help_describes_inputs_and_exit_status() -> None:
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    for words in (".jsonl", ".html", "standard input", "--published", "--batch-size", "Exit status"):
        assert words in result.stdout


def test_command_builds_its_own_extractor_from_settings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--batch-size", "4"])
    assert result.exit_code == 0, result.stderr
    assert len(objects(result)) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = io.StringIO()
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    report = run_extract(
        (str(tmp_path), str(tmp_path / "gone.txt")),
        published=None,
        output_format="jsonl",
        extractor=extractor,
        out=out,
    )
    assert (report.extracted, report.problems) == (1, 1)
    shown = terminal.getvalue()
    assert "docs" in shown and "/s" in shown  # documents per second
    assert "2/2" in shown and "<" in shown  # a total (one file, one missing) and an ETA
    assert "gone.txt" in shown
    assert len(out.getvalue().splitlines()) == 1

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    run_extract(
        (str(tmp_path),), published=None, output_format="jsonl", extractor=extractor, out=io.StringIO()
    )
    assert piped.getvalue() == ""


def test_invalid_settings_are_one_clear_error() -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE)], env={"KG_NLP_BATCH_SIZE": "many"})
    assert result.exit_code == 1
    assert "invalid settings" in result.stderr and "nlp_batch_size" in result.stderr
    assert result.stdout == ""


def test_surrogates_in_json_lines_are_replaced_not_a_crash(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    line = '{"text": "Germany sent aid to Ukraine. \\ud800", "title": "\\udfff"}\n'
    path.write_text(line, encoding="utf-8")
    result = run(extractor, str(path))
    assert result.exit_code == 0, result.stderr
    (extraction,) = objects(result)
    assert extraction["document"]["title"] == "\ufffd"
    assert extraction["document"]["source"] == f"{path}:1"
