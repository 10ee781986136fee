"""The driver of the relation rules: every rule over every sentence of a Doc, in order."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp.knowledge import Knowledge
from kg.nlp.mentions import Mention
from kg.nlp.relations.aims import act_against, hostile_aim
from kg.nlp.relations.codes import Codes
from kg.nlp.relations.context import DocContext, RawRelation
from kg.nlp.relations.events import coded_events, handed_over, is_yielding, joint_act, obligations, taken_from
from kg.nlp.relations.nouns import (
    between,
    came_under,
    demanded,
    encounter,
    hyphenated,
    journey_purpose,
    nominal,
    owned_effort,
    reported_blame,
)
from kg.nlp.relations.resolve import according_to
from kg.nlp.relations.structure import (
    acting_with,
    ally_before_name,
    appointments,
    apposition,
    assigned_to,
    copular,
    helped_by,
    listed_members,
    made_up_of,
    member_within,
    members_included,
    organs,
    part_of_phrase,
    prepare,
    titles,
    unit_members,
    unit_of_unit,
)
from kg.nlp.relations.verbs import agreed_with, read_verb, ready_to_offer
from kg.nlp.relations.vocabulary import ALLY, ASSIGNING, BLAME_VERBS, COMPOSED, INCLUDING, MEMBER_HEADS, READY


class RelationReader:
    """Reads the relations of a Doc from its parse and its actor mentions."""

    def __init__(self, knowledge: Knowledge, codes: Codes | None = None) -> None:
        self.know = knowledge
        self.codes = codes

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[RawRelation]:
        return read(DocContext(self.know, doc, mentions, self.codes))


def read(ctx: DocContext) -> list[RawRelation]:
    """Every rule over every sentence of the Doc, in order; the relations emitted."""
    prepare(ctx)
    for sent in ctx.doc.sents:
        attributed = according_to(ctx, sent)
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ctx.know.verbs:
                read_verb(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ctx.know.journeys:
                journey_purpose(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ctx.know.agreeing:
                agreed_with(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ctx.know.demand_verbs:
                demanded(ctx, tok, sent, attributed)
            if tok.pos_ in ("NOUN", "PROPN"):
                lemma = tok.lemma_.lower()
                if lemma in ctx.know.between or tok.lower_ in ctx.know.between:
                    between(ctx, tok, sent, attributed)
                if lemma in ctx.know.nominal:
                    nominal(ctx, tok, sent, attributed)
                if lemma in ctx.know.encounters or tok.lower_ in ctx.know.encounters:
                    encounter(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB" and tok.head.lemma_.lower() in ctx.know.efforts:
                owned_effort(ctx, tok, sent, attributed)
            if tok.i >= 2 and tok.tag_ == "VBN" and ctx.doc[tok.i - 1].text == "-":
                hyphenated(ctx, tok, sent, attributed)
            if tok.lemma_.lower() in ctx.know.copulas and tok.pos_ in ("AUX", "VERB"):
                copular(ctx, tok, sent, attributed)
            if tok.dep_ == "appos":
                apposition(ctx, tok, sent)
                unit_of_unit(ctx, tok, sent)
            if tok.lemma_.lower() == "part" and tok.pos_ == "NOUN":
                part_of_phrase(ctx, tok, sent)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ASSIGNING:
                assigned_to(ctx, tok, sent)
            if tok.lower_ == "within" and tok.dep_ == "prep":
                member_within(ctx, tok, sent)
            if tok.lower_ == "with" and tok.dep_ == "prep":
                acting_with(ctx, tok, sent)
                helped_by(ctx, tok, sent)
            if tok.pos_ == "NOUN" and ctx.know.copular.get(tok.lemma_.lower()) is ALLY:
                ally_before_name(ctx, tok, sent)
            if tok.lemma_.lower() in MEMBER_HEADS and tok.pos_ == "NOUN":
                listed_members(ctx, tok, sent)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in INCLUDING:
                members_included(ctx, tok, sent)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in COMPOSED:
                made_up_of(ctx, tok, sent)
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in BLAME_VERBS:
                reported_blame(ctx, tok, sent)
            if tok.pos_ == "VERB" and tok.lemma_.lower() == "come":
                came_under(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB" and is_taking(ctx, tok):
                taken_from(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB":
                joint_act(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB" and is_yielding(ctx, tok):
                handed_over(ctx, tok, sent, attributed)
            if tok.dep_ == "acomp" and tok.lemma_.lower() in READY:
                ready_to_offer(ctx, tok, sent, attributed)
        titles(ctx, sent)
        organs(ctx, sent)
        appointments(ctx, sent)
        coded_events(ctx, sent, attributed)
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ctx.know.aims:
                hostile_aim(ctx, tok, sent, attributed)
            if tok.pos_ == "VERB":
                act_against(ctx, tok, sent, attributed)
        obligations(ctx, sent, attributed)
        unit_members(ctx, sent)
    return ctx.out


def is_taking(ctx: DocContext, verb: Token) -> bool:
    """A verb of taking ground (cameo.toml taking_verbs), by lemma or irregular form."""
    codes = ctx.codes
    if codes is None:
        return False
    return verb.lemma_.lower() in codes.taking_verbs or verb.lower_ in codes.taking_verbs
