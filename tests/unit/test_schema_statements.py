from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InvalidInput
from kg.graph.schema import read_schema_files, split_statements


def test_statements_are_split_on_semicolons_and_comments_dropped() -> None:
    text = (
        "// constraints first; this comment holds a semicolon\n"
        "CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;\n"
        "/* a block; comment\n spanning lines */\n"
        "CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.name);\n"
    )
    statements = split_statements(text, source="s.cypher")
    assert [s.text for s in statements] == [
        "CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.name)",
    ]
    assert [s.line for s in statements] == [2, 5]
    assert {s.source for s in statements} == {"s.cypher"}


def test_semicolons_and_slashes_inside_quotes_are_kept() -> None:
    text = (
        "CREATE FULLTEXT INDEX t IF NOT EXISTS FOR (n:T) ON EACH [n.name]\n"
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'a;b // c', other: \"it\\\"s;\"}}"
    )
    (statement,) = split_statements(text)
    assert statement.text == text


def test_last_statement_needs_no_semicolon_and_empty_ones_vanish() -> None:
    statements = split_statements(";;\n  ;RETURN 1;\n\nRETURN 2\n")
    assert [s.text for s in statements] == ["RETURN 1", "RETURN 2"]
    assert [s.line for s in statements] == [2, 4]


def test_a_file_of_comments_has_no_statements() -> None:
    assert split_statements("// nothing here\n/* nor here */\n") == []


def test_unterminated_quote_names_file_and_line() -> None:
    with pytest.raises(InvalidInput) as caught:
        split_statements("RETURN 1;\n\nRETURN 'oops", source="bad.cypher")
    assert caught.value.problems[0].source == "bad.cypher"
    assert caught.value.problems[0].line == 3


def test_unterminated_block_comment_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="Unterminated"):
        split_statements("RETURN 1; /* never closed", source="bad.cypher")


def test_files_are_read_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "020-indexes.cypher").write_text("RETURN 'second';", encoding="utf-8")
    (tmp_path / "010-constraints.cypher").write_text("RETURN 'first';", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("RETURN 'ignored';", encoding="utf-8")
    statements = read_schema_files(tmp_path)
    assert [s.text for s in statements] == ["RETURN 'first'", "RETURN 'second'"]
    assert statements[0].source.endswith("010-constraints.cypher")
