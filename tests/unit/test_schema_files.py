"""The schema ships inside the package (kg/schema/*.cypher, for wheels) as an exact copy of the
top-level schema/ folder that checkouts, editable installs and the Docker image use."""

from __future__ import annotations

from pathlib import Path

from kg.graph.schema import read_schema_files, schema_dir_candidates

ROOT = Path(__file__).resolve().parents[2]
TOP_LEVEL = ROOT / "schema"
PACKAGED = ROOT / "kg" / "schema"


def test_the_packaged_schema_is_the_top_level_schema() -> None:
    top = {path.name: path.read_bytes() for path in TOP_LEVEL.glob("*.cypher")}
    packaged = {path.name: path.read_bytes() for path in PACKAGED.glob("*.cypher")}

    assert top, "no schema/*.cypher"
    # Edit schema/*.cypher, then copy the files to kg/schema/ (a wheel has only the latter).
    assert packaged == top


def test_the_packaged_schema_is_where_an_installed_kg_looks() -> None:
    assert schema_dir_candidates()[-1] == PACKAGED.resolve()
    statements = read_schema_files(PACKAGED)
    assert [s.text for s in statements] == [s.text for s in read_schema_files(TOP_LEVEL)]
    assert any("CREATE CONSTRAINT" in s.text for s in statements)
