"""Looking at a Neo4j as a whole: which server it is and how much it holds; emptying it."""

from __future__ import annotations

from neo4j import AsyncDriver

from kg.graph import queries
from kg.graph.driver import graph_errors
from kg.model import GraphStatus

__all__ = ["GraphStatus", "delete_all", "graph_status"]


async def graph_status(driver: AsyncDriver, uri: str, database: str) -> GraphStatus:
    """Server version and edition, and node/relationship counts per label/type in ``database``."""
    with graph_errors():
        info = await driver.get_server_info()
        components, _, _ = await driver.execute_query(queries.SERVER_COMPONENTS, database_=database)
        kernel = next(
            (record for record in components if record["name"] == "Neo4j Kernel"),
            components[0] if components else None,
        )
        labels, _, _ = await driver.execute_query(queries.NODE_COUNTS_BY_LABEL, database_=database)
        types, _, _ = await driver.execute_query(
            queries.RELATIONSHIP_COUNTS_BY_TYPE, database_=database
        )
    return GraphStatus(
        uri=uri,
        database=database,
        server_agent=info.agent,
        version=", ".join(kernel["versions"]) if kernel else "unknown",
        edition=str(kernel["edition"]) if kernel else "unknown",
        nodes_by_label={record["label"]: record["count"] for record in labels},
        relationships_by_type={record["type"]: record["count"] for record in types},
    )


async def delete_all(driver: AsyncDriver, database: str) -> None:
    """Delete every node and relationship in ``database``; constraints and indexes stay."""
    with graph_errors():
        # CALL { } IN TRANSACTIONS only runs in an auto-commit transaction, hence session.run.
        async with driver.session(database=database) as session:
            for statement in (queries.DELETE_ALL_RELATIONSHIPS, queries.DELETE_ALL_NODES):
                result = await session.run(statement)
                await result.consume()
