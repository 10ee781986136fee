#!/usr/bin/env python3
"""Score kg on real, human-annotated news (the dev halves in this folder).

    python tests/eval/real/score_real.py plover [--extract "kg extract"] [--verbose]
    python tests/eval/real/score_real.py re3d   [--extract "kg extract"] [--verbose]
    python tests/eval/real/score_real.py plover --in-process [--verbose]

The logic is the shared evaluation scorer's (../shared/eval/real/score_real.py), unchanged: the
extractor is given one text file per record/document and must print one JSON object per
document as in schema/extraction.schema.json (document.source = the path it was given). By
default it is run as a whole process (`kg extract`); ``--in-process`` (and the floor tests)
run kg's own `kg extract` code path in this process instead, with one extractor for all.

plover: PLOVER gold-standard records (one sentence each; source/target actors, one event).
  pair      some relation links a gold source and a gold target (either direction)
  directed  subject matches a source and object a target
  typed     directed, and the relation's event category is the record's
  precision of typed relations whose two ends are gold actors of the record: share right
            (directed and typed). Relations with no category (see below) are not counted.
re3d: documents with annotated relations; recall of gold relations of the kinds below between
  two actors (organisations, people, nationalities), found by a relation of a compatible type
  whose ends match the gold spans; precision is a lower bound
  (re3d does not annotate every relation the vocabulary can express).

A relation's category: its "plover" field when present (one of the PLOVER event types), else
the mapping of its "type" below; FIGHT/ASSAULT, CONCEDE/RETREAT and SANCTION/COERCE count as
one (the records follow PLOVER 0.5, the 2021 table differs there). An actor matches a gold span
when a name of the entity equals, contains or is contained in the span (word boundaries, case
and "the"/"'s" ignored), or, for PLOVER, names the country of the gold actor's code (e.g.
"Serbia" for SRBMIL).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# Extract: {record key: text} -> {record key: extraction (JSON object)}
Extract = Callable[[dict[str, str]], dict[str, dict[str, Any]]]

# kg relation type -> PLOVER categories it may stand for.
PLOVER_OF_TYPE = {
    "AGREED_TO": {"AGREE", "COOPERATE", "CONCEDE"},
    "DECLARED": {"AGREE", "CONCEDE", "RETREAT"},
    "MEDIATED": {"CONSULT", "AGREE", "COOPERATE"},
    "CONSULTED": {"CONSULT"},
    "MET": {"CONSULT"},
    "OFFERED": {"AGREE", "COOPERATE", "CONCEDE", "AID", "SUPPORT"},
    "REQUESTED_AID": {"DEMAND"},
    "URGED": {"DEMAND"},
    "SUPPORTED": {"SUPPORT", "AID", "COOPERATE"},
    "DEPLOYED": {"AID", "MOBILIZE"},
    "ACCUSED": {"DISAPPROVE", "INVESTIGATE"},
    "CRITICIZED": {"DISAPPROVE"},
    "REJECTED": {"REJECT"},
    "THREATENED": {"THREATEN"},
    "PROTESTED": {"PROTEST", "DISAPPROVE"},
    "ATTACKED": {"ASSAULT", "FIGHT", "COERCE"},
    "FOUGHT": {"FIGHT", "ASSAULT"},
    "CAPTURED": {"FIGHT", "COERCE", "ASSAULT"},
    "KILLED": {"ASSAULT", "FIGHT", "COERCE"},
    "SANCTIONED": {"SANCTION", "COERCE"},
    "WITHDREW": {"RETREAT", "CONCEDE"},
    "INVESTIGATED": {"INVESTIGATE"},
}
PLOVER_EVENTS = set().union(*PLOVER_OF_TYPE.values()) | {"MOBILIZE", "COOPERATE"}

# re3d relation kind -> (kg types that express it, unordered?)
RE3D_KINDS = {
    "FightingAgainst": ({"ATTACKED", "FOUGHT", "CAPTURED", "KILLED", "THREATENED"}, True),
    "AlliesOf": ({"ALLIED_WITH", "SUPPORTED", "MEMBER_OF", "AGREED_TO"}, True),
    "CommWith": ({"CONSULTED", "MET", "URGED", "REQUESTED_AID", "MEDIATED", "AGREED_TO", "OFFERED"}, True),
    "Dislikes": (
        {"ACCUSED", "CRITICIZED", "PROTESTED", "REJECTED", "THREATENED", "ATTACKED", "SANCTIONED"},
        False,
    ),
    "Likes": ({"SUPPORTED", "ALLIED_WITH", "OFFERED"}, False),
    "InChargeOf": ({"HOLDS_ROLE", "MEMBER_OF"}, False),
    "BelongsTo": ({"MEMBER_OF", "PART_OF", "HOLDS_ROLE"}, False),
}
RE3D_TYPES = set().union(*(t for t, _ in RE3D_KINDS.values()))
# Only relations between actors count: re3d also links weapons, aircraft, vehicles, quantities and
# places ("strikes -> vehicles", "SDF InChargeOf territory"), which a stakeholder graph does not hold.
RE3D_ACTOR_TYPES = {"Organisation", "Person", "Nationality"}


@dataclass(frozen=True)
class PloverScore:
    records: int
    pair: float
    directed: float
    typed: float
    precision: float
    right: int
    counted: int
    by_event: dict[str, tuple[int, int]]  # event -> (found typed, records)

    def line(self) -> str:
        return (
            f"plover dev: {self.records} records, pair R={self.pair:.3f} directed R={self.directed:.3f} "
            f"typed R={self.typed:.3f} precision={self.precision:.3f} ({self.right}/{self.counted})"
        )


@dataclass(frozen=True)
class Re3dScore:
    documents: int
    precision: float
    recall: float
    f1: float
    found: int
    gold: int
    matched: int
    predicted: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (found, gold)

    def line(self) -> str:
        return (
            f"re3d dev: {self.documents} documents, P>={self.precision:.3f} R={self.recall:.3f} "
            f"F1={self.f1:.3f} ({self.found}/{self.gold} gold found, {self.matched}/{self.predicted} "
            "predicted matched)"
        )


def norm(s: str) -> str:
    s = s.strip().lower().replace("\u2019", "'")
    s = re.sub(r"^(the|a|an)\s+", "", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def names_match(names: list[str], gold: str) -> bool:
    g = norm(gold)
    for n in names:
        p = norm(n)
        if (
            p
            and g
            and (p == g or re.search(rf"\b{re.escape(p)}\b", g) or re.search(rf"\b{re.escape(g)}\b", p))
        ):
            return True
    return False


def country_names(code: str) -> list[str]:
    try:
        import pycountry
    except ImportError:
        return []
    fix = {"JAP": "JPN", "UK": "GBR", "GER": "DEU", "PHI": "PHL", "KOS": "XKX"}
    c = pycountry.countries.get(alpha_3=fix.get(code[:3], code[:3]))
    if not c:
        return []
    return [n for n in {c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")} if n]


def _file_names(docs: dict[str, str]) -> dict[str, str]:
    """One file name per record key, as the shared scorer names them."""
    return {f"{re.sub(r'[^A-Za-z0-9_.-]', '_', key)}.txt": key for key in docs}


def _collect(lines: list[str], key_of: dict[str, str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for line in lines:
        if line.strip():
            obj = json.loads(line)
            name = Path(str(obj.get("document", {}).get("source", ""))).name
            if name in key_of:
                out[key_of[name]] = obj
    return out


def command_extractor(cmd: list[str]) -> Extract:
    """The extractor as a whole process on one file per record (the shared scorer's way)."""

    def run(docs: dict[str, str]) -> dict[str, dict[str, Any]]:
        with tempfile.TemporaryDirectory() as tmp:
            key_of = _file_names(docs)
            for name, key in key_of.items():
                (Path(tmp) / name).write_text(docs[key], encoding="utf-8")
            proc = subprocess.run(
                cmd + sorted(str(Path(tmp) / n) for n in key_of), capture_output=True, text=True, check=False
            )
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr[-3000:])
                raise SystemExit(f"extractor failed with exit status {proc.returncode}")
            return _collect(proc.stdout.splitlines(), key_of)

    return run


def in_process_extractor(extractor: Any = None) -> Extract:
    """`kg extract`'s own code path (loaders, extractor, JSON) in this process; one extractor."""
    from kg.cli.extract_cmd import run_extract
    from kg.nlp.extractor import Extractor
    from kg.settings import load_settings

    chosen = extractor if extractor is not None else Extractor.from_settings(load_settings())

    def run(docs: dict[str, str]) -> dict[str, dict[str, Any]]:
        with tempfile.TemporaryDirectory() as tmp:
            key_of = _file_names(docs)
            for name, key in key_of.items():
                (Path(tmp) / name).write_text(docs[key], encoding="utf-8")
            sink = io.StringIO()
            paths = tuple(sorted(str(Path(tmp) / n) for n in key_of))
            run_extract(paths, published=None, output_format="jsonl", extractor=chosen, out=sink)
            return _collect(sink.getvalue().splitlines(), key_of)

    return run


def entity_names(ext: dict[str, Any]) -> dict[str, list[str]]:
    return {
        str(e.get("id")): [str(e.get("name", ""))] + [str(a) for a in e.get("aliases") or []]
        for e in ext.get("entities", [])
    }


# The gold records were coded with PLOVER 0.5 (2016); the 2021 CAMEO-to-PLOVER table draws some
# lines elsewhere. These neighbours count as the same category.
PLOVER_NEIGHBOURS = [{"FIGHT", "ASSAULT"}, {"CONCEDE", "RETREAT"}, {"SANCTION", "COERCE"}]


def categories(rel: dict[str, Any]) -> set[str]:
    if rel.get("plover"):
        cat = str(rel["plover"]).upper()
        return {cat}.union(*(pair for pair in PLOVER_NEIGHBOURS if cat in pair))
    return PLOVER_OF_TYPE.get(str(rel.get("type")), set())


def score_plover(extract: Extract, verbose: bool = False) -> PloverScore:
    recs = []
    for line in (HERE / "plover-gsr-dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        src = [a for a in r.get("source") or [] if isinstance(a, dict) and a.get("actorText")]
        tgt = [a for a in r.get("target") or [] if isinstance(a, dict) and a.get("actorText")]
        if not src or (not tgt and len(src) < 2):
            continue  # no pair to find
        recs.append({**r, "source": src, "target": tgt or src, "reciprocal": not tgt})
    out = extract({r["id"]: r["text"] for r in recs})

    def matches(names: list[str], actor: dict[str, Any]) -> bool:
        return names_match(names, actor["actorText"]) or any(
            names_match(names, n) for n in country_names(str(actor.get("code", "")))
        )

    n = len(recs)
    pair = directed = typed = tp = fp = 0
    per_event: Counter[str] = Counter()
    got_event: Counter[str] = Counter()
    for r in recs:
        ext = out.get(r["id"], {})
        names = entity_names(ext)
        got_pair = got_dir = got_typed = False
        for rel in ext.get("relations", []):
            s, o = names.get(str(rel.get("subject")), []), names.get(str(rel.get("object")), [])
            fwd = any(matches(s, a) and matches(o, b) for a in r["source"] for b in r["target"] if a is not b)
            bwd = any(matches(o, a) and matches(s, b) for a in r["source"] for b in r["target"] if a is not b)
            fwd = fwd or (r["reciprocal"] and bwd)
            cats = categories(rel)
            right = fwd and r["event"] in cats
            got_pair |= fwd or bwd
            got_dir |= fwd
            got_typed |= right
            if (fwd or bwd) and cats:
                tp += right
                fp += not right
        pair += got_pair
        directed += got_dir
        typed += got_typed
        per_event[r["event"]] += 1
        got_event[r["event"]] += got_typed
        if verbose and not got_typed:
            rels = [
                (
                    names.get(str(x.get("subject")), ["?"])[0],
                    x.get("plover") or x.get("type"),
                    names.get(str(x.get("object")), ["?"])[0],
                )
                for x in ext.get("relations", [])
            ]
            print(
                f"MISS {r['id']}: {r['text']}\n  gold {r['event']}: "
                f"{[a['actorText'] for a in r['source']]} -> {[a['actorText'] for a in r['target']]}\n"
                f"  got  {rels}"
            )
    return PloverScore(
        records=n,
        pair=pair / n,
        directed=directed / n,
        typed=typed / n,
        precision=tp / (tp + fp) if tp + fp else 0.0,
        right=tp,
        counted=tp + fp,
        by_event={e: (got_event[e], per_event[e]) for e in sorted(per_event)},
    )


def score_re3d(extract: Extract, verbose: bool = False) -> Re3dScore:
    def rows(name: str) -> list[dict[str, Any]]:
        text = (HERE / "re3d-dev" / f"{name}.jsonl").read_text(encoding="utf-8")
        return [json.loads(x) for x in text.splitlines() if x.strip()]

    docs = {d["_id"]: d["text"] for d in rows("documents")}
    span_type = {(e["documentId"], e["begin"], e["end"]): e["type"] for e in rows("entities")}
    text_type = {(e["documentId"], norm(e["value"])): e["type"] for e in rows("entities")}

    def is_actor(doc: str, begin: int, end: int, text: str) -> bool:
        kind = span_type.get((doc, begin, end)) or text_type.get((doc, norm(text)))
        return kind is None or kind in RE3D_ACTOR_TYPES

    gold: dict[str, set[tuple[str, str, str]]] = {}
    raw: dict[tuple[str, str, str], tuple[str, str]] = {}
    for r in rows("relations"):
        if (
            r.get("type") in RE3D_KINDS
            and r.get("source")
            and r.get("target")
            and is_actor(r["documentId"], r["sourceBegin"], r["sourceEnd"], r["source"])
            and is_actor(r["documentId"], r["targetBegin"], r["targetEnd"], r["target"])
        ):
            key = (norm(r["source"]), norm(r["target"]), r["type"])
            gold.setdefault(r["documentId"], set()).add(key)
            raw[key] = (r["source"], r["target"])
    out = extract(docs)
    tp_g = fn = tp_p = fp = 0
    per_kind: Counter[str] = Counter()
    found: Counter[str] = Counter()

    def hit(s: list[str], o: list[str], t: str, g: tuple[str, str, str]) -> bool:
        types, unordered = RE3D_KINDS[g[2]]
        if t not in types:
            return False
        return (names_match(s, g[0]) and names_match(o, g[1])) or (
            unordered and names_match(o, g[0]) and names_match(s, g[1])
        )

    for doc_id in docs:
        ext = out.get(doc_id, {})
        names = entity_names(ext)
        preds = [
            (names.get(str(r.get("subject")), []), names.get(str(r.get("object")), []), str(r.get("type")))
            for r in ext.get("relations", [])
            if str(r.get("type")) in RE3D_TYPES
        ]
        for g in sorted(gold.get(doc_id, set())):
            per_kind[g[2]] += 1
            if any(hit(s, o, t, g) for s, o, t in preds):
                tp_g += 1
                found[g[2]] += 1
            else:
                fn += 1
                if verbose:
                    print(f"MISS {doc_id[:12]} {g[2]}: {raw[g][0]!r} -> {raw[g][1]!r}")
        for s, o, t in preds:
            if any(hit(s, o, t, g) for g in gold.get(doc_id, set())):
                tp_p += 1
            else:
                fp += 1
    p = tp_p / (tp_p + fp) if tp_p + fp else 0.0
    r_ = tp_g / (tp_g + fn) if tp_g + fn else 0.0
    f = 2 * p * r_ / (p + r_) if p + r_ else 0.0
    return Re3dScore(
        documents=len(docs),
        precision=p,
        recall=r_,
        f1=f,
        found=tp_g,
        gold=tp_g + fn,
        matched=tp_p,
        predicted=tp_p + fp,
        by_kind={k: (found[k], per_kind[k]) for k in RE3D_KINDS},
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=["plover", "re3d"])
    ap.add_argument("--extract", default="kg extract", help="extractor command (default: %(default)s)")
    ap.add_argument("--in-process", action="store_true", help="run kg's `kg extract` path in this process")
    ap.add_argument("--verbose", action="store_true", help="print every miss")
    args = ap.parse_args()
    if args.in_process:
        root = HERE.parents[2]
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
    extract = in_process_extractor() if args.in_process else command_extractor(shlex.split(args.extract))
    if args.set == "plover":
        plover = score_plover(extract, args.verbose)
        print("typed recall by event: " + " ".join(f"{e}={f}/{n}" for e, (f, n) in plover.by_event.items()))
        print(plover.line())
    else:
        re3d = score_re3d(extract, args.verbose)
        print("recall by kind: " + " ".join(f"{k}={f}/{n}" for k, (f, n) in re3d.by_kind.items()))
        print(re3d.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
