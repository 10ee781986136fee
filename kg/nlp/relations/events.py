"""Events read with the CAMEO verb dictionary: a coded verb's subjects and targets, typed by its
code and carrying the code's PLOVER category, combined with the coded verb it governs ("agreed
to withdraw", "urged X to release") or with an intent it expresses ("will impose sanctions").

The verb lexicon's rules run first; a verb they read a relation between actors from keeps it
(its category refined by the verb's code where the two agree), any other coded verb is read here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import EntityKind, Plover, RelationType
from kg.nlp.relations.clauses import (
    appointed_title,
    date_phrase,
    is_for_clause,
    is_irrealis,
    is_negated,
    is_passive,
    subjects_of,
)
from kg.nlp.relations.codes import Codes, Meaning, VerbCode, code_of_verb, object_nouns
from kg.nlp.relations.context import DocContext, RawRelation
from kg.nlp.relations.resolve import named_leader, reported_by, resolve_all
from kg.nlp.relations.syntax import conjuncts, dobjs, passive_agents, prep_objects
from kg.nlp.relations.verbs import slot_tokens
from kg.nlp.relations.vocabulary import (
    ACTOR,
    AGENTS,
    CONFLICT,
    DOCUMENTS,
    FEMALE,
    HELP_NOUNS,
    MALE,
    MAYBE,
    NEUTER,
    PLACES,
    PLURAL,
    SUBJ,
)

INTENT = "intent"
_GOVERNED = ("xcomp", "ccomp")
# What a coded event may be done to: actors, and places standing for their authorities.
_TARGETS = ACTOR
# Where a target phrase is searched for the actor it names: its modifiers and prepositional
# phrases (which prepositions: cameo.toml [targets] phrase_prepositions), not another clause;
# as deep as two prepositional phrases ("the request for the release of prisoners from X").
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "prep", "pobj"})
_PHRASE_DEPTH = 4
OWN = frozenset({"its", "their", "his", "her", "our"})
# Who is received as a guest (a country welcomed is a visit to it, or its delegation's).
_GUESTS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.GROUP})
_DEMANDS = frozenset({RelationType.URGED, RelationType.REQUESTED_AID, RelationType.THREATENED})
# Types whose coordinated subjects, with no target, act on each other ("A and B agreed to ...").
_RECIPROCAL = frozenset(
    {RelationType.AGREED_TO, RelationType.CONSULTED, RelationType.MET, RelationType.COOPERATED}
)


def sentence_codes(ctx: DocContext, sent: Span) -> dict[int, VerbCode]:
    """The CAMEO reading of every verb of a sentence, each verb read once."""
    codes = ctx.codes
    if codes is None:
        return {}
    found: dict[int, VerbCode] = {}
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass") and not is_preposition_use(tok):
            reading = code_of_verb(codes, tok)
            if reading is not None:
                found[tok.i] = reading
    return found


def is_preposition_use(verb: Token) -> bool:
    """A verb form used as a preposition ('according to a report', 'following the talks'): no
    act of its own."""
    return verb.dep_ == "prep"


def is_complement(verb: Token) -> bool:
    """A clause another verb governs: its complement ('agreed to withdraw', 'said it would
    attack') or its purpose ('staged a strike to demand ...')."""
    if verb.dep_ in _GOVERNED:
        return True
    if verb.dep_ == "advcl" and is_for_clause(verb):
        return True  # "pressed for the US to support the plan"
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def governing_verb(verb: Token, coded: dict[int, VerbCode]) -> Token | None:
    """The coded verb whose complement this verb is: 'urged X to withdraw' -> urged."""
    if is_complement(verb) and verb.head.i != verb.i and verb.head.i in coded:
        return verb.head
    return None


def is_intended(codes: Codes, verb: Token) -> bool:
    """'will attack', 'plans to impose', 'is ready to withdraw': intended, not yet done."""
    if any(c.dep_ == "aux" and c.lower_ in codes.intent_auxiliaries for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in codes.aspect_heads and verb.head.i != verb.i:
        return is_intended(codes, verb.head)  # "prepared to resume shelling": intended still
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in codes.intent_heads


def is_hypothetical(ctx: DocContext, verb: Token, coded: dict[int, VerbCode]) -> bool:
    """'could strike', 'could consider sending', 'whether it would negotiate', 'hopes to join',
    'an agreement to increase trade': not said to happen."""
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in MAYBE for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            break
        cur = cur.head
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children) or is_for_clause(verb):
        return True
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True  # "an agreement to increase trade", "plans to attack": the content of a noun
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "acl")
        and head.lemma_.lower() in ctx.know.irrealis
        and head.i not in coded
        and ctx.codes is not None
        and head.lemma_.lower() not in ctx.codes.intent_heads
    )


def combined(codes: Codes, outer: Plover | str, inner: Plover) -> tuple[Plover, Meaning | None] | None:
    """The first combination rule for an outer category (or intent) over an inner one."""
    for rule in codes.combinations:
        if str(outer) in rule.outer and ("*" in rule.inner or inner.value in rule.inner):
            return rule.category, None if rule.type is None else Meaning("", rule.type, rule.category)
    return None


def is_main_clause(ctx: DocContext, verb: Token) -> bool:
    """The sentence's own news: its main verb (or one coordinated with it), or the main verb of
    what it reports ('X said Y had attacked Z'); a subordinate clause is background."""
    cur = verb
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "ROOT" or is_participle_misread_as_root(cur):
        return True
    if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in ctx.know.reporting:
        return is_main_clause(ctx, cur.head)
    issuer = document_issuer(cur)
    if issuer is not None:
        return is_main_clause(ctx, issuer)
    intender = intending_clause(ctx, cur)
    return intender is not None and is_main_clause(ctx, intender)


def is_participle_misread_as_root(verb: Token) -> bool:
    """'Newly appointed Prime Minister X has refused ...': the parser makes the opening participle
    the root and the sentence its complement; a subjectless, auxiliary-less participle root
    before the clause's own subject is no clause of its own."""
    root = verb.head
    if verb.dep_ != "ccomp" or root.dep_ != "ROOT" or root.tag_ != "VBN" or root.i > verb.i:
        return False
    if any(c.dep_ in SUBJ or c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    return any(c.dep_ in SUBJ and c.i > root.i for c in verb.children)


def document_issuer(verb: Token) -> Token | None:
    """The verb that issued the document a participle describes: 'issued a declaration
    demanding ...' -> issued (the declaration's act is the issuer's news)."""
    document = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or document.lemma_.lower() not in DOCUMENTS:
        return None
    if document.dep_ not in ("dobj", "obj") or document.head.i == document.i:
        return None
    return document.head


def intending_clause(ctx: DocContext, verb: Token) -> Token | None:
    """The clause that says an act is intended or under way: 'X is ready to contribute' -> is,
    'plans to impose' -> plans, 'continued to fire' -> continued (a head of intent or aspect,
    adjective or verb); None for any other complement."""
    codes = ctx.codes
    if codes is None or verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return None
    head = verb.head
    if head.lemma_.lower() not in codes.intent_heads | codes.aspect_heads:
        return None
    if head.dep_ == "acomp" and head.head.i != head.i:
        return head.head  # "is ready to", "are willing to": the copula's clause
    return head if head.pos_ in ("VERB", "AUX") else None


def is_demanded(ctx: DocContext, verb: Token) -> bool:
    """'ordered him to withdraw', 'asked X to prepare': an act asked of someone, not done."""
    if verb.dep_ != "xcomp":
        return False
    senses = ctx.know.verbs.get(verb.head.lemma_.lower(), [])
    return any(s.type in _DEMANDS for s in senses)


def event_of(ctx: DocContext, verb: Token, coded: dict[int, VerbCode]) -> tuple[Meaning, Token | None] | None:
    """The event a coded verb makes, with the coded verb it governs that makes it with it."""
    codes = ctx.codes
    if codes is None or verb.i not in coded:
        return None
    event = coded[verb.i].meaning
    inner: Token | None = None
    for child in verb.children:
        if is_complement(child) and child.i in coded:
            rule = combined(codes, event.plover, coded[child.i].meaning.plover)
            if rule is not None:
                category, typed = rule
                event = Meaning(event.code, typed.type if typed else event.type, category)
                inner = child
                break
    denial = verb.lemma_.lower() in codes.denials
    if denial and any(is_complement(c) or c.dep_ == "pcomp" for c in verb.children):
        return None  # "denied supporting the rebels": a fact denied, no act between the two
    if inner is None and event.plover in codes.absorbing:
        # "threatened to cut off electricity to X": the target is in the clause it governs
        inner = next((c for c in verb.children if is_complement(c)), None)
    if is_intended(codes, verb) and event.plover not in codes.intent_keeps:
        rule = combined(codes, INTENT, event.plover)
        if rule is not None:
            category, typed = rule
            event = Meaning(event.code, typed.type if typed else event.type, category)
    return event, inner


def event_targets(ctx: DocContext, verb: Token) -> list[Token]:
    """Who a coded verb acts on: its objects, its prepositional objects, its passive subject."""
    codes = ctx.codes
    assert codes is not None
    # "strengthened its forces", "withdrew their support": its own belongings, not a target
    objects = [o for o in dobjs(verb) if not any(c.dep_ == "poss" and c.lower_ in OWN for c in o.children)]
    found = objects + [t for c in verb.children if c.dep_ == "dative" for t in conjuncts(c)]
    found += [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in codes.target_preps and not is_help(child):
            found += [t for o in child.children if o.dep_ in ("pobj", "pcomp") for t in conjuncts(o)]
    for obj in objects:
        for prep in codes.object_preps:
            found += prep_objects(obj, prep)
    return found


def has_mutual_object(verb: Token) -> bool:
    """'A and B upgraded their ties', 'restored their relations': the object is theirs together,
    so a cooperative act with no other target is done to each other."""
    return any(c.dep_ == "poss" and c.lower_ == "their" for o in dobjs(verb) for c in o.children)


def is_help(prep: Token) -> bool:
    """'with the help of X', 'with support from X': help the act was done with, not its target."""
    return prep.lower_ == "with" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in HELP_NOUNS for o in prep.children
    )


def opposed(ctx: DocContext, verb: Token) -> set[int]:
    """Who an act is against ('united against X', 'joined forces against X'): the objects of an
    opposing preposition on the verb or its object; never the partner of a cooperative act."""
    codes = ctx.codes
    assert codes is not None
    return {
        t.i
        for head in [verb, *dobjs(verb)]
        for prep in codes.opposing_prepositions
        for o in prep_objects(head, prep)
        for t in conjuncts(o)
    }


def topics(ctx: DocContext, verb: Token) -> set[int]:
    """What the knowledge an act passes on is about ('shared intelligence on X', 'exchanged
    information about X'): never the act's target."""
    codes = ctx.codes
    assert codes is not None
    return {
        t.i
        for obj in dobjs(verb)
        if obj.lemma_.lower() in codes.topic_nouns
        for prep in codes.topic_prepositions
        for o in prep_objects(obj, prep)
        for t in conjuncts(o)
    }


def stance_targets(ctx: DocContext, verb: Token) -> list[Token]:
    """Whom an act is done against when its object names no one: 'staged a hunger strike in
    protest against X', 'in retaliation for X's raids' (which nouns: cameo.toml stance_nouns)."""
    codes = ctx.codes
    assert codes is not None
    found: list[Token] = []
    for head in [verb, *dobjs(verb)]:
        for stance in prep_objects(head, "in"):
            if stance.lemma_.lower() in codes.stance_nouns:
                found += [t for prep in codes.object_preps for t in prep_objects(stance, prep)]
    return found


def conditional_targets(ctx: DocContext, verb: Token) -> list[Token]:
    """Whom a threat is aimed at when its act names no one: the named subject of the condition
    it is made on ('threatened to close the strait if X imposes sanctions' -> X)."""
    codes = ctx.codes
    assert codes is not None
    clauses = [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in codes.conditional_marks for m in c.children)
    ]
    return [t for c in clauses for t in own_subjects(ctx, c)]


def place_targets(ctx: DocContext, verb: Token) -> list[Token]:
    """Where an act done to a place is done: 'lifted the curfew in X', 'its forces in X'."""
    codes = ctx.codes
    assert codes is not None
    heads = [verb, *dobjs(verb), *when_clauses(verb)]
    return [t for h in heads for prep in codes.place_preps for t in prep_objects(h, prep)]


def when_clauses(verb: Token) -> list[Token]:
    """The clauses that say when an act was done, describing the same act: 'killed 23 people
    when they blew themselves up in X'."""
    return [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(w.dep_ == "advmod" and w.lower_ == "when" for w in c.children)
    ]


def destinations(ctx: DocContext, verb: Token) -> set[int]:
    """Where someone went back to or came back from ('refugees returned to Syria from Turkey'):
    places, never a party to the return (cameo.toml returning_verbs; none with an object)."""
    codes = ctx.codes
    assert codes is not None
    returning = verb.lemma_.lower() in codes.returning_verbs or any(
        c.dep_ in ("prt", "advmod") and c.lower_ in codes.returning_particles for c in verb.children
    )
    if not returning or dobjs(verb):
        return set()
    return {t.i for prep in codes.destination_preps for t in prep_objects(verb, prep)}


def venues(ctx: DocContext, verb: Token, event: Meaning) -> set[int]:
    """Where a meeting with a guest the act names was held ('welcomed Kim to the Kremlin',
    'hosted Scholz in Paris'): the venue, never a second party (cameo.toml venue_categories)."""
    codes = ctx.codes
    assert codes is not None
    if event.plover not in codes.venue_categories:
        return set()
    guests = [o for o in resolve_all(ctx, dobjs(verb), verb) if ctx.mentions[o].kind in _GUESTS]
    if not guests:
        return set()
    return {t.i for prep in codes.venue_preps for t in prep_objects(verb, prep)}


def place_of_act(ctx: DocContext, acting_verbs: list[Token], subjects: list[int]) -> list[int]:
    """Where an act done to a place is done: the first of the acting verbs that names a place
    ('lifted the curfew in X', 'blocked roads in X')."""
    for acting in acting_verbs:
        went = destinations(ctx, acting)
        places = [
            t
            for t in resolve_all(ctx, [p for p in place_targets(ctx, acting) if p.i not in went], acting)
            if ctx.mentions[t].kind in PLACES and t not in subjects
        ]
        if places:
            return places
    return []


def lexicon_targets(ctx: DocContext, inner: Token, subjects: list[int]) -> list[int]:
    """Whom a governed act is done to where the verb lexicon read it ('refused to deploy
    peacekeepers in Iraq': Iraq, not the peacekeepers sent): the actors of its own slots."""
    return [
        r.object
        for r in ctx.by_trigger.get(inner.i, [])
        if ctx.mentions[r.object].kind in _TARGETS and r.object not in subjects
    ]


def event_subjects(ctx: DocContext, verb: Token) -> list[Token]:
    """Who does it: the subject (through coordination and control), or a passive's agent (also
    of a bare participle: 'expected to be joined by X')."""
    participle = (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl", "amod")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )
    if participle or is_passive(ctx, verb):
        return passive_agents(verb)
    return subjects_of(ctx, verb)


def reported_pronoun(ctx: DocContext, tok: Token) -> int | None:
    """'Japan said it had halted aid', 'the rebels said they would boycott': the subject
    pronoun of reported speech stands for the speaker, when it agrees with the speaker's kind."""
    if tok.pos_ != "PRON" or tok.dep_ not in SUBJ:
        return None
    speaker = reported_by(ctx, tok.head)
    if speaker is None:
        return None
    lower, kind = tok.lower_, ctx.mentions[speaker].kind
    if lower in MALE or lower in FEMALE:
        return speaker if kind is EntityKind.PERSON else None
    if lower in NEUTER or lower in PLURAL or lower == "we":
        return speaker if kind is not EntityKind.PERSON and kind in AGENTS else None
    return None


def actor_in_phrase(ctx: DocContext, tok: Token) -> list[Token]:
    """'conceded to demands from UNITA', 'agreed to US mediation', 'rejected an offer from
    Afghanistan': the first actor named inside a target phrase (nearest first, not in a clause
    of its own), with its conjuncts."""
    own = event_leader(ctx, tok)
    if own is not None:
        return [ctx.doc[ctx.mentions[own].end - 1]]  # "sent troops to the Saudi-led war"
    frontier = [tok]
    for _ in range(_PHRASE_DEPTH):
        found: list[Token] = []
        for cur in frontier:
            found += [c for c in cur.children if c.dep_ in _PHRASE_DEPS and not ends_phrase(ctx, c)]
        found.sort(key=lambda t: t.i)
        for t in found:
            owner = ctx.owner[t.i]
            if owner >= 0 and t.pos_ != "PRON" and ctx.mentions[owner].kind in _TARGETS:
                return conjuncts(t)
        leaders = [m for cur in frontier for c in cur.children if (m := event_leader(ctx, c)) is not None]
        if leaders:
            return [ctx.doc[ctx.mentions[leaders[0]].end - 1]]
        frontier = found
    return []


def event_leader(ctx: DocContext, tok: Token) -> int | None:
    """The actor leading an event a target phrase names, where the search stops ('assistance
    to the US-led war against X': the US)."""
    owner = ctx.owner[tok.i]
    if tok.dep_ not in _PHRASE_DEPS or owner < 0 or ctx.mentions[owner].kind is not EntityKind.EVENT:
        return None
    return named_leader(ctx, tok)


def own_subjects(ctx: DocContext, verb: Token) -> list[Token]:
    """The named subjects a clause has of its own ('demanded that the US cancel ...'), not the
    ones it shares with the verb that governs it."""
    return [t for c in verb.children if c.dep_ == "nsubj" for t in conjuncts(c) if is_named(ctx, t)]


def is_mandative(ctx: DocContext, verb: Token, demanded: bool = False) -> bool:
    """A clause that says what someone is to do: 'that the US cancel' (a bare verb), 'that
    Israel must ease', not what someone did or will do ('that Georgia remained', 'would use');
    under a demand also a present form ('demanded that Israel withdraws': the parser's VBZ/VBP
    for a subjunctive)."""
    codes = ctx.codes
    assert codes is not None
    if is_for_clause(verb):
        return True  # "pressed for the US to support ..."
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return any(a in codes.obligations for a in auxiliaries)
    return verb.tag_ == "VB" or (demanded and verb.tag_ in ("VBZ", "VBP"))


def obligations(ctx: DocContext, sent: Span, attributed: int | None) -> None:
    """'X said Y must withdraw', 'X declared that Y should pay': a statement of what another
    must do is a demand of the speaker on that other (CAMEO 10: demand)."""
    codes = ctx.codes
    if codes is None:
        return
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ == "aux" and c.lower_ in codes.obligations for c in verb.children
        ):
            continue
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        speaking = clause.head
        if (
            clause.dep_ != "ccomp"
            or speaking.lemma_.lower() not in ctx.know.reporting | codes.obligation_heads
        ):
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            continue  # "X should be punished": a verdict, not a demand on X
        speakers = [t for t in subjects_of(ctx, speaking) if is_named(ctx, t)]
        sources = [s for s in resolve_all(ctx, speakers, speaking) if ctx.mentions[s].kind in AGENTS]
        obliged = [
            o
            for o in resolve_all(ctx, own_subjects(ctx, verb), verb)
            if ctx.mentions[o].kind in _TARGETS and o not in sources
        ]
        ctx.emit_pairs(
            [(s, o) for s in sources for o in obliged],
            RelationType.URGED,
            sent,
            0.6,
            attributed=attributed,
            negated=is_negated(ctx, speaking),
            date=date_phrase(ctx, speaking, sent),
            trigger=speaking,
            plover=Plover.DEMAND,
            coded=True,
        )


def purpose_clauses(verb: Token) -> list[Token]:
    """What an act is done for, where its target is named: 'opened fire to disperse the
    demonstrators', 'sent troops to help the government'."""
    return [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


def accompanying_clauses(verb: Token) -> list[Token]:
    """What a protest is made with, where its target is named: 'demonstrated in Kirkuk calling
    for independence from Iraq', 'marched, demanding the minister's resignation'."""
    return [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]


def searched_phrases(ctx: DocContext, verb: Token, candidates: list[Token]) -> list[Token]:
    """The target phrases searched for an actor: a titled person the verb acts on ('met the
    president of X', 'complimented the minister on Y') alone, when there is one."""
    titled = [o for o in dobjs(verb) if o.lemma_.lower() in ctx.know.titles]
    return titled or candidates


def ends_phrase(ctx: DocContext, tok: Token) -> bool:
    """Where the search for a target inside a phrase stops: at an event named in it ('a
    proposal for a ceasefire between X and Y': the ceasefire's parties), at a preposition that
    names no party ('a statement on X', 'the fight against X'), and at a place other than a
    country ('partners in the Indo-Pacific'; 'activities in Israel' reaches Israel), and at the
    place of a violent act ('condemned the bombing in X': where, not whom)."""
    codes = ctx.codes
    assert codes is not None
    owner = ctx.owner[tok.i]
    if owner >= 0 and ctx.mentions[owner].kind is EntityKind.EVENT:
        return True
    if tok.dep_ != "prep":
        return False
    if tok.lower_ in codes.place_preps:
        if is_scene(ctx, tok.head):
            return True
        return not any(
            o.dep_ == "pobj"
            and ctx.owner[o.i] >= 0
            and ctx.mentions[ctx.owner[o.i]].kind is EntityKind.COUNTRY
            for o in tok.children
        )
    return tok.lower_ not in codes.phrase_preps


def taken_from(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'recaptured the town from the rebels', 'liberated X from ISIL control': ground taken from
    someone is taken by fighting them (cameo.toml taking_verbs; the object must be a place)."""
    codes = ctx.codes
    if codes is None or is_negated(ctx, verb) or is_irrealis(ctx, verb):
        return
    places = [
        o
        for o in dobjs(verb)
        if (ctx.owner[o.i] >= 0 and ctx.mentions[ctx.owner[o.i]].kind in PLACES)
        or o.lemma_.lower() in ctx.know.place_anaphors
    ]
    if not places:
        return
    sources = prep_objects(verb, "from") + [t for o in places for t in prep_objects(o, "from")]
    found = [t for t in sources if is_named(ctx, t) and ctx.owner[t.i] >= 0]
    found += [t for s in sources if ctx.owner[s.i] < 0 for t in actor_in_phrase(ctx, s)]
    held = [o for o in resolve_all(ctx, found, verb) if ctx.mentions[o].kind in ACTOR]
    named = [t for t in event_subjects(ctx, verb) if is_named(ctx, t)]
    takers = [s for s in resolve_all(ctx, named, verb) if ctx.mentions[s].kind in AGENTS]
    ctx.emit_pairs(
        [(s, o) for s in takers for o in held if o not in takers],
        RelationType.FOUGHT,
        sent,
        0.6,
        attributed=attributed,
        date=date_phrase(ctx, verb, sent),
        trigger=verb,
        plover=Plover.ASSAULT,
        coded=True,
    )


def is_joint_act(codes: Codes, verb: Token) -> bool:
    """'held war games', 'launched ten days of naval exercises': a verb holding an act several
    parties do together (cameo.toml [joint] acts, the head's compounds before it)."""
    if verb.lemma_.lower() not in codes.light_verbs:
        return False
    for noun in object_nouns(verb, codes.partitives):
        head = noun[0]
        words = tuple(c.lemma_.lower() for c in head.children if c.dep_ == "compound" and c.i < head.i)
        words += (head.lemma_.lower(),)
        if any(words[len(words) - len(act) :] == act for act in codes.joint_acts):
            return True
    return False


def joint_act(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'French and Egyptian warships launched war games', 'A and B held naval drills': an act
    several named parties hold together is cooperation between them (CAMEO 062)."""
    codes = ctx.codes
    if codes is None or not is_joint_act(codes, verb) or is_negated(ctx, verb) or is_irrealis(ctx, verb):
        return
    if is_passive(ctx, verb) or not is_main_clause(ctx, verb):
        return
    named = [t for t in event_subjects(ctx, verb) if is_named(ctx, t)]
    sides = [s for s in resolve_all(ctx, named, verb) if ctx.mentions[s].kind in AGENTS]
    if len({ctx.mentions[s].key for s in sides}) < 2:
        return
    date = date_phrase(ctx, verb, sent)
    ctx.emit_pairs(
        [(s, o) for s in sides for o in sides],
        RelationType.COOPERATED,
        sent,
        0.6,
        attributed=attributed,
        date=date,
        trigger=verb,
        plover=Plover.COOPERATE,
        coded=True,
    )


def is_yielding(ctx: DocContext, verb: Token) -> bool:
    """A verb of handing something over, with its particle: 'handed over', 'turned over' (cameo.toml
    yielding_verbs)."""
    codes = ctx.codes
    return codes is not None and any(
        (verb.lemma_.lower(), c.lower_) in codes.yielding_verbs
        for c in verb.children
        if c.dep_ in ("prt", "advmod", "prep")
    )


def handed_over(ctx: DocContext, verb: Token, sent: Span, attributed: int | None) -> None:
    """'rebels handed over three villages to the army', 'turned over control of the city to X':
    ground handed over to someone is conceded to them (the object a place, or a ground noun)."""
    codes = ctx.codes
    if codes is None or is_irrealis(ctx, verb) or is_passive(ctx, verb):
        return
    ground = [
        o
        for o in dobjs(verb)
        if (ctx.owner[o.i] >= 0 and ctx.mentions[ctx.owner[o.i]].kind in PLACES)
        or o.lemma_.lower() in codes.ground_nouns
    ]
    if not ground:
        return
    receivers = prep_objects(verb, "to") + [t for o in ground for t in prep_objects(o, "to")]
    held = [o for o in resolve_all(ctx, receivers, verb) if ctx.mentions[o].kind in ACTOR]
    givers = [s for s in resolve_all(ctx, event_subjects(ctx, verb), verb) if ctx.mentions[s].kind in AGENTS]
    ctx.emit_pairs(
        [(s, o) for s in givers for o in held if o not in givers],
        RelationType.CONCEDED,
        sent,
        0.6,
        attributed=attributed,
        negated=is_negated(ctx, verb),
        date=date_phrase(ctx, verb, sent),
        trigger=verb,
        plover=Plover.CONCEDE,
        coded=True,
    )


def is_scene(ctx: DocContext, noun: Token) -> bool:
    """An act whose place is only where it happened ('the bombing in X', 'attacks in X'): a
    violent act of cameo.toml scene_nouns or a conflict noun of the lexicon's nominal senses."""
    assert ctx.codes is not None
    lemma = noun.lemma_.lower()
    sense = ctx.know.nominal.get(lemma)
    return lemma in ctx.codes.scene_nouns or (sense is not None and sense.type in CONFLICT)


def is_named(ctx: DocContext, tok: Token) -> bool:
    """An argument the clause names ('Russia', 'Serb forces', 'the Russian army'), not one only
    a pronoun or a bare definite noun points back to ('she', 'the army'): the dictionary coder
    does not guess who."""
    if tok.pos_ == "PRON":
        return False
    if ctx.owner[tok.i] >= 0:
        return True
    modifiers = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod", "appos")]
    modifiers += [o for p in ("of", "from", "in") for o in prep_objects(tok, p)]
    if named_leader(ctx, tok) is not None:
        return True
    return any(ctx.owner[c.i] >= 0 and c.pos_ != "PRON" for c in modifiers)


def refine(ctx: DocContext, verb: Token, event: Meaning) -> Meaning | None:
    """Give the verb lexicon's relations of this verb the code's category where it fits their
    type. None when the lexicon read nothing from the verb; else the event as the lexicon typed
    it (its relations' type, the code's category where it fits), for the reciprocal reading."""
    assert ctx.codes is not None
    read: list[RawRelation] = ctx.by_trigger.get(verb.i, [])
    if not read:
        return None
    fits = event.plover in ctx.codes.compatible.get(read[0].type, frozenset())
    for relation in read:
        if relation.plover is None and event.plover in ctx.codes.compatible.get(relation.type, frozenset()):
            relation.plover = event.plover
    return Meaning(event.code, read[0].type, event.plover if fits else read[0].type.plover or event.plover)


def lexicon_declined(ctx: DocContext, verb: Token, event: Meaning) -> bool:
    """The verb lexicon has a reading of the code's type and made nothing of an actor the event
    would take ('hosts troops from X' is no meeting); for an act on a proposal only an actor in
    the lexicon's own slots counts ('rejected a proposal from X': X was never offered to it);
    an object the lexicon's reading avoids declines it too ('hosted Russian nuclear weapons')."""
    assert ctx.codes is not None
    every_sense = ctx.know.verbs.get(verb.lemma_.lower(), [])
    senses = [s for s in every_sense if s.type is event.type]
    objects = {o.lemma_.lower() for o in dobjs(verb)}
    objects |= {  # and the common nouns before a name ("U.S. ships USS Hopper")
        c.lemma_.lower() for o in dobjs(verb) for c in o.children if c.dep_ == "compound" and c.pos_ == "NOUN"
    }
    if any(s.avoid_dobj & objects for s in senses):
        return True
    if every_sense and all(s.avoid_dobj & objects for s in every_sense):
        return True  # no reading of the verb takes this object: "joining U.S. ships" is no act on them
    if event.plover in ctx.codes.proposal_categories:
        passive = [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
        seen = passive + [t for s in senses for slot in s.objects for t in slot_tokens(ctx, verb, slot, None)]
    else:
        seen = event_targets(ctx, verb)
    return bool(senses) and any(
        ctx.owner[t.i] >= 0 and ctx.mentions[ctx.owner[t.i]].kind in _TARGETS for t in seen
    )


def coded_events(ctx: DocContext, sent: Span, attributed: int | None) -> None:
    """Relations of the coded verbs of a sentence the verb lexicon did not read."""
    if ctx.codes is None:
        return
    coded = sentence_codes(ctx, sent)
    events = {i: event_of(ctx, ctx.doc[i], coded) for i in sorted(coded)}
    for index, found in events.items():
        verb = ctx.doc[index]
        if found is not None and found[0].plover is Plover.SUPPORT and is_demanded(ctx, verb):
            advocated(ctx, verb, sent, attributed)
        outer = governing_verb(verb, coded)
        governed = events.get(outer.i) if outer is not None else None
        if governed is not None and governed[1] is not None and governed[1].i == index:
            continue  # read with the verb that governs it
        if found is None or is_hypothetical(ctx, verb, coded) or is_demanded(ctx, verb):
            continue
        if coded[index].specificity == 0 and any(
            c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
        ):
            continue  # "served as interim president": a role held, not an act
        if appointed_title(ctx, verb) is not None:
            continue  # "appointed X as foreign minister": a post given (structure), no act between them
        if not is_main_clause(ctx, verb) and not (outer is not None and is_main_clause(ctx, outer)):
            continue  # background: a relative or adverbial clause, a participle
        event, inner = found
        lexicon = refine(ctx, verb, event)
        if lexicon is None and event.type in ctx.codes.unannotated:
            continue
        if lexicon is None:
            # A reading the verb lexicon declined for the objects it saw was declined on purpose
            # ("hosts troops" is no meeting); the dictionary adds other readings and what the
            # lexicon does not model: the clause it governs ("agreed to undertake exercises").
            if inner is None and lexicon_declined(ctx, verb, event):
                continue
            emit_event(ctx, verb, inner, event, sent, attributed)
        elif all(ctx.mentions[r.object].kind is EntityKind.EVENT for r in ctx.by_trigger[verb.i]):
            if lexicon.plover in ctx.codes.proposal_categories:
                # "rejected a Senegalese peace plan", "accepted a ceasefire with X": the actor
                # the proposal names, or the parties to each other
                emit_event(ctx, verb, None, lexicon, sent, attributed)
            elif lexicon.plover in ctx.codes.conditional_categories:
                # "threatened to halt the talks if X goes ahead": the one the condition names
                emit_event(ctx, verb, inner, lexicon, sent, attributed)
            elif lexicon.type is RelationType.AGREED_TO:
                # "A and B agreed to a ceasefire", "signed a treaty": the parties, to each other
                emit_event(ctx, verb, None, lexicon, sent, attributed, reciprocal_only=True)


def advocated(ctx: DocContext, support: Token, sent: Span, attributed: int | None) -> None:
    """'urged the EC to support the PLO', 'called on X to back Y': asking another to support
    someone is the asker's own support for them (the asked one is not supported; only the
    actor the act is done to, not one its object's phrase names: 'to respect the rights of X')."""
    asking = support.head
    if not is_main_clause(ctx, asking) or is_hypothetical(ctx, asking, {}):
        return
    named = [t for t in event_subjects(ctx, asking) if is_named(ctx, t)]
    askers = [s for s in resolve_all(ctx, named, asking) if ctx.mentions[s].kind in AGENTS]
    asked = {t.i for t in dobjs(asking)}
    candidates = [t for t in dobjs(support) if t.i not in asked and ctx.owner[t.i] >= 0]
    supported = [
        o
        for o in resolve_all(ctx, candidates, support)
        if ctx.mentions[o].kind in _TARGETS and o not in askers
    ]
    ctx.emit_pairs(
        [(s, o) for s in askers for o in supported],
        RelationType.SUPPORTED,
        sent,
        0.5,
        attributed=reported_by(ctx, asking) if attributed is None else attributed,
        negated=is_negated(ctx, asking),
        date=date_phrase(ctx, asking, sent),
        trigger=support,
        plover=Plover.SUPPORT,
        coded=True,
    )


def emit_event(
    ctx: DocContext,
    verb: Token,
    inner: Token | None,
    event: Meaning,
    sent: Span,
    attributed: int | None,
    *,
    reciprocal_only: bool = False,
) -> None:
    """Emit a coded event between its subjects and targets (the governed verb's, when the verb
    has none); coordinated subjects with no target act on each other ('A and B agreed to ...')."""
    found = event_subjects(ctx, verb)
    named = [t for t in found if is_named(ctx, t)]
    subjects = [s for s in resolve_all(ctx, named, verb) if ctx.mentions[s].kind in AGENTS]
    subjects += [s for t in found if (s := reported_pronoun(ctx, t)) is not None and s not in subjects]
    if not subjects:
        return
    codes = ctx.codes
    assert codes is not None
    targets: list[int] = []
    acting_verbs = [verb] if inner is None else [verb, inner]
    if inner is None:
        acting_verbs += purpose_clauses(verb)
        if event.plover in codes.accompanied_categories:
            acting_verbs += accompanying_clauses(verb)
    for acting in [] if reciprocal_only else acting_verbs:
        if acting is inner:
            targets = lexicon_targets(ctx, inner, subjects)
            if targets:
                break
        candidates = event_targets(ctx, acting)
        if event.plover in codes.cooperative_categories:
            against = opposed(ctx, acting)
            candidates = [t for t in candidates if t.i not in against]
        about = topics(ctx, acting) | destinations(ctx, acting) | venues(ctx, acting, event)
        candidates = [t for t in candidates if t.i not in about]
        if acting is inner and is_mandative(ctx, inner, event.plover is Plover.DEMAND):
            # "demanded that the US cancel ...": who the complement's act is asked of
            candidates = own_subjects(ctx, inner) or candidates
        targets = [
            t
            for t in resolve_all(ctx, [a for a in candidates if is_named(ctx, a)], acting)
            if ctx.mentions[t].kind in _TARGETS and t not in subjects
        ]
        if not targets:
            inside = [t for a in searched_phrases(ctx, acting, candidates) for t in actor_in_phrase(ctx, a)]
            targets = [
                t
                for t in resolve_all(ctx, inside, acting)
                if ctx.mentions[t].kind in _TARGETS and t not in subjects
            ]
        if not targets:
            stance = stance_targets(ctx, acting)
            named = [a for a in stance if is_named(ctx, a)]
            inside = [t for a in stance if a not in named for t in actor_in_phrase(ctx, a)]
            targets = [
                t
                for t in resolve_all(ctx, named + inside, acting)
                if ctx.mentions[t].kind in _TARGETS and t not in subjects
            ]
        if not targets and event.plover in codes.place_categories - codes.accompanied_categories:
            targets = place_of_act(ctx, [acting], subjects)
        if not targets and event.plover in codes.conditional_categories:
            targets = [
                t
                for t in resolve_all(ctx, conditional_targets(ctx, acting), acting)
                if ctx.mentions[t].kind in _TARGETS and t not in subjects
            ]
        if targets:
            break
    held = codes.place_categories & codes.accompanied_categories
    if not targets and not reciprocal_only and event.plover in held:
        # "blocked roads in X demanding ...": where a protest was held, if nothing it is made
        # with names whom it is against
        targets = place_of_act(ctx, acting_verbs, subjects)
    pairs = [(s, t) for s in subjects for t in targets]
    together = event.plover in codes.cooperative_categories and has_mutual_object(verb)
    mutual = event.type in _RECIPROCAL or together
    if not pairs and mutual and len({ctx.mentions[s].key for s in subjects}) > 1:
        pairs = [(s, o) for s in subjects for o in subjects if s != o]
    if not pairs:
        return
    negated = is_negated(ctx, verb)
    speaker = reported_by(ctx, verb) if attributed is None else attributed
    date = date_phrase(ctx, verb, sent)
    for s, o in pairs:
        ctx.emit(
            s,
            event.type,
            o,
            sent,
            0.6,
            attributed=speaker,
            negated=negated,
            date=date,
            trigger=verb,
            plover=event.plover,
            coded=True,
        )
