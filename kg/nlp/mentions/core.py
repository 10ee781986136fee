"""The mention record and the per-document state every mention rule reads and writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from kg.model import EntityKind

if TYPE_CHECKING:
    from kg.nlp.mentions.lexicon import Lexicon

_ONE_LINE = re.compile(r"\S+(?: \S+)*")
FREE = -1  # a token no mention owns
RESERVED = -2  # a token of a title written before a name: no rule may take it


@dataclass(slots=True)
class Mention:
    """One mention; token offsets into the Doc it was found in."""

    start: int
    end: int
    kind: EntityKind
    key: str
    name: str
    text: str
    country: str | None = None  # ISO code of the country it names or belongs to
    named: bool = True  # events: a named event (global id) or a generic one ("the ceasefire")
    role: str | None = None  # title written before a person ("Prime Minister")
    role_target: int | None = None  # index of the mention qualifying the title ("Azerbaijani")
    role_start: int | None = None  # first token of the title
    acronym: str | None = None
    weak: bool = False  # an organisation only because the model said so (may be a place)
    label: str = ""  # the model's entity label, where it gave one
    sector: str | None = None  # Phoenix sector code of an agent ("MIL" for "Serb forces")
    entity_id: str | None = None  # a stable id of its own ("serbia-military"), else from the name

    @property
    def dropped(self) -> bool:
        """Taken over by a longer mention (its offsets are -1)."""
        return self.start < 0


def document_entities(doc: Doc) -> tuple[Span, ...]:
    """The Doc's named entities (spaCy builds a new list of them on every ``doc.ents``)."""
    return tuple(doc.ents)


@dataclass(slots=True)
class Found:
    """The mentions of one Doc found so far, and which mention owns each token.

    ``owner[i]`` is the index of the mention token ``i`` belongs to, :data:`FREE` or
    :data:`RESERVED`. ``titles`` maps the first token of a person's name to the first token
    of the title written before it.
    """

    doc: Doc
    mentions: list[Mention] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    titles: dict[int, int] = field(default_factory=dict)
    # entity starts the model labelled ORG that a title shows to be people
    titled_orgs: set[int] = field(default_factory=set)
    # the model's entity each token is part of
    entity: list[Span | None] = field(default_factory=list)
    # the model's entities, read once: spaCy rebuilds doc.ents on every access, so a rule that
    # asked the Doc per mention would cost the length of the document each time
    ents: tuple[Span, ...] = ()
    # the first words of the entities the model tagged as places (GPE, LOC) anywhere in the Doc
    place_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.owner:
            self.owner = [FREE] * len(self.doc)
        if not self.ents:
            self.ents = document_entities(self.doc)
        if not self.entity:
            self.entity = [None] * len(self.doc)
            for ent in self.ents:
                for i in range(ent.start, ent.end):
                    self.entity[i] = ent
        if not self.place_words:
            self.place_words = frozenset(e[0].text for e in self.ents if e.label_ in ("GPE", "LOC"))

    def add(self, m: Mention) -> int | None:
        """Keep ``m`` if none of its tokens is taken; its index, else None."""
        if any(self.owner[i] != FREE for i in range(m.start, m.end)):
            return None
        self.mentions.append(m)
        idx = len(self.mentions) - 1
        for i in range(m.start, m.end):
            self.owner[i] = idx
        return idx

    def free(self, i: int) -> bool:
        return self.owner[i] == FREE

    def at(self, i: int) -> Mention | None:
        """The mention owning token ``i``, if any."""
        idx = self.owner[i]
        return self.mentions[idx] if idx >= 0 else None

    def drop(self, idx: int) -> None:
        """Forget mention ``idx``: its tokens become free, its offsets -1."""
        m = self.mentions[idx]
        for i in range(m.start, m.end):
            if self.owner[i] == idx:
                self.owner[i] = FREE
        m.start = m.end = -1

    def extend(self, idx: int, end: int) -> None:
        """Mention ``idx`` now ends at ``end`` (its new tokens are its own)."""
        m = self.mentions[idx]
        for i in range(m.end, end):
            self.owner[i] = idx
        m.end = end

    def span(self, m: Mention) -> Span:
        return self.doc[m.start : m.end]

    def result(self) -> list[Mention]:
        """The mentions still standing in text order, title qualifiers renumbered."""
        order = sorted(
            (i for i, m in enumerate(self.mentions) if not m.dropped), key=lambda i: self.mentions[i].start
        )
        new_index = {old: new for new, old in enumerate(order)}
        result = [self.mentions[i] for i in order]
        for m in result:
            if m.role_target is not None:
                m.role_target = new_index.get(m.role_target)
            if not _ONE_LINE.fullmatch(m.text):
                # "the U.S.-led\ncoalition": a name broken over lines is written on one
                m.key, m.name, m.text = (" ".join(v.split()) for v in (m.key, m.name, m.text))
        return result


Rule = Callable[[Found, "Lexicon"], None]
"""A mention rule: reads the Doc and what earlier rules found, adds or corrects mentions."""
