"""How a name is taken apart before it is compared: transliterated, folded, split into words.

Transliteration is anyascii's (any script to ASCII: "Erdoğan" -> "Erdogan", "Зеленський" ->
"Zelens'kiy"); string similarity is rapidfuzz's Jaro-Winkler, sound-alike codes jellyfish's
Metaphone, English given-name nicknames the ``nicknames`` data set. The word lists are data
(``kg/resolution/data/names.toml``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jellyfish
from anyascii import anyascii
from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler

from kg.errors import ConfigError
from kg.model import EntityKind

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class NameWords:
    """The word lists of ``names.toml``."""

    connectors: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    feminine_endings: tuple[tuple[str, str], ...]
    sectors: dict[str, str]  # CAMEO sector code -> the role it names ("GOV" -> "government")
    designators: frozenset[str]  # "party", "front": what kind of organisation a name is
    whole_forces: tuple[str, ...]  # "army", "armed forces": a country's whole force, not a branch
    # "alliance" -> the names of the organisations that are alliances ("nato", ...), folded
    generic_references: dict[str, frozenset[str]]


@functools.cache
def name_words() -> NameWords:
    """The word lists, read once from the package data."""
    try:
        text = resources.files("kg.resolution").joinpath("data", "names.toml").read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
        return NameWords(
            connectors=frozenset(data["connectors"]),
            particles=frozenset(data["particles"]),
            suffixes=frozenset(data["suffixes"]),
            feminine_endings=tuple((str(a), str(b)) for a, b in data["feminine_endings"]),
            sectors={str(code): str(word) for code, word in data["sectors"].items()},
            designators=frozenset(data["designators"]),
            whole_forces=tuple(fold(str(word)) for word in data["whole_forces"]),
            generic_references={fold(str(word)): frozenset(fold(str(name)) for name in names)
                                for word, names in data.get("generic_references", {}).items()},
        )
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"kg/resolution/data/names.toml cannot be read: {exc}") from exc


@functools.cache
def country_words() -> dict[str, str]:
    """A country's name or demonym, folded -> its ISO alpha-2 code ('afghan' -> 'AF'), from
    the extractor's country gazetteer (kg.nlp.knowledge); capitals are left out."""
    from kg.nlp.knowledge import load_knowledge

    return {fold(form): code for form, (code, how) in load_knowledge().country_forms.items()
            if how in ("name", "demonym") and fold(form)}


def country_qualified(words_: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """A name led by a country's name or demonym: its country and the words after it
    ('afghan taliban' -> ('AF', ('taliban',))); None otherwise. One or two leading words."""
    known = country_words()
    for size in (2, 1):
        if len(words_) > size and (code := known.get(" ".join(words_[:size]))) is not None:
            return code, words_[size:]
    return None


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII, lower case, words joined by one space: 'Recep Tayyip Erdoğan' -> 'recep tayyip erdogan'."""
    return " ".join(_WORD.findall(anyascii(text).lower()))


def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``."""
    return tuple(fold(text).split())


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way an actor is written (its name or an alias), taken apart."""

    raw: str
    folded: str
    words: tuple[str, ...]
    # Set when the form is written as an acronym: 'CSTO', 'U.N.' -> 'csto', 'un'.
    acronym: str | None
    # For a person's name: the given names (particles and suffixes left out) and the surname
    # (its last word, with any particle before it: 'bashar al-assad' -> ('bashar',), 'assad').
    given: tuple[str, ...]
    surname: str | None


def name_form(raw: str, kind: EntityKind) -> NameForm:
    """``raw`` taken apart for comparison as a name of an actor of ``kind``."""
    folded = fold(raw)
    tokens = tuple(folded.split())
    lists = name_words()
    acronym = _acronym(raw, tokens)
    given: tuple[str, ...] = ()
    surname: str | None = None
    if kind is EntityKind.PERSON or kind in _NER_CONFUSABLE:
        core = [t for t in tokens if t not in lists.suffixes]
        if core:
            surname = core[-1]
            given = tuple(t for t in core[:-1] if t not in lists.particles)
    return NameForm(raw=raw, folded=folded, words=tokens, acronym=acronym, given=given, surname=surname)


# Kinds the small NER model mixes up for a bare name ('Lavrov' tagged ORGANIZATION, 'Blinken'
# LOCATION): a person's name is also taken apart when it was stored under one of these.
_NER_CONFUSABLE = frozenset({EntityKind.ORGANIZATION, EntityKind.LOCATION})


def _acronym(raw: str, tokens: tuple[str, ...]) -> str | None:
    """'CSTO' -> 'csto', 'U.N.' -> 'un'; None for a name not written as an acronym."""
    stripped = raw.strip()
    letters = re.sub(r"[.\s]", "", stripped)
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() and len(tokens) <= len(letters):
        return letters.lower()
    return None


@functools.lru_cache(maxsize=65536)
def metaphone(word: str) -> str:
    """jellyfish's Metaphone code of one folded word."""
    return str(jellyfish.metaphone(word))


def gendered_pair(a: str, b: str) -> bool:
    """True when the two surnames differ only by a masculine/feminine ending ('lavrov'/'lavrova')."""
    for masculine, feminine in name_words().feminine_endings:
        for x, y in ((a, b), (b, a)):
            stem = x[: len(x) - len(masculine)]
            if x.endswith(masculine) and y.endswith(feminine) and stem == y[: len(y) - len(feminine)]:
                return True
    return False


@functools.lru_cache(maxsize=65536)
def word_similarity(a: str, b: str) -> float:
    """How likely two folded words are spellings of one name, 0..1.

    1 for the same word; 0.97 for one written with an Arabic article joined to it
    ('albusaidi' / 'busaidi'); for words of 4+ letters, Jaro-Winkler similarity when it is
    high (>= 0.94), or when the two sound alike (same Metaphone code) and are close (>= 0.85);
    0 otherwise, and 0 for a masculine/feminine pair.
    """
    if a == b:
        return 1.0
    if _without_article(a) == _without_article(b):
        return 0.97
    if min(len(a), len(b)) < 4 or a.isdigit() or b.isdigit() or gendered_pair(a, b):
        return 0.0
    similarity = float(JaroWinkler.similarity(a, b))
    if similarity >= 0.94:
        return similarity
    if similarity >= 0.85 and metaphone(a) == metaphone(b):
        return max(similarity, 0.94)
    return 0.0


def _without_article(word: str) -> str:
    """'albusaidi' -> 'busaidi': a word starting with a joined article ('al', 'el'), kept
    whole when what follows is short."""
    for article in ("al", "el"):
        if word.startswith(article) and len(word) - len(article) >= 4:
            return word[len(article):]
    return word


@functools.cache
def _nick_namer() -> NickNamer:
    return NickNamer()


def is_english_given_name(word: str) -> bool:
    """Whether a folded word is an English given name or nickname (the nicknames data set)."""
    return bool(_nicknames(word) - {word}) or bool(_nick_namer().canonicals_of(word))


@functools.lru_cache(maxsize=16384)
def _nicknames(word: str) -> frozenset[str]:
    """``word`` with its English nicknames and the names it is a nickname of."""
    namer = _nick_namer()
    return frozenset({word, *namer.nicknames_of(word), *namer.canonicals_of(word)})


def given_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True unless both names have given names and none of them can be the same person's.

    Two given names agree when equal, when one is an initial of the other ('j' / 'joe'), when
    one is a nickname of the other ('joe' / 'joseph'), or when they are spellings of one name
    ('sergei' / 'sergey'). Empty on either side is compatible (a bare surname).
    """
    if not a or not b:
        return True
    if "".join(a) == "".join(b):  # 'abdul hamid' / 'abdulhamid'
        return True
    return any(_given_agree(x, y) for x in a for y in b)


def _given_agree(x: str, y: str) -> bool:
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    if word_similarity(x, y) > 0:
        return True
    return y in _nicknames(x) or x in _nicknames(y)


def acronym_match(acronym: str, tokens: tuple[str, ...]) -> float:
    """How well ``acronym`` abbreviates a name of ``tokens``: 1.0 for the initials of its words
    (connectors such as 'of' may be skipped), 0.9 when runs of leading letters of most of its
    words spell it ('interpol' from 'international criminal police organization', 'amisom'
    from 'african union mission in somalia'; 4+ letters only), else 0."""
    connectors = name_words().connectors
    significant = [t for t in tokens if t not in connectors]
    if len(significant) < 2:
        return 0.0
    if "".join(t[0] for t in tokens) == acronym:
        return 1.0
    # Two letters are too few to skip words by ('UN' is not 'University of Nicosia').
    if len(acronym) > 2 and "".join(t[0] for t in significant) == acronym:
        return 1.0
    if len(acronym) < 4 or not significant[0].startswith(acronym[0]):
        return 0.0
    used = _words_spelling(acronym, tuple(significant))
    return 0.9 if used is not None and 2 * used >= len(significant) else 0.0


def _words_spelling(acronym: str, tokens: tuple[str, ...]) -> int | None:
    """The most words whose leading letters, in order, concatenate to ``acronym`` (a word may
    give no letter), or None when no such spelling exists."""

    @functools.cache
    def best(position: int, index: int) -> int | None:
        if index == len(tokens):
            return 0 if position == len(acronym) else None
        options = []
        skipped = best(position, index + 1)
        if skipped is not None:
            options.append(skipped)
        token = tokens[index]
        for length in range(1, len(token) + 1):
            end = position + length
            if end > len(acronym) or acronym[position:end] != token[:length]:
                break
            rest = best(end, index + 1)
            if rest is not None:
                options.append(rest + 1)
        return max(options) if options else None

    return best(0, 0)
