"""Word lists of the relation rules (closed classes and small sets the rules test words against)."""

from __future__ import annotations

import re

from kg.model import EntityKind, RelationType

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
RELATIVE = {"who", "which", "that", "whom"}
DATE_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"last night|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b",
    re.IGNORECASE,
)
ACTOR = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP})
SUBJ = ("nsubj", "nsubjpass", "csubj")
PLACES = frozenset({EntityKind.LOCATION, EntityKind.COUNTRY})
SPEECH_ACTS = frozenset(
    {
        RelationType.ACCUSED,
        RelationType.CRITICIZED,
        RelationType.URGED,
        RelationType.REJECTED,
        RelationType.THREATENED,
        RelationType.DECLARED,
    }
)
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
HOLDERS = frozenset({EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP})
ROLE_TARGETS = frozenset({EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP, EntityKind.LOCATION})
# Who can act: actors, and places standing for their authorities ("Kosovo signed", "Gaza said").
AGENTS = ACTOR | {EntityKind.LOCATION}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "themselves"}
# How a body's plural name ends ("Syrian Democratic Forces", "Armed Forces", "Guards"), which
# "they" can stand for (not "Hamas", "Reuters": no plural there)
PLURAL_ENDINGS = ("Forces", "Guards", "Brigades", "Units", "Fighters", "Mujahideen", "Battalions")
FIRST_PERSON = {"our", "my"}
STATE_MODIFIERS = {"federal", "government", "national", "state", "regime", "junta", "pro-government"}
HOLDING = {"hold", "control", "occupy", "run", "operate", "use", "man"}
# prepositions of place the tagger reads as part of a name at the start of a sentence ("Near Mosul")
FRONTING_PREPOSITIONS = {"near", "outside", "inside", "around", "across", "beyond"}
# "Vietnamese-led forces", "a Saudi-led coalition": the participle after a name that says who leads
LEADING = {"lead", "command"}
EVENT_ANAPHORS = {"idea", "proposal", "plan", "initiative", "offer", "arrangement"}
CONFLICT = frozenset(
    {
        RelationType.ATTACKED,
        RelationType.FOUGHT,
        RelationType.CAPTURED,
        RelationType.KILLED,
        RelationType.THREATENED,
    }
)
# Forces whose passive deployment ("troops were deployed to X") names the state that sent them.
FORCES = {
    "troop",
    "soldier",
    "force",
    "peacekeeper",
    "unit",
    "personnel",
    "contingent",
    "battalion",
    "brigade",
    "warship",
    "marine",
    "mercenary",
    "instructor",
    "adviser",
    "advisor",
}
# Nouns listing the members of an organisation ("member states including A and B").
MEMBER_HEADS = {"member", "state", "country", "nation", "government", "partner"}
# Adverbs that single some out of a set named before: "our partners, especially the Turks".
SINGLING = {"especially", "notably", "particularly", "chiefly", "mainly", "principally"}
# Relations whose two ends are "the two sides" of what follows.
SIDES = frozenset(
    {
        RelationType.ATTACKED,
        RelationType.FOUGHT,
        RelationType.CAPTURED,
        RelationType.KILLED,
        RelationType.THREATENED,
        RelationType.ACCUSED,
        RelationType.CRITICIZED,
        RelationType.REJECTED,
        RelationType.CONSULTED,
        RelationType.MET,
    }
)
REACTIONS = frozenset({RelationType.CRITICIZED, RelationType.REJECTED, RelationType.ACCUSED})
# Owning up to an act: "the attacks, for which X claimed responsibility", "the bombing, which X
# claimed" (any of the verbs with one of the nouns; "claim" also with the act itself).
CLAIMING = {"claim", "take", "accept", "admit", "acknowledge", "bear"}
RESPONSIBILITY = {"responsibility", "credit"}
STRUCTURAL = frozenset(
    {RelationType.HOLDS_ROLE, RelationType.MEMBER_OF, RelationType.PART_OF, RelationType.LOCATED_IN}
)
# How far back (in mentions) pronouns and anaphors look: keeps long texts linear.
LOOKBACK = 200
SETTLEMENTS = {"town", "city", "village"}
# A border named by whom it is with: "massed troops on the border with Ukraine" (Ukraine).
BORDERS = {"border", "frontier", "boundary"}
# A coast named by whose it is: "sent a carrier off the coast of Israel" (Israel).
COASTS = {"coast", "coastline", "shore", "shores"}
# Help an act was done with: "seized the town with help from Rwanda", "with the backing of Iran"
# (the helper supports whoever acted; never the act's target).
HELP_NOUNS = {"help", "support", "backing", "assistance", "aid"}
# Verbs that go back on a commitment or support: "reneged on his commitment to X", "abandoned its
# support for Y" (none is given).
GONE_BACK_ON = {"renege", "abandon", "break", "violate", "betray", "breach", "drop", "withdraw", "end"}
# Verbs whose subject took part in the act named with "in": "was involved in attacks on X".
TAKING_PART = {"involve"}
# The words of "shoulder to shoulder", "side by side", "hand in hand": a manner idiom the parser
# may hang the partner's "with" on ("stands shoulder to shoulder with X").
SIDE_BY_SIDE = {"shoulder", "side", "hand", "arm"}
# Bodies of water: where something happened ("fired a missile into the Sea of Japan", "seized a
# tanker in the Strait of Hormuz"), never a party to it.
WATERS = {"sea", "ocean", "gulf", "bay", "strait", "straits", "channel", "lake", "river", "waters", "sound"}
# Relations one of whose ends may be a place, a sea included ("deployed warships to the Red Sea").
PLACE_ENDS = STRUCTURAL | {RelationType.DEPLOYED, RelationType.CAPTURED, RelationType.WITHDREW}
DOCUMENTS = {"statement", "letter", "communique", "declaration", "resolution", "note", "appeal"}
DEPLOYMENTS = {"deployment", "dispatch", "buildup", "build-up"}
VETOES = {"veto"}
PROSPECTIVE = {"would", "will", "'ll"}
# "ready/willing/prepared to host talks": an offer.
READY = {"ready", "willing", "prepared"}
# "remains committed to supporting X": the gerund after "to" is the committed one's act.
COMMITTED = {"committed", "dedicated", "devoted", "pledged"}
OFFERABLE = frozenset(
    {EntityKind.PERSON, EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.EVENT}
)
# What a body is made of: "one of three groups in the alliance", "one of the states of the bloc".
# Verbs that put a person into a unit: "was assigned to 2nd Battalion".
ASSIGNING = {"assign", "attach", "post", "second", "detail"}
# Verbs that list a body's members: "Coalition nations include A, B and C".
INCLUDING = {"include", "incorporate"}
# Verbs whose subject is a whole made of the objects of "of"/"by": "made up of", "composed of".
COMPOSED = {"make": "up", "compose": "", "consist": ""}
# Nouns for the members of a body, named with it: "Coalition nations", "NATO members".
BODY_MEMBERS = {"nation", "country", "member", "state", "partner", "government"}
MEMBER_NOUNS = {
    "group",
    "faction",
    "party",
    "member",
    "militia",
    "movement",
    "organisation",
    "organization",
    "country",
    "state",
    "nation",
    "government",
}
# What an actor can threaten to do to another ("will strike X", "would seize Y").
THREATENABLE = frozenset({RelationType.ATTACKED, RelationType.KILLED, RelationType.CAPTURED})
# State organs a definite description points back to: "the ministry said".
ORGANS = {
    "ministry",
    "department",
    "agency",
    "office",
    "commission",
    "command",
    "court",
    "tribunal",
    "council",
}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
CONSEQUENCES = {"face", "pay", "suffer", "regret", "bear"}
# what a threatened party would face ("would face a humanitarian crisis" is a warning about, not a threat)
PENALTIES = {"consequence", "price", "retaliation", "response", "punishment", "reprisal", "repercussion"}
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
FORMER = {"former", "ousted", "deposed", "late", "ex", "exiled", "then", "outgoing", "jailed"}
# Definite descriptions for a state's own authorities ("the junta", "the government").
STATE_PROXIES = {
    "force",
    "police",
    "navy",
    "government",
    "junta",
    "regime",
    "military",
    "army",
    "authority",
    "administration",
    "country",
    "nation",
    "leadership",
    "cabinet",
}
FORMERLY = {"previously", "formerly", "once", "no longer", "until"}
# "former"/"ex" say a role was held ("then" or "late" say less: "the then president", "the late king").
ALLY = RelationType.ALLIED_WITH
# "X, together with Y, ...", "X, along with Y, ...": the words before "with" that make Y a side
# acting with X.
JOINTLY = {"together", "along"}
MAYBE = {"could", "might", "may", "should"}
CALLED_OFF = {"postpone", "cancel", "delay", "suspend", "scrap", "defer", "shelve", "call"}
# Nouns that sum up what someone said: "an account the embassy rejected".
ACCOUNTS = {"account", "version", "assertion", "story", "characterisation", "characterization"}
# "the two countries": only states.
STATE_WORDS = {"nation", "country", "state", "republic"}
# What a target "came under": fire, attack, shelling.
ASSAULTS = {"fire", "attack", "shelling", "bombardment", "assault", "strike", "airstrike", "barrage"}
# "committed abuses", "carried out war crimes": wrongs that, when reported, accuse the doer.
BLAME_VERBS = {"commit", "perpetrate", "be"}
WRONGS = {
    "abuse",
    "crime",
    "atrocity",
    "violation",
    "massacre",
    "genocide",
    "killing",
    "torture",
    "war crime",
    "breach",
    "rape",
    "execution",
}
# Plural nouns for people that "the two ..."/"both ..." point back with ("the two men met").
PERSON_PAIRS = {"man", "woman", "leader", "president", "minister", "politician", "official", "envoy"}
# Words before a title that say it is newly given ("its new foreign minister"): not part of the role.
NEW_WORDS = {"new", "next", "incoming", "newly"}
ONCE_HELD = {"former", "ex", "ousted", "deposed", "outgoing", "exiled"}


# An empty set of keys, for defaults (never changed).
NO_KEYS: frozenset[str] = frozenset()
# The predicate of a structural relation that no single word carries ("Armenia's Defense Ministry").
STRUCTURE_WORDS = {
    RelationType.PART_OF: "part of",
    RelationType.MEMBER_OF: "member of",
    RelationType.ALLIED_WITH: "ally",
    RelationType.LOCATED_IN: "in",
}
