"""Reading a clause: its subjects, voice, negation, modality and date phrase."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import EntityKind
from kg.nlp.knowledge import VerbSense
from kg.nlp.relations.context import DocContext
from kg.nlp.relations.syntax import conjuncts, prep_objects
from kg.nlp.relations.vocabulary import (
    COMMITTED,
    CONFLICT,
    DOCUMENTS,
    FRONTING_PREPOSITIONS,
    MAYBE,
    RELATIVE,
    SPEECH_ACTS,
    SUBJ,
)


def has_prep_for(ctx: DocContext, verb: Token, sense: VerbSense) -> bool:
    return any(t.lemma_.lower() in sense.needs_prep_for for t in prep_objects(verb, "for"))


def is_passive(ctx: DocContext, verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return True  # "X took the town, aided by Y": a participle with its agent
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def subjects_of(ctx: DocContext, verb: Token) -> list[Token]:
    """The grammatical subject(s) of a verb, looking through coordination and control."""
    cur = verb
    for _ in range(6):
        subj = [c for c in cur.children if c.dep_ in SUBJ]
        if len(subj) > 1:
            # "Chile's ally Peru hosted ...": the parser gives the verb two subjects; the
            # relation noun describes the name after it, which alone acts
            subj = [c for c in subj if not any(o.i == c.i + 1 for o in subj) or ctx.owner[c.i] >= 0]
            subj = fronted_phrase_dropped(subj)
        subj = [participle_subject(s) for s in subj]
        if subj:
            out = []
            for s in subj:
                if s.lower_ in RELATIVE and cur.dep_ == "relcl":
                    # "A and B, who have been mediating": the whole coordination.
                    top = cur.head
                    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN"):
                        top = top.head
                    act = violent_act_described(ctx, cur) if s.dep_ == "nsubj" else None
                    out.extend(
                        [act] if act is not None else conjuncts(top) if top is not cur.head else [cur.head]
                    )
                else:
                    out.extend(conjuncts(s))
            return out
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        if cur.dep_ in ("xcomp", "advcl") and cur.head.pos_ in ("VERB", "AUX", "ADJ"):
            controller = controlling_object(cur)
            if controller:
                return controller
            cur = cur.head
            continue
        if cur.dep_ == "acomp" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head  # "X is ready to ...": the copula's subject
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG":
            head = cur.head
            # "issued a joint statement calling on all sides": the issuer speaks
            if head.lemma_.lower() in DOCUMENTS and head.dep_ in ("dobj", "obj") and head.head is not head:
                return subjects_of(ctx, head.head)
            return [head]
        if cur.dep_ == "relcl":
            return [cur.head]
        owner = noun_owner(cur)
        if owner:
            return owner
        if committed_to(cur):
            cur = cur.head.head
            continue
        # "accused Rwanda of backing the rebels": the accused is who did the backing.
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
            objects = [c for c in cur.head.head.children if c.dep_ in ("dobj", "obj")]
            if objects:
                return conjuncts(objects[0])
        return misparsed_subject(ctx, cur)
    return []


def violent_act_described(ctx: DocContext, clause: Token) -> Token | None:
    """'ISIL's attacks in the town of X in Y Province, which killed scores of civilians': a
    relative clause of violence the parser hung on a place in an act's phrase describes the act."""
    senses = ctx.know.verbs.get(clause.lemma_.lower(), [])
    if clause.dep_ != "relcl" or not any(s.type in CONFLICT for s in senses):
        return None
    cur = clause.head
    for _ in range(4):
        owner = ctx.owner[cur.i]
        place = owner >= 0 and ctx.mentions[owner].kind in (EntityKind.LOCATION, EntityKind.COUNTRY)
        if not (place or cur.lemma_.lower() in ctx.know.place_anaphors) or cur.dep_ != "pobj":
            return None
        prep = cur.head
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "near", "at", "across", "around"):
            return None
        cur = prep.head
        if cur.lemma_.lower() in ctx.know.conflict_acts:
            return cur
    return None


def committed_to(verb: Token) -> bool:
    """'remains committed to supporting X', 'is dedicated to defending X': a gerund after a word
    of commitment's 'to' is the act of that word's subject."""
    prep = verb.head
    return (
        verb.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ == "to" and prep.head.lower_ in COMMITTED
    )


def noun_owner(verb: Token) -> list[Token]:
    """'reaffirms its commitment to support X', 'Kenya's decision to send troops': the subject of
    a noun's 'to' infinitive is the noun's possessor."""
    if verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ == "poss"]


def fronted_phrase_dropped(subjects: list[Token]) -> list[Token]:
    """'Near Mosul, five strikes engaged ...': of two subjects the parser gave a verb, one cut off
    by a comma before the other is a fronted phrase misread as a name ('Near' tagged a proper
    noun), not a subject."""
    doc = subjects[0].doc
    kept = [
        s
        for s in subjects
        if not any(
            o.i > s.i
            and (
                any(doc[k].text == "," for k in range(s.right_edge.i + 1, o.left_edge.i))
                or opens_with_preposition(s)
            )
            for o in subjects
        )
    ]
    return kept or subjects


def opens_with_preposition(subject: Token) -> bool:
    """'Near Palmyra, two strikes ...': a subject whose first word is a preposition the tagger
    read as part of a name (the comma after it hangs inside the phrase)."""
    first = subject.doc[subject.left_edge.i]
    return first.i < subject.i and first.pos_ == "PROPN" and first.lower_ in FRONTING_PREPOSITIONS


def controlling_object(verb: Token) -> list[Token]:
    """'assisting the Iraqi government to destroy X', 'persuaded Y to withdraw': the subject of
    a bare infinitive complement is the object of the verb it completes (object control)."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    objects = [c for c in verb.head.children if c.dep_ in ("dobj", "obj") and c.i < verb.i]
    return conjuncts(objects[0]) if objects else []


def participle_subject(subject: Token) -> Token:
    """'The Red Cross operating in Iraq said ...': the parser makes the participle of a reduced
    relative the subject and the noun before it the participle's; that noun is the subject."""
    if subject.pos_ != "VERB" or subject.tag_ != "VBG":
        return subject
    own = [c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i]
    return own[0] if own else subject


def speaker_of_conjoined_speech_act(ctx: DocContext, verb: Token, senses: list[VerbSense]) -> list[Token]:
    """'X said Y was collaborating with Z and accused W': the parser hangs "accused" on the
    reported clause; a speech act there is the speaker's."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJ for c in verb.children):
        return []
    if not any(s.type in SPEECH_ACTS for s in senses):
        return []
    top = verb.head
    while top.dep_ == "conj" and top.head is not top:
        top = top.head
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in ctx.know.reporting:
        return subjects_of(ctx, top.head)
    return []


def misparsed_subject(ctx: DocContext, verb: Token) -> list[Token]:
    """'According to an official, A and B have agreed ...': spaCy often makes "A" an
    apposition of "official" and leaves the verb without a subject."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            for obj in prep_objects(c, "to"):
                for appos in obj.children:
                    if appos.dep_ == "appos" and appos.i > obj.i and ctx.owner[appos.i] != -1:
                        return conjuncts(appos)
    return []


def is_irrealis(ctx: DocContext, verb: Token) -> bool:
    cur = verb
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head
    if cur.dep_ in ("xcomp", "acl") and cur.head.lemma_.lower() in ctx.know.irrealis:
        return True  # "urged X to ...", "its bid to join the EU"
    # "did not say whether his government would negotiate with X": an open question
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in cur.children):
        return True
    if is_for_clause(cur):
        return True  # "pushing for the US to support the plan": what someone is to do
    # "Chad could/may/might strike Libya": a possibility, not an event
    return any(c.dep_ == "aux" and c.lower_ in ctx.know.irrealis | MAYBE for c in verb.children)


def is_for_clause(verb: Token) -> bool:
    """'(pressed) for the US to support the plan': a clause of what its own subject is to do,
    marked "for"; never done in the sentence."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and any(
        c.dep_ in SUBJ for c in verb.children
    )


def is_negated(ctx: DocContext, verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    cur = verb
    for _ in range(4):
        if cur.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "advcl") and cur.head is not cur:
            cur = cur.head
            if cur.lemma_.lower() in ctx.know.negators:
                # "X accuses Y of ..., a charge Z denies": the denial has its own object
                # (possibly a speech act named before its subject: the parser made the
                # afterthought the main clause)
                acts = ctx.know.speech_acts
                return not any(
                    c.dep_ in ("dobj", "obj")
                    or (c.dep_ in SUBJ and any(g.lemma_.lower() in acts for g in c.lefts))
                    for c in cur.children
                )
            if cur.pos_ == "NOUN" and cur.head.lemma_.lower() in ctx.know.negators:
                return True
        else:
            break
    return False


def date_phrase(ctx: DocContext, verb: Token, sent: Span) -> Span | None:
    """The date phrase of the sentence that hangs on the verb, else the sentence's only one."""
    dates = ctx.dates.get(sent.start, [])
    if not dates:
        return None
    for e in dates:
        cur = e.root
        for _ in range(4):
            # spaCy makes a new Token object on every access: compare positions
            if cur.i == verb.i:
                return e
            if cur.head.i == cur.i:
                break
            cur = cur.head
    return dates[0] if len(dates) == 1 else None


def appointed_title(ctx: DocContext, verb: Token) -> Token | None:
    """The title an appointing verb gives ('appointed X as foreign minister', 'named X its new
    foreign minister', 'was sworn in as president'): its head noun, when it is a known title."""
    if verb.lemma_.lower() not in ctx.know.appointing:
        return None
    nouns = [o for p in ctx.know.appointing_preps for o in prep_objects(verb, p)]
    nouns += [c for c in verb.children if c.dep_ in ("oprd", "attr") and c.pos_ == "NOUN"]
    nouns += [
        o
        for c in verb.children
        if c.dep_ == "prt"
        for p in ctx.know.appointing_preps
        for o in prep_objects(c, p)
    ]
    for noun in nouns:
        words = [c.lower_ for c in noun.lefts if c.dep_ in ("compound", "amod")] + [noun.lower_]
        if any(" ".join(words[i:]) in ctx.know.titles for i in range(len(words))):
            return noun
    return None
