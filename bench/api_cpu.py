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

from bench.api import ACTOR_GRAPHQL, ALL_TYPES, PATH_GRAPHQL, SEARCH_GRAPHQL, ASGICaller  # noqa: E402
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
    args = parser.parse_args()
    asyncio.run(measure(
        args.question, args.requests, args.profile, args.seed, args.sort, args.lines, args.dump
    ))


if __name__ == "__main__":
    main()
