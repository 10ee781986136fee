"""The public Python API: its names stay, `import kg` stays cheap, what it returns keeps the
extraction contract, and what it accepts as sources is read as documented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

import kg
from kg.errors import InvalidInput, Problem
from kg.model import SourceDocument
from kg.sources import files, iter_sources

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))

# Removing a name from this list is a breaking change for every script that uses kg: the test
# fails so that it is done on purpose (and said in the changelog), never by accident.
PUBLIC_NAMES = {
    "__version__",
    "extract", "extract_many", "connect", "connect_async", "Graph", "AsyncGraph", "files", "Files",
    "Document", "SourceDocument", "DocumentInfo", "Entity", "EntityKind", "Evidence", "Relation",
    "RelationType", "Plover", "Extraction", "CuratedActor", "CuratedRelation", "StoredEntity",
    "StoredRelation", "Claim", "ActorCount", "Retraction", "IngestSummary", "GraphStatus",
    "Problem", "KGError", "ConfigError", "InvalidInput", "ExtractionError", "NotFound", "Conflict",
    "GraphRefused", "GraphUnavailable",
    "Settings", "load_settings",
}


def python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()


def test_every_public_name_is_exported_and_resolves() -> None:
    missing = PUBLIC_NAMES - set(kg.__all__)
    assert not missing, f"public names removed from kg.__all__: {sorted(missing)}"
    for name in kg.__all__:
        assert getattr(kg, name) is not None
    assert set(dir(kg)) >= PUBLIC_NAMES


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kg.nope  # noqa: B018


def test_importing_kg_loads_neither_spacy_nor_the_driver_nor_pydantic() -> None:
    code = (
        "import sys, kg; heavy = ('spacy', 'neo4j', 'pydantic', 'kg.client');"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    assert python(code) == ""


def test_using_connect_loads_no_driver_until_called() -> None:
    code = "import sys, kg; kg.connect; kg.Extraction; print('neo4j' in sys.modules, 'spacy' in sys.modules)"
    assert python(code).split() == ["False", "False"]


def test_the_package_is_typed() -> None:
    assert (ROOT / "kg" / "py.typed").is_file()


def test_extract_returns_the_documented_model_and_dumps_the_contract() -> None:
    extraction = kg.extract(
        "Russia mediated a ceasefire between Armenia and Azerbaijan on Tuesday.",
        published="2022-09-15", title="Truce",
    )
    assert isinstance(extraction, kg.Extraction)
    assert extraction.document.title == "Truce"
    assert {entity.id for entity in extraction.entities} >= {"russia", "armenia", "azerbaijan"}
    jsonschema.validate(json.loads(extraction.model_dump_json()), SCHEMA)


def test_extract_refuses_empty_text() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        kg.extract("   ")


def test_extract_many_streams_and_reports_problems_without_stopping(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Germany sent aid to Ukraine.", encoding="utf-8")
    problems: list[Problem] = []
    extractions = list(kg.extract_many(
        ["France criticized Iran.", "", good, {"text": "Japan met China.", "title": "T"},
         {"title": "no text"}],
        on_problem=problems.append,
    ))
    assert len(extractions) == 3
    assert extractions[1].document.source == str(good)
    assert extractions[2].document.title == "T"
    assert [(p.source, p.field) for p in problems] == [("<text 2>", None), ("<record 5>", "text")]


def test_extract_many_raises_at_a_bad_source_without_on_problem() -> None:
    with pytest.raises(InvalidInput, match="<item 1>"):
        list(kg.extract_many([42]))  # type: ignore[list-item]


def test_a_string_naming_a_file_is_not_read_as_its_name(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Germany sent aid to Ukraine.", encoding="utf-8")
    (problem,) = list(iter_sources(str(path)))
    assert isinstance(problem, Problem)
    assert "pathlib.Path" in problem.message
    (document,) = list(iter_sources(files(str(path))))
    assert isinstance(document, SourceDocument) and document.source == str(path)


def test_documents_given_directly_are_normalised_and_dated() -> None:
    document = kg.Document(text="Aid arrived. \ud800", title="\udfff")
    (read,) = list(iter_sources(document))
    assert isinstance(read, SourceDocument)
    assert read.text == "Aid arrived. \ufffd" and read.title == "\ufffd"
    assert read.replaced_characters == 2
    read.id  # noqa: B018 - hashing the text must work now


def test_ingest_summary_dumps_json_with_named_problems() -> None:
    problem = Problem("feed.jsonl", "text is missing", 3, "text")
    summary = kg.IngestSummary(new=1, failed=1, problems=[problem])
    data = json.loads(summary.model_dump_json())
    assert data["new"] == 1 and data["failed"] == 1
    assert data["problems"] == [
        {"source": "feed.jsonl", "message": "text is missing", "line": 3, "field": "text"}
    ]
