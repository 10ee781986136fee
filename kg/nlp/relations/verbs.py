"""Relations read from a verb of the lexicon: its subjects and the object slots its senses name."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from kg.model import EntityKind, RelationType
from kg.nlp.knowledge import VerbSense
from kg.nlp.relations.clauses import (
    committed_to,
    date_phrase,
    has_prep_for,
    is_irrealis,
    is_negated,
    is_passive,
    speaker_of_conjoined_speech_act,
    subjects_of,
)
from kg.nlp.relations.context import DocContext
from kg.nlp.relations.resolve import reported_by, resolve_all
from kg.nlp.relations.syntax import after_comma, conjuncts, dobjs, passive_agents, prep_objects
from kg.nlp.relations.vocabulary import (
    ACCOUNTS,
    ACTOR,
    AGENTS,
    CLAIMING,
    CONFLICT,
    CONSEQUENCES,
    DEPLOYMENTS,
    FORCES,
    OFFERABLE,
    PENALTIES,
    PROSPECTIVE,
    REACTIONS,
    RELATIVE,
    RESPONSIBILITY,
    SIDE_BY_SIDE,
    SPEECH_ACTS,
    STRUCTURAL,
    SUBJ,
    THREATENABLE,
    VETOES,
)


def read_verb(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    if is_irrealis(ctx, verb):
        return
    senses = ctx.know.verbs[verb.lemma_.lower()]
    if verb.lemma_.lower() in ctx.know.journeys and any(o for _, _, o in journey_encounters(ctx, verb)):
        return  # "travelled to Brussels for talks with X": the talks with X, Brussels is where
    if committed_to(verb):
        # "remains committed to joining NATO": a membership still to come is none yet
        senses = [s for s in senses if s.type not in STRUCTURAL]
    if any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE for c in verb.children):
        if verb.lemma_.lower() in VETOES:
            # "would veto the resolution": a threat to reject it, not a rejection yet
            senses = [replace(s, type=RelationType.THREATENED) for s in senses]
        else:
            # "said it would strike Israel", "will attack X if ...": a threat, not an attack
            senses = [
                replace(s, type=RelationType.THREATENED) if s.type in THREATENABLE else s for s in senses
            ]
    passive = is_passive(ctx, verb)
    if passive:
        subj_toks = passive_agents(verb)
        if verb.dep_ == "acl":
            passive_obj = closed_clause_subjects(ctx, verb) or [verb.head]
        else:
            passive_obj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not passive_obj:
                # "whose troops fought ... and have been accused by rights groups"
                passive_obj = subjects_of(ctx, verb)
    else:
        subj_toks = subjects_of(ctx, verb)
        passive_obj = []
        speaker = speaker_of_conjoined_speech_act(ctx, verb, senses)
        if speaker:
            subj_toks = speaker
    deployed: list[Token] = []
    if passive and not subj_toks and any(s.type is RelationType.DEPLOYED for s in senses):
        # "North Korean troops had been deployed to Russia", "900 U.S. troops are stationed
        # in Syria": with no agent, the forces stand for the state that sent them
        deployed = [t for t in passive_obj if t.lemma_.lower() in FORCES]
        if deployed:
            subj_toks, passive, passive_obj = deployed, False, []
    elif passive and not subj_toks and all(s.type is RelationType.ALLIED_WITH for s in senses):
        # "the administration, which is aligned with X" / "Y is allied with Z": a state
        relative = verb.dep_ == "relcl"
        stative = [verb.head if relative and t.lower_ in RELATIVE else t for t in passive_obj]
        subj_toks, passive, passive_obj = stative, False, []
    subjects = resolve_all(ctx, subj_toks, verb)
    subjects = [s for s in subjects if ctx.mentions[s].kind in AGENTS]
    if not subjects:
        return
    negated = is_negated(ctx, verb)
    attributed = reported_by(ctx, verb) if attributed is None else attributed
    date = date_phrase(ctx, verb, sent)
    dobj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    # the direct object's words, looking through counting words ("fired dozens of rockets",
    # "hosts tens of thousands of refugees", "gave $6 billion in aid")
    lemmas = {c.lemma_.lower() for c in dobjs(verb)}
    # and the common nouns written before a name ("joining U.S. ships USS Hopper": ships)
    lemmas |= {
        c.lemma_.lower() for d in dobjs(verb) for c in d.children if c.dep_ == "compound" and c.pos_ == "NOUN"
    }
    for _ in range(2):
        lemmas |= {
            o.lemma_.lower()
            for c in [*dobjs(verb), *(o for d in dobjs(verb) for o in prep_objects(d, "of"))]
            if c.lemma_.lower() in ctx.know.quantities or c.pos_ == "NUM" or c.lower_ in ("tens", "dozens")
            for o in [*prep_objects(c, "of"), *prep_objects(c, "in")]
        }
    # what is given "with" ("provided Kenya with aid"), for the senses that give
    given_with = {o.lemma_.lower() for o in prep_objects(verb, "with")}
    if passive:
        lemmas |= {t.lemma_.lower() for t in passive_obj}
    lemmas |= {t.lemma_.lower() for t in deployed}
    for sense in senses:
        gives = sense.type is RelationType.SUPPORTED
        if sense.needs_dobj and not (lemmas | given_with if gives else lemmas) & sense.needs_dobj:
            continue
        if sense.avoid_dobj and lemmas & sense.avoid_dobj:
            continue
        if sense.needs_prep_for and not has_prep_for(ctx, verb, sense):
            continue
        if sense.needs_prep and not any(
            c.dep_ in ("prep", "agent", "prt", "advmod") and c.lower_ in sense.needs_prep
            for c in verb.children
        ):
            continue
        if sense.needs_subject and not subject_lemmas(ctx, subj_toks) & sense.needs_subject:
            continue
        if sense.needs_xcomp and not any(
            c.dep_ == "xcomp" and c.lemma_.lower() in sense.needs_xcomp for c in verb.children
        ):
            continue
        if dobj is not None and " ".join(t.lower_ for t in dobj.subtree) in ctx.know.reciprocal:
            for s in subjects:
                for o in subjects:
                    if s != o:
                        ctx.emit(
                            s,
                            sense.type,
                            o,
                            sent,
                            sense.confidence,
                            attributed=attributed,
                            negated=negated,
                            date=date,
                            trigger=verb,
                        )
            return
        objects = sense_objects(ctx, verb, sense, passive_obj if passive else None, subjects)
        summed_up = []
        if sense.type in REACTIONS and not passive and only_events(ctx, objects):
            # "X held exercises with Y, a move Z condemned": the clause the noun sums up
            summed_up = [
                o
                for o in resolve_all(ctx, summarised_doers(ctx, verb), verb)
                if ctx.fits(o, sense.kinds) and o not in subjects
            ]
            objects = objects + [o for o in summed_up if o not in objects]
        if sense.type in REACTIONS and not passive and not summed_up and only_events(ctx, objects):
            # "condemned the uprising": the reaction is to the act (an event entity, when the
            # noun makes one) and, for a conflict or speech act, to whoever last did it
            for act, gapped in reacted_acts(ctx, verb, dobj, subj_toks):
                agents = [o for o in agent_of_act(ctx, act, gapped) if ctx.fits(o, sense.kinds)]
                if agents:
                    objects = objects + [a for a in agents if a not in objects]
                    break
        criticized_act = sense.type is RelationType.CRITICIZED and dobj is not None
        if not objects and criticized_act and dobj is not None and ctx.owner[dobj.i] < 0:
            # "condemned the deployment of North Korean troops / the attack by the rebels":
            # the criticism is of whoever acted ("of" only for forces, not for victims; a
            # denied "presence of troops" denies a fact, not an actor)
            doers = prep_objects(dobj, "by") + [
                t for t in prep_objects(dobj, "of") if t.lemma_.lower() in ctx.know.proxies
            ] + claimants(ctx, dobj)
            objects = [o for o in resolve_all(ctx, doers, verb) if ctx.fits(o, sense.kinds)]
        if not objects and sense.type in REACTIONS and not passive:
            objects = [
                o
                for o in resolve_all(ctx, summarised_doers(ctx, verb), verb)
                if ctx.fits(o, sense.kinds) and o not in subjects
            ]
        if not objects and sense.symmetric and len({ctx.mentions[x].key for x in subjects}) > 1:
            for s in subjects:
                for o in subjects:
                    ctx.emit(
                        s,
                        sense.type,
                        o,
                        sent,
                        sense.confidence * 0.9,
                        attributed=attributed,
                        negated=negated,
                        date=date,
                        trigger=verb,
                    )
            return
        if not objects:
            continue
        if sense.type is RelationType.HOLDS_ROLE:
            # "X, who heads Sudan's ruling council": a person holding a post
            for s in subjects:
                if ctx.mentions[s].kind is EntityKind.PERSON and not negated:
                    for o in objects:
                        ctx.emit(s, sense.type, o, sent, 0.8, role=sense.role, trigger=verb)
            return
        for s in subjects:
            for o in objects:
                ctx.emit(
                    s,
                    sense.type,
                    o,
                    sent,
                    sense.confidence * (0.9 if passive else 1.0),
                    attributed=attributed,
                    negated=negated,
                    date=date,
                    trigger=verb,
                )
        if not sense.also:
            return


def closed_clause_subjects(ctx: DocContext, participle: Token) -> list[Token]:
    """'Rebels took the town, backed by Rwandan troops': a participle of support after a comma
    that the parser hung on a noun standing for no actor describes the subject of the clause it
    closes (not one of place or control: 'shelled the city, held by rebels')."""
    start = participle.left_edge.i
    doc = participle.doc
    if participle.tag_ != "VBN" or start < 2 or doc[start - 1].text != ",":
        return []
    senses = ctx.know.verbs.get(participle.lemma_.lower(), [])
    if not any(s.type is RelationType.SUPPORTED for s in senses):
        return []
    if any(ctx.mentions[m].kind in ACTOR for m in resolve_all(ctx, [participle.head], participle)):
        return []
    cur = doc[start - 2]  # the last word of the clause before the comma
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            subjects = subjects_of(ctx, cur)
            if any(ctx.mentions[m].kind in ACTOR for m in resolve_all(ctx, subjects, cur)):
                return subjects
            return []
        if cur.head.i == cur.i:
            return []
        cur = cur.head
    return []


def journey_encounters(ctx: DocContext, verb: Token) -> list[tuple[Token, RelationType, list[int]]]:
    """What a journey is made for: 'flew to Ankara for talks with Y' -> (talks, CONSULTED, [Y])
    for each encounter noun of lexicon.toml [encounters] after a [journeys] preposition."""
    found: list[tuple[Token, RelationType, list[int]]] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ctx.know.journey_preps:
            continue
        for noun in (t for o in prep.children if o.dep_ == "pobj" for t in conjuncts(o)):
            rtype = ctx.know.encounters.get(noun.lemma_.lower()) or ctx.know.encounters.get(noun.lower_)
            if rtype is None:
                continue
            others = resolve_all(ctx, prep_objects(noun, "with"), noun)
            found.append((noun, rtype, [o for o in others if ctx.mentions[o].kind in ACTOR]))
    return found


def reacted_acts(
    ctx: DocContext, verb: Token, dobj: Token | None, subj_toks: list[Token]
) -> list[tuple[Token, bool]]:
    """Nouns for an act a reaction is about, and whether they were named as an afterthought
    (so "a charge" refers back as well as "the charge"): the direct object; the noun a
    relative clause hangs on ("an accusation the allies rejected"); a speech act before the
    subject when the parser made the afterthought the main clause ("..., a charge Z denies")."""
    acts: list[tuple[Token, bool]] = []
    if dobj is not None:
        acts.append((dobj, False))
    if (
        verb.dep_ == "relcl"
        and verb.head.pos_ == "NOUN"
        and not any(c.dep_ in ("dobj", "obj") and c.lower_ not in RELATIVE for c in verb.children)
    ):
        acts.append((verb.head, True))
    for subj in subj_toks:
        acts.extend(
            (c, True)
            for c in subj.children
            if c.dep_ == "compound" and c.i < subj.i and c.lemma_.lower() in ctx.know.speech_acts
        )
    return acts


def subject_lemmas(ctx: DocContext, subj_toks: list[Token]) -> set[str]:
    """Subject words, looking through counting words ("thousands of protesters")."""
    lemmas = {t.lemma_.lower() for t in subj_toks}
    for t in subj_toks:
        if t.lemma_.lower() in ctx.know.quantities or t.pos_ == "NUM" or t.lower_ in ("tens", "dozens"):
            lemmas |= {o.lemma_.lower() for o in prep_objects(t, "of")}
    return lemmas


def agreed_with(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'X signed a gas deal with Y', 'X reached an agreement with Y', 'X agreed to a truce with
    Y': Y is the other party to what X agreed (only with an agreement named)."""
    if (
        is_irrealis(ctx, verb)
        or is_negated(ctx, verb)
        or is_passive(ctx, verb)
        or any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE for c in verb.children)
    ):
        return
    deals = [
        d
        for d in dobjs(verb) + prep_objects(verb, "to") + prep_objects(verb, "on")
        if d.lemma_.lower() in ctx.know.agreements
        or (ctx.owner[d.i] >= 0 and ctx.mentions[ctx.owner[d.i]].kind is EntityKind.EVENT)
    ]
    if not deals:
        return
    partners = prep_objects(verb, "with") + [t for d in deals for t in prep_objects(d, "with")]
    others = [o for o in resolve_all(ctx, partners, verb) if ctx.mentions[o].kind in ACTOR]
    subjects = [s for s in resolve_all(ctx, subjects_of(ctx, verb), verb) if ctx.mentions[s].kind in ACTOR]
    date = date_phrase(ctx, verb, sent)
    for s in subjects:
        for o in others:
            ctx.emit(s, RelationType.AGREED_TO, o, sent, 0.6, attributed=attributed, date=date, trigger=verb)


def claimants(ctx: DocContext, act: Token) -> list[Token]:
    """'the attacks in X, for which Y claimed responsibility' / 'the bombing, which Y claimed':
    whoever owns up to the act, in a relative clause within the act's phrase (or a place phrase
    after it that the parser hung on the verb: 'condemns the attacks today in X, for which')."""
    phrases = [act] + [c for c in act.head.children if c.dep_ == "prep" and c.i > act.i]
    found: list[Token] = []
    for verb in (t for phrase in phrases for t in phrase.subtree):
        if verb.dep_ != "relcl" or verb.lemma_.lower() not in CLAIMING:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        owned = any(o.lemma_.lower() in RESPONSIBILITY for o in objects) and any(
            w.lower_ in ("which", "that") for w in prep_objects(verb, "for")
        )
        claimed = verb.lemma_.lower() == "claim" and any(o.lower_ in ("which", "that") for o in objects)
        if owned or claimed:
            found.extend(subjects_of(ctx, verb))
    return found


def summarised_doers(ctx: DocContext, verb: Token) -> list[Token]:
    """'Y began expelling Afghans, a campaign the Taliban criticised' / 'X visited Z, a
    move that Beijing denounced': a noun in apposition sums up the clause before it, so the
    reaction is to that clause's subject."""
    act = verb.head
    # (the parser makes the summing-up noun an apposition, an adverbial of the clause, or a
    # second object after a comma: "built a wall, a move X denounced")
    afterthought = (
        act.dep_ == "dobj"
        and after_comma(act)
        and any(c.dep_ == "dobj" and c.i < act.i for c in act.head.children)
    )
    if (
        verb.dep_ != "relcl"
        or (act.dep_ not in ("appos", "npadvmod") and not afterthought)
        or ctx.owner[act.i] >= 0
    ):
        return []
    clause = act.head
    for _ in range(6):
        if clause.pos_ in ("VERB", "AUX") or clause.head is clause:
            break
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX"):
        return []
    if act.lemma_.lower() in ctx.know.speech_acts | ACCOUNTS:
        # "said the envoy had insulted her, an account the ministry disputed": the account
        # is the speaker's, so the reaction is to the speaker
        cur = clause
        for _ in range(4):
            if cur.lemma_.lower() in ctx.know.reporting:
                return subjects_of(ctx, cur)
            if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
                break
            cur = cur.head
    return subjects_of(ctx, clause)


def only_events(ctx: DocContext, objects: list[int]) -> bool:
    """No object, or only events: an act named by the object may still point at its agent."""
    return all(ctx.mentions[o].kind is EntityKind.EVENT for o in objects)


def agent_of_act(ctx: DocContext, noun: Token, afterthought: bool = False) -> list[int]:
    """'condemned the strikes' / 'rejected the criticism': whoever the text last said did
    that kind of thing (the subject of the latest conflict or speech relation)."""
    lemma = noun.lemma_.lower()
    if not afterthought and not any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "those", "such")
        for c in noun.children
    ):
        return []
    if lemma in DEPLOYMENTS:
        kinds = frozenset({RelationType.DEPLOYED})  # "condemned the deployment": who sent them
    elif lemma in ctx.know.conflict_acts:
        kinds = CONFLICT
    elif lemma in ctx.know.speech_acts:
        kinds = SPEECH_ACTS
    else:
        return []
    for r in reversed(ctx.out):
        if r.coded:
            continue  # the lexicon's anaphora point back to its own reads
        if r.type in kinds and r.sent_start < noun.sent.start_char + 1:
            return [r.subject]
    return []


def sense_objects(
    ctx: DocContext,
    verb: Token,
    sense: VerbSense,
    passive_obj: list[Token] | None,
    subjects: list[int] | None = None,
) -> list[int]:
    slots: list[list[Token]] = []
    if passive_obj is not None:
        slots.append([t for p in passive_obj for t in conjuncts(p)])
    places_only: list[bool] = [False] * len(slots)
    for slot in sense.objects:
        if passive_obj is not None and slot in ("dobj", "dative"):
            continue
        slots.append(slot_tokens(ctx, verb, slot, passive_obj))
        # "struck a school in Gaza City" attacks the city; "in the Gulf of Aden" is only where
        places_only.append(slot.endswith(("prep:in", "prep:across")) and sense.type is RelationType.ATTACKED)
    found: list[int] = []
    at_war = any(places_only) and fights_non_state(ctx, subjects or [])
    for toks, place in zip(slots, places_only, strict=True):
        for o in resolve_all(ctx, toks, verb):
            m = ctx.mentions[o]
            if place and (at_war or not (m.kind is EntityKind.COUNTRY or m.label == "GPE")):
                continue
            if o not in found and ctx.fits(o, sense.kinds):
                found.append(o)
    return found


def fights_non_state(ctx: DocContext, subjects: list[int]) -> bool:
    """Whether the text has already shown one of these subjects fighting a named organisation or
    group ('strikes against ISIL terrorists in Syria and Iraq'): its strikes 'in Iraq' are then
    where it fights that enemy, not an attack on the country."""
    keys = {ctx.mentions[s].key for s in subjects}
    return any(
        r.type in CONFLICT
        and ctx.mentions[r.subject].key in keys
        and ctx.mentions[r.object].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)
        and ctx.mentions[r.object].sector is None
        for r in ctx.out
    )


def counted(ctx: DocContext, obj: Token) -> list[Token]:
    """What a counting object counts: '$100 million in new assistance', 'dozens of rockets'."""
    if obj.pos_ != "NUM" and obj.lemma_.lower() not in ctx.know.quantities:
        return []
    return [*prep_objects(obj, "in"), *prep_objects(obj, "of")]


def raised_objects(verb: Token) -> list[Token]:
    """'are advising and assisting the SDF': a verb with no object of its own shares the object of
    the verb coordinated after it, when that verb has no subject of its own."""
    return [
        t
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and c.i > verb.i
        and not any(s.dep_ in SUBJ for s in c.children)
        for t in dobjs(c)
    ]


def idiom_partners(verb: Token, prep: str) -> list[Token]:
    """'stands shoulder to shoulder with X', 'fought side by side with X': the objects of a
    preposition the parser hung on a word of a manner idiom after the verb."""
    found: list[Token] = []
    stack = [c for c in verb.children if c.i > verb.i and c.lower_ in SIDE_BY_SIDE]
    while stack:
        word = stack.pop()
        found.extend(prep_objects(word, prep))
        stack.extend(c for c in word.children if c.lower_ in SIDE_BY_SIDE)
    return found


def slot_tokens(ctx: DocContext, verb: Token, slot: str, passive_obj: list[Token] | None) -> list[Token]:
    if slot == "dobj":
        return dobjs(verb) or raised_objects(verb)
    if slot == "dative":
        found = [t for c in verb.children if c.dep_ == "dative" for t in conjuncts(c)]
        if not found:
            # "gave Kenya military aid": the parser can hang the receiver on the thing given
            found = [
                t
                for d in dobjs(verb)
                for t in d.children
                if t.dep_ == "nmod" and t.i < d.i and ctx.owner[t.i] >= 0
            ]
        return found
    if slot.startswith("prep:"):
        found = prep_objects(verb, slot[5:]) + idiom_partners(verb, slot[5:])
        # "discussed the proposal with Putin": the parser often hangs the phrase on the object.
        for obj in dobjs(verb):
            if ctx.owner[obj.i] < 0:
                found.extend(prep_objects(obj, slot[5:]))
                found.extend(t for c in counted(ctx, obj) for t in prep_objects(c, slot[5:]))
        if slot == "prep:against" and not found:
            # "fighting alongside Malian forces against Tuareg rebels": the parser hangs
            # the enemy on the ally
            for ally in prep_objects(verb, "alongside") + prep_objects(verb, "with"):
                found.extend(prep_objects(ally, "against"))
        return found
    if slot == "ccomp>attack":
        # "warned that Israel would keep attacking Hezbollah": the target of the threat;
        # "warned that X would face consequences / pay a price": X
        out: list[Token] = []
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for t in clause.subtree:
                senses = ctx.know.verbs.get(t.lemma_.lower(), [])
                if t.pos_ == "VERB" and any(s.type is RelationType.ATTACKED for s in senses):
                    out.extend(dobjs(t))
            if clause.lemma_.lower() in CONSEQUENCES and (
                clause.lemma_.lower() == "regret" or any(d.lemma_.lower() in PENALTIES for d in dobjs(clause))
            ):
                out.extend(t for s in clause.children if s.dep_ == "nsubj" for t in conjuncts(s))
        return out
    if slot.startswith("xcomp>"):
        inner = [c for c in verb.children if c.dep_ == "xcomp"]
        return [t for x in inner for t in slot_tokens(ctx, x, slot[len("xcomp>") :], None)]
    if slot.startswith("dobj>prep:"):
        heads = passive_obj if passive_obj is not None else dobjs(verb)
        prep = slot[len("dobj>prep:") :]
        # "a package of military aid for X": the phrase hangs on what the package holds
        heads = heads + [o for h in heads for o in prep_objects(h, "of") if ctx.owner[o.i] < 0]
        found = [o for h in heads for o in prep_objects(h, prep)]
        if not found and prep == "in":
            # "struck a school sheltering families in Gaza City": the place hangs on the
            # clause that describes the target
            found = [
                o
                for h in heads
                if ctx.owner[h.i] < 0
                for clause in h.children
                if clause.dep_ in ("acl", "relcl")
                for o in [
                    *prep_objects(clause, prep),
                    *(x for d in dobjs(clause) for x in prep_objects(d, prep)),
                ]
                if ctx.owner[o.i] >= 0
            ]
        return found
    return []


def ready_to_offer(ctx: DocContext, adjective: Token, sent: Span, attributed: int | None) -> None:
    """'X was ready to host talks between A and B' / 'willing to hold talks with Y' / 'ready
    for dialogue with Y': an offer, as 'offered to ...' is (never when denied or only hoped)."""
    be = adjective.head
    if is_negated(ctx, be) or is_irrealis(ctx, be):
        return
    subjects = [s for s in resolve_all(ctx, subjects_of(ctx, be), be) if ctx.mentions[s].kind in AGENTS]
    if not subjects:
        return
    topics = prep_objects(adjective, "for")  # "ready for dialogue with Y"
    slots = [
        [t for topic in topics for t in prep_objects(topic, "with")],
        slot_tokens(ctx, adjective, "xcomp>prep:with", None),
        slot_tokens(ctx, adjective, "xcomp>dobj>prep:with", None),
        slot_tokens(ctx, adjective, "xcomp>prep:between", None),
        slot_tokens(ctx, adjective, "xcomp>dobj>prep:between", None),
        topics + slot_tokens(ctx, adjective, "xcomp>dobj", None),
    ]
    for targets in slots:
        objects = [o for o in resolve_all(ctx, targets, be) if ctx.fits(o, OFFERABLE)]
        if objects:
            for s in subjects:
                for o in objects:
                    if o != s:
                        ctx.emit(
                            s, RelationType.OFFERED, o, sent, 0.7, attributed=attributed, trigger=adjective
                        )
            return
