#!/usr/bin/env python3
"""Benchmark the GraphQL API against hand-written Cypher answering the same questions.

    KG_NEO4J_URI=bolt://HOST:PORT KG_NEO4J_PASSWORD=... python bench/api.py --reset \
        [--actors 10000] [--claims 100000] [--clients 8] [--requests 400] [--seed 11]

Neo4j comes from the settings (KG_NEO4J_URI / NEO4J_URI, KG_NEO4J_USER, KG_NEO4J_PASSWORD).
The graph: the sample article ingested through kg.ingest (real extractor) plus a synthetic graph
of --actors actors and --claims claims (generated Extractions written through
GraphRepository.write_extractions in batches). The bench refuses to run on a non-empty graph
unless --reset (delete everything first) or --reuse (the bench's own graph is already there).

Then the API is started -- by default the FastAPI app in this process with its lifespan
(--transport asgi), or `kg serve` as a separate process (--transport http: uvicorn with uvloop
and httptools) -- and, for three typical questions, --clients concurrent clients send
--requests requests each way:
  kg:       the GraphQL query as an HTTP POST: a direct ASGI call, or a minimal keep-alive
            HTTP/1.1 client over localhost (--client raw, default), or httpx (--client httpx,
            whose own CPU, about 0.6 ms a request, then counts against kg);
  baseline: one hand-written Cypher statement per question through the async driver
            (READ routing), returning the same data, as a READ auto-commit statement (the
            target's reference, column "Cypher") and, beside it, as the managed READ
            transaction kg's reads are (driver.execute_query routed READ: BEGIN with the
            statement, then COMMIT; column "Cypher tx"), which shows how much of kg's gap is
            the kind of transaction.
Printed: median and p95 latency and requests/s of each, and the median ratios kg/Cypher
(target <= 1.3) and kg/Cypher tx. The tables are also written to docs/api-bench.md (--out).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import orjson  # noqa: E402
from neo4j import READ_ACCESS, AsyncDriver, AsyncResult, Record, RoutingControl  # noqa: E402

from kg.graph import admin  # noqa: E402
from kg.graph.driver import open_driver  # noqa: E402
from kg.graph.queries import relation_degree  # noqa: E402
from kg.graph.reads import fulltext_terms  # noqa: E402
from kg.graph.repository import GraphRepository  # noqa: E402
from kg.graph.resolution import ResolutionPolicy  # noqa: E402
from kg.graph.schema import apply_schema  # noqa: E402
from kg.model import (  # noqa: E402
    DocumentInfo,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Relation,
    RelationType,
    content_sha256,
    document_id,
)
from kg.settings import Settings, load_settings  # noqa: E402

SAMPLE = ROOT / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"
SYNTHETIC_SOURCE = "bench-api-synthetic"
DEFAULT_OUT = ROOT / "docs" / "api-bench.md"
DEFAULT_OUT_SCALE = ROOT / "docs" / "api-bench-scale.md"
# An actor with this many relations or more is a hub: the actor question leaves them out, the
# hub question asks about the one with the most.
HUB_DEGREE = 10_000
ACTOR_QUESTION = "actor + relations + evidence"
HUB_QUESTION = "hub actor (first page)"

# --- the three questions, as GraphQL and as hand-written Cypher ----------------------------------

ACTOR_GRAPHQL = """
query ($name: String!) {
  actor(name: $name) { id name kind
    relations(first: 10) { totalCount
      edges { cursor node { type subject { name } object { id name kind } documentCount
        evidence(first: 3) { text start end document { id title } } } }
      pageInfo { hasNextPage endCursor } } }
}
"""

SEARCH_GRAPHQL = """
query ($q: String!) { actors(search: $q, first: 10) { totalCount edges { node { id name kind } } } }
"""

PATH_GRAPHQL = """
query ($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 3, first: 5) { length
    hops { type subject { id name } object { id name } evidence(first: 1) { text document { id } } } }
}
"""

# The baseline is by definition not kg's code, so its Cypher stays here: one statement per
# question, written for that question alone.
ACTOR_CYPHER = """
CALL db.index.fulltext.queryNodes('entity_names', $phrase) YIELD node, score
WITH node AS e, score
WHERE e:Actor AND (toLower(e.name) = $name OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = $name))
WITH e ORDER BY CASE WHEN toLower(e.name) = $name THEN 0 ELSE 1 END, score DESC, e.id LIMIT 1
CALL (e) { MATCH (e)-[r:$any($types)]-(:Entity) RETURN count(r) AS total }
CALL (e) {
  MATCH (e)-[r:$any($types)]-(:Entity)
  WITH r, startNode(r) AS s, endNode(r) AS o ORDER BY type(r), s.id, o.id LIMIT 11
  CALL (r, s, o) {
    MATCH (c:Claim {triple: s.id + ' -[' + type(r) + ']-> ' + o.id})
    WHERE NOT coalesce(c.negated, false)
    WITH c ORDER BY coalesce(c.confidence, 0.0) DESC, c.id LIMIT 3
    OPTIONAL MATCH (c)-[:FROM]->(d:Document)
    RETURN collect({text: c.text, start: c.start, end: c.end, document: d {.id, .title}}) AS evidence
  }
  RETURN collect({type: type(r), subject: s.name, object: o {.id, .name, .kind},
                  documents: r.documents, evidence: evidence}) AS relations
}
RETURN e.id AS id, e.name AS name, e.kind AS kind, total, relations
"""

SEARCH_CYPHER = """
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WHERE node:Actor
WITH node, score ORDER BY score DESC, node.id
WITH collect(node {.id, .name, .kind}) AS hits
RETURN size(hits) AS total, hits[0..10] AS actors
"""

PATH_CYPHER = """
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..3]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
WITH p LIMIT 5
RETURN length(p) AS length, [r IN relationships(p) | {
  type: type(r), subject: startNode(r).id, object: endNode(r).id,
  evidence: COLLECT {
    MATCH (c:Claim {triple: startNode(r).id + ' -[' + type(r) + ']-> ' + endNode(r).id})
    WHERE NOT coalesce(c.negated, false)
    WITH c ORDER BY coalesce(c.confidence, 0.0) DESC, c.id LIMIT 1
    OPTIONAL MATCH (c)-[:FROM]->(d:Document)
    RETURN {text: c.text, document: d.id}
  }}] AS hops
"""

ALL_TYPES = [t.value for t in RelationType]


async def run_cypher(driver: AsyncDriver, database: str, text: str, params: dict[str, Any]) -> Any:
    """The baseline's request: one READ auto-commit transaction (one round trip)."""
    async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        result = await session.run(text, params)
        return [record async for record in result]


async def _records(result: AsyncResult) -> list[Record]:
    return [record async for record in result]


async def run_cypher_tx(driver: AsyncDriver, database: str, text: str, params: dict[str, Any]) -> Any:
    """The same statement in a managed READ transaction, as kg reads (driver.execute_query
    routed READ, retried on transient errors, with the driver's default bookmark manager):
    BEGIN is sent with the statement, COMMIT after its records (a round trip more)."""
    records: list[Record] = await driver.execute_query(
        text, params, routing_=RoutingControl.READ, database_=database, result_transformer_=_records
    )
    return records


def actor_params(name: str) -> dict[str, Any]:
    """ACTOR_CYPHER's parameters for the actor ``name``."""
    return {"phrase": '"' + " ".join(fulltext_terms(name)) + '"', "name": name.lower(), "types": ALL_TYPES}


def search_query(text: str) -> str:
    """SEARCH_CYPHER's full-text query for ``text`` (each term, or a prefix of it)."""
    return " AND ".join(f"({t} OR {t}*)" for t in fulltext_terms(text))
NO_RESOLUTION = ResolutionPolicy(enabled=False)

# How kg answers the questions, kept with the table because the table alone does not say why.
NOTES = """\
## How kg answers these queries: one executor

Every operation goes through strawberry (parse and validation once per query text, kg's
limits) and one executor, kg/api/executor.py: graphql-core's Executor whose public
execute_operation completes the operation from plans kept per query text. The objects are the
graph layer's views; one planner (kg/api/planning.py, on info.selected_fields) lets a root field
read what is selected below it in one Cypher statement composed from parts in
kg/graph/queries.py (only the selected properties; no document or attribution match when not
asked). tests/api/test_execution_equivalence.py compares it with graphql-core's own executor on
generated queries. (Until 2026-12-02 a second, compiled executor answered repeated queries; it
is gone, issue #13.)

Reads are managed READ transactions (driver.execute_query routed READ: a cluster's readers
answer, and the driver retries a transient error): BEGIN goes with the statement, then COMMIT
is a round trip more than the baseline's auto-commit statement, with its own driver and
event-loop work in this process. The "Cypher tx" table runs the baseline's own statements that
way, in the same alternating slices: its ratio to Cypher is what the kind of transaction costs
whoever reads, and kg/Cypher tx what kg's own layers (HTTP, GraphQL, plans, views, completion)
add to the same transaction. The target stays kg/Cypher (auto-commit).

The load generator: by default the app is called directly through ASGI in this process
(`--client raw`): FastAPI, its middlewares and kg run in full, and no client library adds its
own CPU. `--transport http` runs `kg serve` (uvicorn with uvloop and httptools) as a separate
process and a minimal keep-alive HTTP/1.1 client; its CPU column is then only the client's.
With 8 clients on 2 cores shared with Neo4j, requests queue for the CPU and the latency ratio
follows the CPU per request of both processes.
"""
Call = Callable[[], Awaitable[Any]]

# --- the synthetic graph -------------------------------------------------------------------------

SYLLABLES = ("ka", "ren", "tor", "vel", "mi", "sa", "dor", "lin", "qua", "bre", "zen", "ol", "fa",
             "nik", "ur", "ste", "val", "gor", "ish", "pal", "ten", "ru", "ba", "lo", "ver", "cas")
KINDS = ([EntityKind.PERSON] * 10 + [EntityKind.ORGANIZATION] * 5 + [EntityKind.GROUP] * 3
         + [EntityKind.COUNTRY] + [EntityKind.LOCATION])
VERBS = {
    RelationType.MET: "met", RelationType.CONSULTED: "held talks with", RelationType.URGED: "urged",
    RelationType.ACCUSED: "accused", RelationType.SUPPORTED: "backed", RelationType.CRITICIZED: "criticized",
    RelationType.REQUESTED_AID: "asked for aid from", RelationType.MEDIATED: "mediated between parties and",
    RelationType.THREATENED: "threatened", RelationType.ATTACKED: "attacked",
}


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_actors(rng: random.Random, count: int) -> list[Entity]:
    actors: list[Entity] = []
    for index in range(count):
        kind = rng.choice(KINDS)
        first, last = (2, 3) if kind is EntityKind.PERSON else (3, 2)
        name = f"{_word(rng, first)} {_word(rng, last)}"
        actor_id = f"syn-{index:06d}"
        aliases = (name.split()[-1],) if kind is EntityKind.PERSON else ()
        actors.append(Entity(id=actor_id, name=f"{name} {index}", kind=kind, aliases=aliases))
    return actors


def synthetic_extractions(
    rng: random.Random, actors: Sequence[Entity], claims: int, per_document: int = 20
) -> list[Extraction]:
    """Documents of ``per_document`` claims each; subjects follow a heavy tail (a few hubs)."""
    return list(iter_synthetic_extractions(rng, actors, claims, per_document))


def iter_synthetic_extractions(
    rng: random.Random, actors: Sequence[Entity], claims: int, per_document: int = 20
) -> Iterator[Extraction]:
    """synthetic_extractions, one document at a time (a million claims do not fit in memory
    as model objects at once)."""
    types = list(VERBS)
    start_day = dt.date(2020, 1, 1)
    for number in range(claims // per_document):
        text = ""
        relations: list[Relation] = []
        used: dict[str, Entity] = {}
        for _ in range(per_document):
            if rng.random() < 0.3:  # a heavy tail: the first actors are the hubs of the news
                subject = actors[min(len(actors) - 1, int(rng.paretovariate(1.0)) - 1)]
            else:
                subject = rng.choice(actors)
            obj = rng.choice(actors)
            while obj.id == subject.id:
                obj = rng.choice(actors)
            type_ = rng.choice(types)
            sentence = f"{subject.name} {VERBS[type_]} {obj.name}."
            start = len(text)
            text += sentence + " "
            evidence = Evidence(text=sentence, start=start, end=start + len(sentence))
            relations.append(Relation(subject=subject.id, type=type_, object=obj.id, evidence=evidence,
                                      confidence=round(rng.uniform(0.4, 0.95), 2)))
            used[subject.id], used[obj.id] = subject, obj
        sha = content_sha256(f"{SYNTHETIC_SOURCE}/{number}\n{text}")
        info = DocumentInfo(id=document_id(sha), sha256=sha, source=f"{SYNTHETIC_SOURCE}/{number}",
                            title=f"Synthetic report {number}", url=f"https://bench.test/{number}",
                            published=start_day + dt.timedelta(days=rng.randrange(0, 1800)))
        yield Extraction(document=info, entities=tuple(used.values()),
                         relations=tuple(relations), extractor="bench")


async def build_graph(driver: AsyncDriver, settings: Settings, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    actors = synthetic_actors(rng, args.actors)
    repository = GraphRepository(driver, settings.neo4j_database)
    records, _, _ = await driver.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=settings.neo4j_database
    )
    if records[0]["n"]:
        if args.reset:
            print("deleting the existing graph (--reset) ...", flush=True)
            await admin.delete_all(driver, settings.neo4j_database)
        elif not args.reuse:
            sys.exit("the graph is not empty: pass --reset to delete it first, or --reuse to reuse the "
                     "bench's own graph from an earlier run")
    await apply_schema(driver, settings)

    # Written through kg's own repository (the graph kg writes), a batch of documents per
    # transaction; documents stored already (--reuse of a partial build) are skipped.
    started = time.perf_counter()
    total = args.claims // 20
    written = 0
    batch: list[Extraction] = []

    async def flush() -> None:
        nonlocal written
        known = await repository.known_documents(e.document.sha256 for e in batch)
        todo = [e for e in batch if e.document.sha256 not in known]
        if todo:
            # The synthetic actors are distinct by construction ("Name Name 123"): resolving
            # them at ingest would only merge look-alike names and change the bench graph.
            result = await repository.write_extractions(todo, resolution=NO_RESOLUTION)
            if result.failed:
                sys.exit(f"synthetic write failed: {result.failed[:3]}")
        written += len(batch)
        batch.clear()
        rate = written / max(time.perf_counter() - started, 1e-9)
        print(f"\rsynthetic graph: {written}/{total} documents ({rate:.0f}/s)", end="", flush=True)

    for extraction in iter_synthetic_extractions(rng, actors, args.claims):
        batch.append(extraction)
        if len(batch) >= max(1, args.write_batch):
            await flush()
    if batch:
        await flush()
    print(f"\nsynthetic graph: {total} documents, {args.claims} claims, {len(actors)} actors "
          f"({time.perf_counter() - started:.1f}s)", flush=True)

    from kg.ingest import ingest_documents
    from kg.nlp.extractor import Extractor
    from loaders.documents import iter_documents

    docs = list(iter_documents([str(SAMPLE)], published=dt.date(2022, 9, 15)))
    summary = await ingest_documents(docs, repository=repository,
                                     extractor=Extractor.from_settings(settings), settings=settings)
    print(f"sample article: {summary.line()}", flush=True)


# --- measuring ------------------------------------------------------------------------------------


@dataclass
class Result:
    latencies: list[float]
    elapsed: float
    cpu: float = 0.0  # CPU seconds of this process (all of kg with --transport asgi)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed

    @property
    def cpu_ms(self) -> float:
        return self.cpu / len(self.latencies) * 1000


async def measure(calls: Sequence[Call], clients: int) -> Result:
    queue = list(reversed(calls))
    latencies: list[float] = []

    async def client() -> None:
        while queue:
            call = queue.pop()
            began = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - began)

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(latencies, time.perf_counter() - started, time.process_time() - cpu)


async def measure_interleaved(
    sides: Sequence[Sequence[Call]], clients: int, rounds: int = 10
) -> list[Result]:
    """Every side (kg, Cypher, Cypher tx) in alternating slices, so that a change in machine
    load hits all alike."""
    totals = [Result([], 0.0) for _ in sides]
    for index in range(rounds):
        for calls, total in zip(sides, totals, strict=True):
            size = -(-len(calls) // rounds)
            part = await measure(calls[index * size : (index + 1) * size], clients)
            total.latencies += part.latencies
            total.elapsed += part.elapsed
            total.cpu += part.cpu
    return totals


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    async with httpx.AsyncClient() as client:
        for _ in range(600):
            if process.poll() is not None:
                sys.exit("kg serve exited before answering /health")
            try:
                if (await client.get(f"http://127.0.0.1:{port}/health")).status_code == 200:
                    return process
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    process.terminate()
    sys.exit("kg serve did not answer /health within a minute")


class PostJSON:
    """What the bench needs of an HTTP client: POST a JSON body, get the response body."""

    async def post(self, path: str, body: bytes) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError


class HttpxClient(PostJSON):
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def post(self, path: str, body: bytes) -> bytes:
        response = await self.client.post(path, content=body, headers={"content-type": "application/json"})
        return response.content


class KeepAliveClient(PostJSON):
    """A minimal HTTP/1.1 keep-alive client, as load generators (wrk, oha) are: the bench's own
    CPU per request stays far below the server's, so on a 2-core machine the client does not
    take the CPU that kg's server and Neo4j need (httpx costs about 0.6 ms per request, close to
    the baseline's whole request)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, path: str, body: bytes) -> bytes:
        if self.idle:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        writer.write(head.encode("ascii") + body)
        status = await reader.readline()
        if not status.startswith(b"HTTP/1.1 "):
            raise RuntimeError(f"unexpected response: {status!r}")
        length, chunked = -1, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if chunked:
            parts = []
            while (size := int((await reader.readline()).split(b";")[0], 16)) > 0:
                parts.append(await reader.readexactly(size))
                await reader.readline()
            await reader.readline()
            content = b"".join(parts)
        else:
            content = await reader.readexactly(length)
        self.idle.append((reader, writer))
        return content

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


class ASGICaller(PostJSON):
    """Calls the ASGI app directly, with no client library in between: all of the request's
    server-side path (FastAPI, middlewares, kg) and nothing else."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def post(self, path: str, body: bytes) -> bytes:
        delivered = False

        async def receive() -> dict[str, Any]:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()  # the client stays connected until the response is sent
            return {"type": "http.disconnect"}

        parts: list[bytes] = []
        status = 0

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
            "root_path": "", "headers": [(b"host", b"kg.bench"), (b"content-type", b"application/json"),
                                         (b"content-length", str(len(body)).encode())],
            "client": ("127.0.0.1", 50000), "server": ("kg.bench", 80), "state": {},
        }
        await self.app(scope, receive, send)
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {b''.join(parts)[:300]!r}")
        return b"".join(parts)


@asynccontextmanager
async def api_client(args: argparse.Namespace, settings: Settings) -> AsyncIterator[PostJSON]:
    """A client of the API. --transport asgi (default): the app in this process, called
    directly (--client raw) or via httpx.ASGITransport (--client httpx). --transport http:
    `kg serve` (uvicorn) in a separate process, over localhost HTTP with a keep-alive client
    (--client raw) or httpx (--client httpx)."""
    if args.transport == "asgi":
        from kg.api.app import create_app

        app = create_app(settings)
        async with app.router.lifespan_context(app):
            if args.client == "raw":
                yield ASGICaller(app)
                return
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://kg.bench", timeout=60.0
            ) as client:
                yield HttpxClient(client)
        return
    port = free_port()
    server = await start_server(port)
    try:
        if args.client == "raw":
            raw = KeepAliveClient("127.0.0.1", port)
            try:
                yield raw
            finally:
                await raw.close()
        else:
            limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60.0
            ) as client:
                yield HttpxClient(client)
    finally:
        server.terminate()
        server.wait(timeout=30)


async def questions(
    driver: AsyncDriver, settings: Settings, seed: int, n: int
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The bench's questions (also asked by bench/compare_neo4j_graphql.py): ``n`` actor names,
    ``n`` search prefixes and up to ``n`` (from, to) pairs, drawn from the actors that have
    relations, hubs (HUB_DEGREE relations or more, see hub_actor) left out."""
    rng = random.Random(seed + 1)
    linked = [(r["id"], r["name"]) for r in await _degrees(driver, settings) if r["degree"] < HUB_DEGREE]
    # Mostly synthetic actors, and the sample article's best-known person by name and alias.
    names = [rng.choice(linked)[1] for _ in range(n - n // 10)]
    names += ["Nikol Pashinyan", "Pashinyan"] * (n // 20)
    rng.shuffle(names)
    searches = [rng.choice(fulltext_terms(rng.choice(linked)[1]))[:4] for _ in range(n)]
    pairs = [(rng.choice(linked)[0], rng.choice(linked)[0]) for _ in range(n)]
    return names, searches, [(a, b) for a, b in pairs if a != b]


async def _degrees(driver: AsyncDriver, settings: Settings) -> list[Any]:
    """Every actor that has relations, with its number of them (from the degree store)."""
    records, _, _ = await driver.execute_query(
        "MATCH (a:Actor) WITH a, " + relation_degree("a", "BOTH", ALL_TYPES) + " AS degree "
        "WHERE degree > 0 RETURN a.id AS id, a.name AS name, degree ORDER BY a.id",
        database_=settings.neo4j_database, routing_=RoutingControl.READ,
    )
    return list(records)


async def hub_actor(driver: AsyncDriver, settings: Settings) -> Any:
    """The actor with the most relations (id, name, degree); it must have HUB_DEGREE."""
    hub = max(await _degrees(driver, settings), key=lambda r: r["degree"])
    if hub["degree"] < HUB_DEGREE:
        sys.exit(f"no actor has {HUB_DEGREE:,} relations (the most: {hub['degree']:,}): use a bigger graph")
    return hub


async def run(args: argparse.Namespace) -> str:
    # The hand-written statements run without a time limit; kg's (a budget of 10 s per anonymous
    # request, 15 s per statement) would stop the bench on a request that queues that long on a
    # busy machine (or meets Neo4j's first planning of a statement) rather than measure it.
    os.environ.setdefault("KG_API_ANONYMOUS_BUDGET_S", "600")
    os.environ.setdefault("KG_NEO4J_QUERY_TIMEOUT_S", "600")
    settings = load_settings()
    driver = await open_driver(settings)
    try:
        await build_graph(driver, settings, args)
        if args.build_only:
            return "graph built (--build-only): nothing measured"
        names, searches, pairs = await questions(driver, settings, args.seed, args.requests)
        hub = await hub_actor(driver, settings)
        print(f"hub: {hub['name']} ({hub['id']}), {hub['degree']:,} relations", flush=True)
        n = args.requests

        async with api_client(args, settings) as http:

            async def graphql(query: str, variables: dict[str, Any]) -> Any:
                body = orjson.loads(await http.post("/graphql", orjson.dumps(
                    {"query": query, "variables": variables})))
                if body.get("errors"):
                    raise RuntimeError(body["errors"])
                return body["data"]

            async def cypher(text: str, **params: Any) -> Any:
                return await run_cypher(driver, settings.neo4j_database, text, params)

            async def cypher_tx(text: str, **params: Any) -> Any:
                return await run_cypher_tx(driver, settings.neo4j_database, text, params)

            def call(function: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Call:
                return lambda: function(*args, **kwargs)

            hub_names = [hub["name"]] * (args.hub_requests or n)
            path_params = [{"from": a, "to": b, "types": ALL_TYPES} for a, b in pairs]
            # (label, kg, Cypher, Cypher tx): the hub question has no "Cypher tx" side (it is not
            # one of the target's questions, and its hand-written statement takes seconds).
            workloads: list[tuple[str, list[Call], list[Call], list[Call] | None]] = [
                (ACTOR_QUESTION,
                 [call(graphql, ACTOR_GRAPHQL, {"name": v}) for v in names],
                 [call(cypher, ACTOR_CYPHER, **actor_params(v)) for v in names],
                 [call(cypher_tx, ACTOR_CYPHER, **actor_params(v)) for v in names]),
                (HUB_QUESTION,
                 [call(graphql, ACTOR_GRAPHQL, {"name": v}) for v in hub_names],
                 [call(cypher, ACTOR_CYPHER, **actor_params(v)) for v in hub_names],
                 None),
                ("search (full-text, prefixes)",
                 [call(graphql, SEARCH_GRAPHQL, {"q": v}) for v in searches],
                 [call(cypher, SEARCH_CYPHER, query=search_query(v)) for v in searches],
                 [call(cypher_tx, SEARCH_CYPHER, query=search_query(v)) for v in searches]),
                ("path (<= 3 hops, evidence)",
                 [call(graphql, PATH_GRAPHQL, {"from": a, "to": b}) for a, b in pairs],
                 [call(cypher, PATH_CYPHER, **v) for v in path_params],
                 [call(cypher_tx, PATH_CYPHER, **v) for v in path_params]),
            ]
            # Same answers? Spot-check the actor questions.
            for name in ("Nikol Pashinyan", hub["name"]):
                check = await graphql(ACTOR_GRAPHQL, {"name": name})
                base = await cypher(ACTOR_CYPHER, **actor_params(name))
                assert check["actor"]["relations"]["totalCount"] == base[0]["total"], name

            rows: list[Row] = []
            single: list[Row] = []
            for label, kg_calls, base_calls, tx_calls in workloads:
                sides = [kg_calls, base_calls] + ([tx_calls] if tx_calls is not None else [])
                # Warm every side (plan caches, page cache, connection pools), then measure.
                for calls in sides:
                    await measure(calls[: args.clients * 5], args.clients)
                many: list[list[Result]] = []
                one: list[list[Result]] = []
                for _ in range(args.repeat):
                    measured = await measure_interleaved(sides, args.clients)
                    many.append(measured)
                    print(f"{label}: median kg {measured[0].median_ms:.1f} ms, Cypher "
                          f"{measured[1].median_ms:.1f} ms"
                          + (f", Cypher tx {measured[2].median_ms:.1f} ms" if len(measured) > 2 else ""),
                          flush=True)
                    # One client: latency without queueing for the CPU (context for the table above).
                    few = max(10, len(kg_calls) // 4)
                    one.append(await measure_interleaved([calls[:few] for calls in sides], 1))
                rows.append(_pooled(label, many))
                single.append(_pooled(label, one))
        stats, _, _ = await driver.execute_query(
            "CALL () { MATCH (a:Actor) RETURN count(a) AS actors } "
            "CALL () { MATCH (c:Claim) RETURN count(c) AS claims } "
            "CALL () { MATCH (d:Document) RETURN count(d) AS documents } RETURN actors, claims, documents",
            database_=settings.neo4j_database, routing_=RoutingControl.READ,
        )
    finally:
        await driver.close()
    results = {
        "when": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "graph": dict(stats[0]),
        "hub": {"id": hub["id"], "relations": hub["degree"]},
        "clients": args.clients,
        "questions": {row.label: _summary(row) for row in rows},
        "one_client": {row.label: _summary(row) for row in single},
    }
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return report(rows, single, stats[0], args, results)


@dataclass
class Row:
    """One question's pooled results: kg, the auto-commit Cypher (the target's reference) and,
    when measured, the same Cypher in a managed READ transaction (as kg reads)."""

    label: str
    kg: Result
    base: Result
    tx: Result | None
    ratios: list[float]  # each run's median ratio kg/Cypher


def _summary(row: Row) -> dict[str, float]:
    summary = {"kg_median_ms": round(row.kg.median_ms, 2), "cypher_median_ms": round(row.base.median_ms, 2),
               "kg_cpu_ms": round(row.kg.cpu_ms, 3), "cypher_cpu_ms": round(row.base.cpu_ms, 3)}
    if row.tx is not None:
        summary["cypher_tx_median_ms"] = round(row.tx.median_ms, 2)
        summary["cypher_tx_cpu_ms"] = round(row.tx.cpu_ms, 3)
    return summary


def _pooled(label: str, runs: list[list[Result]]) -> Row:
    """Every run's latencies together, side by side, and each run's median ratio kg/Cypher."""
    totals = [Result([], 0.0) for _ in runs[0]]
    for results in runs:
        for part, total in zip(results, totals, strict=True):
            total.latencies += part.latencies
            total.elapsed += part.elapsed
            total.cpu += part.cpu
    tx = totals[2] if len(totals) > 2 else None
    return Row(label, totals[0], totals[1], tx, [r[0].median_ms / r[1].median_ms for r in runs])


def _table(rows: list[Row]) -> list[str]:
    lines = [
        "| question | kg median ms | kg p95 ms | kg req/s | kg CPU ms/req | Cypher median ms | Cypher p95 ms "
        "| Cypher req/s | Cypher CPU ms/req | median ratio kg/Cypher | ratio per run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        kg_result, base = row.kg, row.base
        ratio = kg_result.median_ms / base.median_ms
        per_run = ", ".join(f"{r:.2f}" for r in row.ratios)
        lines.append(
            f"| {row.label} | {kg_result.median_ms:.1f} | {kg_result.p95_ms:.1f} | {kg_result.rps:.0f} "
            f"| {kg_result.cpu_ms:.2f} | {base.median_ms:.1f} | {base.p95_ms:.1f} | {base.rps:.0f} "
            f"| {base.cpu_ms:.2f} | {ratio:.2f} | {per_run} |"
        )
    return lines


def _tx_table(rows: list[Row]) -> list[str]:
    """The hand-written statements again, each in a managed READ transaction (as kg reads):
    how much of kg's ratio the kind of transaction accounts for."""
    lines = [
        "| question | Cypher tx median ms | Cypher tx p95 ms | Cypher tx req/s | Cypher tx CPU ms/req "
        "| median ratio Cypher tx/Cypher | median ratio kg/Cypher tx |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        tx = row.tx
        if tx is None:
            continue
        lines.append(
            f"| {row.label} | {tx.median_ms:.1f} | {tx.p95_ms:.1f} | {tx.rps:.0f} | {tx.cpu_ms:.2f} "
            f"| {tx.median_ms / row.base.median_ms:.2f} | {row.kg.median_ms / tx.median_ms:.2f} |"
        )
    return lines


def growth(small: dict[str, Any], large: dict[str, Any]) -> list[str]:
    """How each question's medians grew from one graph to a 10x larger one, and the hub
    question's first page against the actor question's (both graphs)."""
    def size(run: dict[str, Any]) -> str:
        return f"{run['graph']['actors']:,} actors / {run['graph']['claims']:,} claims"

    lines = [
        f"## Growth: {size(small)} ({small['when']}) -> {size(large)} ({large['when']})",
        "",
        "| question | kg median ms | kg growth | Cypher median ms | Cypher growth |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, before in small["questions"].items():
        after = large["questions"].get(label)
        if after is None:
            continue
        lines.append(
            f"| {label} | {before['kg_median_ms']:.1f} -> {after['kg_median_ms']:.1f} "
            f"| {after['kg_median_ms'] / before['kg_median_ms']:.2f}x "
            f"| {before['cypher_median_ms']:.1f} -> {after['cypher_median_ms']:.1f} "
            f"| {after['cypher_median_ms'] / before['cypher_median_ms']:.2f}x |"
        )
    lines.append("")
    for run in (small, large):
        questions = run["questions"]
        if ACTOR_QUESTION in questions and HUB_QUESTION in questions:
            ratio = questions[HUB_QUESTION]["kg_median_ms"] / questions[ACTOR_QUESTION]["kg_median_ms"]
            lines.append(f"- {size(run)}: the hub question ({run['hub']['relations']:,} relations) takes "
                         f"{ratio:.2f}x the actor question's median (target: within 3x).")
    lines.append("")
    lines.append("Targets: the actor question's median grows < 2x; the hub's first page within 3x of "
                 "a non-hub actor's.")
    return lines


def report(
    rows: list[Row],
    single: list[Row],
    stats: Any,
    args: argparse.Namespace,
    results: dict[str, Any] | None = None,
) -> str:
    client = "httpx" if args.client == "httpx" else "a minimal keep-alive client"
    transport = (
        "kg = GraphQL through the FastAPI app in the bench process ("
        + ("httpx's ASGI transport" if args.client == "httpx" else "called directly through ASGI")
        + ")"
        if args.transport == "asgi"
        else f"kg = GraphQL over HTTP to `kg serve` (one uvicorn worker, separate process; {client})"
    )
    lines = [
        "# API benchmark",
        "",
        f"Graph: {stats['actors']} actors, {stats['claims']} claims, {stats['documents']} documents "
        f"(the sample article plus a synthetic graph, seed {args.seed}). {args.requests} requests per "
        f"question and side after a warm-up, kg and Cypher in alternating slices; {args.repeat} run(s), "
        "latencies pooled over the runs.",
        "CPU ms/req: CPU time of the bench process per request (with --transport asgi that is all "
        "of kg's Python work: client, HTTP app, GraphQL, driver; the rest of a latency is Neo4j and "
        "waiting for the CPU).",
        f"{transport}; Cypher = one hand-written statement per question (READ auto-commit "
        "transaction through the same async driver), returning the same data; Cypher tx = the same "
        "statement in a managed READ transaction (driver.execute_query routed READ), as kg reads.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        f"## {args.clients} concurrent clients",
        "",
        *_table(rows),
        "",
        "The same hand-written statements in a managed READ transaction (Cypher tx, measured in the "
        "same alternating slices):",
        "",
        *_tx_table(rows),
        "",
        "## 1 client (latency without queueing)",
        "",
        *_table(single),
        "",
        *_tx_table(single),
        "",
        "Target: median ratio kg/Cypher <= 1.3 (8 clients; Cypher is the auto-commit statement).",
        "",
        *_growth_section(args, results),
        NOTES,
        "Command: `KG_NEO4J_URI=... KG_NEO4J_PASSWORD=... python bench/api.py --reset "
        f"--actors {args.actors} --claims {args.claims} --clients {args.clients} "
        f"--requests {args.requests} --seed {args.seed} --repeat {args.repeat} --transport {args.transport}"
        + (f" --hub-requests {args.hub_requests}" if args.hub_requests else "") + "`",
        "",
    ]
    return "\n".join(lines)


def add_graph_arguments(parser: argparse.ArgumentParser) -> None:
    """The options build_graph() reads (also used by bench/compare_neo4j_graphql.py); call
    graph_defaults() on the parsed arguments."""
    parser.add_argument("--actors", type=int, default=None, help="default 10,000 (--scale: 100,000)")
    parser.add_argument("--claims", type=int, default=None, help="default 100,000 (--scale: 1,000,000)")
    parser.add_argument("--scale", action="store_true",
                        help="the 10x larger graph (100k actors, 1M claims); bench/api.py reports it in "
                        "docs/api-bench-scale.md with how each question grew from the last 10k run "
                        "(docs/api-bench.json)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--write-batch", type=int, default=100,
                        help="documents per write transaction (default 100: on the 100k-actor graph "
                        "batches of 500 wrote fewer documents per second, about 3 against 7-8)")
    parser.add_argument("--reset", action="store_true", help="delete the whole graph first")
    parser.add_argument("--reuse", action="store_true", help="reuse the bench graph of an earlier run")


def graph_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """The graph options' defaults, which depend on --scale."""
    args.actors = args.actors or (100_000 if args.scale else 10_000)
    args.claims = args.claims or (1_000_000 if args.scale else 100_000)
    return args


def _growth_section(args: argparse.Namespace, results: dict[str, Any] | None) -> list[str]:
    """The growth table, when this run and the other graph's run (the 10x smaller or larger
    graph, written by an earlier run to the other --out's .json) are both known."""
    other = DEFAULT_OUT if args.scale else DEFAULT_OUT_SCALE
    other_json = other.with_suffix(".json")
    if results is None or not other_json.exists() or other_json == args.out.with_suffix(".json"):
        return []
    earlier = json.loads(other_json.read_text(encoding="utf-8"))
    small, large = (earlier, results) if args.scale else (results, earlier)
    return [*growth(small, large), ""]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_graph_arguments(parser)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--build-only", action="store_true",
                        help="build (or finish building, with --reuse) the graph and stop: measure later "
                        "with --reuse on a quiet machine")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=1, help="measure every question this many times")
    parser.add_argument("--hub-requests", type=int, default=None,
                        help="requests of the hub question (default --requests): the hand-written "
                        "statement sorts all of the hub's relations, seconds per request under load")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="raw: a minimal keep-alive HTTP/1.1 client (http) or a direct ASGI call "
                        "(asgi); httpx: the httpx client (its own CPU counts against kg)")
    parser.add_argument("--transport", choices=["asgi", "http"], default="asgi",
                        help="asgi: the app (FastAPI, middlewares, kg) in this process; http: `kg serve` "
                        "(uvicorn with uvloop and httptools) in a separate process over localhost HTTP")
    parser.add_argument("--out", type=Path, default=None,
                        help="the report (default docs/api-bench.md; --scale: docs/api-bench-scale.md); "
                        "its .json beside it")
    args = graph_defaults(parser.parse_args())
    args.out = args.out or (DEFAULT_OUT_SCALE if args.scale else DEFAULT_OUT)
    table = asyncio.run(run(args))
    print()
    print(table)
    if args.build_only:
        return
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
