"""Relations read from the dependency parse (the work of the ``kg_relations_v1`` component).

Who did what to whom is read from a verb in the lexicon (``data/lexicon.toml``): its subject
(through coordination, relative clauses, participles, control verbs and passive agents) and the
object slot the lexicon names. Arguments are mapped to mentions directly or through
proxies ("Armenian officials" -> Armenia), counting words ("thousands of demonstrators"),
pronouns ("he", "his administration") and anaphors ("the region", "the two foes").
Structure (titles, appositions, "part of") gives HOLDS_ROLE / PART_OF / MEMBER_OF.

Modules, each calling only those listed before it:

    vocabulary  word lists the rules test words against
    syntax      token helpers over the parse (conjuncts, objects, prepositional objects)
    context     DocContext: what the rules of one Doc share; RawRelation, what they emit
    clauses     subjects, voice, negation, modality and date phrase of a clause
    resolve     a token to the mentions it stands for; who a statement is attributed to
    verbs       relations from verbs of the lexicon
    nouns       relations from nouns and fixed constructions
    structure   titles, appositions, organs, membership, alliances (structural relations)
    aims        what a side is out to do ("the coalition to defeat X")
    reader      the driver: every rule over every sentence, in order
"""

from kg.nlp.relations.context import RawRelation
from kg.nlp.relations.reader import RelationReader

__all__ = ["RawRelation", "RelationReader"]
