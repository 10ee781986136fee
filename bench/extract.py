#!/usr/bin/env python3
"""Benchmark `kg extract` against spaCy's own `nlp.pipe`, and show that memory stays flat.

    python bench/extract.py [--articles 200] [--batch-size 32] [--seed 7] [--memory-factor 4]
    python bench/extract.py --long [--sentences 10000]     # time linear in document length?
    python bench/extract.py --workers 2 --no-memory        # adds N worker processes against 1

What it does, in one run:

1. writes a synthetic corpus of --articles scraped-text articles to a temporary folder
   (deterministic: seeded; sentences from the sample article and templates below, names and
   numbers varied, page furniture around them);
2. throughput, in this process, same texts, same spaCy model, same batch size:
   * kg: loaders.iter_documents -> Extractor.extract_many -> JSON serialisation, i.e. exactly
     what `kg extract` does (output written to a null sink);
   * baseline: the folder's files read one by one and fed to `spacy.load(model).pipe`;
   both warmed up first, measured --repeat times alternately, the best run of each kept; prints
   words per wall-clock second and per CPU second of this process (steadier when other work
   shares the machine) and both ratios kg/baseline (target >= 0.7);
3. memory: in a fresh child process per corpus size (N and memory-factor x N articles), runs the
   kg path after a warm-up and reports the peak RSS growth during the run (Linux VmHWM, reset
   via /proc/self/clear_refs) and, with --tracemalloc, the tracemalloc peak. Flat numbers
   across sizes mean the pipeline streams instead of holding the corpus.

With --workers N (N > 1) it also times the kg path with N extraction processes against one, same
corpus, and prints the speed-up (target >= 1.6x with 2 workers on 2 free cores).

With --long it measures only whether extraction time is linear in document length: one
document of --sentences sentences against ten documents of a tenth as many (the same
sentences, in the same order), through the kg path and, as the baseline, through spaCy's
`nlp.pipe` alone (same model, no kg), best of --repeat each; prints both ratios long / ten
short (kg's target <= 1.2x) and how kg's own share (kg CPU minus spaCy CPU) grows.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"

COUNTRIES = [
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Turkey",
    "Iran",
    "Russia",
    "Ukraine",
    "France",
    "Germany",
    "Poland",
    "Kazakhstan",
    "Serbia",
    "Kosovo",
    "Ethiopia",
    "Sudan",
    "Egypt",
    "Israel",
    "Jordan",
]
PEOPLE = [
    "Maria Lopez",
    "Tom Becker",
    "Ana Silva",
    "Lev Petrov",
    "Amina Yusuf",
    "Karim Haddad",
    "Elena Novak",
    "Jonas Berg",
    "Sofia Rossi",
    "David Mensah",
    "Irina Kovacs",
    "Omar Farouk",
]
ROLES = ["Prime Minister", "President", "Foreign Minister", "Defence Minister", "Secretary General"]
ORGANIZATIONS = [
    "the United Nations",
    "NATO",
    "the European Union",
    "the African Union",
    "the Red Cross",
    "the World Bank",
    "the Organization for Security and Co-operation in Europe",
]
CITIES = ["Geneva", "Vienna", "Brussels", "Istanbul", "Doha", "Minsk", "Tbilisi", "Cairo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "{role} {person} said on {day} that {a} had agreed to a ceasefire with {b}.",
    "{a} accused {b} of shelling villages near the border, killing {n} civilians.",
    "{org} urged {a} and {b} to return to talks in {city}.",
    "{person}, the {role_lower} of {a}, met {other} in {city} on {day}.",
    "{a} requested military aid from {b} under a treaty signed in {year}.",
    "Thousands of protesters marched in the capital of {a}, demanding the resignation of {person}.",
    "{b} rejected the proposal, saying it ignored the interests of its citizens.",
    "According to a senior official, {a} sent {n} troops to the region to act as peacekeepers.",
    "{org} mediated a prisoner exchange between {a} and {b} late on {day}.",
    "{a} criticized {org} for failing to condemn the attack.",
    "The talks, hosted by {c} in {city}, ended without a joint statement.",
    "{person} told lawmakers that {a} was willing to recognise the border if {b} withdrew.",
    "Forces loyal to {a} captured {n} square kilometres of territory claimed by {b}.",
    "{c} offered to host a new round of negotiations between the two sides.",
    "Analysts said the fighting was the worst since the war of {year}.",
]
FURNITURE_TOP = ["top of page", "Skip to content", "Menu", "Home | World | Politics"]
FURNITURE_BOTTOM = ["Share on Facebook", "Share on Twitter", "Read more", "bottom of page"]


def sample_sentences() -> list[str]:
    """Sentences of the sample article body (lines that end like a sentence)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().endswith((".", '"')) and len(line.split()) > 6]


def make_sentence(rng: random.Random) -> str:
    a, b, c = rng.sample(COUNTRIES, 3)
    role = rng.choice(ROLES)
    return rng.choice(TEMPLATES).format(
        a=a,
        b=b,
        c=c,
        person=rng.choice(PEOPLE),
        other=rng.choice(PEOPLE),
        role=role,
        role_lower=role.lower(),
        org=rng.choice(ORGANIZATIONS),
        city=rng.choice(CITIES),
        day=rng.choice(DAYS),
        n=rng.randint(2, 900),
        year=rng.randint(1990, 2022),
    )


def make_article(rng: random.Random, pool: list[str]) -> str:
    """One scraped page: furniture, byline, headline, 10-30 paragraphs, more furniture."""
    a, b = rng.sample(COUNTRIES, 2)
    lines = rng.sample(FURNITURE_TOP, rng.randint(1, 3))
    lines += [
        f"  • {rng.choice(PEOPLE)}",
        "",
        f"World News: {a} and {b} trade accusations after border clash",
        "",
    ]
    for _ in range(rng.randint(10, 30)):
        sentences = [
            rng.choice(pool) if rng.random() < 0.35 else make_sentence(rng) for _ in range(rng.randint(1, 3))
        ]
        lines += [" ".join(sentences), ""]
        if rng.random() < 0.08:
            lines += ["Advertisement", ""]
    lines += rng.sample(FURNITURE_BOTTOM, rng.randint(1, 3))
    return "\n".join(lines) + "\n"


def long_texts(sentences: int, seed: int) -> list[str]:
    """``sentences`` generated sentences in paragraphs of 1-3 sentences (the article body's
    shape), as one text and, cut at paragraph boundaries, as ten texts of a tenth each."""
    rng = random.Random(seed)
    pool = sample_sentences()
    paragraphs: list[list[str]] = []
    made = 0
    while made < sentences:
        size = min(rng.randint(1, 3), sentences - made)
        paragraphs.append(
            [rng.choice(pool) if rng.random() < 0.35 else make_sentence(rng) for _ in range(size)]
        )
        made += size
    tenth = sentences // 10
    pieces: list[list[str]] = [[]]
    count = 0
    for paragraph in paragraphs:
        if count >= tenth * len(pieces) and len(pieces) < 10:
            pieces.append([])
        pieces[-1].append(" ".join(paragraph))
        count += len(paragraph)
    whole = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    return [whole] + ["\n\n".join(piece) + "\n" for piece in pieces]


def run_long(options: argparse.Namespace) -> int:
    """One long document against ten short ones of the same sentences: time per sentence, for
    kg and, as the baseline, for spaCy alone (the same texts through the same model, no kg), so
    that growth of spaCy's own parse with document length is told apart from kg's."""
    texts = long_texts(options.sentences, options.seed)
    whole, parts = texts[0], texts[1:]
    with tempfile.TemporaryDirectory(prefix="kg-bench-long-") as temporary:
        folder = Path(temporary)
        (folder / "long").mkdir()
        (folder / "long" / "long.txt").write_text(whole, encoding="utf-8")
        (folder / "short").mkdir()
        for index, part in enumerate(parts):
            (folder / "short" / f"part-{index:02d}.txt").write_text(part, encoding="utf-8")
        extractor = build_extractor(options.batch_size)

        def spacy_alone(key: str) -> tuple[int, int]:
            # kg's own pipeline object with kg's components switched off: the trained pipes
            # kg runs, and the whole text as one Doc however long
            nlp = extractor.nlp
            kg_pipes = [name for name in nlp.pipe_names if name.startswith("kg_")]
            limit = nlp.max_length
            nlp.max_length = max(limit, len(whole) + 1)
            try:
                with nlp.select_pipes(disable=kg_pipes):
                    return run_baseline(nlp, folder / key, options.batch_size), 0
            finally:
                nlp.max_length = limit

        run_kg(extractor, [str(folder / "short" / "part-00.txt")])  # warm-up
        spacy_alone("short")
        words = len(whole.split())
        print(f"{options.sentences} sentences, {words} words: one document vs {len(parts)} documents")
        print(f"kg: {getattr(extractor, 'label', '?')}; baseline: its pipeline without kg's components")
        runs: dict[str, Any] = {
            "kg": lambda key: run_kg(extractor, [str(folder / key)]),
            "spacy": spacy_alone,
        }
        best = {(path, key): [float("inf")] * 2 for path in runs for key in ("short", "long")}
        for _ in range(options.repeat):  # alternated, best of each kept: load spikes hit all four
            for path, run in runs.items():
                for key in ("short", "long"):
                    wall, cpu, (done, problems) = timed_both(run, key)
                    if problems or not done:
                        raise SystemExit(f"{path} failed on the {key} corpus ({problems} problems)")
                    best[path, key] = [min(best[path, key][0], wall), min(best[path, key][1], cpu)]
        for path, name in (("kg", "kg extract"), ("spacy", "spaCy nlp.pipe alone")):
            for key, label in (
                ("short", f"ten documents of {options.sentences // 10} sentences"),
                ("long", f"one document of {options.sentences} sentences"),
            ):
                wall, cpu = best[path, key]
                print(f"  {name:21s} {label:38s} {wall:7.1f} s wall, {cpu:7.1f} CPU-s")
        for path, name in (("spacy", "spaCy alone (baseline)"), ("kg", "kg extract")):
            wall_ratio = best[path, "long"][0] / best[path, "short"][0]
            cpu_ratio = best[path, "long"][1] / best[path, "short"][1]
            target = " (target <= 1.20x)" if path == "kg" else ""
            print(f"ratio long / short, {name:22s} {wall_ratio:.2f}x wall, {cpu_ratio:.2f}x CPU{target}")
        kg_only = [(best["kg", key][1] - best["spacy", key][1]) for key in ("long", "short")]
        if kg_only[1] > 0:
            print(
                f"kg's own work (kg CPU - spaCy CPU): {kg_only[0]:.1f} s long vs {kg_only[1]:.1f} s short, "
                f"{kg_only[0] / kg_only[1]:.2f}x"
            )
    return 0


def write_corpus(folder: Path, articles: int, seed: int) -> int:
    """Write the articles (one file each) and return the corpus size in words."""
    rng = random.Random(seed)
    pool = sample_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for index in range(articles):
        text = make_article(rng, pool)
        words += len(text.split())
        (folder / f"article-{index:05d}.txt").write_text(text, encoding="utf-8")
    return words


# ---------------------------------------------------------------------------------------------


class NullSink:
    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> None:
        self.chars += len(text)


def build_extractor(batch_size: int, workers: int = 1) -> Any:
    from kg.nlp.extractor import Extractor
    from kg.settings import load_settings

    return Extractor.from_settings(load_settings(nlp_batch_size=batch_size), workers=workers)


def load_baseline_model() -> tuple[Any, str]:
    """spaCy's own pipeline for the model kg is configured with (or its configured fallback)."""
    import spacy

    from kg.settings import load_settings

    settings = load_settings()
    for name in (settings.spacy_model, settings.spacy_fallback_model):
        try:
            return spacy.load(name), name
        except OSError:
            continue
    raise SystemExit(f"neither {settings.spacy_model} nor {settings.spacy_fallback_model} is installed")


def run_kg(extractor: Any, paths: list[str]) -> tuple[int, int]:
    """The `kg extract` path; returns (extractions, problems)."""
    from kg.cli.extract_cmd import run_extract

    report = run_extract(
        tuple(paths), published=None, output_format="jsonl", extractor=extractor, out=NullSink()
    )
    return report.extracted, report.problems


def iter_texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.iterdir()):
        yield path.read_text(encoding="utf-8")


def run_baseline(nlp: Any, folder: Path, batch_size: int) -> int:
    count = 0
    for _doc in nlp.pipe(iter_texts(folder), batch_size=batch_size):
        count += 1
    return count


def timed(function: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def timed_both(function: Any, *args: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result): CPU time is steadier on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, result


# ---------------------------------------------------------------------------------------------


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def memory_child(folder: Path, batch_size: int, path: str, use_tracemalloc: bool) -> dict[str, Any]:
    """Run in a fresh process: warm up, reset the peak, run one path, report its growth."""
    import tracemalloc

    warmup = sorted(folder.iterdir())[:3]
    if path == "kg":
        extractor = build_extractor(batch_size)
        run_kg(extractor, [str(p) for p in warmup])

        def run() -> int:
            return int(run_kg(extractor, [str(folder)])[0])
    else:
        nlp, _model = load_baseline_model()
        for _doc in nlp.pipe((p.read_text(encoding="utf-8") for p in warmup), batch_size=batch_size):
            pass

        def run() -> int:
            return run_baseline(nlp, folder, batch_size)

    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (peak RSS) to the current RSS
    rss_before = _status_kb("VmRSS")
    if use_tracemalloc:
        tracemalloc.start()
    seconds, documents = timed(run)
    traced_peak = tracemalloc.get_traced_memory()[1] if use_tracemalloc else None
    return {
        "documents": documents,
        "seconds": seconds,
        "rss_before_mb": rss_before / 1024,
        "rss_peak_growth_mb": (_status_kb("VmHWM") - rss_before) / 1024,
        "tracemalloc_peak_mb": traced_peak / (1024 * 1024) if traced_peak is not None else None,
    }


def measure_memory(folder: Path, batch_size: int, path: str, use_tracemalloc: bool) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--memory-child",
        str(folder),
        "--memory-path",
        path,
        "--batch-size",
        str(batch_size),
    ]
    if use_tracemalloc:
        command.append("--tracemalloc")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"memory run failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: python bench/extract.py --articles 200 --batch-size 32",
    )
    parser.add_argument(
        "--articles", type=int, default=200, help="corpus size N for throughput (default 200)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=32, help="spaCy batch size for both paths (default 32)"
    )
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed (default 7)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per path, best kept (default 3)")
    parser.add_argument(
        "--memory-factor",
        type=int,
        default=4,
        help="memory is measured for N and this x N articles (default 4)",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measurement")
    parser.add_argument(
        "--long", action="store_true", help="only compare one long document with ten short ones"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="also time N extraction processes against 1 (default 1: no)"
    )
    parser.add_argument(
        "--sentences", type=int, default=10000, help="sentences of the long document (default 10000)"
    )
    parser.add_argument("--tracemalloc", action="store_true", help="also report tracemalloc peaks (slow)")
    parser.add_argument("--memory-child", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--memory-path", choices=["kg", "spacy"], default="kg", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.memory_child:
        result = memory_child(
            Path(options.memory_child), options.batch_size, options.memory_path, options.tracemalloc
        )
        print(json.dumps(result))
        return 0
    if options.long:
        return run_long(options)

    with tempfile.TemporaryDirectory(prefix="kg-bench-extract-") as temporary:
        corpus = Path(temporary) / "corpus"
        words = write_corpus(corpus, options.articles, options.seed)
        print(f"corpus: {options.articles} articles, {words} words (seed {options.seed}) in {corpus}")

        extractor = build_extractor(options.batch_size)
        nlp, model = load_baseline_model()
        print(
            f"model: {model}; extractor: {getattr(extractor, 'name', '?')} "
            f"{getattr(extractor, 'version', '')}; batch size {options.batch_size}"
        )
        warmup = [str(p) for p in sorted(corpus.iterdir())[:5]]
        run_kg(extractor, warmup)
        for _doc in nlp.pipe(
            (Path(p).read_text(encoding="utf-8") for p in warmup), batch_size=options.batch_size
        ):
            pass

        best = {"kg": [float("inf"), float("inf")], "spacy": [float("inf"), float("inf")]}
        for _ in range(options.repeat):  # alternated, best of each kept: load spikes hit both
            wall, cpu, (extracted, problems) = timed_both(run_kg, extractor, [str(corpus)])
            if extracted != options.articles or problems:
                raise SystemExit(
                    f"kg extracted {extracted} of {options.articles} articles ({problems} problems)"
                )
            best["kg"] = [min(best["kg"][0], wall), min(best["kg"][1], cpu)]
            wall, cpu, parsed = timed_both(run_baseline, nlp, corpus, options.batch_size)
            assert parsed == options.articles
            best["spacy"] = [min(best["spacy"][0], wall), min(best["spacy"][1], cpu)]

        for label, key in (
            ("kg extract (loaders+extractor+JSON)", "kg"),
            ("spaCy nlp.pipe, same model/texts", "spacy"),
        ):
            wall, cpu = best[key]
            print(
                f"{label:36s} {words / wall:8,.0f} words/s wall ({wall:.1f} s), "
                f"{words / cpu:8,.0f} words/CPU-s ({cpu:.1f} s)"
            )
        wall_ratio = best["spacy"][0] / best["kg"][0]
        cpu_ratio = best["spacy"][1] / best["kg"][1]
        print(f"ratio kg / baseline: {wall_ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (target >= 0.70x)")

        if options.workers > 1:
            parallel = build_extractor(options.batch_size, options.workers)
            run_kg(parallel, [str(corpus)])  # starts the worker processes (their models load)
            fastest = float("inf")
            for _ in range(options.repeat):
                wall, _cpu, (extracted, problems) = timed_both(run_kg, parallel, [str(corpus)])
                if extracted != options.articles or problems:
                    raise SystemExit(f"{options.workers} workers extracted {extracted} ({problems} problems)")
                fastest = min(fastest, wall)
            print(
                f"kg extract, {options.workers} worker processes  {words / fastest:8,.0f} words/s wall "
                f"({fastest:.1f} s; workers started before timing); speed-up over 1: "
                f"{best['kg'][0] / fastest:.2f}x (target >= 1.60x on {options.workers} free cores)"
            )

        if not options.no_memory:
            sizes = [options.articles, options.articles * options.memory_factor]
            print("memory (fresh process per size, after warm-up):")
            for size in sizes:
                folder = Path(temporary) / f"memory-{size}"
                size_words = write_corpus(folder, size, options.seed + size)
                for path in ("kg", "spacy"):
                    result = measure_memory(folder, options.batch_size, path, options.tracemalloc)
                    traced = (
                        f", tracemalloc peak {result['tracemalloc_peak_mb']:.1f} MB"
                        if result["tracemalloc_peak_mb"] is not None
                        else ""
                    )
                    print(
                        f"  {path:5s} {size:6d} articles ({size_words} words): peak RSS growth "
                        f"{result['rss_peak_growth_mb']:.1f} MB over {result['rss_before_mb']:.0f} MB{traced}"
                        f"  [{result['documents']} docs in {result['seconds']:.1f} s]"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
