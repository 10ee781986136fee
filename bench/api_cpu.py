#!/usr/bin/env python3
"""kg's own CPU per API request, without Neo4j's or the driver's share.

    KG_NEO4J_URI=bolt://HOST:PORT KG_NEO4J_PASSWORD=... python bench/api_cpu.py \
        [--question actor|search|path] [--requests 3000] [--profile]

Run it on the graph bench/api.py builds (`python bench/api.py --reset` once). The three
questions of bench/api.py are sent through the FastAPI app in this process (direct ASGI calls,
as bench/api.py's default client), once each for 200 variable values (actors drawn as bench/api.py
draws them, --seed), and the records
every read returned are kept. Then the same requests are sent --requests times in a loop with
the reads answered from those records: the CPU time per request is then everything kg does
beyond the driver (variables, plans, records to views, completion, JSON, ASGI), which is the
share of a request that bench/api.py's ratio is about. --profile prints a cProfile of the loop
(CPU clock) after the numbers.

    ... python bench/api_cpu.py --live [--question actor|search|path] [--requests 1000]
        [--clients 1] [--profile]

--live: the whole request as bench/api.py makes it, on both sides, with the real driver and
Neo4j: kg (the GraphQL POST through the app, the bench's JSON included) and the hand-written
Cypher statement (bench/api.py's run_cypher, auto-commit) and the same statement in a managed
READ transaction as kg reads (run_cypher_tx, "Cypher tx"), alternately, on bench/api.py's own
questions (--seed). Printed per side: CPU ms of this process per request (not Neo4j's: load-insensitive,
unlike latencies) and, with --profile, function calls per request, the own CPU time per
request by package (kg, strawberry, graphql-core, starlette/FastAPI, the neo4j driver, asyncio,
...; a builtin counts for the package that called it) and the top functions.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import random
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
from neo4j import RoutingControl  # noqa: E402

from bench.api import (  # noqa: E402
    ACTOR_CYPHER,
    ACTOR_GRAPHQL,
    ALL_TYPES,
    PATH_CYPHER,
    PATH_GRAPHQL,
    SEARCH_CYPHER,
    SEARCH_GRAPHQL,
    ASGICaller,
    actor_params,
    questions,
    run_cypher,
    run_cypher_tx,
    search_query,
)
from kg.api.app import create_app  # noqa: E402
from kg.graph.reads import GraphReader  # noqa: E402
from kg.settings import load_settings  # noqa: E402

QUESTIONS = {"actor": ACTOR_GRAPHQL, "search": SEARCH_GRAPHQL, "path": PATH_GRAPHQL}


class RecordedReads:
    """GraphReader._run answering from records it read once per statement and parameters."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, bytes], Any] = {}
        self.replaying = False
        self._read = GraphReader._run

    async def run(self, reader: GraphReader, text: str, parameters: Mapping[str, Any]) -> Any:
        key = (text, orjson.dumps(dict(parameters), option=orjson.OPT_SORT_KEYS))
        found = self.records.get(key)
        if found is None:
            if self.replaying:
                raise RuntimeError("a read that was not recorded: the requests are not deterministic")
            found = self.records[key] = await self._read(reader, text, parameters)
        return found


async def measure(
    question: str, requests: int, profile: bool, seed: int = 11, sort: str = "tottime", lines: int = 40,
    dump: Path | None = None,
) -> None:
    settings = load_settings()
    recorded = RecordedReads()

    async def run(reader: GraphReader, text: str, parameters: Mapping[str, Any]) -> Any:
        return await recorded.run(reader, text, parameters)

    GraphReader._run = run  # type: ignore[method-assign,assignment]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        services = app.state.services
        # The actors bench/api.py asks about: any actor with relations, hubs included.
        linked, _, _ = await services.driver.execute_query(
            "MATCH (a:Actor)-[r]-(:Entity) WHERE type(r) IN $types WITH a, count(r) AS degree "
            "RETURN a.id AS id, a.name AS name ORDER BY a.id",
            types=ALL_TYPES, database_=settings.neo4j_database, routing_=RoutingControl.READ,
        )
        rng = random.Random(seed)
        records = [rng.choice(linked) for _ in range(200)] if linked else []
        if not records:
            sys.exit("the graph has no relations: build it with `python bench/api.py --reset` first")
        if question == "actor":
            variables = [{"name": r["name"]} for r in records]
        elif question == "search":
            variables = [{"q": r["name"][:4]} for r in records]
        else:
            variables = [{"from": r["id"], "to": records[-i - 1]["id"]} for i, r in enumerate(records)]
        bodies = [orjson.dumps({"query": QUESTIONS[question], "variables": v}) for v in variables]
        caller = ASGICaller(app)
        for body in bodies:  # records each read, warms the plan cache
            await caller.post("/graphql", body)
        recorded.replaying = True
        for attempt in range(3):
            started = time.process_time()
            for index in range(requests):
                await caller.post("/graphql", bodies[index % len(bodies)])
            cpu_ms = (time.process_time() - started) / requests * 1000
            print(f"{question}: kg's own CPU {cpu_ms:.3f} ms/request (run {attempt + 1} of 3)", flush=True)
        if profile:
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for index in range(requests):
                await caller.post("/graphql", bodies[index % len(bodies)])
            profiler.disable()
            stats = pstats.Stats(profiler)
            if dump is not None:
                stats.dump_stats(dump)
            stats.sort_stats(sort).print_stats(lines)


# Where a function's own time goes: the first of these found in its file name (a builtin
# counts for its caller's package).
PACKAGES = (
    ("/neo4j/", "neo4j driver"),
    ("/strawberry/", "strawberry"),
    ("/graphql/", "graphql-core"),
    ("/starlette/", "starlette/fastapi"),
    ("/fastapi/", "starlette/fastapi"),
    ("/cross_web/", "strawberry"),
    ("/pydantic", "pydantic"),
    ("/asyncio/", "asyncio"),
    (str(ROOT / "kg") + "/", "kg"),
    (str(ROOT / "bench") + "/", "bench (client)"),
)


def _package(filename: str) -> str:
    for marker, name in PACKAGES:
        if marker in filename:
            return name
    return "other"


def by_package(stats: pstats.Stats) -> dict[str, float]:
    """Own (not cumulative) time per package, seconds; a builtin's is split among its callers."""
    totals: dict[str, float] = {}
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, own, _, callers) in table.items():
        if filename == "~":
            for (caller_file, _, _), caller_share in callers.items():
                name = _package(caller_file)
                totals[name] = totals.get(name, 0.0) + caller_share[2]
            continue
        name = _package(filename)
        totals[name] = totals.get(name, 0.0) + own
    return totals


async def live(
    question: str, requests: int, clients: int, profile: bool, seed: int, sort: str, lines: int,
    dump: Path | None,
) -> None:
    """--live (see the module doc)."""
    import os

    os.environ.setdefault("KG_API_ANONYMOUS_BUDGET_S", "600")  # as bench/api.py
    os.environ.setdefault("KG_NEO4J_QUERY_TIMEOUT_S", "600")
    settings = load_settings()
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        driver = app.state.services.driver
        database = settings.neo4j_database
        names, searches, pairs = await questions(driver, settings, seed, 200)
        caller = ASGICaller(app)

        async def graphql(query: str, variables: dict[str, Any]) -> Any:
            request = orjson.dumps({"query": query, "variables": variables})
            body = orjson.loads(await caller.post("/graphql", request))
            if body.get("errors"):
                raise RuntimeError(body["errors"])
            return body["data"]

        statements: list[tuple[str, dict[str, Any]]]
        if question == "actor":
            kg_calls = [lambda v=v: graphql(ACTOR_GRAPHQL, {"name": v}) for v in names]
            statements = [(ACTOR_CYPHER, actor_params(v)) for v in names]
        elif question == "search":
            kg_calls = [lambda v=v: graphql(SEARCH_GRAPHQL, {"q": v}) for v in searches]
            statements = [(SEARCH_CYPHER, {"query": search_query(v)}) for v in searches]
        else:
            kg_calls = [lambda a=a, b=b: graphql(PATH_GRAPHQL, {"from": a, "to": b}) for a, b in pairs]
            statements = [(PATH_CYPHER, {"from": a, "to": b, "types": ALL_TYPES}) for a, b in pairs]
        calls: dict[str, list[Any]] = {
            "kg": kg_calls,
            "Cypher": [lambda t=t, p=p: run_cypher(driver, database, t, p) for t, p in statements],
            "Cypher tx": [lambda t=t, p=p: run_cypher_tx(driver, database, t, p) for t, p in statements],
        }

        async def loop(side: str, count: int) -> None:
            todo = [calls[side][index % len(calls[side])] for index in range(count)]
            todo.reverse()

            async def client() -> None:
                while todo:
                    await todo.pop()()

            await asyncio.gather(*(client() for _ in range(clients)))

        for side in calls:  # warm-up: plans, connections, page cache
            await loop(side, 2 * len(calls[side]))
        for attempt in range(3):
            for side in calls:
                started = time.process_time()
                await loop(side, requests)
                cpu_ms = (time.process_time() - started) / requests * 1000
                print(f"{question} {side}: {cpu_ms:.3f} CPU ms/request of this process "
                      f"({clients} client(s), run {attempt + 1} of 3)", flush=True)
        if not profile:
            return
        for side in calls:
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            await loop(side, requests)
            profiler.disable()
            stats = pstats.Stats(profiler)
            total_calls: int = stats.total_calls  # type: ignore[attr-defined]
            total_tt: float = stats.total_tt  # type: ignore[attr-defined]
            print(f"\n=== {question} {side}: {total_calls / requests:.0f} function calls/request, "
                  f"{total_tt / requests * 1000:.3f} CPU ms/request under cProfile", flush=True)
            for name, own in sorted(by_package(stats).items(), key=lambda item: -item[1]):
                print(f"  {name:<20} {own / requests * 1000:7.3f} ms/request", flush=True)
            if dump is not None:
                stats.dump_stats(dump.with_name(f"{dump.stem}-{side.replace(' ', '-')}{dump.suffix}"))
            stats.sort_stats(sort).print_stats(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--question", choices=sorted(QUESTIONS), default="actor")
    parser.add_argument("--requests", type=int, default=3000, help="requests per timed loop")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one more loop")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sort", default="tottime", help="the profile's order (pstats: tottime, cumulative)")
    parser.add_argument("--lines", type=int, default=40, help="rows of the profile")
    parser.add_argument("--dump", type=Path, default=None,
                        help="with --profile: also write the profile there (pstats, for callers/callees)")
    parser.add_argument("--live", action="store_true",
                        help="the whole request on both sides (kg and the hand-written Cypher) with the "
                        "real driver (see above)")
    parser.add_argument("--clients", type=int, default=1, help="with --live: concurrent clients")
    args = parser.parse_args()
    if args.live:
        asyncio.run(live(
            args.question, args.requests, args.clients, args.profile, args.seed, args.sort, args.lines,
            args.dump,
        ))
        return
    asyncio.run(measure(
        args.question, args.requests, args.profile, args.seed, args.sort, args.lines, args.dump
    ))


if __name__ == "__main__":
    main()
