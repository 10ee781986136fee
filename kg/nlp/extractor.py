"""The extractor: SourceDocument -> Extraction, one spaCy pipeline per Extractor.

    extractor = Extractor.from_settings(load_settings())
    for result in extractor.extract_many(documents):   # streams; nlp.pipe in batches
        ...                                              # an Extraction, or a Problem naming a bad document

With ``workers=N`` (``Extractor.from_settings(settings, workers=N)``, ``kg extract --workers N``)
batches are extracted by N worker processes, each with its own pipeline, and come back in input
order: the output is the one-worker output. An input of one batch or less stays in this process.

Page furniture (``SourceDocument.skip``) is blanked with spaces before parsing, so every
offset still points into the text as given. Texts longer than the pipeline's ``max_length``
are cut at paragraph boundaries and parsed in pieces; offsets are kept.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, ExtractionError, Problem
from kg.model import Extraction, SourceDocument
from kg.settings import Settings

# Pipes the extractor never reads; excluded so they cost nothing.
_UNUSED_PIPES = (
    "senter",
    "textcat",
    "entity_linker",
    "entity_ruler",
    "morphologizer",
    "trainable_lemmatizer",
)


@functools.cache
def rules_fingerprint() -> str:
    """A short hash of kg/nlp's code and data files: it changes whenever the rules change."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".toml", ".json"} and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


class Extractor:
    """Reads who did what to whom from news text."""

    name = "kg.relations.v1"
    version = "1.1.0"

    def __init__(
        self,
        nlp: Any,
        *,
        batch_size: int = 32,
        model: str = "",
        workers: int = 1,
        settings: Settings | None = None,
    ) -> None:
        self.nlp = nlp
        self.batch_size = max(1, batch_size)
        # Worker processes build their own pipeline from the settings (none: one process).
        self.workers = max(1, workers) if settings is not None else 1
        self.settings = settings
        self._workers: Any = None  # the process pool, started on first use and kept
        self.model = model or f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}"
        # The label is stored with every document: kg ingest re-extracts a document whose label
        # differs, so it names the rules (their fingerprint) as well as the model.
        self.label = (
            f"{self.name} {self.version}+{rules_fingerprint()} ({self.model} {nlp.meta.get('version', '')})"
        ).strip()

    def _pool(self) -> Any:
        """The worker processes (started once, each loading its pipeline; stopped at exit)."""
        if self._workers is None:
            assert self.settings is not None, "workers need the settings to build their pipelines"
            import multiprocessing
            import weakref
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the caller may hold threads (kg ingest's driver) that fork would
            # copy in an unknown state
            pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=functools.partial(_start_worker, self.settings),
            )
            weakref.finalize(self, pool.shutdown, wait=False, cancel_futures=True)
            self._workers = pool
        return self._workers

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._workers is not None:
            self._workers.shutdown(wait=True, cancel_futures=True)
            self._workers = None

    @classmethod
    def from_settings(cls, settings: Settings, *, workers: int = 1) -> Extractor:
        """The pipeline of ``settings``; ``workers`` > 1 extracts in that many processes."""
        nlp, model = build_pipeline(settings.spacy_model, settings.spacy_fallback_model)
        return cls(nlp, batch_size=settings.nlp_batch_size, model=model, workers=workers, settings=settings)

    # -- public -------------------------------------------------------------------------
    def extract(self, doc: SourceDocument) -> Extraction:
        result = next(self.extract_many([doc]))
        if isinstance(result, Problem):
            raise ExtractionError(f"cannot extract {_where(doc)}", [result])
        return result

    def extract_many(self, docs: Iterable[SourceDocument]) -> Iterator[Extraction | Problem]:
        iterator = iter(docs)
        batches = iter(lambda: list(itertools.islice(iterator, self.batch_size)), [])
        if self.workers > 1 and self.settings is not None:
            first = next(batches, None)
            second = next(batches, None)
            if second is None:  # one batch: not worth starting processes
                batches = iter([first] if first else [])
            else:
                assert first is not None
                yield from _in_workers(itertools.chain([first, second], batches), self._pool(), self.workers)
                return
        for batch in batches:
            yield from self._batch(batch)

    # -- internals ------------------------------------------------------------------------
    def _batch(self, batch: list[SourceDocument]) -> Iterator[Extraction | Problem]:
        from kg.nlp.assemble import assemble

        items: list[tuple[str, tuple[int, int]]] = []
        problems: dict[int, Problem] = {}
        for k, doc in enumerate(batch):
            try:
                for offset, chunk in self._chunks(doc):
                    items.append((chunk, (k, offset)))
            except Exception as exc:
                problems[k] = Problem(source=_where(doc), message=f"cannot prepare text: {exc}")
        parsed: dict[int, list[tuple[Any, int]]] = {k: [] for k in range(len(batch))}
        try:
            for spacy_doc, (k, offset) in self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size):
                parsed[k].append((spacy_doc, offset))
        except Exception:
            # Find the culprit: parse the batch document by document.
            parsed = {k: [] for k in range(len(batch))}
            for chunk, (k, offset) in items:
                if k in problems:
                    continue
                try:
                    parsed[k].append((self.nlp(chunk), offset))
                except Exception as exc:
                    problems[k] = Problem(source=_where(batch[k]), message=f"extraction failed: {exc}")
        for k, doc in enumerate(batch):
            if k in problems:
                yield problems[k]
                continue
            try:
                yield assemble(doc, parsed[k], self.label)
            except Exception as exc:
                yield Problem(source=_where(doc), message=f"extraction failed: {type(exc).__name__}: {exc}")

    def _chunks(self, doc: SourceDocument) -> list[tuple[int, str]]:
        if not isinstance(doc, SourceDocument):
            raise TypeError(f"expected a SourceDocument, got {type(doc).__name__}")
        text = blank_ranges(doc.text, doc.skip)
        return split_paragraphs(text, int(self.nlp.max_length) - 1)


# -- worker processes ----------------------------------------------------------------------------
_worker_extractor: Extractor | None = None


def _start_worker(settings: Settings) -> None:
    """In a worker process: its own pipeline, built once."""
    global _worker_extractor
    _worker_extractor = Extractor.from_settings(settings)


def _extract_in_worker(batch: list[SourceDocument]) -> list[Extraction | Problem]:
    assert _worker_extractor is not None, "worker not started"
    return list(_worker_extractor._batch(batch))


def _in_workers(
    batches: Iterator[list[SourceDocument]], pool: Any, workers: int
) -> Iterator[Extraction | Problem]:
    """Batches extracted by the pool's processes, results in input order; at most two batches per
    worker in flight, so memory stays flat however long the input."""
    from collections import deque
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    pending: deque[Future[list[Extraction | Problem]]] = deque()
    try:
        for batch in batches:
            pending.append(pool.submit(_extract_in_worker, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise ExtractionError(f"an extraction worker process stopped: {exc}") from exc
    finally:
        for future in pending:  # the caller stopped reading: drop what is not started yet
            future.cancel()


def default_workers() -> int:
    """The CPUs this process may run on: the default number of extraction processes."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_pipeline(model: str, fallback: str | None) -> tuple[Any, str]:
    """Load the model (or its fallback) and add kg's components; raises ConfigError if neither loads."""
    import spacy

    from kg.nlp.components import ACTORS, PARAGRAPHS, RELATIONS, initialize_components, register_components

    register_components()
    errors: list[str] = []
    nlp = None
    chosen = ""
    for name in (model, fallback):
        if not name:
            continue
        try:
            nlp = spacy.load(name, exclude=list(_UNUSED_PIPES))
            chosen = name
            break
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {exc}")
    if nlp is None:
        raise ConfigError("no spaCy model could be loaded (" + "; ".join(errors) + ")")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ConfigError(f"spaCy model {chosen} lacks the {', '.join(sorted(missing))} pipe(s) kg needs")
    _split_abbreviated_compounds(nlp)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe(ACTORS, last=True)
    nlp.add_pipe(RELATIONS, last=True)
    initialize_components(nlp)
    return nlp, chosen


def _split_abbreviated_compounds(nlp: Any) -> None:
    """'U.S.-backed', 'U.K.-led': split at the hyphen after an abbreviation, as the tokenizer
    already splits 'Iran-backed', so that the country and the participle are tokens of their own."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def blank_ranges(text: str, skip: Iterable[tuple[int, int]]) -> str:
    """The text with the skipped ranges turned into spaces (line breaks kept), same length."""
    ranges = [(max(0, s), min(len(text), e)) for s, e in skip if e > s]
    if not ranges:
        return text
    chars = list(text)
    for start, end in ranges:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def split_paragraphs(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut text into (offset, piece) of at most ``limit`` chars, at blank lines where possible."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + 1, end)
                if cut > start:
                    cut += len(sep)
                    break
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _where(doc: object) -> str:
    if isinstance(doc, SourceDocument):
        return doc.source or doc.url or doc.title or doc.id
    return f"<{type(doc).__name__}>"
