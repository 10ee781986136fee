"""What the rules of one Doc share: its mentions, which mention owns each token, the relations
emitted so far, coordinated pairs, and per-sentence facts computed once."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.model import EntityKind, Plover, RelationType
from kg.nlp.knowledge import Knowledge
from kg.nlp.mentions import Mention
from kg.nlp.relations.codes import Codes
from kg.nlp.relations.syntax import conjuncts, is_place_noun, predicate_of
from kg.nlp.relations.vocabulary import (
    ACTOR,
    AGENTS,
    DATE_WORDS,
    PLACE_ENDS,
    STRUCTURAL,
    STRUCTURE_WORDS,
    WATERS,
)


def document_entities(doc: Doc) -> tuple[Span, ...]:
    """The Doc's named entities; spaCy rebuilds the list on every access, so it is read once."""
    return tuple(doc.ents)


@dataclass(slots=True)
class RawRelation:
    """A relation between two mentions of one Doc, before document-level assembly."""

    subject: int
    type: RelationType
    object: int
    sent_start: int  # char offsets of the evidence sentence in the Doc
    sent_end: int
    confidence: float
    attributed_to: int | None = None
    negated: bool = False
    date_text: str | None = None
    role: str | None = None
    date_root: int | None = None  # the token the date phrase hangs on (its root), in the Doc
    plover: Plover | None = None  # None: the type's own category (RelationType.plover)
    predicate: str | None = None
    trigger: int | None = None  # the token that carries it, in the Doc
    coded: bool = False  # read with the CAMEO dictionary (not the verb lexicon)


def is_water(m: Mention) -> bool:
    """A named sea, gulf, strait or lake ('the Red Sea', 'Strait of Hormuz'): a place, no party."""
    words = m.name.lower().split()
    return m.kind is EntityKind.LOCATION and bool(words) and (words[0] in WATERS or words[-1] in WATERS)


def state_agent(m: Mention) -> bool:
    """A state's agent named by what it is ("Serb forces", "Sudanese officials")."""
    return m.sector is not None and m.kind is EntityKind.ORGANIZATION


class DocContext:
    """The state the relation rules of one Doc share."""

    def __init__(
        self, know: Knowledge, doc: Doc, mentions: list[Mention], codes: Codes | None = None
    ) -> None:
        self.know = know
        self.codes = codes
        # The relations read from each token (by its index), as emitted.
        self.by_trigger: dict[int, list[RawRelation]] = {}
        self.doc = doc
        self.mentions = mentions
        self.owner = [-1] * len(doc)
        for idx, m in enumerate(mentions):
            for i in range(max(m.start, 0), max(m.end, 0)):
                self.owner[i] = idx
        self.starts = [m.start for m in mentions]
        self.out: list[RawRelation] = []
        self.seen: set[tuple[str, RelationType, str, int]] = set()
        # Coordinated actors ("Armenia and Azerbaijan", "Mali, Burkina Faso and Niger"), by the
        # position of their last conjunct, for "the two foes", "both sides", "the three countries".
        self.pairs: list[tuple[int, list[int]]] = []
        for tok in doc:
            if tok.dep_ == "conj" or not any(c.dep_ == "conj" for c in tok.children):
                continue
            members: list[int] = []
            for t in conjuncts(tok):
                member = self.owner[t.i]
                if (
                    member >= 0
                    and mentions[member].kind in AGENTS
                    and all(mentions[x].key != mentions[member].key for x in members)
                ):
                    members.append(member)
            # places listed together ("Ardhal and Vesmira") are not sides, nor names before a
            # place noun, whatever the model called them ("the A and B border crossings")
            if tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in know.place_heads:
                continue
            # ... nor "the provinces of A and B"
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and is_place_noun(tok.head.head, know):
                continue
            if len(members) >= 2 and any(mentions[x].kind in ACTOR for x in members):
                self.pairs.append((max(mentions[x].start for x in members), members))
        self.pairs.sort(key=lambda p: p[0])
        self.pair_pos = [p for p, _ in self.pairs]
        self.tallies: dict[EntityKind, tuple[int, dict[str, int], dict[str, int]]] = {}
        self.by_key: dict[str, list[int]] | None = None
        self.holds: set[tuple[str, str]] = {
            (m.key, mentions[m.role_target].key) for m in mentions if m.role_target is not None
        }
        # Countries that qualify a head-of-state title ("Former Nigerian President X").
        self.taken_countries = {
            m.role_target
            for m in mentions
            if m.role_target is not None and (m.role or "").lower() in know.state_titles
        }
        # Who the text says holds a country's single-holder title ("Rwandan President Paul
        # Kagame"): that country is not the one of someone else's bare "President X".
        self.title_holders: dict[tuple[str, str], set[str]] = {}
        # Where the story's first sentence ends (its lede names what it is about); blanked page
        # furniture before it is whitespace.
        self.first_end = next((sent.end for sent in doc.sents if any(t.is_alpha for t in sent)), 0)
        # Per-sentence facts, computed once per Doc (keyed by the sentence's first token): reading
        # them per verb made extraction quadratic in document length.
        self.sentence_start = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sentence_start[i] = sent.start
        self.dates: dict[int, list[Span]] = {}
        for ent in document_entities(doc):
            if ent.label_ in ("DATE", "TIME") and DATE_WORDS.search(ent.text):
                self.dates.setdefault(self.sentence_start[ent.start], []).append(ent)
        self.in_sentence: dict[int, list[int]] = {}
        for idx, m in enumerate(mentions):
            if 0 <= m.start < len(doc):
                self.in_sentence.setdefault(self.sentence_start[m.start], []).append(idx)

    def country_mention(self, code: str, near: int) -> int | None:
        """A mention of the country with this code, the closest to a given mention."""
        if self.by_key is None:
            self.by_key = {}
            for i, m in enumerate(self.mentions):
                self.by_key.setdefault(m.key, []).append(i)
        found = self.by_key.get(f"country:{code}", [])
        if not found:
            return None
        pos = bisect.bisect_left(found, near)
        candidates = found[max(0, pos - 1) : pos + 1]
        return min(candidates, key=lambda i: abs(i - near))

    def emit_pairs(
        self,
        pairs: Iterable[tuple[int, int]],
        rtype: RelationType,
        sent: Span,
        confidence: float,
        *,
        attributed: int | None = None,
        negated: bool = False,
        date: Span | None = None,
        trigger: Token | str | None = None,
        plover: Plover | None = None,
        coded: bool = False,
    ) -> None:
        """Record ``rtype`` for every (subject, object) pair, all read from one trigger."""
        for s, o in pairs:
            self.emit(s, rtype, o, sent, confidence, attributed=attributed, negated=negated, date=date,
                      trigger=trigger, plover=plover, coded=coded)

    def emit(
        self,
        s: int,
        rtype: RelationType,
        o: int,
        sent: Span,
        confidence: float,
        *,
        attributed: int | None = None,
        negated: bool = False,
        date: Span | None = None,
        role: str | None = None,
        trigger: Token | str | None = None,
        plover: Plover | None = None,
        coded: bool = False,
    ) -> None:
        """Record a relation once per (subject, type, object, sentence); ``trigger`` is the token
        (or word) that carries it, which names its predicate."""
        ms, mo = self.mentions[s], self.mentions[o]
        if ms.key == mo.key:
            return
        if rtype not in STRUCTURAL and ((ms.key, mo.key) in self.holds or (mo.key, ms.key) in self.holds):
            return  # "President X ... would keep supplying its troops": not a relation with itself
        if rtype not in PLACE_ENDS and (is_water(ms) or is_water(mo)):
            return
        if rtype is RelationType.HOLDS_ROLE:
            self.holds.add((ms.key, mo.key))
        if attributed is not None and self.mentions[attributed].key == ms.key:
            attributed = None
        key = (ms.key, rtype, mo.key, sent.start_char)
        if key in self.seen:
            return
        self.seen.add(key)
        relation = RawRelation(
            s,
            rtype,
            o,
            sent.start_char,
            sent.end_char,
            round(confidence, 2),
            attributed,
            negated,
            date.text if date is not None else None,
            role,
            date.root.i if date is not None else None,
            plover,
            predicate_of(trigger)
            if isinstance(trigger, Token)
            else trigger or _default_predicate(rtype, role),
            trigger.i if isinstance(trigger, Token) else None,
            coded,
        )
        self.out.append(relation)
        if relation.trigger is not None:
            self.by_trigger.setdefault(relation.trigger, []).append(relation)

    def fits(self, idx: int, kinds: frozenset[EntityKind]) -> bool:
        """Whether a mention can fill a slot; an organisation that only the model called one
        ("Nagorno-Karabakh") becomes a place when it fills a place slot."""
        m = self.mentions[idx]
        if m.kind in kinds:
            return True
        if (
            m.kind is EntityKind.ORGANIZATION
            and m.weak
            and EntityKind.LOCATION in kinds
            and EntityKind.ORGANIZATION not in kinds
        ):
            self.relabel(m.key, EntityKind.LOCATION)
            return True
        if (
            m.kind is EntityKind.PERSON
            and EntityKind.LOCATION in kinds
            and EntityKind.PERSON not in kinds
            and m.end - m.start == 1
            and m.role is None
            and self.doc[m.start].ent_type_ == "PERSON"
            and not self.named_as_person(m.key)
        ):
            # "took control of Kamina": a one-word name the model called a person, in a slot only
            # a place fills, and never titled or given in full anywhere, is a place
            old_key = m.key
            for other in self.mentions:
                if other.key == old_key:
                    other.kind, other.key, other.label = EntityKind.LOCATION, f"loc:{other.name}", "GPE"
            self.by_key = None
            return True
        return False

    def named_as_person(self, key: str) -> bool:
        """Whether some mention of this entity carries a title or a full name."""
        return any(m.key == key and (m.role is not None or m.end - m.start > 1) for m in self.mentions)

    def relabel(self, key: str, kind: EntityKind) -> None:
        for m in self.mentions:
            if m.key == key:
                m.kind = kind

    def generic_group(self, idx: int) -> bool:
        """A group named only by a common noun ("militants", "rebels"), not by a proper name."""
        m = self.mentions[idx]
        return m.kind is EntityKind.GROUP and m.name[:1].islower()

    def tally(self, token_i: int, kind: EntityKind) -> tuple[dict[str, int], dict[str, int]]:
        """Mentions of one kind before a token: count and latest index per key. Sentences are
        read in order, so the tally advances incrementally (linear over the document)."""
        end = bisect.bisect_left(self.starts, token_i)
        state = self.tallies.get(kind)
        if state is None or state[0] > end:
            state = (0, {}, {})
        pos, counts, latest = state
        for i in range(pos, end):
            m = self.mentions[i]
            if m.kind is kind:
                counts[m.key] = counts.get(m.key, 0) + 1
                latest[m.key] = i
            elif (
                kind is EntityKind.COUNTRY
                and m.country
                and m.kind is not EntityKind.PERSON
                and not state_agent(m)
            ):
                # "the White House", "Russia's foreign ministry": the country's own organs (not its
                # forces or officials: "Serb forces" counts once, by the country word written in it)
                key = f"country:{m.country}"
                counts[key] = counts.get(key, 0) + 1
        self.tallies[kind] = (end, counts, latest)
        return counts, latest


def _default_predicate(rtype: RelationType, role: str | None) -> str | None:
    """A structural relation read from no single word: its role title, else the type's words."""
    return role.lower() if role else STRUCTURE_WORDS.get(rtype)
