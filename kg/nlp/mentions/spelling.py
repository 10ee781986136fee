"""Country names and nationality words written with a slip ("Afganistan", "Isreal", "Ethopian").

A capitalised word no gazetteer knows is read as the country whose single-word name or demonym
it is nearest to, when the edit distance is small for its length and no other country is as
near. Distances are optimal-string-alignment (rapidfuzz's ``OSA``: insertions, deletions,
substitutions and swaps of neighbouring letters, so "Isreal" is one slip from "Israel").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from nicknames import NickNamer
from rapidfuzz import process
from rapidfuzz.distance import OSA

# Below 6 letters one slip turns too many real names into a country's ("Omar"/"Oman",
# "Nigel"/"Niger", "Susan"/"Sudan"): such words are never corrected.
MIN_LETTERS = 6
# One slip is what a misspelt name usually carries ("Quatar", "Ethopia").
MAX_EDITS = 1
# From 9 letters a name stays unmistakable after two slips ("Phillipines" for "Philippines").
LONG_LETTERS = 9
MAX_EDITS_LONG = 2



def misspelled_country(word: str, forms: Mapping[str, str]) -> str | None:
    """The code of the one country whose name or demonym ``word`` is a small slip from."""
    if len(word) < MIN_LETTERS or not word.isalpha() or not word[0].isupper() or word in forms:
        return None
    limit = MAX_EDITS_LONG if len(word) >= LONG_LETTERS else MAX_EDITS
    # One call over all forms (rapidfuzz's C loop), not a Python loop per form: this runs for
    # every free capitalised word of a document.
    near = process.extract(word, forms.keys(), scorer=OSA.distance, score_cutoff=limit, limit=None)
    best = min((distance for _, distance, _ in near), default=limit + 1)
    codes = {forms[form] for form, distance, _ in near if distance == best}
    return next(iter(codes)) if best <= limit and len(codes) == 1 else None


def spellable_forms(country_forms: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """The one-word capitalised names and demonyms of countries a misspelling is compared with."""
    return {
        form: code
        for form, (code, how) in country_forms.items()
        if how in ("name", "demonym") and form.isalpha() and form[0].isupper() and not form.isupper()
    }


def word_owners(entries: Iterable[tuple[str | None, Iterable[str]]]) -> dict[str, frozenset[str]]:
    """Lower-case word -> the countries whose own dictionary entry lists it ("" for any other entry)."""
    owners: dict[str, set[str]] = {}
    for country, names in entries:
        for name in names:
            for word in name.split():
                owners.setdefault(word, set()).add(country or "")
    return {word: frozenset(found) for word, found in owners.items()}


@functools.cache
def _nick_namer() -> NickNamer:
    return NickNamer()


def is_given_name(word: str) -> bool:
    """Whether a lower-case word is an English given name or nickname (the nicknames data set)."""
    namer = _nick_namer()
    return bool(namer.nicknames_of(word) or namer.canonicals_of(word))
