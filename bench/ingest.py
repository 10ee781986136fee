#!/usr/bin/env python3
"""Benchmark `kg ingest` and the curated relation load against their baselines, in one run.

    KG_NEO4J_URI=bolt://HOST:PORT KG_NEO4J_PASSWORD=... python bench/ingest.py --reset \
        [--articles 200] [--relations 100000] [--actors 2000] [--repeat 2] [--seed 7]

Neo4j comes from the settings (KG_NEO4J_URI / NEO4J_URI, KG_NEO4J_USER, KG_NEO4J_PASSWORD, or
kg's managed server). The bench writes and deletes data: it refuses to run on a non-empty graph
unless --reset is given, which deletes every node first (and again between the measurements).

(a) ingest vs extract alone, same synthetic corpus (bench/extract.py's generator, >= 200
    articles), same extractor, same batch sizes, model warmed up first:
      extract: loaders.iter_documents -> Extractor.extract_many, results discarded;
      ingest:  kg.ingest.ingest_documents (extract + write, one transaction per batch) on an
               empty graph.
    Prints documents/s of both and the ratio ingest/extract (target >= 0.8).
(b) curated load of --relations relations between --actors curated actors:
      kg:       GraphRepository.load_relations (claims with provenance + typed relationships
                recomputed with their aggregates), one transaction per batch of write_batch_size;
      baseline: a plain driver `UNWIND $rows ... MERGE` of the same rows into the same shape
                (a claim node per row linked to subject and object, one typed relationship per
                triple), same batch size, one transaction per batch, on an equally fresh graph.
    Each side is warmed up once (query planning), then run --repeat times alternately; the
    best run of each is kept. Prints rows/s of both and the ratio kg/baseline (target >= 0.8).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from neo4j import AsyncDriver  # noqa: E402

from kg.graph import admin  # noqa: E402
from kg.graph.driver import open_driver  # noqa: E402
from kg.graph.repository import GraphRepository  # noqa: E402
from kg.graph.schema import apply_schema  # noqa: E402
from kg.model import CuratedActor, CuratedRelation, EntityKind, RelationType  # noqa: E402
from kg.settings import Settings, load_settings  # noqa: E402

# The baseline is by definition not kg's code, so its Cypher stays here. Rows are grouped by
# relation type and the type written into the statement: a MERGE with a dynamic type
# `[:$(row.type)]` is planned by Neo4j 5.26 as a scan of all relationships per row while the graph
# has few relationships, which would make the baseline absurdly slow and the ratio meaningless.
BASELINE_LOAD = """
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
MERGE (c:Claim {id: row.id})
SET c.type = row.type, c.source = row.source, c.date = row.date, c.text = row.note, c.curated = true
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
MERGE (s)-[r:RELATION_TYPE]->(o)
SET r.curated = true
"""

def write_corpus(folder: Path, articles: int, seed: int) -> int:
    from extract import write_corpus as write_extract_corpus  # bench/extract.py, same corpus

    words: int = write_extract_corpus(folder, articles, seed)
    return words


async def empty_graph(driver: AsyncDriver, settings: Settings, reset: bool) -> None:
    counts = await GraphRepository(driver, settings.neo4j_database).counts()
    if counts.entities + counts.documents + counts.claims and not reset:
        raise SystemExit(
            f"the graph at {settings.neo4j_uri or 'the managed server'} is not empty "
            f"({counts.entities} entities, {counts.documents} documents); pass --reset to delete it"
        )
    await admin.delete_all(driver, settings.neo4j_database)


# -- (a) ingest vs extract ------------------------------------------------------------------


def extract_only(extractor: Any, folder: Path) -> int:
    from loaders.documents import iter_documents

    docs = [doc for doc in iter_documents([str(folder)]) if not hasattr(doc, "message")]
    count = 0
    for _ in extractor.extract_many(docs):
        count += 1
    return count


async def bench_ingest(driver: AsyncDriver, settings: Settings, args: argparse.Namespace) -> float:
    from kg.ingest import ingest_documents
    from kg.nlp.extractor import Extractor
    from loaders.documents import iter_documents

    with tempfile.TemporaryDirectory(prefix="kg-bench-ingest-") as tmp:
        folder = Path(tmp) / "corpus"
        words = write_corpus(folder, args.articles, args.seed)
        extractor = Extractor.from_settings(settings)
        warm = Path(tmp) / "warm"
        write_corpus(warm, 10, args.seed + 1)
        extract_only(extractor, warm)  # model loaded and warmed

        start = time.perf_counter()
        extracted = extract_only(extractor, folder)
        extract_s = time.perf_counter() - start

        await empty_graph(driver, settings, reset=True)
        repository = GraphRepository(driver, settings.neo4j_database)
        start = time.perf_counter()
        summary = await ingest_documents(
            iter_documents([str(folder)]), repository=repository, extractor=extractor, settings=settings
        )
        ingest_s = time.perf_counter() - start

    extract_rate = extracted / extract_s
    ingest_rate = summary.documents / ingest_s
    ratio = ingest_rate / extract_rate
    print(f"(a) corpus: {args.articles} articles, {words} words; model warmed up")
    print(f"    extract alone: {extracted} documents in {extract_s:.2f}s = {extract_rate:.1f} documents/s")
    print(f"    ingest:        {summary.line()}")
    print(f"                   {summary.documents} documents in {ingest_s:.2f}s = "
          f"{ingest_rate:.1f} documents/s")
    print(f"    ratio ingest/extract = {ratio:.2f} (target >= 0.8)")
    return ratio


# -- (b) curated relation load ----------------------------------------------------------------


def curated_rows(args: argparse.Namespace) -> tuple[list[CuratedActor], list[CuratedRelation]]:
    rng = random.Random(args.seed)
    kinds = [EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP]
    actors = [
        CuratedActor(id=f"bench-actor-{i:05d}", name=f"Bench Actor {i}", kind=kinds[i % len(kinds)])
        for i in range(args.actors)
    ]
    types = list(RelationType)
    relations = []
    for i in range(args.relations):
        subject, object_ = rng.sample(actors, 2)
        relations.append(
            CuratedRelation(
                subject=subject.id, type=rng.choice(types), object=object_.id,
                source=f"bench-register-{i // 50}",
                date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1000)),
                note=f"row {i}",
            )
        )
    return actors, relations


async def run_baseline(driver: AsyncDriver, settings: Settings, relations: list[CuratedRelation]) -> None:
    size = settings.write_batch_size
    for start in range(0, len(relations), size):
        rows = [
            {"id": f"baseline-{start + offset}", "subject": r.subject, "type": r.type.value,
             "object": r.object, "source": r.source, "date": r.date, "note": r.note}
            for offset, r in enumerate(relations[start : start + size])
        ]
        async with driver.session(database=settings.neo4j_database) as session:
            await session.execute_write(_run_rows, rows)


async def _run_rows(tx: Any, rows: list[dict[str, Any]]) -> None:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_type.setdefault(row["type"], []).append(row)
    for relation_type, typed_rows in sorted(by_type.items()):
        statement = BASELINE_LOAD.replace("RELATION_TYPE", RelationType(relation_type).value)
        await (await tx.run(statement, rows=typed_rows)).consume()


async def _fresh_actors(
    driver: AsyncDriver, settings: Settings, actors: list[CuratedActor]
) -> GraphRepository:
    repository = GraphRepository(driver, settings.neo4j_database)
    await empty_graph(driver, settings, reset=True)
    await repository.load_actors(actors, batch_size=settings.write_batch_size)
    return repository


async def bench_curated(driver: AsyncDriver, settings: Settings, args: argparse.Namespace) -> float:
    actors, relations = curated_rows(args)
    warm_up = relations[: 2 * settings.write_batch_size]

    async def baseline(rows: list[CuratedRelation]) -> None:
        await run_baseline(driver, settings, rows)

    async def kg(rows: list[CuratedRelation]) -> None:
        await GraphRepository(driver, settings.neo4j_database).load_relations(
            rows, batch_size=settings.write_batch_size
        )

    best: dict[str, float] = {}
    counts: dict[str, Any] = {}
    # Alternate the two, each on an equally fresh graph, after one warm-up load each (query
    # planning of the per-type statements is paid there); keep each one's best run.
    for load in (baseline, kg):
        repository = await _fresh_actors(driver, settings, actors)
        await load(warm_up)
    for _ in range(args.repeat):
        for name, load in (("baseline", baseline), ("kg", kg)):
            repository = await _fresh_actors(driver, settings, actors)
            start = time.perf_counter()
            await load(relations)
            elapsed = time.perf_counter() - start
            best[name] = min(best.get(name, elapsed), elapsed)
            counts[name] = await repository.counts()

    baseline_rate = len(relations) / best["baseline"]
    kg_rate = len(relations) / best["kg"]
    ratio = kg_rate / baseline_rate
    print(f"(b) curated load: {len(relations)} relations between {len(actors)} actors, "
          f"batches of {settings.write_batch_size}, best of {args.repeat} after a warm-up")
    base = counts["baseline"]
    print(f"    baseline UNWIND/MERGE: {best['baseline']:.2f}s = {baseline_rate:,.0f} rows/s "
          f"({base.claims} claims, {base.typed_relationships} typed relationships)")
    print(f"    kg load_relations:     {best['kg']:.2f}s = {kg_rate:,.0f} rows/s "
          f"({counts['kg'].claims} claims, {counts['kg'].typed_relationships} typed relationships)")
    print(f"    ratio kg/baseline = {ratio:.2f} (target >= 0.8)")
    return ratio


async def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    driver = await open_driver(settings)
    try:
        await apply_schema(driver, settings)
        await empty_graph(driver, settings, reset=args.reset)
        print(f"Neo4j: {settings.neo4j_uri or 'managed server'}; ingest batch {settings.ingest_batch_size}, "
              f"nlp batch {settings.nlp_batch_size}")
        ingest_ratio = await bench_ingest(driver, settings, args) if args.articles else None
        curated_ratio = await bench_curated(driver, settings, args) if args.relations else None
        await admin.delete_all(driver, settings.neo4j_database)
    finally:
        await driver.close()
    missed = [
        name for name, ratio in (("ingest", ingest_ratio), ("curated load", curated_ratio))
        if ratio is not None and ratio < 0.8
    ]
    if missed:
        print(f"below target: {', '.join(missed)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles for (a); 0 skips (a)")
    parser.add_argument(
        "--relations", type=int, default=100_000, help="curated relations for (b); 0 skips (b)"
    )
    parser.add_argument("--actors", type=int, default=2000, help="curated actors the relations connect")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2, help="curated loads per side; the best is kept")
    parser.add_argument("--reset", action="store_true", help="delete everything in the graph first")
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
