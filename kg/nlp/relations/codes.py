"""CAMEO codes of verbs: the verb dictionary as lemma tables built once, and a verb's code read
from its phrase on the parse.

The CAMEO verb dictionary (PETRARCH2, see :mod:`kg.nlp.dictionaries`) groups verbs in blocks;
each block has patterns naming the words around the verb ("- * (FOR {FINANCIAL AID}) [0231]":
asked for financial aid is CAMEO 0231). :func:`build_codes` turns it into lemma tables once per
pipeline; :func:`code_of_verb` finds the most specific pattern a verb's phrase matches. What a
code means in kg (a relation type and a PLOVER category) comes from ``data/cameo.toml``.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Token

from kg.errors import ConfigError
from kg.model import Plover, RelationType
from kg.nlp.dictionaries import CameoVerbs, PatternElement, PloverCode, PrepPhrase, cameo_plover, cameo_verbs

# Dependencies that start another clause: a pattern never reaches into one.
_CLAUSAL = frozenset(
    {
        "ccomp",
        "xcomp",
        "advcl",
        "relcl",
        "conj",
        "parataxis",
        "acl",
        "nsubj",
        "nsubjpass",
        "csubj",
        "punct",
        "cc",
        "mark",
        "aux",
        "auxpass",
        "neg",
    }
)
_REGION_DEPTH = 3
_REGION_WIDTH = 12
_BEFORE_WIDTH = 6
_PREP_DEPS = frozenset({"prep", "agent", "dative", "prt", "pcomp"})
_SLOTS = frozenset({"$", "+", "^", "%"})
# Regular verb endings and what the stem may end with instead ("staged": stag+e, "rallied": rall+y).
_INFLECTIONS = (
    ("ied", ("y",)),
    ("ies", ("y",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("es", ("", "e")),
    ("s", ("",)),
)


@dataclass(frozen=True, slots=True)
class Words:
    """One pattern element: any of these word sets, each of whose words must be in the phrase."""

    options: tuple[frozenset[str], ...]

    @property
    def size(self) -> int:
        return min((len(o) for o in self.options), default=0)


@dataclass(frozen=True, slots=True)
class Prep:
    """A prepositional phrase of a pattern: the preposition and what its object must hold."""

    word: str
    objects: tuple[Words, ...]

    @property
    def size(self) -> int:
        return 1 + sum(o.size for o in self.objects)


Element = Words | Prep


@dataclass(frozen=True, slots=True)
class Pattern:
    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: str | None
    size: int  # how many words it names: the more, the more specific
    verb: str | None = None  # the block's verb it was written for (None: any verb of the block)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    block: str
    lemma: str
    before: tuple[str, ...]  # words of a multi-word verb before the verb ("wire" of "wire tap")
    after: tuple[str, ...]  # ... and after it ("off" of "call off")
    code: str | None


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a CAMEO code says in kg: a relation type and a PLOVER category."""

    code: str
    type: RelationType
    plover: Plover


@dataclass(frozen=True, slots=True)
class Combination:
    outer: frozenset[str]  # categories of the governing verb, or "intent"
    inner: frozenset[str]  # categories of the governed one ("*": any)
    category: Plover
    type: RelationType | None


@dataclass(frozen=True, slots=True)
class Family:
    """Verbs whose event is named by their object ('staged a strike', 'tightened the blockade'),
    sharing the object patterns the dictionary wrote for any of them."""

    name: str
    verbs: frozenset[str]
    patterns: tuple[Pattern, ...]  # most specific first


@dataclass(frozen=True, slots=True)
class Codes:
    """The CAMEO verb dictionary as lemma tables, and kg's reading of its codes."""

    verbs: dict[str, tuple[VerbEntry, ...]]  # verb lemma -> entries (several blocks may share one)
    forms: dict[str, str]  # irregular form ("sped") -> lemma ("speed")
    patterns: dict[str, tuple[Pattern, ...]]  # block -> its patterns, most specific first
    block_codes: dict[str, str]
    block_types: dict[str, RelationType]
    meanings: dict[str, Meaning]  # code -> meaning, for every code the dictionary uses
    combinations: tuple[Combination, ...]
    intent_auxiliaries: frozenset[str]
    intent_heads: frozenset[str]
    aspect_heads: frozenset[str]  # heads whose complement is the act itself ("continued to fire")
    intent_keeps: frozenset[Plover]
    absorbing: frozenset[Plover]  # outer categories whose combination takes any inner one
    unannotated: frozenset[RelationType]  # types the dictionary coder does not emit on its own
    compatible: dict[RelationType, frozenset[Plover]]
    target_preps: frozenset[str]
    object_preps: frozenset[str]
    place_preps: frozenset[str]
    phrase_preps: frozenset[str]  # prepositions inside a target phrase that lead to its actor
    place_categories: frozenset[Plover]
    denials: frozenset[str]
    obligations: frozenset[str]  # auxiliaries of what someone must do ("must", "should")
    obligation_heads: frozenset[str]  # verbs stating it, besides the reporting verbs
    accompanied_categories: frozenset[Plover] = frozenset()  # "protested, demanding X's ..."
    proposal_categories: frozenset[Plover] = frozenset()  # "rejected X's plan": X is the target
    stance_nouns: frozenset[str] = frozenset()  # "in protest against X": X is the target
    conditional_categories: frozenset[Plover] = frozenset()  # "threatened to ... if X ...": X
    conditional_marks: frozenset[str] = frozenset()  # the marks of such a condition ("if", "unless")
    scene_nouns: frozenset[str] = frozenset()  # "the bombing in X": X is where, not whom
    taking_verbs: frozenset[str] = frozenset()  # "retook the town from X": X is fought
    yielding_verbs: frozenset[tuple[str, str]] = frozenset()  # ("hand", "over"): ground handed over
    ground_nouns: frozenset[str] = frozenset()  # "handed over control of X", "three villages"
    returning_verbs: frozenset[str] = frozenset()  # "returned to Syria": Syria is where, no party
    returning_particles: frozenset[str] = frozenset()  # "came back to X", "headed home"
    destination_preps: frozenset[str] = frozenset()  # ... "to", "from"
    venue_categories: frozenset[Plover] = frozenset()  # "welcomed Kim to the Kremlin": where, no party
    venue_preps: frozenset[str] = frozenset()  # ... "to", "in"
    cooperative_categories: frozenset[Plover] = frozenset()  # "united against X": X is no partner
    opposing_prepositions: frozenset[str] = frozenset()  # ... "against"
    topic_nouns: frozenset[str] = frozenset()  # "shared intelligence on X": X is what it is about
    topic_prepositions: frozenset[str] = frozenset()  # ... "on", "about"
    families: tuple[Family, ...] = ()  # verbs that share their object patterns
    partitives: frozenset[str] = frozenset()  # "part of X", "most of X": the object is X
    containers: frozenset[str] = frozenset()  # "an aid program": the compound names the event
    joint_acts: tuple[tuple[str, ...], ...] = ()  # "held war games": done by several, done together
    light_verbs: frozenset[str] = frozenset()  # verbs holding the act their object names ("launched")
    same: dict[str, frozenset[str]] = field(default_factory=dict)  # "ties" -> the dictionary's "relations"

    def meaning(self, code: str | None, block: str = "") -> Meaning | None:
        """The relation type and category of a code (None: the code makes no relation)."""
        if code is None:
            return None
        found = self.meanings.get(code)
        if found is None or block not in self.block_types:
            return found
        return Meaning(found.code, self.block_types[block], found.plover)


@dataclass(frozen=True, slots=True)
class VerbCode:
    """A verb's reading: the block and code of the entry and pattern that fit its phrase best."""

    block: str
    code: str
    meaning: Meaning
    specificity: int


# -- building the tables (once per pipeline) ---------------------------------------------------------
def _read_policy(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(resources.files("kg.nlp").joinpath("data", name).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"kg/nlp/data/{name} cannot be read: {exc}") from exc


def _synset_options(name: str, verbs: CameoVerbs) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(phrase.split()) for phrase, _plural in verbs.synsets.get(name.upper(), ()))


def _words(raw: str, verbs: CameoVerbs) -> Words:
    """'aid', 'financial aid', '&food', '&military aid' -> the word sets that satisfy it."""
    parts: list[tuple[frozenset[str], ...]] = []
    for word in raw.split():
        if word.startswith("&"):
            parts.append(_synset_options(word[1:], verbs) or (frozenset(),))
        else:
            parts.append((frozenset({word}),))
    options = {frozenset().union(*combo) for combo in itertools.product(*parts)}
    return Words(tuple(sorted(options, key=lambda o: (len(o), sorted(o)))))


def _element(raw: PatternElement, verbs: CameoVerbs) -> Element | None:
    if isinstance(raw, PrepPhrase):
        objects = tuple(_words(o, verbs) for o in raw.objects if isinstance(o, str) and o not in _SLOTS)
        return Prep(raw.prep, objects)
    if raw in _SLOTS:
        return None
    return _words(raw, verbs)


def _elements(raws: Iterable[PatternElement], verbs: CameoVerbs) -> tuple[Element, ...]:
    return tuple(e for e in (_element(r, verbs) for r in raws) if e is not None)


def _plover_of(code: str, table: dict[str, PloverCode], policy: dict[str, Any]) -> Plover | None:
    """A code's PLOVER category: kg's override for its longest listed prefix, else the 2021
    table's row for the longest listed prefix, renamed to kg's category names."""
    overrides: dict[str, str] = policy.get("plover", {})
    for size in range(len(code), 1, -1):
        if code[:size] in overrides:
            name = overrides[code[:size]]
            return Plover(name) if name else None
    for size in range(len(code), 1, -1):
        row = table.get(code[:size])
        if row is not None:
            name = policy.get("plover_names", {}).get(row.category, row.category)
            try:
                return Plover(name)
            except ValueError:
                return None
    return None


def _type_of(code: str, types: dict[str, str]) -> RelationType | None:
    for size in range(len(code), 1, -1):
        if code[:size] in types:
            return RelationType(types[code[:size]])
    return None


def _verb_entries(
    verbs: CameoVerbs, block_codes: dict[str, str], verb_codes: dict[str, str]
) -> Iterator[tuple[str, VerbEntry]]:
    for block in verbs.blocks:
        for verb in block.verbs:
            code = verb.code
            if code == block.code and block.name in block_codes:
                code = block_codes[block.name]
            code = verb_codes.get(" ".join(verb.words), code)
            entry = VerbEntry(
                block=block.name,
                lemma=verb.lemma,
                before=verb.words[: verb.verb_index],
                after=verb.words[verb.verb_index + 1 :],
                code=code,
            )
            yield verb.lemma, entry
            for form in verb.forms:
                words = form.split()
                if len(words) == len(verb.words):
                    yield "~" + words[verb.verb_index], entry


def is_object_pattern(
    note: str | None, pre: tuple[Element, ...], post: tuple[Element, ...], sources: frozenset[str]
) -> bool:
    """A pattern naming only the object of one of a family's source verbs ('stage - strike',
    'carried_out - raid', 'impose - curfew')."""
    if not note or pre or len(post) != 1 or not isinstance(post[0], Words):
        return False
    verb = note.split("_")[0]
    return verb in sources or any(stem in sources for stem in regular_stems(verb))


def _family(raw: dict[str, Any], found: list[Pattern], verbs: CameoVerbs) -> Family:
    """A family of cameo.toml: its verbs, and the patterns found for it plus kg's own objects."""
    own = [
        Pattern((), (element,), str(code), max(1, element.size))
        for words, code in raw.get("objects", {}).items()
        for element in [_words(str(words), verbs)]
    ]
    shared = [p for p in found if not is_ambiguous_alone(p, frozenset(raw.get("ambiguous", ())))]
    return Family(
        name=str(raw["name"]),
        verbs=frozenset(raw["verbs"]),
        patterns=tuple(sorted(own + shared, key=lambda p: -p.size)),
    )


def is_ambiguous_alone(pattern: Pattern, ambiguous: frozenset[str]) -> bool:
    """A pattern naming only a noun of two senses ('strike': a walk-out, an air strike), which
    only the verb it was written for disambiguates ('staged a strike', 'conducted strikes')."""
    element = pattern.post[0]
    return isinstance(element, Words) and all(option <= ambiguous for option in element.options)


def build_codes(policy_file: str = "cameo.toml") -> Codes:
    """The lemma tables of the CAMEO verb dictionary and kg's reading of its codes."""
    verbs = cameo_verbs()
    policy = _read_policy(policy_file)
    try:
        block_codes = {str(k): str(v) for k, v in policy.get("block_codes", {}).items()}
        block_types = {str(k): RelationType(v) for k, v in policy.get("block_types", {}).items()}
        types = {str(k): str(v) for k, v in policy.get("types", {}).items()}
        for value in types.values():
            RelationType(value)
        combinations = tuple(
            Combination(
                outer=frozenset(rule["outer"]),
                inner=frozenset(rule["inner"]),
                category=Plover(rule["category"]),
                type=RelationType(rule["type"]) if rule.get("type") else None,
            )
            for rule in policy.get("combine", ())
        )
        compatible = {
            RelationType(k): frozenset(Plover(p) for p in v) for k, v in policy.get("compatible", {}).items()
        }
        intent = policy.get("intent", {})
        keeps = frozenset(Plover(p) for p in intent.get("keep", ()))
        targets = policy.get("targets", {})
        place_categories = frozenset(Plover(p) for p in targets.get("place_categories", ()))
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"kg/nlp/data/{policy_file}: {exc}") from exc
    table: dict[str, list[VerbEntry]] = {}
    forms: dict[str, str] = {}
    verb_codes = {str(k): str(v) for k, v in policy.get("verb_codes", {}).items()}
    for key, entry in _verb_entries(verbs, block_codes, verb_codes):
        if key.startswith("~"):
            forms.setdefault(key[1:], entry.lemma)
        else:
            table.setdefault(key, []).append(entry)
    patterns: dict[str, tuple[Pattern, ...]] = {}
    family_rules = list(policy.get("family", ()))
    sources = [frozenset(f.get("sources", f.get("verbs", ()))) for f in family_rules]
    shared: list[list[Pattern]] = [[] for _ in family_rules]
    codes_used: set[str] = {e.code for entries in table.values() for e in entries if e.code}
    codes_used |= set(verb_codes.values())
    for block in verbs.blocks:
        compiled = []
        lemmas = {v.lemma for v in block.verbs}
        for raw in block.patterns:
            pre, post = _elements(raw.pre, verbs), _elements(raw.post, verbs)
            if not pre and not post:
                continue
            size = sum(e.size for e in (*pre, *post))
            # The dictionary notes the verb each pattern was found with ("- * (WITH) [130] #
            # BREAK"): a pattern of one verb does not code its synonyms ("beat ... with").
            verb = raw.note if raw.note in lemmas else None
            compiled.append(Pattern(pre, post, raw.code, size, verb))
            for k, source in enumerate(sources):
                if raw.code and is_object_pattern(raw.note, pre, post, source):
                    shared[k].append(Pattern(pre, post, raw.code, size))
            if raw.code:
                codes_used.add(raw.code)
        # most specific first; the dictionary's order among equals
        patterns[block.name] = tuple(sorted(compiled, key=lambda p: -p.size))
    try:
        families = tuple(_family(f, found, verbs) for f, found in zip(family_rules, shared, strict=True))
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"kg/nlp/data/{policy_file}: [[family]] {exc}") from exc
    codes_used |= {p.code for f in families for p in f.patterns if p.code}
    plover_table = cameo_plover()
    meanings: dict[str, Meaning] = {}
    for code in sorted(codes_used):
        rtype, category = _type_of(code, types), _plover_of(code, plover_table, policy)
        if rtype is not None and category is not None:
            meanings[code] = Meaning(code, rtype, category)
    reading = policy.get("reading", {})
    skip = set(reading.get("skip_blocks", ()))
    table = {k: [e for e in v if e.block not in skip] for k, v in table.items()}
    return Codes(
        verbs={k: tuple(v) for k, v in table.items()},
        forms=forms,
        patterns=patterns,
        block_codes=block_codes,
        block_types=block_types,
        meanings=meanings,
        combinations=combinations,
        absorbing=frozenset(
            c.category for c in combinations if "*" in c.inner and c.category.value in c.outer
        ),
        intent_auxiliaries=frozenset(intent.get("auxiliaries", ())),
        unannotated=frozenset(RelationType(t) for t in reading.get("refine_only", ())),
        intent_heads=frozenset(intent.get("heads", ())),
        aspect_heads=frozenset(intent.get("aspect", ())),
        intent_keeps=keeps,
        compatible=compatible,
        target_preps=frozenset(targets.get("prepositions", ())),
        object_preps=frozenset(targets.get("object_prepositions", ())),
        place_preps=frozenset(targets.get("place_prepositions", ())),
        phrase_preps=frozenset(targets.get("phrase_prepositions", ())),
        place_categories=place_categories,
        denials=frozenset(reading.get("denials", ())),
        obligations=frozenset(policy.get("obligation", {}).get("auxiliaries", ())),
        obligation_heads=frozenset(policy.get("obligation", {}).get("heads", ())),
        stance_nouns=frozenset(targets.get("stance_nouns", ())),
        conditional_categories=frozenset(Plover(p) for p in targets.get("conditional_categories", ())),
        conditional_marks=frozenset(targets.get("conditional_marks", ())),
        scene_nouns=frozenset(targets.get("scene_nouns", ())),
        taking_verbs=frozenset(targets.get("taking_verbs", ())),
        yielding_verbs=frozenset(
            (words[0], words[-1]) for words in (v.split() for v in targets.get("yielding_verbs", ()))
        ),
        ground_nouns=frozenset(targets.get("ground_nouns", ())),
        returning_verbs=frozenset(targets.get("returning_verbs", ())),
        returning_particles=frozenset(targets.get("returning_particles", ())),
        destination_preps=frozenset(targets.get("destination_prepositions", ())),
        venue_categories=frozenset(Plover(p) for p in targets.get("venue_categories", ())),
        venue_preps=frozenset(targets.get("venue_prepositions", ())),
        cooperative_categories=frozenset(Plover(p) for p in targets.get("cooperative_categories", ())),
        opposing_prepositions=frozenset(targets.get("opposing_prepositions", ())),
        topic_nouns=frozenset(targets.get("topic_nouns", ())),
        topic_prepositions=frozenset(targets.get("topic_prepositions", ())),
        proposal_categories=frozenset(Plover(p) for p in targets.get("proposal_categories", ())),
        accompanied_categories=frozenset(Plover(p) for p in targets.get("accompanied_categories", ())),
        families=families,
        partitives=frozenset(policy.get("objects", {}).get("partitives", ())),
        containers=frozenset(policy.get("objects", {}).get("containers", ())),
        joint_acts=tuple(tuple(w.split()) for w in policy.get("joint", {}).get("acts", ())),
        light_verbs=frozenset(v for f in families if f.name == "light" for v in f.verbs),
        same={str(k): frozenset(v) for k, v in policy.get("same_words", {}).items()},
    )


# -- reading a verb --------------------------------------------------------------------------------
def words_of(tok: Token) -> set[str]:
    """The forms a dictionary word may match on a token: its lemma and its lower-case text."""
    return {tok.lemma_.lower(), tok.lower_}


def phrase_after(verb: Token) -> list[Token]:
    """The verb's own phrase after it: its objects and their modifiers, not another clause."""
    found: list[Token] = []
    frontier = [(verb, 0)]
    while frontier:
        tok, depth = frontier.pop()
        for child in tok.children:
            if child.dep_ in _CLAUSAL or depth >= _REGION_DEPTH or child.i <= verb.i:
                continue
            if child.i > verb.i + _REGION_WIDTH:
                continue
            found.append(child)
            frontier.append((child, depth + 1))
    return sorted(found, key=lambda t: t.i)


def phrase_before(verb: Token) -> list[Token]:
    """What a pattern may name before the verb: its subject's phrase and the words just before."""
    found = {t.i: t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    start = max(verb.sent.start, verb.i - _BEFORE_WIDTH)
    found.update({t.i: t for t in verb.doc[start : verb.i]})
    return [found[i] for i in sorted(found)]


def _matches_words(element: Words, words: set[str]) -> int:
    for option in element.options:
        if option <= words:
            return len(option)
    return 0


def dictionary_words(codes: Codes, tok: Token) -> set[str]:
    """The words a token stands for in the dictionary: its own, and the dictionary's word for it
    where news use another ("ties": "relations"; cameo.toml [same_words])."""
    words = words_of(tok)
    return words.union(*(codes.same.get(w, ()) for w in words))


def _matches(
    codes: Codes, elements: tuple[Element, ...], tokens: list[Token], near: set[int]
) -> int | None:
    """How many words of the elements the tokens hold, or None if one element is missing; a
    prepositional phrase counts only where it hangs on the verb or its object (``near``)."""
    words: set[str] = set().union(*(dictionary_words(codes, t) for t in tokens)) if tokens else set()
    total = 0
    for element in elements:
        if isinstance(element, Words):
            got = _matches_words(element, words)
            if not got:
                return None
            total += got
            continue
        best = None
        for prep in tokens:
            if prep.dep_ not in _PREP_DEPS or prep.lower_ != element.word or prep.i not in near:
                continue
            inside: set[str] = set().union(*(dictionary_words(codes, t) for t in prep.subtree))
            got_objects = [_matches_words(o, inside) for o in element.objects]
            if all(got_objects):
                best = max(best or 0, 1 + sum(got_objects))
        if best is None:
            return None
        total += best
    return total


def _entry_fits(entry: VerbEntry, verb: Token) -> bool:
    """A multi-word verb's other words are there: 'call off', 'wire tap'."""
    doc = verb.doc
    if entry.after:
        following = [t.lower_ for t in doc[verb.i + 1 : verb.i + 1 + len(entry.after)]]
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
        if following != list(entry.after) and not (len(entry.after) == 1 and entry.after[0] in particles):
            return False
    if entry.before:
        preceding = [t.lower_ for t in doc[max(0, verb.i - len(entry.before)) : verb.i]]
        if preceding != list(entry.before):
            return False
    return True


def regular_stems(word: str) -> list[str]:
    """The stems a regularly inflected verb form may have: 'staged' -> stage, 'rallied' ->
    rally, 'stopped' -> stop (for forms the tagger's lemma misreads: 'staged' -> 'stag')."""
    stems: list[str] = []
    for suffix, endings in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            stems += [base + e for e in endings]
            if len(base) > 2 and base[-1] == base[-2]:
                stems.append(base[:-1])  # a doubled consonant: "stopped", "banning"
    return stems


def verb_entries(codes: Codes, verb: Token) -> tuple[VerbEntry, ...]:
    """The dictionary entries of a verb: by its lemma, its irregular form, or a regular stem."""
    found = codes.verbs.get(verb.lemma_.lower()) or codes.verbs.get(codes.forms.get(verb.lower_, ""))
    if found:
        return found
    for stem in regular_stems(verb.lower_):
        if stem in codes.verbs:
            return codes.verbs[stem]
    return ()


def code_of_verb(codes: Codes, verb: Token) -> VerbCode | None:
    """A verb's CAMEO reading: the entries of its lemma that fit, each refined by the most
    specific pattern of its block that the phrase matches; the most specific reading wins."""
    entries = verb_entries(codes, verb)
    light = family_reading(codes, verb)
    if not entries:
        return light
    after, before = phrase_after(verb), phrase_before(verb)
    near = {c.i for c in verb.children} | {
        g.i for c in verb.children if c.dep_ in ("dobj", "obj") for g in c.children
    }
    best: tuple[tuple[int, int], VerbCode | None] | None = None
    for entry in entries:
        if not _entry_fits(entry, verb):
            continue
        words = len(entry.before) + len(entry.after)
        code, size = entry.code, 0
        for pattern in codes.patterns.get(entry.block, ()):
            if pattern.size <= size:
                break  # sorted: no later pattern can be more specific
            if pattern.verb is not None and pattern.verb != entry.lemma:
                continue
            got_after = _matches(codes, pattern.post, after, near)
            if got_after is None:
                continue
            got_before = _matches(codes, pattern.pre, before, near | {t.i for t in before})
            if got_before is None:
                continue
            if got_after + got_before > size:
                code, size = pattern.code, got_after + got_before
        key = (size, words)
        meaning = codes.meaning(code, entry.block)
        reading = VerbCode(entry.block, code, meaning, size) if code and meaning else None
        if best is None or key > best[0]:
            best = (key, reading)
    reading = best[1] if best else None
    if light is not None and (reading is None or light.specificity > reading.specificity):
        return light
    return reading


def family_of(codes: Codes, verb: Token) -> list[Family]:
    """The families a verb belongs to: 'staged' (light), 'tightened' (raising)."""
    names = {verb.lemma_.lower(), *regular_stems(verb.lower_)}
    return [f for f in codes.families if names & f.verbs]


def object_nouns(verb: Token, partitives: frozenset[str] = frozenset()) -> list[list[Token]]:
    """Each direct object (and its conjuncts) with its compound and adjective modifiers; of a
    part, the whole ('captured part of a stronghold': the stronghold)."""
    heads = [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in (c, *c.conjuncts)]
    heads = [whole_of(h) if h.lemma_.lower() in partitives else h for h in heads]
    return [[h, *(c for c in h.children if c.dep_ in ("compound", "amod"))] for h in heads]


def whole_of(part: Token) -> Token:
    """The whole a part is of ('part of the town' -> town), or the part itself."""
    wholes = [
        o
        for c in part.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    return wholes[0] if wholes else part


def head_words(codes: Codes, noun: list[Token]) -> set[str]:
    """The words that name an object's event: its head's, and of a container noun ("a military
    aid program", "the relief package") its compounds' too."""
    head = dictionary_words(codes, noun[0])
    if noun[0].lemma_.lower() in codes.containers:
        head |= {w for t in noun[1:] if t.dep_ == "compound" for w in dictionary_words(codes, t)}
    return head


def family_reading(codes: Codes, verb: Token) -> VerbCode | None:
    """A verb coded by the event noun it takes, whichever verb of its family the dictionary
    wrote the noun for: 'staged a hunger strike' (140), 'tightened the curfew' (1723)."""
    for family in family_of(codes, verb):
        for noun in object_nouns(verb, codes.partitives):
            head = head_words(codes, noun)
            words: set[str] = set().union(*(dictionary_words(codes, t) for t in noun))
            for pattern in family.patterns:
                element = pattern.post[0]
                assert isinstance(element, Words)
                option = next((o for o in element.options if o <= words and o & head), None)
                meaning = codes.meaning(pattern.code) if option is not None else None
                if meaning is not None and pattern.code is not None:
                    return VerbCode(family.name, pattern.code, meaning, len(option or ()))
    return None
