from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from kg.errors import InvalidInput
from kg.graph.schema import apply_schema, default_schema_dir
from kg.settings import Settings

pytestmark = pytest.mark.integration

PROBE_SCHEMA = """
// A constraint, a range index and a full-text index on a label no other test uses.
CREATE CONSTRAINT kg_schema_probe_id IF NOT EXISTS
  FOR (n:KgSchemaProbe) REQUIRE n.id IS UNIQUE;
CREATE INDEX kg_schema_probe_name IF NOT EXISTS FOR (n:KgSchemaProbe) ON (n.name);
/* full-text: analyzer names hold no ';' but strings may */
CREATE FULLTEXT INDEX kg_schema_probe_text IF NOT EXISTS
  FOR (n:KgSchemaProbe) ON EACH [n.name, n.aliases]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
"""
PROBE_RULES = {
    "created uniqueness constraint kg_schema_probe_id on :KgSchemaProbe(id)",
    "created range index kg_schema_probe_name on :KgSchemaProbe(name)",
    "created fulltext index kg_schema_probe_text on :KgSchemaProbe(name, aliases)",
}


@pytest.fixture
async def probe_schema_dir(
    tmp_path: Path, neo4j_driver: AsyncDriver, neo4j_settings: Settings
) -> AsyncIterator[Path]:
    (tmp_path / "010-probe.cypher").write_text(PROBE_SCHEMA, encoding="utf-8")
    yield tmp_path
    for statement in (
        "DROP CONSTRAINT kg_schema_probe_id IF EXISTS",
        "DROP INDEX kg_schema_probe_name IF EXISTS",
        "DROP INDEX kg_schema_probe_text IF EXISTS",
    ):
        await neo4j_driver.execute_query(statement, database_=neo4j_settings.neo4j_database)


async def test_applying_twice_changes_nothing_the_second_time(
    neo4j_driver: AsyncDriver, neo4j_settings: Settings, probe_schema_dir: Path
) -> None:
    first = await apply_schema(neo4j_driver, neo4j_settings, probe_schema_dir)
    assert set(first) == PROBE_RULES
    assert await apply_schema(neo4j_driver, neo4j_settings, probe_schema_dir) == []


async def test_new_indexes_are_online_when_apply_returns(
    neo4j_driver: AsyncDriver, neo4j_settings: Settings, probe_schema_dir: Path
) -> None:
    await apply_schema(neo4j_driver, neo4j_settings, probe_schema_dir)
    records, _, _ = await neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, state WHERE name STARTS WITH 'kg_schema_probe' RETURN state",
        database_=neo4j_settings.neo4j_database,
    )
    assert records and {record["state"] for record in records} == {"ONLINE"}


async def test_rejected_statement_names_file_and_line(
    neo4j_driver: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "020-broken.cypher").write_text(
        "// fine so far\nRETURN 1;\n\nCREATE CONSTRAINT broken FOR (n:X) REQUIRE n.id IS WHATEVER;\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        await apply_schema(neo4j_driver, neo4j_settings, tmp_path)
    (problem,) = caught.value.problems
    assert problem.source.endswith("020-broken.cypher")
    assert problem.line == 4


async def test_an_empty_schema_folder_changes_nothing(
    neo4j_driver: AsyncDriver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    assert await apply_schema(neo4j_driver, neo4j_settings, tmp_path) == []


async def test_the_shipped_schema_is_idempotent(
    neo4j_driver: AsyncDriver, neo4j_settings: Settings
) -> None:
    # conftest applied it once for the session: applying it again must change nothing.
    assert default_schema_dir().is_dir()
    assert await apply_schema(neo4j_driver, neo4j_settings) == []
