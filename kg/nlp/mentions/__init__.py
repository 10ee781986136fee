"""Actor and event mentions in one parsed spaCy Doc (the work of the ``kg_actors_v1`` component).

A :class:`Mention` is a token span naming an actor or event with a canonical *key* that is the
same for every mention of the same thing in the document ("country:AM" for "Armenia",
"Armenian", "Yerevan"). Person keys are unified across the document later, in
:mod:`kg.nlp.assemble`, where all mentions of a document are seen together.

The rules are small functions in the modules of this package, run in the order of
:data:`kg.nlp.mentions.pipeline.RULES`; their word lists are ``kg/nlp/data/mentions.toml``.
"""

from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon, build_lexicon, load_agents, load_words
from kg.nlp.mentions.names import surnames
from kg.nlp.mentions.pipeline import RULES, find_mentions

__all__ = [
    "RULES",
    "Found",
    "Lexicon",
    "Mention",
    "build_lexicon",
    "find_mentions",
    "load_agents",
    "load_words",
    "surnames",
]
