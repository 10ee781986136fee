#!/usr/bin/env python3
"""Database hits of the API's questions: kg's statements against the hand-written Cypher.

    KG_NEO4J_URI=bolt://HOST:PORT KG_NEO4J_PASSWORD=... python bench/api_profile.py [--samples 5]

Run it on the graph bench/api.py builds. For each question of bench/api.py -- the actor
question (actors of fewer than 10,000 relations), the hub question (the actor with the most),
search and path -- a few requests are sent through the FastAPI app in this process; every
statement kg runs for a request is recorded and run again under PROFILE, and so is the
hand-written statement answering the same question. Printed: database hits per request (the
median over the samples) and their ratio, which a loaded machine does not change (latency it
does). The recording wraps GraphReader._run, so the same script measures an older checkout of
kg for a before/after: copy it into that checkout's bench/ and run it there.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
from neo4j import READ_ACCESS, AsyncDriver, RoutingControl  # noqa: E402

from bench.api import (  # noqa: E402
    ACTOR_CYPHER,
    ACTOR_GRAPHQL,
    ALL_TYPES,
    PATH_CYPHER,
    PATH_GRAPHQL,
    SEARCH_CYPHER,
    SEARCH_GRAPHQL,
    ASGICaller,
)
from kg.api.app import create_app  # noqa: E402
from kg.graph.reads import GraphReader, fulltext_terms  # noqa: E402
from kg.settings import load_settings  # noqa: E402

HUB_DEGREE = 10_000


def plan_db_hits(plan: Mapping[str, Any]) -> int:
    return int(plan.get("dbHits") or 0) + sum(plan_db_hits(child) for child in plan.get("children") or ())


async def profiled(driver: AsyncDriver, database: str, text: str, parameters: Mapping[str, Any]) -> int:
    async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        result = await session.run("PROFILE " + text, dict(parameters))
        summary = await result.consume()
    assert summary.profile is not None
    return plan_db_hits(summary.profile)


async def main(samples: int, seed: int) -> None:
    settings = load_settings()
    ran: list[tuple[str, dict[str, Any]]] = []
    original = GraphReader._run

    async def recording(reader: GraphReader, text: Any, parameters: Mapping[str, Any]) -> Any:
        ran.append((str(getattr(text, "text", text)), dict(parameters)))
        return await original(reader, text, parameters)

    GraphReader._run = recording  # type: ignore[method-assign]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        driver: AsyncDriver = app.state.services.driver
        database = settings.neo4j_database
        records, _, _ = await driver.execute_query(
            "MATCH (a:Actor) WITH a, COUNT { (a)-[r]-(:Entity) WHERE type(r) IN $types } AS degree "
            "WHERE degree > 0 RETURN a.id AS id, a.name AS name, degree ORDER BY a.id",
            types=ALL_TYPES, database_=database, routing_=RoutingControl.READ,
        )
        rng = random.Random(seed)
        small = [r for r in records if r["degree"] < HUB_DEGREE]
        hub = max(records, key=lambda r: r["degree"])
        caller = ASGICaller(app)

        def actor_params(name: str) -> dict[str, Any]:
            return {"phrase": '"' + " ".join(fulltext_terms(name)) + '"', "name": name.lower(),
                    "types": ALL_TYPES}

        picks = [rng.choice(small) for _ in range(samples)]
        ends = [(rng.choice(small)["id"], rng.choice(small)["id"]) for _ in range(samples)]
        questions: list[tuple[str, list[tuple[str, dict[str, Any], str, dict[str, Any]]]]] = [
            ("actor + relations + evidence", [
                (ACTOR_GRAPHQL, {"name": r["name"]}, ACTOR_CYPHER, actor_params(r["name"])) for r in picks]),
            (f"hub actor ({hub['degree']:,} relations)", [
                (ACTOR_GRAPHQL, {"name": hub["name"]}, ACTOR_CYPHER, actor_params(hub["name"]))]),
            ("search (full-text, prefixes)", [
                (SEARCH_GRAPHQL, {"q": fulltext_terms(r["name"])[0][:4]}, SEARCH_CYPHER,
                 {"query": " AND ".join(f"({t} OR {t}*)" for t in fulltext_terms(r["name"])[0][:4].split())})
                for r in picks]),
            ("path (<= 3 hops, evidence)", [
                (PATH_GRAPHQL, {"from": a, "to": b}, PATH_CYPHER, {"from": a, "to": b, "types": ALL_TYPES})
                for a, b in ends if a != b]),
        ]
        print("| question | kg db hits/request | kg statements | Cypher db hits | ratio |")
        print("|---|---:|---:|---:|---:|")
        for label, asks in questions:
            mine: list[int] = []
            theirs: list[int] = []
            statements: list[int] = []
            for query, variables, cypher, parameters in asks:
                ran.clear()
                body = orjson.loads(await caller.post("/graphql", orjson.dumps(
                    {"query": query, "variables": variables})))
                if body.get("errors"):
                    raise RuntimeError(body["errors"])
                recorded = list(ran)
                statements.append(len(recorded))
                mine.append(sum([await profiled(driver, database, t, p) for t, p in recorded]))
                theirs.append(await profiled(driver, database, cypher, parameters))
            kg_hits, base_hits = statistics.median(mine), statistics.median(theirs)
            print(f"| {label} | {kg_hits:,.0f} | {statistics.median(statements):.0f} "
                  f"| {base_hits:,.0f} | {kg_hits / max(base_hits, 1):.2f} |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=int, default=5, help="requests per question (medians)")
    parser.add_argument("--seed", type=int, default=11)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.samples, arguments.seed))
