from __future__ import annotations

import pytest
from neo4j import AsyncDriver

pytestmark = pytest.mark.integration


async def test_clean_graph_is_empty(clean_graph: AsyncDriver) -> None:
    records, _, _ = await clean_graph.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0
