"""The comparison rules: is this pair of actors one real-world actor?

Each rule is a small function of two :class:`ActorRecord` returning a value in 0..1 (how
strongly its feature is present); :data:`RULES` gives each its weight. As in nomenklatura's
``matching/compare`` the algorithm is the table: :func:`compare` scores a pair as the best
weighted positive rule (the reason to merge) plus every weighted negative rule (the
objections), clipped to 0..1, and names the rule that gave the reason.

Rules are symmetric and look only at the two records (names, aliases, kinds): knowledge about
roles and dates is the resolver's (:mod:`kg.resolution.resolver`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from kg.model import EntityKind
from kg.resolution.governments import governing_names
from kg.resolution.names import (
    NameForm,
    acronym_match,
    country_qualified,
    given_names_compatible,
    is_english_given_name,
    name_form,
    name_words,
    word_similarity,
)


@dataclass(frozen=True)
class ActorRecord:
    """What resolution knows of one actor: stored (``stored``) or just extracted."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    stored: bool = False
    # Every id that is this actor: its own and, when stored, the ids merged into it.
    ids: tuple[str, ...] = field(default=())
    # The dictionary actors its names are forms of (kg.resolution.knowledge), when known.
    known_as: frozenset[str] = frozenset()
    # The documents of the batch being resolved that name it (empty: none, or not known).
    documents: frozenset[str] = frozenset()
    # For an agent of a country: its ISO code and Phoenix sector ("SD", "MIL"), when known.
    country: str | None = None
    sector: str | None = None
    # The countries it is of beyond ``country``: the dictionaries' codes ('Taliban': AFGREB),
    # the de-facto governments table (ISO alpha-2).
    home: frozenset[str] = frozenset()

    @cached_property
    def forms(self) -> tuple[NameForm, ...]:
        """The name and every alias, taken apart (the name first)."""
        seen: dict[str, NameForm] = {}
        for raw in (self.name, *self.aliases):
            form = name_form(raw, self.kind)
            if form.folded and form.folded not in seen:
                seen[form.folded] = form
        return tuple(seen.values())

    @cached_property
    def full(self) -> NameForm | None:
        """The longest form with more than one word (a person's full name), if any."""
        multi = [form for form in self.forms if len(form.words) > 1 and form.acronym is None]
        return max(multi, key=lambda form: (len(form.words), len(form.folded)), default=None)

    @property
    def all_ids(self) -> tuple[str, ...]:
        return self.ids or (self.id,)

    @property
    def countries(self) -> frozenset[str]:
        """Every country it is known to be of."""
        return self.home | {self.country} if self.country is not None else self.home


Rule = Callable[[ActorRecord, ActorRecord], float]


def _pairs(a: ActorRecord, b: ActorRecord) -> Iterator[tuple[NameForm, NameForm]]:
    for x in a.forms:
        for y in b.forms:
            yield x, y


def _person_like(record: ActorRecord) -> bool:
    return record.kind in _PERSON_LIKE


# A bare name the NER model tagged ORGANIZATION or LOCATION may be a person's surname.
_PERSON_LIKE = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.LOCATION})


def same_name(a: ActorRecord, b: ActorRecord) -> float:
    """1 when a name or alias of one, transliterated and folded, is a name or alias of the other."""
    mine = {form.folded for form in a.forms}
    return 1.0 if any(form.folded in mine for form in b.forms) else 0.0


def surname_of(a: ActorRecord, b: ActorRecord) -> float:
    """A bare surname ('Putin') against a person's full name ending with it ('Vladimir Putin'):
    the similarity of the two surnames (1 when equal, less for a spelling variant), else 0.
    One side must be a PERSON with a full name; the bare name may carry a confusable kind."""
    best = 0.0
    for short, long in ((a, b), (b, a)):
        if long.kind is not EntityKind.PERSON or not _person_like(short) or long.full is None:
            continue
        for form in short.forms:
            if len(form.words) != 1 or form.acronym is not None or form.surname is None:
                continue
            for full in long.forms:
                if len(full.words) > 1 and full.surname is not None:
                    best = max(best, word_similarity(form.surname, full.surname))
    return best


def single_name_of(a: ActorRecord, b: ActorRecord) -> float:
    """A bare name that is the first word of a person's full name, as news names people whose
    family name comes first ('Kim' / 'Kim Jong Un', 'Tsai' / 'Tsai Ing-wen') or who go by a
    given name ('Abiy' / 'Abiy Ahmed'): 1, or 0.8 when the word is an English given name
    ('Donald'), which news rarely uses alone; any other word but the last: 0.8 ('Lula')."""
    best = 0.0
    for short, long in ((a, b), (b, a)):
        if long.kind is not EntityKind.PERSON or not _person_like(short):
            continue
        for form in short.forms:
            if len(form.words) != 1 or form.acronym is not None or len(form.words[0]) < 3:
                continue
            word = form.words[0]
            for full in long.forms:
                if len(full.words) < 2 or word not in full.words[:-1]:
                    continue
                first = full.words[0] == word and not is_english_given_name(word)
                best = max(best, 1.0 if first else 0.8)
    return best


def single_name_in_document(a: ActorRecord, b: ActorRecord) -> float:
    """1 when one document names both, as a bare name and a person's full name with that word
    before its last ('Kim' beside 'Kim Jong-un', 'Lula' beside 'Luiz Inácio Lula da Silva'):
    an article's bare name is the full name it wrote, whatever else the word may be."""
    if not a.documents & b.documents:
        return 0.0
    return 1.0 if single_name_of(a, b) else 0.0


def shares_document(a: ActorRecord, b: ActorRecord) -> bool:
    """Whether one document of the batch names both."""
    return bool(a.documents & b.documents)


def name_part_of(a: ActorRecord, b: ActorRecord) -> float:
    """Two multi-word person names, one a shorter writing of the other with the same surname
    ('Tayyip Erdogan' / 'Recep Tayyip Erdogan', 'Joe Biden' / 'Joseph R. Biden'): the
    surnames' similarity when every given name of the shorter agrees with one of the longer."""
    if EntityKind.PERSON not in (a.kind, b.kind) or not (_person_like(a) and _person_like(b)):
        return 0.0
    best = 0.0
    for x, y in _pairs(a, b):
        if len(x.words) < 2 or len(y.words) < 2 or x.surname is None or y.surname is None:
            continue
        if x.folded == y.folded:
            continue  # same_name's case
        short, long = (x, y) if len(x.given) <= len(y.given) else (y, x)
        if all(given_names_compatible((name,), long.given) for name in short.given):
            similarity = word_similarity(short.surname or "", long.surname or "")
            # A given name that agrees makes a surname spelt differently surer.
            bonus = 0.05 if short.given and similarity else 0.0
            best = max(best, min(1.0, similarity + bonus))
    return best


def designator_variant(a: ActorRecord, b: ActorRecord) -> float:
    """Two organisation names that are one name once the word saying what kind of
    organisation it is is left out ('Georgian Dream party' / 'Georgian Dream', 'Polisario
    Front' / 'Polisario'; the words are data: names.toml ``designators``): 1, else 0. The
    bare name may carry a kind the NER confuses."""
    if not ({a.kind, b.kind} & _ACRONYM_KINDS) or not (_organisation_like(a) and _organisation_like(b)):
        return 0.0
    designators = name_words().designators
    for x, y in _pairs(a, b):
        if x.folded == y.folded or x.acronym or y.acronym:
            continue
        bare_x = tuple(word for word in x.words if word not in designators)
        bare_y = tuple(word for word in y.words if word not in designators)
        if bare_x and bare_x == bare_y:
            return 1.0
    return 0.0


def _organisation_like(record: ActorRecord) -> bool:
    return record.kind in _ACRONYM_KINDS or record.kind in _PERSON_LIKE


def acronym_of(a: ActorRecord, b: ActorRecord) -> float:
    """An acronym and the name it abbreviates ('CSTO' / 'Collective Security Treaty
    Organization'): 1 for the initials, 0.9 for runs of leading letters ('ECOWAS'), else 0.
    Organisations and groups only."""
    if not ({a.kind, b.kind} <= _ACRONYM_KINDS):
        return 0.0
    best = 0.0
    for x, y in _pairs(a, b):
        for short, long in ((x, y), (y, x)):
            if short.acronym is not None and long.acronym is None and len(long.words) > 1:
                best = max(best, acronym_match(short.acronym, long.words))
    return best


_ACRONYM_KINDS = frozenset({EntityKind.ORGANIZATION, EntityKind.GROUP})


def spelling_variant(a: ActorRecord, b: ActorRecord) -> float:
    """Two names of the same words spelt differently ('Volodymyr Zelensky' / 'Volodymyr
    Zelenskyy', 'Muammar Gaddafi' / 'Muammar Qaddafi'): the lowest word similarity when every
    word pairs with a similar one (see names.word_similarity), else 0. Not for countries,
    whose names the extractor reads from a gazetteer ('Niger' is not 'Nigeria')."""
    if EntityKind.COUNTRY in (a.kind, b.kind):
        return 0.0
    best = 0.0
    for x, y in _pairs(a, b):
        if x.folded == y.folded or len(x.words) != len(y.words) or x.acronym or y.acronym:
            continue
        similarity = min(word_similarity(p, q) for p, q in zip(x.words, y.words, strict=True))
        best = max(best, similarity)
    return best


def same_known_actor(a: ActorRecord, b: ActorRecord) -> float:
    """1 when a name of each is a form of one and the same person of the field's dictionaries
    ('Lavrov' and 'Sergey Lavrov'; see kg.resolution.knowledge). People only: the
    dictionaries code organisations and places coarsely (every committee of a congress is one
    entry)."""
    if a.kind is not EntityKind.PERSON and b.kind is not EntityKind.PERSON:
        return 0.0
    return 1.0 if a.known_as & b.known_as else 0.0


def shortened_known_organisation(a: ActorRecord, b: ActorRecord) -> float:
    """1 when a name of one organisation is the end of a name of the other ('Security Council'
    / 'UN Security Council': the body without its parent) and the dictionaries list both names
    as forms of one organisation. The end, not any part: the dictionaries lump an
    organisation's branches into its entry ('PLA Navy' under the PLA)."""
    if not ({a.kind, b.kind} <= _ACRONYM_KINDS) or not a.known_as & b.known_as:
        return 0.0
    for x, y in _pairs(a, b):
        short, long = (x, y) if len(x.words) < len(y.words) else (y, x)
        size = len(short.words)
        if size and size < len(long.words) and long.words[-size:] == short.words:
            return 1.0
    return 0.0


def country_qualified_name(a: ActorRecord, b: ActorRecord) -> float:
    """1 when a name of one organisation is a name of the other led by the name or demonym of a
    country the other is of ('Afghan Taliban' / 'Taliban', the Taliban being Afghan by the
    dictionaries): 'Pakistani Taliban' is another group. Organisations and groups only."""
    if not ({a.kind, b.kind} <= _ACRONYM_KINDS):
        return 0.0
    for qualified, plain in ((a, b), (b, a)):
        countries = plain.countries
        if not countries:
            continue
        bare = {form.words for form in plain.forms if form.acronym is None}
        for form in qualified.forms:
            found = country_qualified(form.words) if form.acronym is None else None
            if found is not None and found[0] in countries and found[1] in bare:
                return 1.0
    return 0.0


def governing_name(a: ActorRecord, b: ActorRecord) -> float:
    """1 when one is named as a movement that governed a country and the other by a name that
    movement gives its state ('Taliban' / 'Islamic Emirate'; data: governments.toml)."""
    if not ({a.kind, b.kind} <= _ACRONYM_KINDS):
        return 0.0
    table = governing_names()
    for actor, state in ((a, b), (b, a)):
        names = {form.folded for form in state.forms}
        if any(names & table.get(form.folded, frozenset()) for form in actor.forms):
            return 1.0
    return 0.0


def whole_force(record: ActorRecord) -> bool:
    """Whether a name of an agent of a country is its whole force ('Sudanese military', 'Sudanese
    Armed Forces'), not a branch ('PLA Navy'; the words are data: names.toml ``whole_forces``)."""
    if record.country is None or record.sector is None:
        return False
    ends = name_words().whole_forces
    return any(form.folded.endswith(end) and (form.folded == end or form.folded.endswith(" " + end))
               for form in record.forms for end in ends)


def one_force_of_country(a: ActorRecord, b: ActorRecord) -> float:
    """1 when both name the whole force of one sector of one country ('Sudanese military' /
    'Sudanese Armed Forces'): a country has one army, however a text calls it."""
    if EntityKind.ORGANIZATION not in (a.kind, b.kind) or (a.country, a.sector) != (b.country, b.sector):
        return 0.0
    return 1.0 if whole_force(a) and whole_force(b) else 0.0


def different_known_actors(a: ActorRecord, b: ActorRecord) -> float:
    """1 when the dictionaries know both as different people only ('Ilham Aliyev' / 'Heydar
    Aliyev' are two entries)."""
    if a.kind is not EntityKind.PERSON or b.kind is not EntityKind.PERSON:
        return 0.0
    return 1.0 if a.known_as and b.known_as and not a.known_as & b.known_as else 0.0


def full_name_conflict(a: ActorRecord, b: ActorRecord) -> float:
    """1 when both are organisations written out in full and no full name of one is a full
    name of the other, a spelling of it, or a shorter writing of it: an acronym that fits both
    ('UN': 'United Nations', 'University of Nicosia') is not enough. Two names of one
    country's whole force are no conflict (see one_force_of_country)."""
    if not ({a.kind, b.kind} <= _ACRONYM_KINDS) or one_force_of_country(a, b):
        return 0.0
    mine = [form for form in a.forms if len(form.words) > 1 and form.acronym is None]
    theirs = [form for form in b.forms if len(form.words) > 1 and form.acronym is None]
    if not mine or not theirs:
        return 0.0
    for x in mine:
        for y in theirs:
            shorter, longer = (x, y) if len(x.words) <= len(y.words) else (y, x)
            if set(shorter.words) <= set(longer.words):
                return 0.0
            if len(x.words) == len(y.words) and all(
                word_similarity(p, q) for p, q in zip(x.words, y.words, strict=True)
            ):
                return 0.0
    return 1.0


def given_name_conflict(a: ActorRecord, b: ActorRecord) -> float:
    """1 when both are people written with a given name and the same surname, and no given
    name of one agrees with the other's ('Ilham Aliyev' / 'Heydar Aliyev'): different people."""
    if a.kind is not EntityKind.PERSON or b.kind is not EntityKind.PERSON:
        return 0.0
    if a.full is None or b.full is None:
        return 0.0
    x, y = a.full, b.full
    if x.surname is None or y.surname is None or word_similarity(x.surname, y.surname) == 0.0:
        return 0.0
    return 0.0 if given_names_compatible(x.given, y.given) else 1.0


def kind_conflict(a: ActorRecord, b: ActorRecord) -> float:
    """1 when the two kinds cannot be one actor whatever the NER said: a country is only ever
    a country, an event never an actor, a person never a group."""
    if a.kind is b.kind:
        return 0.0
    kinds = {a.kind, b.kind}
    return 0.0 if kinds <= _PERSON_LIKE or kinds <= _ACRONYM_KINDS else 1.0


def kind_mismatch(a: ActorRecord, b: ActorRecord) -> float:
    """1 when the kinds differ but may be the NER's mistake ('Lavrov' as an ORGANIZATION): a
    small objection, which the evidence across documents settles (see kg.graph REFRESH)."""
    return 1.0 if a.kind is not b.kind and not kind_conflict(a, b) else 0.0


@dataclass(frozen=True, slots=True)
class Weighted:
    rule: Rule
    weight: float

    @property
    def name(self) -> str:
        return self.rule.__name__


# The algorithm: positive rules give the reason to merge (the best one counts), negative ones
# the objections (all count).
RULES: tuple[Weighted, ...] = (
    Weighted(same_name, 1.0),
    Weighted(acronym_of, 0.95),
    Weighted(designator_variant, 0.9),
    Weighted(surname_of, 0.9),
    Weighted(single_name_of, 0.85),
    Weighted(single_name_in_document, 0.9),
    Weighted(name_part_of, 0.9),
    Weighted(spelling_variant, 0.9),
    Weighted(same_known_actor, 0.95),
    Weighted(shortened_known_organisation, 0.9),
    Weighted(one_force_of_country, 0.9),
    Weighted(country_qualified_name, 0.9),
    Weighted(governing_name, 0.9),
    Weighted(given_name_conflict, -1.0),
    Weighted(different_known_actors, -0.5),
    Weighted(full_name_conflict, -0.6),
    Weighted(kind_conflict, -1.0),
    Weighted(kind_mismatch, -0.05),
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The score of a pair, the rule that gave the reason, and every non-zero feature."""

    score: float
    rule: str | None
    features: dict[str, float]


def compare(a: ActorRecord, b: ActorRecord, rules: tuple[Weighted, ...] = RULES) -> Comparison:
    """Score ``a`` against ``b`` with ``rules`` (see the module docstring)."""
    features: dict[str, float] = {}
    reason: str | None = None
    best = 0.0
    objections = 0.0
    for weighted in rules:
        value = weighted.rule(a, b)
        if value == 0.0:
            continue
        features[weighted.name] = round(value, 4)
        contribution = weighted.weight * value
        if weighted.weight > 0:
            if contribution > best:
                best, reason = contribution, weighted.name
        else:
            objections += contribution
    score = max(0.0, min(1.0, best + objections))
    return Comparison(score=round(score, 4), rule=reason, features=features)
