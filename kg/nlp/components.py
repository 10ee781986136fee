"""spaCy components of kg, registered on demand (never at import of kg).

``kg_paragraphs_v1`` (before the parser) starts a sentence after every blank line, so that a
headline or a byline never runs into the next paragraph. ``kg_actors_v1`` stores the actor and
event mentions in ``doc._.kg_mentions``; ``kg_relations_v1`` stores the relations read from the
parse in ``doc._.kg_relations``. Both keep their matchers and lexicon for the life of the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, cast, runtime_checkable

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ConfigError
from kg.nlp.knowledge import Knowledge, load_knowledge
from kg.nlp.mentions import Lexicon, build_lexicon, find_mentions, load_agents, load_words
from kg.nlp.relations import RelationReader
from kg.nlp.relations.codes import build_codes

PARAGRAPHS = "kg_paragraphs_v1"
ACTORS = "kg_actors_v1"
RELATIONS = "kg_relations_v1"

_registered = False


def register_components() -> None:
    """Register the factories and Doc extensions (idempotent)."""
    global _registered
    if _registered:
        return
    for ext in ("kg_mentions", "kg_relations"):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    if PARAGRAPHS not in Language.factories:
        Language.factory(PARAGRAPHS)(_make_paragraphs)
    if ACTORS not in Language.factories:
        Language.factory(ACTORS, default_config={"words": "mentions.toml", "agents": "agents.toml"})(
            _make_actors
        )
    if RELATIONS not in Language.factories:
        Language.factory(RELATIONS, default_config={"events": "cameo.toml"})(_make_relations)
    _registered = True


@runtime_checkable
class _LoadsData(Protocol):
    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language
    ) -> None: ...


def initialize_components(nlp: Language) -> None:
    """Initialize kg's components of a pipeline (load their data, build their matchers) without
    touching the trained ones, as ``nlp.initialize()`` would."""
    for name, pipe in nlp.pipeline:
        if name.startswith("kg_") and isinstance(pipe, _LoadsData):
            pipe.initialize(nlp=nlp)


def _knowledge(nlp: Language) -> Knowledge:
    # One Knowledge per pipeline, shared by the components that need it.
    know: Knowledge | None = getattr(nlp, "_kg_knowledge", None)
    if know is None:
        know = load_knowledge()
        nlp._kg_knowledge = know  # type: ignore[attr-defined]
    return know


_DASHES = {"—", "–", "--", "-"}


class ParagraphBreaks:
    """Sentence starts after blank lines and after a wire dateline ("DOHA (AP) — ...")."""

    def __call__(self, doc: Doc) -> Doc:
        starts = [0]
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if prev.is_space and prev.text.count("\n") >= 2:
                starts.append(tok.i)
        marked = starts[1:] + [after for start in starts if (after := self._dateline(doc, start))]
        if marked:
            # One array write: Token.is_sent_start's setter scans the whole Doc for a parse
            # first, so setting it once per paragraph made long documents quadratic.
            values = doc.to_array(SENT_START)  # one attribute: shape (len(doc),)
            values[marked] = 1
            doc.from_array([SENT_START], cast(Any, values))  # typed as floats in the stubs: uint64
        return doc

    @staticmethod
    def _dateline(doc: Doc, start: int) -> int | None:
        """The token after a wire dateline's dash at ``start``, if the paragraph opens with one."""
        first = doc[start] if start < len(doc) else None
        if first is None or not (first.is_upper and first.is_alpha and len(first) >= 3):
            return None
        for tok in doc[start + 1 : start + 12]:
            if tok.text in _DASHES and tok.i + 1 < len(doc):
                if tok.text == "-" and not (tok.whitespace_ and doc[tok.i - 1].whitespace_):
                    return None  # a hyphen inside a word, not a dateline dash
                return tok.i + 1
            if tok.is_space and "\n" in tok.text:
                return None
        return None


class ActorsComponent:
    """Finds actor and event mentions (``doc._.kg_mentions``) with the rules of kg.nlp.mentions.

    Config: ``words``, the word-list file, and ``agents``, how the Phoenix agents are read (both
    in kg/nlp/data). The gazetteers, word lists and phrase matchers are built once, in
    :meth:`initialize`.
    """

    def __init__(self, name: str, words: str, agents: str) -> None:
        self.name = name
        self.words = words
        self.agents = agents
        self.lexicon: Lexicon | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language) -> None:
        """Load the data and build the matchers (once per pipeline)."""
        self.lexicon = build_lexicon(
            nlp.vocab, _knowledge(nlp), load_words(self.words), load_agents(self.agents), nlp.make_doc
        )

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            raise ConfigError(
                f"spaCy component {self.name} is not initialized (call its initialize(nlp=nlp))"
            )
        doc._.kg_mentions = find_mentions(doc, self.lexicon)
        return doc


class RelationsComponent:
    """Reads relations (``doc._.kg_relations``) from the parse and the mentions with the rules
    of kg.nlp.relations.

    Config: ``events``, the file in kg/nlp/data saying how CAMEO codes read in kg (empty: no
    CAMEO verb coding). The verb dictionary's lemma tables are built once, in :meth:`initialize`.
    """

    def __init__(self, name: str, events: str) -> None:
        self.name = name
        self.events = events
        self.reader: RelationReader | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language) -> None:
        """Load the lexicon and build the CAMEO lemma tables (once per pipeline)."""
        self.reader = RelationReader(_knowledge(nlp), build_codes(self.events) if self.events else None)

    def __call__(self, doc: Doc) -> Doc:
        if self.reader is None:
            raise ConfigError(
                f"spaCy component {self.name} is not initialized (call its initialize(nlp=nlp))"
            )
        mentions = doc._.kg_mentions
        doc._.kg_relations = self.reader(doc, mentions) if mentions else []
        return doc


def _make_paragraphs(nlp: Language, name: str) -> Any:
    return ParagraphBreaks()


def _make_actors(nlp: Language, name: str, words: str, agents: str) -> Any:
    return ActorsComponent(name, words, agents)


def _make_relations(nlp: Language, name: str, events: str) -> Any:
    return RelationsComponent(name, events)
