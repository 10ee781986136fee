"""Token helpers over spaCy's dependency parse: conjuncts, objects, prepositional objects."""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.knowledge import Knowledge
from kg.nlp.relations.vocabulary import RELATIVE


def after_comma(noun: Token) -> bool:
    """Whether a comma comes right before the noun's phrase."""
    start = noun.left_edge.i
    return start > 0 and noun.doc[start - 1].text == ","


def conjuncts(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c not in out:
                out.append(c)
                stack.append(c)
            elif c.dep_ == "cc" or c.dep_ == "preconj":
                continue
            # "the White House and State Department" parsed as "[White House and State] Department".
            if (
                c.dep_ in ("nmod", "compound")
                and c.i < cur.i
                and any(g.dep_ == "cc" for g in c.children)
                and c not in out
            ):
                out.append(c)
        # "X as well as Y": spaCy attaches "well as Y" under the first conjunct.
        for c in cur.children:
            if c.dep_ == "cc" and c.lower_ == "as":
                for cc in c.children:
                    if cc.dep_ in ("pobj", "conj") and cc not in out:
                        out.append(cc)
    return out


def is_place_noun(tok: Token, know: Knowledge) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in know.place_heads or lemma in know.place_anaphors


def dobjs(verb: Token) -> list[Token]:
    """Direct objects with their conjuncts; "requested aid from X, as well as assistance from Y"
    (spaCy hangs the second noun on the verb as a conjunct) counts both nouns."""
    out = [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in conjuncts(c)]
    if out:
        out.extend(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN")
    else:
        out = shifted_object(verb) or counted_object(verb) or misparsed_object(verb)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the Kursk region, which Ukrainian forces have occupied" / "the town the rebels
        # seized": the object gap is the noun the clause hangs on
        if out and all(t.lower_ in RELATIVE for t in out):
            return [verb.head]
        if (
            not out
            and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in verb.children)
            and not any(c.tag_ in ("WDT", "WP", "WRB", "IN") for c in verb.children)
            and not any(c.dep_ in ("ccomp", "xcomp", "prep", "dative") for c in verb.children)
        ):
            return [verb.head]
    return out


def shifted_object(verb: Token) -> list[Token]:
    """'denounced as an ugly crime X's suppression of Y': an object moved after the verb's "as"
    phrase, which the parser hangs on that phrase's noun as its apposition."""
    return [
        t
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for o in c.children
        if o.dep_ == "pobj"
        for a in o.children
        if a.dep_ == "appos" and a.i > o.i and a.pos_ in ("NOUN", "PROPN")
        and not any(p.text == "," for p in a.doc[o.i + 1 : a.left_edge.i])
        for t in conjuncts(a)
    ]


def counted_object(verb: Token) -> list[Token]:
    """'kidnapped up to 16 advisers': an object counted with "up to", which the parser reads as
    the verb's particle "up" and a phrase "to 16 advisers"."""
    doc = verb.doc
    return [
        t
        for up in verb.children
        if up.lower_ == "up" and up.dep_ in ("prt", "advmod", "prep") and up.i + 1 < len(doc)
        and (to := doc[up.i + 1]).lower_ == "to" and to.head.i in (verb.i, up.i)
        for o in to.children
        if o.dep_ == "pobj" and (o.like_num or any(c.dep_ == "nummod" for c in o.children))
        for t in conjuncts(o)
    ]


# What the model names that can be acted on: places, organisations, people, peoples.
_NAMED = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})


def misparsed_object(verb: Token) -> list[Token]:
    """'Iraqi forces recaptured Mosul': a name right after the verb that the parser read as an
    adverb of it (the verb then has no object) is its object."""
    return [
        c
        for c in verb.children
        if c.dep_ in ("advmod", "npadvmod") and c.i == verb.i + 1 and c.ent_type_ in _NAMED
    ]


def passive_agents(verb: Token) -> list[Token]:
    """Who a passive verb's 'by' phrase names, with their conjuncts ('was signed by X and Y')."""
    return [
        t
        for a in verb.children
        if a.dep_ == "agent"
        for o in a.children
        if o.dep_ == "pobj"
        for t in conjuncts(o)
    ]


def prep_objects(head: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in head.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            for obj in c.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    out.extend(conjuncts(obj))
            if not any(obj.dep_ in ("pobj", "pcomp") for obj in c.children):
                out.extend(t for obj in stranded_object(c) for t in conjuncts(obj))
    return out


def stranded_object(prep: Token) -> list[Token]:
    """'granted asylum to five officers holed up in ...': a preposition left with no object, whose
    noun the parser made the subject of the participle clause after it."""
    return [
        s
        for clause in prep.head.children
        if clause.dep_ in ("advcl", "ccomp", "conj") and clause.pos_ == "VERB" and clause.i > prep.i
        for s in clause.children
        if s.dep_ in ("nsubj", "nsubjpass") and s.left_edge.i == prep.i + 1
    ]


def predicate_of(tok: Token) -> str:
    """A verb's lemma with its particles as written ('step up', 'call off'); else the lemma."""
    words = [tok.lemma_.lower()]
    if tok.pos_ in ("VERB", "AUX"):
        words += [c.lower_ for c in tok.children if c.dep_ == "prt"]
    return " ".join(words)
