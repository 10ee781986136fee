"""Relations carried by nouns and fixed constructions: "the invasion of X", "talks between A and B",
"came under fire from X", "Iran-backed", "demanding his resignation", reported wrongdoing."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import EntityKind, RelationType
from kg.nlp.relations.clauses import date_phrase, is_irrealis, is_negated, is_passive, subjects_of
from kg.nlp.relations.codes import code_of_verb
from kg.nlp.relations.context import DocContext
from kg.nlp.relations.events import is_named
from kg.nlp.relations.resolve import resolve, resolve_all
from kg.nlp.relations.syntax import conjuncts, dobjs, prep_objects
from kg.nlp.relations.verbs import journey_encounters
from kg.nlp.relations.vocabulary import (
    ACTOR,
    AGENTS,
    ASSAULTS,
    CALLED_OFF,
    CONFLICT,
    GONE_BACK_ON,
    PROSPECTIVE,
    RELATIVE,
    TAKING_PART,
    WRONGS,
)

# Prepositions of a demanded noun that name whom it is aimed at ("the resignation of X",
# "sanctions against X", "a boycott on X").
DEMANDED_OF = ("of", "against", "on")


def came_under(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'Nigerien troops came under attack from gunmen' / 'units came under Chadian
    mortar fire': whoever fired attacked the subject."""
    fire = [o for o in prep_objects(verb, "under") if o.lemma_.lower() in ASSAULTS]
    if not fire or is_negated(ctx, verb) or is_irrealis(ctx, verb):
        return
    by = [c for f in fire for c in f.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    by += [o for f in fire for p in ("from", "by") for o in prep_objects(f, p)]
    by += prep_objects(verb, "from")
    attackers = [a for a in resolve_all(ctx, by, verb) if ctx.mentions[a].kind in AGENTS]
    hit = resolve_all(ctx, subjects_of(ctx, verb), verb)
    targets = [t for t in hit if ctx.mentions[t].kind in ACTOR]
    when = date_phrase(ctx, verb, sent)
    for a in attackers:
        for t in targets:
            ctx.emit(
                a,
                RelationType.ATTACKED,
                t,
                sent,
                0.75,
                attributed=attributed,
                date=when,
                trigger=fire[0],
            )


def reported_blame(ctx: DocContext, verb: Token, sent: Span) -> None:
    """'Monitors said the police had committed abuses' / 'which it said was responsible
    for the raid': reporting that someone did wrong accuses them (the reporter is the
    accuser; with no reporter it is the writer's narration, not an accusation)."""
    lemma = verb.lemma_.lower()
    if lemma == "be":
        if not any(
            c.dep_ == "acomp" and c.lower_ == "responsible" and prep_objects(c, "for") for c in verb.children
        ):
            return
    elif not any(d.lemma_.lower() in WRONGS for d in dobjs(verb)):
        return
    clause = verb
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    reporter = clause.head
    if clause.dep_ != "ccomp" or reporter.lemma_.lower() not in ctx.know.reporting:
        return
    if is_negated(ctx, verb) or is_negated(ctx, reporter):
        return
    reporters = resolve_all(ctx, subjects_of(ctx, reporter), reporter)
    accusers = [a for a in reporters if ctx.mentions[a].kind in ACTOR]
    doers = subjects_of(ctx, verb)
    if reporter.dep_ == "relcl" and any(d.lower_ in RELATIVE for d in doers):
        doers = [reporter.head]  # "the faction, which she said was behind the raid ..."
    accused = [a for a in resolve_all(ctx, doers, verb) if ctx.mentions[a].kind in ACTOR]
    for a in accusers:
        for b in accused:
            ctx.emit(
                a,
                RelationType.ACCUSED,
                b,
                sent,
                0.6,
                date=date_phrase(ctx, reporter, sent),
                trigger=verb,
            )


def demanded(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'demanding his resignation' -> PROTESTED(subject, him); 'called for sanctions against X'
    -> CRITICIZED(subject, X)."""
    for dobj in demanded_nouns(verb):
        rtype = ctx.know.demand_nouns.get(dobj.lemma_.lower())
        if rtype is None:
            continue
        targets = [c for c in dobj.children if c.dep_ == "poss"]
        targets += [t for p in DEMANDED_OF for o in prep_objects(dobj, p) for t in conjuncts(o)]
        subjects = resolve_all(ctx, subjects_of(ctx, verb), verb)
        objects = resolve_all(ctx, targets, verb)
        for s in subjects:
            for o in objects:
                if ctx.mentions[s].kind in ACTOR and ctx.mentions[o].kind in ACTOR:
                    ctx.emit(
                        s,
                        rtype,
                        o,
                        sent,
                        0.7,
                        attributed=attributed,
                        negated=is_negated(ctx, verb),
                        trigger=verb,
                    )


def demanded_nouns(verb: Token) -> list[Token]:
    """What a verb of demanding asks for: its object ('demanded his resignation') or what it
    asks "for" ('called for sanctions', 'pressed for tougher sanctions'), with their conjuncts."""
    asked = [c for c in verb.children if c.dep_ in ("dobj", "obj")] + prep_objects(verb, "for")
    return [t for a in asked for t in conjuncts(a)]


def between(ctx: DocContext, noun: Token, sent: Span, attributed: int | None) -> None:
    rtype = ctx.know.between.get(noun.lemma_.lower()) or ctx.know.between[noun.lower_]
    governor = noun.head
    for _ in range(3):
        if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
            break
        governor = governor.head
    if governor.pos_ in ("VERB", "AUX") and (
        is_irrealis(ctx, governor)
        or is_negated(ctx, governor)
        or governor.lemma_.lower() in ctx.know.irrealis | CALLED_OFF
        or any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE for c in governor.children)
    ):
        # "was willing to host talks between A and B", "talks between A and B are expected to
        # resume", "the meeting between A and B was postponed": no talks (yet)
        return
    sides: list[int] = []
    for obj in prep_objects(noun, "between"):
        sides.extend(resolve_all(ctx, conjuncts(obj), noun))
    sides = [s for s in sides if ctx.mentions[s].kind in AGENTS]
    keys = {ctx.mentions[s].key for s in sides}
    if len(keys) < 2:
        return
    for s in sides:
        for o in sides:
            ctx.emit(s, rtype, o, sent, 0.6, attributed=attributed, negated=False, trigger=noun)


def encounter(ctx: DocContext, noun: Token, sent: Span, attributed: int | None) -> None:
    """'After talks with X, Y said ...', 'in a phone call with X, Y ...', 'his meeting with X':
    the clause's subject (or the noun's possessor) had the encounter with X."""
    rtype = ctx.know.encounters.get(noun.lemma_.lower()) or ctx.know.encounters.get(noun.lower_)
    others = [o for o in resolve_all(ctx, prep_objects(noun, "with"), noun) if ctx.mentions[o].kind in ACTOR]
    if rtype is None or not others:
        return
    holders = resolve_all(ctx, [c for c in noun.children if c.dep_ == "poss"], noun)
    if not holders:
        prep, verb = noun.head, noun.head.head
        if (
            noun.dep_ != "pobj"
            or prep.lower_ not in ctx.know.encounter_preps
            or verb.pos_ not in ("VERB", "AUX")
            or is_negated(ctx, verb)
            or is_irrealis(ctx, verb)
            or is_passive(ctx, verb)
        ):
            return
        holders = resolve_all(ctx, subjects_of(ctx, verb), noun)
    date = date_phrase(ctx, noun, sent)
    for s in holders:
        if ctx.mentions[s].kind not in ACTOR:
            continue
        for o in others:
            if ctx.mentions[s].key != ctx.mentions[o].key:
                ctx.emit(s, rtype, o, sent, 0.5, attributed=attributed, date=date, trigger=noun)


def journey_purpose(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'arrived in Moscow for talks with Y': the traveller had the encounter with Y (the place is
    where); with no Y, coordinated travellers with each other ('A and B returned for talks')."""
    if is_irrealis(ctx, verb) or is_passive(ctx, verb):
        return
    travellers = [s for s in resolve_all(ctx, subjects_of(ctx, verb), verb) if ctx.mentions[s].kind in ACTOR]
    date, negated = date_phrase(ctx, verb, sent), is_negated(ctx, verb)
    for _noun, rtype, others in journey_encounters(ctx, verb):
        pairs = [(s, o) for s in travellers for o in others]
        if not others and len({ctx.mentions[s].key for s in travellers}) > 1:
            pairs = [(s, o) for s in travellers for o in travellers if s != o]
        for s, o in pairs:
            ctx.emit(s, rtype, o, sent, 0.6, attributed=attributed, negated=negated, date=date, trigger=verb)


def nominal(ctx: DocContext, noun: Token, sent: Span, attributed: int | None) -> None:
    """'Russia's invasion of Ukraine', 'the Russian attack on Kyiv', 'attack on X by Y'."""
    sense = ctx.know.nominal[noun.lemma_.lower()]
    if ctx.owner[noun.i] >= 0:
        return  # a named event ("the 2020 war") is an entity, not a relation
    if sense.type is RelationType.SUPPORTED and gone_back_on(noun):
        return
    if sense.needs_dobj and not {o.lemma_.lower() for o in used_things(noun)} & sense.needs_dobj:
        return
    act = noun
    noun = undertaking_of(ctx, noun)
    subject_toks = [
        c
        for c in noun.children
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i and c.i != act.i
    ]
    subject_toks += prep_objects(noun, "by")
    subjects = [s for s in resolve_all(ctx, subject_toks, noun) if ctx.mentions[s].kind in AGENTS]
    preps = sense.objects
    supporter = support_giver(noun) if sense.type is RelationType.SUPPORTED else None
    in_support = supporter is not None
    if supporter is not None:
        # "fired rockets in support of its ally Hamas": whoever acted supports the "of"
        subjects = subjects or [
            s for s in resolve_all(ctx, subjects_of(ctx, supporter), noun) if ctx.mentions[s].kind in AGENTS
        ]
        preps = ("of", *preps)
    if not subjects and sense.type in CONFLICT:
        doers = resolve_all(ctx, doers_of_act(ctx, noun), noun)
        subjects = [s for s in doers if ctx.mentions[s].kind in AGENTS]
    # an act held by a light verb's subject names whom it is with or against: no anaphor is
    # guessed ("held meetings with both leaders")
    held = not subjects
    if held:
        holders = [t for t in holders_of_act(ctx, noun) if is_named(ctx, t)]
        subjects = [s for s in resolve_all(ctx, holders, noun) if ctx.mentions[s].kind in AGENTS]
    if not subjects:
        return
    objects: list[int] = []
    for prep in preps:
        targets = [t for t in prep_objects(noun, prep) if not held or is_named(ctx, t)]
        if in_support:
            # "its ally Hamas": the named one, not whom "its ally" would point back to
            targets = [
                next((c for c in t.children if c.dep_ == "appos" and ctx.owner[c.i] >= 0), t) for t in targets
            ]
        for o in resolve_all(ctx, targets, noun):
            if o not in objects and ctx.fits(o, sense.kinds):
                objects.append(o)
        if objects or sense.type is not RelationType.ATTACKED:
            continue
        # "a Chadian strike on a market in Geneina": an unnamed target in a named town or
        # country puts the attack there (not "in the Gulf of Aden": where, not whom)
        for target in targets:
            if ctx.owner[target.i] >= 0:
                continue
            for o in resolve_all(ctx, prep_objects(target, "in"), noun):
                m = ctx.mentions[o]
                if o not in objects and (m.kind is EntityKind.COUNTRY or m.label == "GPE"):
                    objects.append(o)
    ctx.emit_pairs(
        [(s, o) for s in subjects for o in objects],
        sense.type,
        sent,
        sense.confidence,
        attributed=attributed,
        date=date_phrase(ctx, noun, sent),
        trigger=noun,
    )


def used_things(noun: Token) -> list[Token]:
    """What 'the use of' names: 'suicide vehicles, IEDs and chemical weapons'."""
    return [t for o in prep_objects(noun, "of") for t in conjuncts(o)]


def gone_back_on(noun: Token) -> bool:
    """'reneged on his commitment to X', 'abandoned its support for Y': support or a commitment
    the clause goes back on is not given."""
    governor = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    return noun.dep_ in ("pobj", "dobj", "obj") and governor.lemma_.lower() in GONE_BACK_ON


def undertaking_of(ctx: DocContext, noun: Token) -> Token:
    """The undertaking a nominal act names ('a mediation effort between X and Y', 'an air
    campaign against X': lexicon.toml [efforts]), whose phrase is the act's; else the act."""
    head = noun.head
    if noun.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in ctx.know.efforts:
        return head
    return noun


def holders_of_act(ctx: DocContext, noun: Token) -> list[Token]:
    """Who holds an act named by the object of a light verb ('Qatar launched a mediation between
    X and Y', 'stepped up its support for X': cameo.toml light verbs): the verb's subjects, when
    it says the act was held."""
    verb = noun.head
    codes = ctx.codes
    if codes is None or noun.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB":
        return []
    if verb.lemma_.lower() not in codes.light_verbs:
        return []
    if is_negated(ctx, verb) or is_irrealis(ctx, verb) or is_passive(ctx, verb):
        return []
    if any(c.dep_ == "aux" and c.lower_ in codes.intent_auxiliaries for c in verb.children):
        return []  # "will launch a mediation": not held yet
    return subjects_of(ctx, verb)


def support_giver(noun: Token) -> Token | None:
    """The verb whose doers give the support of 'in support of': 'fired rockets in support of X',
    'conducted strikes coordinated with and in support of X', 'conducted strikes delivering
    munitions in support of X' (through the participle to its verb)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in":
        return None
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
        prep = prep.head  # "coordinated with and in support of"
    verb = prep.head
    if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "obj"):
        verb = verb.head  # "delivering munitions in support of X": who delivered them
    if verb.tag_ in ("VBN", "VBG") and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "obj"):
        # "strikes coordinated ... / delivering munitions in support of X": who conducted them
        verb = verb.head.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def doers_of_act(ctx: DocContext, noun: Token) -> list[Token]:
    """Who did an act named without its agent: 'X killed 12 soldiers in an attack on Y' (the
    subject of the active verb the act is the means of), 'X claimed responsibility for the
    attack on Y' (the claimant)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return []
    holder = prep.head
    if prep.lower_ == "in" and holder.lemma_.lower() in TAKING_PART and not is_negated(ctx, holder):
        return subjects_of(ctx, holder)  # "X was involved in attacks on Y": X took part
    if prep.lower_ in ("in", "during", "with") and holder.pos_ == "VERB" and not is_passive(ctx, holder):
        if is_negated(ctx, holder) or is_irrealis(ctx, holder):
            return []
        return subjects_of(ctx, holder)
    if (
        prep.lower_ == "for"
        and holder.lemma_.lower() in ("responsibility", "credit")
        and holder.head.lemma_.lower() in ("claim", "take", "admit", "accept")
        and holder.dep_ in ("dobj", "obj")
        and not is_negated(ctx, holder.head)
    ):
        return subjects_of(ctx, holder.head)
    return []


def hyphenated(ctx: DocContext, participle: Token, sent: Span, attributed: int | None) -> None:
    """'Iran-backed rebels' -> SUPPORTED(Iran, rebels); 'a Qatar-brokered truce' -> MEDIATED."""
    agent = ctx.owner[participle.i - 2]
    senses = ctx.know.verbs.get(participle.lemma_.lower())
    if agent < 0 or not senses or ctx.mentions[agent].kind not in AGENTS:
        return
    head = participle.head if participle.head.i > participle.i else None
    if head is None:
        return
    for sense in senses:
        if sense.needs_dobj or sense.needs_prep_for or sense.type is RelationType.HOLDS_ROLE:
            continue  # "Hamas-led militants" says who leads them, not a post
        objects = [o for o in resolve(ctx, head, None) if ctx.fits(o, sense.kinds)]
        for o in objects:
            ctx.emit(
                agent, sense.type, o, sent, sense.confidence * 0.9, attributed=attributed, trigger=participle
            )
        if objects:
            return


def owned_effort(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'the coalition's efforts to degrade and defeat ISIL': the effort's owner does what it is for."""
    effort = verb.head
    if (
        ctx.codes is None
        or verb.dep_ != "acl"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return
    # named owners only, as the CAMEO coder reads only named parties ("their effort": no guess)
    owners = [
        c
        for c in effort.children
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < effort.i and is_named(ctx, c)
    ]
    subjects = [s for s in resolve_all(ctx, owners, verb) if ctx.mentions[s].kind in AGENTS]
    for act in [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]:
        reading = code_of_verb(ctx.codes, act)
        if not subjects or reading is None or ctx.by_trigger.get(act.i) or is_negated(ctx, act):
            continue
        targets = [
            o
            for o in resolve_all(ctx, [t for t in dobjs(act) or dobjs(verb) if is_named(ctx, t)], act)
            if ctx.mentions[o].kind in ACTOR
        ]
        ctx.emit_pairs(
            [(s, o) for s in subjects for o in targets],
            reading.meaning.type,
            sent,
            0.6,
            attributed=attributed,
            trigger=act,
            plover=reading.meaning.plover,
            coded=True,
        )
