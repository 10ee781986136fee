"""Relations carried by what a side is out to do or sets against someone: 'the coalition to degrade
and defeat Da'esh', 'assisting the government to destroy ISIL', 'leading efforts in the campaign to
defeat Y' (an aim of defeating someone, whoever has it, is a fight against them); 'maintained
their positions against X', 'fly strike missions against X', 'unite against X' (a military act
or a rising against someone fights them)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import RelationType
from kg.nlp.relations.clauses import date_phrase, is_irrealis, is_negated, subjects_of
from kg.nlp.relations.context import DocContext
from kg.nlp.relations.events import is_named
from kg.nlp.relations.resolve import resolve_all
from kg.nlp.relations.syntax import conjuncts, dobjs, prep_objects
from kg.nlp.relations.vocabulary import ACTOR, AGENTS, JOINTLY

_CLIMB = 4  # how far up from an undertaking noun its doer's verb is looked for


def infinitive_head(verb: Token) -> Token | None:
    """The 'to' infinitive a verb is, or is coordinated under ('to degrade and defeat X')."""
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return cur
        if cur.dep_ != "conj" or cur.head.i == cur.i or cur.head.pos_ != "VERB":
            return None
        cur = cur.head
    return None


def aim_targets(ctx: DocContext, verb: Token) -> list[int]:
    """Named actors an aim is directed at: the verb's objects, or those of the last verb of its
    coordination ('to degrade and defeat Da'esh'); 'counter ISIL's campaign' is against ISIL."""
    objects = dobjs(verb)
    if not objects:
        objects = [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in dobjs(c)]
    return named_actors(ctx, objects, verb)


def named_actors(ctx: DocContext, toks: list[Token], verb: Token) -> list[int]:
    """The actors named by target phrases; 'ISIL targets', 'the ISIL terrorist group' are ISIL
    (the name inside the phrase, not what its head noun would point back to)."""
    found: list[int] = []
    for obj in (t for t in toks if is_named(ctx, t)):
        # "the ISIL terrorist group": the name in the phrase, not the group last named
        inside = [c for c in obj.children if c.dep_ in ("compound", "nmod") and ctx.owner[c.i] >= 0]
        for f in resolve_all(ctx, inside or [obj], verb):
            if ctx.mentions[f].kind in ACTOR and f not in found:
                found.append(f)
    return found


def undertaking_doers(ctx: DocContext, noun: Token) -> list[Token]:
    """Who carries out an undertaking: its named owner ('the coalition's campaign'), else the
    subject of the verb the phrase hangs on ('leading efforts in the campaign to ...',
    'enhance combined efforts to ...'); nothing when a pronoun owns it ('their campaign')."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i]
    if any(c.pos_ == "PRON" for c in owners):
        return []
    named = [o for o in owners if is_named(ctx, o)]
    if named:
        return named
    cur = noun
    for _ in range(_CLIMB):
        if cur.dep_ in ("dobj", "obj") and cur.head.pos_ in ("VERB", "AUX"):
            return subjects_of(ctx, cur.head)
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.i != cur.head.i:
            cur = cur.head.head
            continue
        return []
    return []


def aim_holders(ctx: DocContext, infinitive: Token) -> list[Token]:
    """Who has the aim: the controller of the infinitive ('assisting the government to destroy
    X': the government, not who assists it), the actor noun it describes ('the coalition to
    defeat X'; 'Operation Inherent Resolve, the operation to eliminate X'), or the doer of the
    undertaking it is for."""
    if infinitive.dep_ in ("acl", "relcl"):
        noun = infinitive.head
        if noun.lemma_.lower() in ctx.know.efforts:
            if ctx.owner[noun.i] >= 0:
                return [noun]
            if noun.dep_ == "appos" and ctx.owner[noun.head.i] >= 0:
                return [noun.head]
            return undertaking_doers(ctx, noun)
        if noun.dep_ == "appos" and ctx.owner[noun.i] < 0 and ctx.owner[noun.head.i] >= 0:
            return [noun.head]
        return [noun]
    if infinitive.dep_ in ("xcomp", "advcl"):
        return subjects_of(ctx, infinitive)
    return []


def hostile_aim(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'the coalition to degrade and defeat Da'esh', 'working hard to defeat X': an actor out to
    defeat a named one fights it (aim verbs: lexicon.toml [aims])."""
    if ctx.by_trigger.get(verb.i) or is_negated(ctx, verb):
        return
    infinitive = infinitive_head(verb)
    if infinitive is None or (infinitive.dep_ in ("xcomp", "advcl") and is_negated(ctx, infinitive.head)):
        return  # "did not try to defeat X"
    holders = [t for t in aim_holders(ctx, infinitive) if is_named(ctx, t)]
    holders += [t for h in holders for t in companions(h)]
    subjects = [s for s in resolve_all(ctx, holders, verb) if ctx.mentions[s].kind in AGENTS]
    if not subjects:
        return
    for s in subjects:
        for o in aim_targets(ctx, verb):
            if o not in subjects:
                ctx.emit(
                    s,
                    RelationType.ATTACKED,
                    o,
                    sent,
                    0.55,
                    attributed=attributed,
                    trigger=verb,
                )


def companions(tok: Token) -> list[Token]:
    """'the 407th AEG, together with our Joint and Coalition partners': who acts beside a holder."""
    return [
        o
        for p in tok.children
        if p.dep_ == "prep"
        and p.lower_ in ("with", "alongside")
        and any(c.lower_ in JOINTLY for c in p.children)
        for c in p.children
        if c.dep_ == "pobj"
        for o in conjuncts(c)
    ]


def act_against(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'maintained their defensive positions against X', 'delivered munitions against X targets',
    'unite against X': a military act or a rising against a named actor fights it (lexicon.toml
    [against]: the verbs and the objects that make an act one of fighting)."""
    if not any(c.lower_ == "against" for t in (verb, *verb.children) for c in t.children):
        return
    if ctx.by_trigger.get(verb.i) or is_negated(ctx, verb) or is_irrealis(ctx, verb):
        return
    know = ctx.know
    acts = [d for d in dobjs(verb) if d.lemma_.lower() in know.against_nouns]
    if not acts and verb.lemma_.lower() not in know.against_verbs:
        return
    targets = named_actors(ctx, [t for h in [verb, *acts] for t in prep_objects(h, "against")], verb)
    if not targets:
        return
    doers = [t for t in subjects_of(ctx, verb) if is_named(ctx, t)]
    subjects = [s for s in resolve_all(ctx, doers, verb) if ctx.mentions[s].kind in AGENTS]
    ctx.emit_pairs(
        [(s, o) for s in subjects for o in targets if o not in subjects],
        RelationType.FOUGHT,
        sent,
        0.55,
        attributed=attributed,
        date=date_phrase(ctx, verb, sent),
        trigger=verb,
    )
