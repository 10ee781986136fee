#!/usr/bin/env python3
"""kg's GraphQL API side by side with @neo4j/graphql, the reference GraphQL-over-Neo4j library.

    npm ci --prefix bench/neo4j_graphql        # once: @neo4j/graphql 7.6, Apollo Server 5
    python bench/compare_neo4j_graphql.py --reuse [--clients 8] [--requests 400] [--repeat 1]

Both servers run as separate processes against the same Neo4j, holding bench/api.py's graph
(built by its own code: --reset builds it anew, --reuse keeps the one an earlier run of either
bench built; --actors/--claims/--seed as there):
  kg:              `kg serve` (uvicorn, one worker), the queries of bench/api.py;
  @neo4j/graphql:  `node bench/neo4j_graphql/server.mjs` (Apollo Server 5, Node 20), kg's
                   graph mapped by bench/neo4j_graphql/typeDefs.mjs; where its model needs
                   @cypher fields, and how its queries differ, is written there and in the report.
Neo4j comes from kg's settings (KG_NEO4J_URI / KG_NEO4J_PASSWORD, else kg's managed server);
the Node server gets the same connection. The library limits neither a request's time nor a
statement's, so kg's budget and statement timeout are raised to 600 s for the bench
(KG_API_ANONYMOUS_BUDGET_S, KG_NEO4J_QUERY_TIMEOUT_S; set them to override).

First every question is asked of both and the answers are compared after normalising (the same
actor, relations, counts and evidence; the same hits in the same order; the same set of
paths): any difference stops the bench. Then --clients concurrent keep-alive HTTP clients send
--requests requests per question to each server in alternating slices (--rounds per run, the
side that goes first alternating), and the report gives per question and server: requests/s,
median and p95 latency, CPU per request of each server process and of Neo4j (managed server
only, read from /proc), and the ratios kg / @neo4j/graphql. Written to --out
(docs/neo4j-graphql-bench.md) and printed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import orjson  # noqa: E402
from neo4j import RoutingControl  # noqa: E402

from bench.api import (  # noqa: E402
    ACTOR_GRAPHQL,
    PATH_GRAPHQL,
    SEARCH_GRAPHQL,
    KeepAliveClient,
    add_graph_arguments,
    build_graph,
    free_port,
    graph_defaults,
    measure,
    questions,
    start_server,
)
from kg.graph import server as managed_server  # noqa: E402
from kg.graph.driver import open_driver, resolve_connection  # noqa: E402
from kg.graph.reads import fulltext_terms  # noqa: E402
from kg.model import RelationType  # noqa: E402
from kg.settings import Settings, load_settings  # noqa: E402

NODE_DIR = ROOT / "bench" / "neo4j_graphql"
LIBRARY = "@neo4j/graphql"

# The same three questions in the library's schema (bench/neo4j_graphql/typeDefs.mjs). kg's
# `cursor` and `pageInfo` have no counterpart there (a @cypher list has no cursors): kg answers
# them, the library does not, and they are left out of the comparison.
LIB_ACTOR_GRAPHQL = """
query ($name: String!) {
  actor(name: $name) { id name kind relationCount
    relations(first: 10, evidence: 3) { type subject { name } object { id name kind } documentCount
      evidence { text start end document { id title } } } }
}
"""

LIB_SEARCH_GRAPHQL = """
query ($q: String!) {
  actorsSearch(phrase: $q, first: 10, sort: [{ score: DESC }, { node: { id: ASC } }]) {
    totalCount edges { node { id name kind } } }
}
"""

LIB_PATH_GRAPHQL = """
query ($from: ID!, $to: ID!) {
  path(from: $from, to: $to, first: 5, evidence: 1) { length
    hops { type subject { id name } object { id name } evidence { text document { id } } } }
}
"""

DIFFERENCES = f"""\
## How each side asks

kg answers its own schema's queries (bench/api.py: `actor(name:)`, `actors(search:)`,
`path(from:, to:, maxHops: 3, first: 5)`). {LIBRARY} answers the same questions through the
type definitions in `bench/neo4j_graphql/typeDefs.mjs`, which map kg's stored graph as the
library models graphs: node types for `:Actor`/`:Event` (interface `Entity`), `:Claim` and
`:Document`, `@relationship` fields for `SUBJECT`/`OBJECT`/`FROM`/`ATTRIBUTED_TO`/`MENTIONS`
and for every typed relationship (one field per type and direction, its aggregates as
relationship properties), and `@fulltext` over the `entity_names` index. Where the library's
generated API cannot ask kg's question, a `@cypher` field runs kg's statement:

- **actor + relations + evidence**: `actor(name:)` is a `@cypher` root field (kg's look-up: the
  full-text index for candidates, then an exact case-insensitive match of the name or any
  alias; the generated filters cannot match inside a list ignoring case and would scan every
  actor). kg's page covers all typed relationships of an actor, both directions, in (type,
  subject id, object id) order, with `totalCount`; a `@relationship` field covers one type and
  one direction, so `Actor.relations` and `Actor.relationCount` are `@cypher` fields, and each
  relation's evidence (claims with its triple key, strongest first, with their document) comes
  from the same statement: a `@cypher` field returns maps, into which the library does not
  reach. No cursors or `pageInfo` on the library's side.
- **search**: the library's own generated full-text query (`actorsSearch`, a connection with
  `totalCount`, sorted by score then id). Its `phrase` is passed to Lucene as it is, so the
  client builds the Lucene query (`(term OR term*) AND ...`) that kg builds from the words it
  is given; Lucene syntax errors are the client's problem there.
- **path**: a `@cypher` root field running kg's shortest-paths statement with the bound fixed
  at 3 hops (a variable-length bound cannot be a parameter; kg generates the statement per
  bound).

Both servers run in one process each (uvicorn with one worker; Node's single thread), with
their default settings; Apollo Server with `NODE_ENV=production`.
"""


@dataclass
class Side:
    """One server's measurements for one question, pooled over slices and runs."""

    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # process name -> CPU seconds

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000

    def cpu_ms(self, process: str) -> float | None:
        seconds = self.cpu.get(process)
        return None if seconds is None else seconds / len(self.latencies) * 1000


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check_relation_types() -> None:
    listed = json.loads((NODE_DIR / "relation-types.json").read_text(encoding="utf-8"))["types"]
    wanted = [t.value for t in RelationType]
    if listed != wanted:
        sys.exit(
            f"bench/neo4j_graphql/relation-types.json lists {listed}, but kg.model.RelationType is "
            f"{wanted}: update the file (the library's schema is generated from it)"
        )


def node_command(node: str) -> list[str]:
    if shutil.which(node) is None:
        sys.exit(f"'{node}' was not found: install Node.js 20+ or pass --node PATH")
    if not (NODE_DIR / "node_modules" / "@neo4j" / "graphql").is_dir():
        sys.exit("@neo4j/graphql is not installed: run `npm ci --prefix bench/neo4j_graphql` first")
    return [node, str(NODE_DIR / "server.mjs")]


async def start_library_server(
    command: list[str], settings: Settings, port: int
) -> subprocess.Popen[bytes]:
    connection = await resolve_connection(settings)
    env = {
        **os.environ,
        "NEO4J_URI": connection.uri,
        "NEO4J_USER": connection.user,
        "NEO4J_PASSWORD": connection.password or "",
        "NEO4J_DATABASE": settings.neo4j_database,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "NODE_ENV": "production",
    }
    process = subprocess.Popen(command, env=env, cwd=NODE_DIR, stdout=subprocess.DEVNULL)
    probe = orjson.dumps({"query": "{ __typename }"})
    async with httpx.AsyncClient() as client:
        for _ in range(1800):  # generating the schema takes seconds, more on a busy machine
            if process.poll() is not None:
                sys.exit(f"{LIBRARY} server exited (status {process.returncode}) before answering")
            try:
                response = await client.post(
                    f"http://127.0.0.1:{port}/", content=probe, headers={"content-type": "application/json"}
                )
                if response.status_code == 200:
                    return process
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    process.terminate()
    sys.exit(f"{LIBRARY} server did not answer within 3 minutes")


# --- answers, normalised --------------------------------------------------------------------------


def _evidence(rows: Sequence[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple(
        (row["text"], row.get("start"), row.get("end"),
         (row.get("document") or {}).get("id"), (row.get("document") or {}).get("title"))
        for row in rows
    )


def _relation(node: dict[str, Any]) -> tuple[Any, ...]:
    subject, obj = node["subject"], node["object"]
    return (node["type"], subject.get("id"), subject["name"], obj["id"], obj["name"], obj.get("kind"),
            node.get("documentCount"), _evidence(node["evidence"]))


def kg_actor(data: dict[str, Any]) -> Any:
    actor = data["actor"]
    if actor is None:
        return None
    page = actor["relations"]
    relations = tuple(_relation(edge["node"]) for edge in page["edges"])
    return (actor["id"], actor["name"], actor["kind"], page["totalCount"], page["pageInfo"]["hasNextPage"],
            relations)


def lib_actor(data: dict[str, Any]) -> Any:
    actor = data["actor"]
    if actor is None:
        return None
    relations = tuple(_relation(node) for node in actor["relations"])
    total = actor["relationCount"]
    return (actor["id"], actor["name"], actor["kind"], total, total > len(relations), relations)


def _hits(connection: dict[str, Any]) -> Any:
    return (connection["totalCount"],
            tuple((e["node"]["id"], e["node"]["name"], e["node"]["kind"]) for e in connection["edges"]))


def kg_search(data: dict[str, Any]) -> Any:
    return _hits(data["actors"])


def lib_search(data: dict[str, Any]) -> Any:
    return _hits(data["actorsSearch"])


PATH_PAGE = 5  # `first` of both path queries


def paths(data: dict[str, Any]) -> Any:
    """The set of paths, or for a full page only how many and how long they are.

    Neither side orders the shortest paths it finds, so when there are more than a page of them
    each side's page is an arbitrary (and equally valid) choice among them.
    """
    found = data["path"]
    if len(found) >= PATH_PAGE:
        return ("a full page", tuple(sorted(path["length"] for path in found)))
    return tuple(sorted(
        (path["length"], tuple(_relation(hop) for hop in path["hops"])) for path in found
    ))


def lucene(text: str) -> str:
    """What kg's reader builds from a search text (kg.graph.reads.GraphReader.actors)."""
    return " AND ".join(f"({term} OR {term}*)" for term in fulltext_terms(text))


@dataclass
class Question:
    label: str
    kg: list[tuple[str, dict[str, Any]]]  # (query, variables) per request
    lib: list[tuple[str, dict[str, Any]]]
    kg_answer: Callable[[dict[str, Any]], Any]
    lib_answer: Callable[[dict[str, Any]], Any]


def build_questions(names: list[str], searches: list[str], pairs: list[tuple[str, str]]) -> list[Question]:
    return [
        Question("actor + relations + evidence",
                 [(ACTOR_GRAPHQL, {"name": v}) for v in names],
                 [(LIB_ACTOR_GRAPHQL, {"name": v}) for v in names], kg_actor, lib_actor),
        Question("search (full-text, prefixes)",
                 [(SEARCH_GRAPHQL, {"q": v}) for v in searches],
                 [(LIB_SEARCH_GRAPHQL, {"q": lucene(v)}) for v in searches], kg_search, lib_search),
        Question("path (<= 3 hops, evidence)",
                 [(PATH_GRAPHQL, {"from": a, "to": b}) for a, b in pairs],
                 [(LIB_PATH_GRAPHQL, {"from": a, "to": b}) for a, b in pairs], paths, paths),
    ]


class Server:
    """One GraphQL server under test: its HTTP client, endpoint and process."""

    def __init__(self, name: str, port: int, path: str, process: subprocess.Popen[bytes]) -> None:
        self.name, self.path, self.process = name, path, process
        self.client = KeepAliveClient("127.0.0.1", port)

    async def reconnect(self) -> None:
        """Drop the idle connections: both servers close a keep-alive connection idle for 5 s,
        which the other server's slice can outlast on a busy machine."""
        await self.client.close()
        self.client.idle.clear()

    async def ask(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = orjson.loads(await self.client.post(
            self.path, orjson.dumps({"query": query, "variables": variables})))
        if body.get("errors"):
            raise RuntimeError(f"{self.name} answered {variables} with errors: {body['errors']}")
        data: dict[str, Any] = body["data"]
        return data


async def gather_limited(calls: Sequence[Callable[[], Awaitable[Any]]], clients: int) -> list[Any]:
    """Run ``calls`` with at most ``clients`` at once; results in order."""
    results: list[Any] = [None] * len(calls)
    queue = list(range(len(calls)))

    async def client() -> None:
        while queue:
            index = queue.pop()
            results[index] = await calls[index]()

    await asyncio.gather(*(client() for _ in range(clients)))
    return results


def asking(server: Server, calls: Sequence[tuple[str, dict[str, Any]]]) -> list[Callable[[], Awaitable[Any]]]:
    """One call per (query, variables) that asks ``server``."""
    def call(query: str, variables: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
        return lambda: server.ask(query, variables)

    return [call(query, variables) for query, variables in calls]


async def check_answers(question: Question, kg: Server, lib: Server, clients: int) -> int:
    """Ask every request of ``question`` of both servers; exit on the first difference."""
    await kg.reconnect()
    kg_data = await gather_limited(asking(kg, question.kg), clients)
    await lib.reconnect()
    lib_data = await gather_limited(asking(lib, question.lib), clients)
    found = 0
    for (_, variables), kg_body, lib_body in zip(question.kg, kg_data, lib_data, strict=True):
        mine, theirs = question.kg_answer(kg_body), question.lib_answer(lib_body)
        if mine != theirs:
            sys.exit(f"{question.label}: the answers differ for {variables}\n  kg:  {mine!r}\n"
                     f"  {LIBRARY}: {theirs!r}")
        found += mine is not None and mine != () and mine != (0, ())
    return found


# --- measuring ------------------------------------------------------------------------------------


async def measure_slice(
    server: Server, calls: Sequence[tuple[str, dict[str, Any]]], clients: int,
    processes: dict[str, int], side: Side,
) -> None:
    await server.reconnect()
    before = {name: process_cpu(pid) for name, pid in processes.items()}
    result = await measure(asking(server, calls), clients)
    for name, pid in processes.items():
        side.cpu[name] = side.cpu.get(name, 0.0) + process_cpu(pid) - before[name]
    side.latencies += result.latencies
    side.elapsed += result.elapsed


async def measure_question(
    question: Question, kg: Server, lib: Server, args: argparse.Namespace, processes: dict[str, int]
) -> tuple[Side, Side, list[float]]:
    """Both servers in alternating slices; returns the pooled sides and each run's rps ratio."""
    kg_side, lib_side, ratios = Side(), Side(), []
    warm = max(args.clients * 10, 50)
    for server, calls in ((kg, question.kg), (lib, question.lib)):
        await server.reconnect()
        await measure(asking(server, calls[:warm]), args.clients)
    for _ in range(args.repeat):
        run_kg, run_lib = Side(), Side()
        size = -(-len(question.kg) // args.rounds)
        for index in range(args.rounds):
            sides = [(kg, question.kg, run_kg), (lib, question.lib, run_lib)]
            for server, calls, side in sides if index % 2 == 0 else reversed(sides):
                await measure_slice(server, calls[index * size : (index + 1) * size], args.clients,
                                    processes, side)
        ratios.append(run_kg.rps / run_lib.rps)
        print(f"{question.label}: kg {run_kg.rps:.0f} req/s (median {run_kg.median_ms:.1f} ms), "
              f"{LIBRARY} {run_lib.rps:.0f} req/s (median {run_lib.median_ms:.1f} ms): "
              f"{ratios[-1]:.2f}x", flush=True)
        for total, part in ((kg_side, run_kg), (lib_side, run_lib)):
            total.latencies += part.latencies
            total.elapsed += part.elapsed
            for name, seconds in part.cpu.items():
                total.cpu[name] = total.cpu.get(name, 0.0) + seconds
    return kg_side, lib_side, ratios


# --- the report -----------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def report(
    rows: list[tuple[Question, Side, Side, list[float]]],
    checked: dict[str, tuple[int, int]],
    stats: dict[str, int],
    args: argparse.Namespace,
    started: dt.datetime,
    load: tuple[tuple[float, float, float], tuple[float, float, float]],
    versions: dict[str, str],
) -> str:
    neo4j_cpu = "neo4j" in rows[0][1].cpu
    lines = [
        f"# kg and {LIBRARY} side by side",
        "",
        f"Graph: {stats['actors']} actors, {stats['claims']} claims, {stats['documents']} documents "
        f"(bench/api.py's graph: the sample article plus a synthetic graph, seed {args.seed}), "
        f"{versions['neo4j']}.",
        f"kg: `kg serve` (uvicorn, one worker), Python {platform.python_version()}. {LIBRARY} "
        f"{versions['library']} on Apollo Server {versions['apollo']}, Node {versions['node']} "
        "(`node bench/neo4j_graphql/server.mjs`). Separate processes, the same Neo4j.",
        f"Load: {args.clients} concurrent keep-alive HTTP/1.1 clients, {args.requests} requests per "
        f"question and server after a warm-up, in {args.rounds} alternating slices per run "
        f"(the side that goes first alternating), {args.repeat} run(s) pooled.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs; run {started:%Y-%m-%d %H:%M} UTC, "
        f"load average {load[0][0]:.1f} at the start and {load[1][0]:.1f} at the end"
        + (" (measured under load: the machine was shared with other jobs)." if max(load[0][0], load[1][0])
           > (os.cpu_count() or 1) / 2 else "."),
        "",
        "Identical answers: every request of the run was first asked of both servers and the "
        "answers compared after normalising (same actor, total, relations in order with their "
        "document counts and evidence; same hits in order with the total; same set of paths with "
        "each hop's evidence): "
        + "; ".join(f"{label} {n} of {n} identical ({found} non-empty)"
                    for label, (n, found) in checked.items())
        + ".",
        "",
        "| question | kg req/s | kg median ms | kg p95 ms "
        f"| {LIBRARY} req/s | {LIBRARY} median ms | {LIBRARY} p95 ms "
        "| req/s kg / lib | median lib / kg | per run (req/s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for question, kg, lib, ratios in rows:
        lines.append(
            f"| {question.label} | {kg.rps:.0f} | {kg.median_ms:.1f} | {kg.p95_ms:.1f} "
            f"| {lib.rps:.0f} | {lib.median_ms:.1f} | {lib.p95_ms:.1f} "
            f"| **{kg.rps / lib.rps:.2f}x** | {lib.median_ms / kg.median_ms:.2f}x "
            f"| {', '.join(f'{r:.2f}' for r in ratios)} |"
        )
    lines += [
        "",
        "CPU per request, ms (from /proc: the server process"
        + (", and Neo4j's while that server's slices ran" if neo4j_cpu
           else "; Neo4j's only with kg's managed server")
        + "):",
        "",
        "| question | kg server | kg's Neo4j | " + LIBRARY + " server | " + LIBRARY + "'s Neo4j |",
        "|---|---:|---:|---:|---:|",
    ]
    for question, kg, lib, _ in rows:
        lines.append(
            f"| {question.label} | {_ms(kg.cpu_ms('kg'))} | {_ms(kg.cpu_ms('neo4j'))} "
            f"| {_ms(lib.cpu_ms('lib'))} | {_ms(lib.cpu_ms('neo4j'))} |"
        )
    lines += [
        "",
        DIFFERENCES,
        "Command: `python bench/compare_neo4j_graphql.py --reuse "
        f"--actors {args.actors} --claims {args.claims} --seed {args.seed} --clients {args.clients} "
        f"--requests {args.requests} --rounds {args.rounds} --repeat {args.repeat}` "
        "(after `npm ci --prefix bench/neo4j_graphql`; `--reset` builds the graph first).",
        "",
    ]
    return "\n".join(lines)


def library_versions(node: str) -> dict[str, str]:
    def version(package: str) -> str:
        manifest = NODE_DIR / "node_modules" / package / "package.json"
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])

    node_version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    return {"library": version("@neo4j/graphql"), "apollo": version("@apollo/server"),
            "node": node_version.strip().lstrip("v")}


async def run(args: argparse.Namespace) -> str:
    check_relation_types()
    command = node_command(args.node)
    versions = library_versions(args.node)
    settings = load_settings()
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    driver = await open_driver(settings)
    try:
        await build_graph(driver, settings, args)
        names, searches, pairs = await questions(driver, settings, args.seed, args.requests)
        records, _, _ = await driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name + ' ' + versions[0] + ' ' + edition AS neo4j",
            database_=settings.neo4j_database, routing_=RoutingControl.READ,
        )
        versions["neo4j"] = records[0]["neo4j"]
        stats_records, _, _ = await driver.execute_query(
            "CALL () { MATCH (a:Actor) RETURN count(a) AS actors } "
            "CALL () { MATCH (c:Claim) RETURN count(c) AS claims } "
            "CALL () { MATCH (d:Document) RETURN count(d) AS documents } RETURN actors, claims, documents",
            database_=settings.neo4j_database, routing_=RoutingControl.READ,
        )
        stats = dict(stats_records[0])
        connection = await resolve_connection(settings)
    finally:
        await driver.close()

    # The library sets no time limit on a request or a statement; kg's (a budget of 10 s per
    # anonymous request, 15 s per statement) would fail a request that queues that long on a busy
    # machine rather than measure it.
    os.environ.setdefault("KG_API_ANONYMOUS_BUDGET_S", "600")
    os.environ.setdefault("KG_NEO4J_QUERY_TIMEOUT_S", "600")
    kg_port, lib_port = free_port(), free_port()
    kg_process = await start_server(kg_port)
    try:
        lib_process = await start_library_server(command, settings, lib_port)
        kg, lib = Server("kg", kg_port, "/graphql", kg_process), Server(LIBRARY, lib_port, "/", lib_process)
        processes = {"kg": kg_process.pid, "lib": lib_process.pid}
        if connection.managed and (pid := managed_server.status(settings).pid) is not None:
            processes["neo4j"] = pid
        try:
            all_questions = build_questions(names, searches, pairs)
            checked: dict[str, tuple[int, int]] = {}
            for question in all_questions:
                found = await check_answers(question, kg, lib, args.clients)
                checked[question.label] = (len(question.kg), found)
                print(f"{question.label}: {len(question.kg)} answers identical ({found} non-empty)",
                      flush=True)
            rows = []
            for question in all_questions:
                rows.append((question, *await measure_question(question, kg, lib, args, processes)))
        finally:
            await kg.client.close()
            await lib.client.close()
            lib_process.terminate()
            lib_process.wait(timeout=30)
    finally:
        kg_process.terminate()
        kg_process.wait(timeout=30)
    return report(rows, checked, stats, args, started, (load_before, os.getloadavg()), versions)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_graph_arguments(parser)
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--requests", type=int, default=400, help="requests per question and server")
    parser.add_argument("--rounds", type=int, default=10, help="alternating slices per run")
    parser.add_argument("--repeat", type=int, default=1, help="runs per question, pooled")
    parser.add_argument("--node", default="node", help="the Node.js 20+ executable")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "neo4j-graphql-bench.md",
                        help="where the report is written [default: docs/neo4j-graphql-bench.md]")
    args = graph_defaults(parser.parse_args())
    for name in ("clients", "requests", "rounds", "repeat"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    table = asyncio.run(run(args))
    print()
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
