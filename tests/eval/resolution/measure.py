"""Measure actor resolution: duplicates before and after, precision and recall of merges.

    python -m tests.eval.resolution.measure [--reset] [--batch-size N] [--verbose] [--json OUT]
                                            [--extractions FILE.jsonl]

The corpus is the 25 dev articles of tests/eval/unseen (keyed by their answer keys in
tests/eval/unseen/gold) and the 14 articles of tests/eval/resolution/corpus (keyed by
tests/eval/resolution/key.json): 39 articles about the same conflicts. Each is extracted once
(kg's Extractor), then ingested into a real Neo4j twice, in the same order and batches:

* before: ``kg ingest --no-resolve`` (no matching, no dictionaries);
* after: ``kg ingest`` (resolution at ingest with the default settings).

Neo4j comes from the settings (KG_NEO4J_URI / KG_NEO4J_PASSWORD, or kg's managed server). The
command empties the graph: it refuses a non-empty graph unless --reset is given.

What is counted, from the stored mentions (each document's MENTIONS of an entity, with the id
the document used, ``ref``, and the names it used):

* a mention is of a key entity when its name or one of its aliases is one of the names the
  key gives that entity in that article (accents and case folded); a ref is of the key entity
  most of its mentions are of;
* key entities are the PERSON and ORGANIZATION ids of the keys (one actor across articles; the
  ``same`` table of key.json joins ids two answer keys spell differently) and the others, read
  per article (their ids are not global);
* a duplicate: a person or organisation named at least once in full (a name of several words)
  whose refs are stored on more than one actor; "named" duplicates are those between actors
  with names of their own, the others involve an actor the extractor made for one document's
  generic words ("the rebels", "lawmakers": within-document reference, not resolution's);
* a wrong merge: an actor holding refs of two key entities;
* precision and recall of merges, over pairs of refs (two different ids the extractor gave):
  a pair on one actor is a merge; it is right when both refs are of one key entity. Recall is
  over the pairs of refs of one key entity. Refs of no key entity are left out.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from kg.errors import Problem
from kg.graph import admin
from kg.graph.driver import open_driver
from kg.graph.repository import GraphRepository
from kg.graph.schema import apply_schema
from kg.ingest import ingest_documents
from kg.model import Extraction, SourceDocument, is_document_scoped
from kg.resolution.names import fold
from kg.settings import Settings, load_settings
from tests.eval.unseen.run_eval import load_documents, load_gold

HERE = Path(__file__).resolve().parent
DEV = HERE.parent / "unseen"
GLOBAL_KINDS = ("PERSON", "ORGANIZATION")
COUNTED_KINDS = ("PERSON", "ORGANIZATION", "GROUP")

# Every MENTIONS edge: the document, the id it used, the names it used, the entity it is on now.
MENTIONS = """
MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
RETURN d.id AS document, coalesce(m.ref, e.id) AS ref, m.name AS name, m.aliases AS aliases,
       e.id AS actor, e.kind AS kind
"""


@dataclass(frozen=True, slots=True)
class KeyEntity:
    id: str  # global for people and organisations, "document#id" otherwise
    kind: str
    names: frozenset[str]  # folded
    full: bool  # named with several words in this article


@dataclass(slots=True)
class Keyed:
    """One document with its key entities."""

    document: SourceDocument
    entities: list[KeyEntity] = field(default_factory=list)


def _key_entities(label: str, entities: dict[str, Any], same: dict[str, str]) -> list[KeyEntity]:
    """Every key entity of one article (countries, places and events too: a mention named as one
    of them is not of another entity; they are not counted)."""
    made = []
    for identifier, spec in entities.items():
        kind = spec["kind"]
        names = [str(name) for name in spec["names"]]
        key = same.get(identifier, identifier) if kind in GLOBAL_KINDS else f"{label}#{identifier}"
        made.append(KeyEntity(key, kind, frozenset(fold(n) for n in names), any(" " in n for n in names)))
    return made


def load_corpus() -> list[Keyed]:
    """The dev articles and the resolution articles, each with its key entities."""
    key = json.loads((HERE / "key.json").read_text(encoding="utf-8"))
    same: dict[str, str] = key["same"]
    keyed: list[Keyed] = []
    gold = load_gold(DEV / "gold")
    for (path, answer), document in zip(gold, load_documents(DEV / "corpus", gold), strict=True):
        keyed.append(Keyed(document, _key_entities(path.stem, answer["entities"], same)))
    answers = [(HERE / name, spec | {"document": name}) for name, spec in key["documents"].items()]
    for (path, answer), document in zip(answers, load_documents(HERE / "corpus", answers), strict=True):
        keyed.append(Keyed(document, _key_entities(path.stem, answer["entities"], same)))
    return keyed


class Replay:
    """An extractor that hands back extractions made once (both runs ingest the same ones)."""

    def __init__(self, extractions: dict[str, Extraction], label: str) -> None:
        self._extractions = extractions
        self._label = label

    @property
    def label(self) -> str:
        return self._label

    def extract(self, doc: SourceDocument) -> Extraction:
        return self._extractions[doc.id]

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Extraction | Problem]:
        for doc in docs:
            yield self._extractions[doc.id]


@dataclass(slots=True)
class Result:
    actors: int = 0
    duplicates: list[tuple[str, list[str]]] = field(default_factory=list)
    wrong_merges: list[tuple[str, list[str]]] = field(default_factory=list)
    merges: int = 0
    right_merges: int = 0
    pairs_to_merge: int = 0
    found_merges: int = 0
    unmatched: list[str] = field(default_factory=list)
    candidates: int = 0

    @property
    def named_duplicates(self) -> list[tuple[str, list[str]]]:
        return [(key, actors) for key, actors in self.duplicates
                if not any(is_document_scoped(actor) for actor in actors)]

    @property
    def precision(self) -> float | None:
        return self.right_merges / self.merges if self.merges else None

    @property
    def recall(self) -> float:
        return self.found_merges / self.pairs_to_merge if self.pairs_to_merge else 1.0

    def as_json(self) -> dict[str, Any]:
        return {
            "actors": self.actors, "duplicates": len(self.duplicates),
            "named_duplicates": len(self.named_duplicates), "wrong_merges": len(self.wrong_merges),
            "merges": self.merges, "right_merges": self.right_merges, "precision": self.precision,
            "recall": self.recall, "candidates": self.candidates,
            "duplicate_list": dict(self.duplicates), "wrong_merge_list": dict(self.wrong_merges),
        }


def score(rows: Sequence[dict[str, Any]], corpus: Sequence[Keyed], candidates: int = 0) -> Result:
    """The counts of the module docstring, from the MENTIONS rows of one run."""
    by_document = {item.document.id: item for item in corpus}
    votes: dict[str, Counter[str]] = {}
    actor_of: dict[str, str] = {}
    full: set[str] = set()
    kinds: dict[str, str] = {}
    result = Result(candidates=candidates)
    for row in rows:
        actor_of[row["ref"]] = row["actor"]
        item = by_document.get(row["document"])
        if item is None:
            continue
        # The name the document used first; its other names only when the name is no key's.
        # A country is only ever a country (the extractor's gazetteer names it).
        fits = [e for e in item.entities if (e.kind == "COUNTRY") == (row["kind"] == "COUNTRY")]
        matched = [entity for entity in fits if fold(row["name"] or "") in entity.names]
        if not matched:
            aliases = {fold(alias) for alias in row["aliases"] or ()}
            matched = [entity for entity in fits if entity.names & aliases]
        if len(matched) == 1 and matched[0].kind in COUNTED_KINDS:
            entity = matched[0]
            votes.setdefault(row["ref"], Counter())[entity.id] += 1
            kinds[entity.id] = entity.kind
            if entity.full:
                full.add(entity.id)
    key_of = {ref: counter.most_common(1)[0][0] for ref, counter in votes.items()}
    refs_of: dict[str, set[str]] = {}
    for ref, entity_id in key_of.items():
        refs_of.setdefault(entity_id, set()).add(ref)
    keyed_actors: dict[str, set[str]] = {}
    for ref, entity_id in key_of.items():
        keyed_actors.setdefault(actor_of[ref], set()).add(entity_id)
    result.actors = len(keyed_actors)
    for entity_id, refs in sorted(refs_of.items()):
        actors = sorted({actor_of[ref] for ref in refs})
        if len(actors) > 1 and kinds[entity_id] in GLOBAL_KINDS and entity_id in full:
            result.duplicates.append((entity_id, actors))
    for actor, entity_ids in sorted(keyed_actors.items()):
        if len(entity_ids) > 1:
            result.wrong_merges.append((actor, sorted(entity_ids)))
    for left, right in combinations(sorted(key_of), 2):
        same_key, same_actor = key_of[left] == key_of[right], actor_of[left] == actor_of[right]
        result.merges += same_actor
        result.right_merges += same_actor and same_key
        result.pairs_to_merge += same_key
        result.found_merges += same_actor and same_key
    named = {entity.id for item in corpus for entity in item.entities if entity.kind in COUNTED_KINDS}
    result.unmatched = sorted(named - set(refs_of))
    return result


async def run(settings: Settings, corpus: Sequence[Keyed], extractions: dict[str, Extraction],
              *, resolve: bool, batch_size: int) -> Result:
    """Ingest ``extractions`` into an emptied graph (with or without resolution) and score it."""
    driver = await open_driver(settings)
    try:
        await admin.delete_all(driver, settings.neo4j_database)
        run_settings = settings.model_copy(update={"resolution": resolve, "ingest_batch_size": batch_size})
        replay = Replay(extractions, next(iter(extractions.values())).extractor)
        summary = await ingest_documents(
            [item.document for item in corpus], repository=GraphRepository(driver, settings.neo4j_database),
            extractor=replay, settings=run_settings,
        )
        if summary.failed:
            raise SystemExit(f"measure: {summary.failed} documents failed: {summary.problems}")
        records, _, _ = await driver.execute_query(MENTIONS, database_=settings.neo4j_database)
        open_pairs, _, _ = await driver.execute_query(
            "MATCH (d:Decision {judgement: 'candidate'}) WHERE d.active RETURN count(d) AS n",
            database_=settings.neo4j_database,
        )
        return score([record.data() for record in records], corpus, int(open_pairs[0]["n"]))
    finally:
        await driver.close()


async def _graph_is_empty(settings: Settings) -> bool:
    driver = await open_driver(settings)
    try:
        await apply_schema(driver, settings)
        records, _, _ = await driver.execute_query("MATCH (n) RETURN count(n) > 0 AS any")
        return not records[0]["any"]
    finally:
        await driver.close()


def _line(label: str, result: Result) -> str:
    precision = f"{result.precision:.3f}" if result.precision is not None else "-"
    return (f"{label:<7} actors {result.actors:>4}  duplicates {len(result.duplicates):>3} "
            f"(named {len(result.named_duplicates):>3})  "
            f"wrong merges {len(result.wrong_merges):>2}  merges {result.merges:>4} "
            f"(right {result.right_merges:>4})  precision {precision}  recall {result.recall:.3f}  "
            f"candidates {result.candidates}")


def _extractions(corpus: Sequence[Keyed], saved: str | None) -> dict[str, Extraction]:
    """Each document's extraction: read from ``saved``, or made now with kg's Extractor."""
    if saved:
        lines = Path(saved).read_text(encoding="utf-8").splitlines()
        loaded = [Extraction.model_validate_json(line) for line in lines if line.strip()]
        found = {extraction.document.id: extraction for extraction in loaded}
        missing = [item.document.source for item in corpus if item.document.id not in found]
        if missing:
            raise SystemExit(f"measure: {saved} has no extraction of {', '.join(map(str, missing))}")
        return found
    from kg.nlp.extractor import Extractor

    extractor = Extractor.from_settings(load_settings())
    extractions: dict[str, Extraction] = {}
    for item, extracted in zip(corpus, extractor.extract_many([i.document for i in corpus]), strict=True):
        if isinstance(extracted, Problem):
            raise SystemExit(f"measure: {extracted}")
        extractions[item.document.id] = extracted
    return extractions


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reset", action="store_true", help="empty a non-empty graph first")
    parser.add_argument("--batch-size", type=int, default=10, help="documents per ingest batch (default 10)")
    parser.add_argument("--verbose", action="store_true", help="list duplicates, wrong merges, unmatched")
    parser.add_argument("--json", dest="json_out", help="also write the numbers to this JSON file")
    parser.add_argument("--extractions", help="read the corpus's extractions from this JSON Lines file "
                        "(made by an earlier run's --save-extractions) instead of extracting again")
    parser.add_argument("--save-extractions", help="write the corpus's extractions to this file")
    args = parser.parse_args(argv)
    settings = load_settings()
    if not asyncio.run(_graph_is_empty(settings)) and not args.reset:
        print("measure: the graph is not empty; --reset deletes everything in it", file=sys.stderr)
        return 2
    corpus = load_corpus()
    extractions = _extractions(corpus, args.extractions)
    if args.save_extractions:
        Path(args.save_extractions).write_text(
            "".join(json.dumps(e.to_json_dict()) + "\n" for e in extractions.values()), encoding="utf-8")
    before = asyncio.run(run(settings, corpus, extractions, resolve=False, batch_size=args.batch_size))
    after = asyncio.run(run(settings, corpus, extractions, resolve=True, batch_size=args.batch_size))
    print(f"{len(corpus)} articles, {sum(len(i.entities) for i in corpus)} keyed mentions of people, "
          f"organisations and groups; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(_line("before", before))
    print(_line("after", after))
    if args.verbose:
        for label, result in (("before", before), ("after", after)):
            for entity_id, actors in result.duplicates:
                print(f"  {label} duplicate {entity_id}: {', '.join(actors)}")
            for actor, entity_ids in result.wrong_merges:
                print(f"  {label} wrong merge on {actor}: {', '.join(entity_ids)}")
        print(f"  never found by the extractor: {', '.join(after.unmatched)}")
        print(f"  named duplicates left: {', '.join(key for key, _ in after.named_duplicates)}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"before": before.as_json(), "after": after.as_json()},
                                                  indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
