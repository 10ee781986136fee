"""The contract between layers: plain data, no I/O.

Loaders produce :class:`SourceDocument`; the NLP layer turns it into an :class:`Extraction`
(exactly ``shared/contracts/extraction.schema.json`` when dumped with :meth:`Extraction.to_json`);
the graph layer stores and returns these types. spaCy spans, neo4j records and strawberry types
never cross a layer boundary: these do.

Neo4j labels and relationship types are taken only from :class:`EntityKind` and
:class:`RelationType`, never from free text, so they can be placed in Cypher safely.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from kg.errors import Problem


class EntityKind(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    COUNTRY = "COUNTRY"
    GROUP = "GROUP"
    LOCATION = "LOCATION"
    EVENT = "EVENT"

    @property
    def label(self) -> str:
        """The Neo4j label for this kind (``Person``, ``Organization``, ...)."""
        return self.value.capitalize()

    @property
    def is_actor(self) -> bool:
        return self is not EntityKind.EVENT


class Plover(StrEnum):
    """PLOVER event categories (Open Event Data Alliance): the field's coarse event types, each
    an aggregation of CAMEO codes (``kg/nlp/data/plover/cameo_plover.json`` maps the codes).

    The sixteen of the 2021 table, named as the PLOVER manual names them (DEMAND where the
    table says REQUEST, DISAPPROVE where it says ACCUSE), and INVESTIGATE, which PLOVER lists
    and the 2021 table folds into ACCUSE. FIGHT is ASSAULT, as in the 2021 table."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    COOPERATE = "COOPERATE"
    AID = "AID"
    CONCEDE = "CONCEDE"
    RETREAT = "RETREAT"
    INVESTIGATE = "INVESTIGATE"
    DEMAND = "DEMAND"
    DISAPPROVE = "DISAPPROVE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    MOBILIZE = "MOBILIZE"
    SANCTION = "SANCTION"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class RelationType(StrEnum):
    """The relation vocabulary of ``shared/contracts/README.md``, with its CAMEO alignment and
    the PLOVER category a relation of the type has unless its wording says otherwise."""

    DECLARED = "DECLARED"
    AGREED_TO = "AGREED_TO"
    MEDIATED = "MEDIATED"
    CONSULTED = "CONSULTED"
    MET = "MET"
    OFFERED = "OFFERED"
    REQUESTED_AID = "REQUESTED_AID"
    URGED = "URGED"
    SUPPORTED = "SUPPORTED"
    DEPLOYED = "DEPLOYED"
    ACCUSED = "ACCUSED"
    CRITICIZED = "CRITICIZED"
    REJECTED = "REJECTED"
    THREATENED = "THREATENED"
    PROTESTED = "PROTESTED"
    ATTACKED = "ATTACKED"
    FOUGHT = "FOUGHT"
    CAPTURED = "CAPTURED"
    KILLED = "KILLED"
    COOPERATED = "COOPERATED"
    AIDED = "AIDED"
    CONCEDED = "CONCEDED"
    WITHDREW = "WITHDREW"
    INVESTIGATED = "INVESTIGATED"
    SANCTIONED = "SANCTIONED"
    COERCED = "COERCED"
    HOLDS_ROLE = "HOLDS_ROLE"
    MEMBER_OF = "MEMBER_OF"
    PART_OF = "PART_OF"
    ALLIED_WITH = "ALLIED_WITH"
    LOCATED_IN = "LOCATED_IN"

    @property
    def cameo_root(self) -> str | None:
        return _CAMEO[self][0]

    @property
    def quad_class(self) -> str:
        return _CAMEO[self][1]

    @property
    def plover(self) -> Plover | None:
        """The PLOVER category of a relation of this type by default (None: structural, or a
        public statement, which PLOVER does not code)."""
        return _PLOVER.get(self)


_CAMEO: dict[RelationType, tuple[str | None, str]] = {
    RelationType.DECLARED: ("01", "verbal cooperation"),
    RelationType.AGREED_TO: ("03", "verbal cooperation"),
    RelationType.MEDIATED: ("04", "verbal cooperation"),
    RelationType.CONSULTED: ("04", "verbal cooperation"),
    RelationType.MET: ("04", "verbal cooperation"),
    RelationType.OFFERED: ("03", "verbal cooperation"),
    RelationType.REQUESTED_AID: ("02", "verbal cooperation"),
    RelationType.URGED: ("02", "verbal cooperation"),
    RelationType.SUPPORTED: ("07", "material cooperation"),
    RelationType.DEPLOYED: ("15", "material conflict"),
    RelationType.ACCUSED: ("11", "verbal conflict"),
    RelationType.CRITICIZED: ("11", "verbal conflict"),
    RelationType.REJECTED: ("12", "verbal conflict"),
    RelationType.THREATENED: ("13", "verbal conflict"),
    RelationType.PROTESTED: ("14", "material conflict"),
    RelationType.ATTACKED: ("18", "material conflict"),
    RelationType.FOUGHT: ("19", "material conflict"),
    RelationType.CAPTURED: ("19", "material conflict"),
    RelationType.KILLED: ("18", "material conflict"),
    RelationType.COOPERATED: ("06", "material cooperation"),
    RelationType.AIDED: ("07", "material cooperation"),
    RelationType.CONCEDED: ("08", "verbal cooperation"),
    RelationType.WITHDREW: ("08", "material cooperation"),
    RelationType.INVESTIGATED: ("09", "material cooperation"),
    RelationType.SANCTIONED: ("16", "verbal conflict"),
    RelationType.COERCED: ("17", "material conflict"),
    RelationType.HOLDS_ROLE: (None, "structural"),
    RelationType.MEMBER_OF: (None, "structural"),
    RelationType.PART_OF: (None, "structural"),
    RelationType.ALLIED_WITH: (None, "structural"),
    RelationType.LOCATED_IN: (None, "structural"),
}


_PLOVER: dict[RelationType, Plover] = {
    RelationType.AGREED_TO: Plover.AGREE,
    RelationType.MEDIATED: Plover.CONSULT,
    RelationType.CONSULTED: Plover.CONSULT,
    RelationType.MET: Plover.CONSULT,
    RelationType.OFFERED: Plover.AGREE,
    RelationType.REQUESTED_AID: Plover.DEMAND,
    RelationType.URGED: Plover.DEMAND,
    RelationType.SUPPORTED: Plover.SUPPORT,
    RelationType.DEPLOYED: Plover.MOBILIZE,
    RelationType.ACCUSED: Plover.DISAPPROVE,
    RelationType.CRITICIZED: Plover.DISAPPROVE,
    RelationType.REJECTED: Plover.REJECT,
    RelationType.THREATENED: Plover.THREATEN,
    RelationType.PROTESTED: Plover.PROTEST,
    RelationType.ATTACKED: Plover.ASSAULT,
    RelationType.FOUGHT: Plover.ASSAULT,
    RelationType.CAPTURED: Plover.ASSAULT,
    RelationType.KILLED: Plover.ASSAULT,
    RelationType.COOPERATED: Plover.COOPERATE,
    RelationType.AIDED: Plover.AID,
    RelationType.CONCEDED: Plover.CONCEDE,
    RelationType.WITHDREW: Plover.RETREAT,
    RelationType.INVESTIGATED: Plover.INVESTIGATE,
    RelationType.SANCTIONED: Plover.SANCTION,
    RelationType.COERCED: Plover.COERCE,
}


_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: 'Ada Lovelace' -> 'ada-lovelace'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", folded.lower()).strip("-") or "x"


def is_document_scoped(entity_id: str) -> bool:
    """Whether an entity id belongs to one document: the extractor scopes what a text does not
    name ("the truce", "protesters", "parliament") as ``<slug>--doc-<hash>`` (kg.nlp.assemble), so
    that every article's "protesters" is not one node. Resolution never merges such ids by name."""
    return "--doc-" in entity_id


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(sha256: str) -> str:
    """A document's stable id is derived from its content hash."""
    return f"doc-{sha256[:16]}"


# Longest entity id and name (and alias) kg stores. Ids and names are indexed, and Neo4j refuses
# index keys over a few kilobytes; no actor's name is this long, so a longer "name" (a 2 MB
# line without spaces read as an organisation) is not an actor and extraction drops it.
MAX_NAME_CHARS = 300
MAX_ID_CHARS = 400  # a slug of the name, and for document-scoped entities "--doc-<16 hex>"

EntityId = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
EntityName = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)]
Alias = Annotated[str, Field(max_length=MAX_NAME_CHARS)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class SourceDocument(_Model):
    """One document as a loader read it, before any NLP (exported as ``kg.Document``).

    ``text`` is the text as given (offsets in evidence point into it). ``skip`` lists
    ``(start, end)`` ranges of page furniture (navigation, share links, bylines) that
    extraction must ignore; they stay in ``text`` so offsets are unchanged.
    ``replaced_characters`` counts the characters the loader replaced with U+FFFD because no
    UTF-8 text can hold them (lone surrogates, e.g. ``"\\ud800"`` in JSON).
    """

    text: str
    source: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    skip: tuple[tuple[int, int], ...] = ()
    replaced_characters: int = Field(default=0, ge=0)

    @property
    def sha256(self) -> str:
        return content_sha256(self.text)

    @property
    def id(self) -> str:
        return document_id(self.sha256)


Document = SourceDocument
"""The public name of :class:`SourceDocument`: a text with its metadata, ready to extract."""


class DocumentInfo(_Model):
    """A document's identity and metadata, as extracted and as stored."""

    id: str
    sha256: str
    source: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None


class Entity(_Model):
    """An actor or event one document names: ``id`` is stable across documents for the same
    actor ("nikol-pashinyan"), ``name`` its canonical name, ``aliases`` the other surface forms."""

    id: EntityId
    name: EntityName
    kind: EntityKind
    aliases: tuple[Alias, ...] = ()
    # ISO 3166-1 alpha-2 code of the country the actor is, or belongs to ("RS" for the Serbian
    # military and for Serbia itself), where the text says so.
    country: str | None = None
    # For an agent of a country, its Phoenix sector code ("MIL", "COP", "GOV", "REB", "CVL").
    sector: str | None = None


class Evidence(_Model):
    """The sentence a relation was read from, with its character offsets in the document text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Relation(_Model):
    """One relation one document states: ``subject -type-> object`` (entity ids) with evidence."""

    subject: str
    type: RelationType
    object: str
    evidence: Evidence
    date: dt.date | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    attributed_to: str | None = None
    negated: bool = False
    # For HOLDS_ROLE: the role title as written ("secretary", "Prime Minister").
    role: str | None = None
    # The PLOVER category of what the sentence says (None for structural relations).
    plover: Plover | None = None
    # The word that carries the relation: the verb's lemma with its particle as written
    # ("step up", "call off"), or the noun or title ("invasion", "ally").
    predicate: str | None = None


class Extraction(_Model):
    """What ``kg extract`` prints per document and what ``kg ingest`` stores;
    ``model_dump_json()`` is one line of the extraction contract
    (``schema/extraction.schema.json``)."""

    document: DocumentInfo
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    extractor: str = "kg"

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class CuratedActor(_Model):
    """An actor from a curated list: it wins over extracted data for its id, name and kind."""

    id: EntityId
    name: EntityName
    kind: EntityKind
    aliases: tuple[Alias, ...] = ()
    roles: tuple[str, ...] = ()


class CuratedRelation(_Model):
    """A relation from a curated list, with where it comes from."""

    subject: EntityId
    type: RelationType
    object: EntityId
    source: str
    date: dt.date | None = None
    note: str | None = None


# --- what the graph holds, as the public API returns it (kg.connect(...).actor(...), ...) -------


class StoredEntity(_Model):
    """An actor or event as the graph holds it: :class:`Entity` plus what the graph adds across
    documents (roles read from ``HOLDS_ROLE`` claims or curated, an event's date, whether a
    curated list defines it)."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    date: dt.date | None = None
    curated: bool = False


class Claim(_Model):
    """One piece of evidence for a relation: what one sentence of one document (or one curated
    source) says. ``date`` is the claim's own date, else its document's publication date."""

    id: str
    type: RelationType
    subject: str
    object: str
    text: str | None = None
    start: int | None = None
    end: int | None = None
    date: dt.date | None = None
    confidence: float | None = None
    negated: bool = False
    curated: bool = False
    source: str | None = None
    document: DocumentInfo | None = None
    attributed_to: StoredEntity | None = None
    plover: Plover | None = None
    predicate: str | None = None


class StoredRelation(_Model):
    """One typed relationship ``subject -type-> object`` with the aggregates kept over its
    non-negated claims, and (when asked for) its strongest evidence first."""

    subject: StoredEntity
    type: RelationType
    object: StoredEntity
    claims: int = 0
    documents: int = 0
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    confidence: float | None = None
    plover: tuple[Plover, ...] = ()
    evidence: tuple[Claim, ...] = ()


class ActorCount(_Model):
    """An actor with how many documents mention it and how many typed relationships it has."""

    actor: StoredEntity
    documents: int
    relations: int


class Retraction(_Model):
    """What a retraction removed: the documents, their claims, and the entities nothing else
    supported."""

    documents: tuple[str, ...] = ()
    claims: int = 0
    entities_deleted: int = 0


class GraphStatus(_Model):
    """Which Neo4j kg uses and how much it holds (``kg status``, ``graph.status()``)."""

    uri: str
    database: str
    server_agent: str
    version: str
    edition: str
    nodes_by_label: dict[str, int] = Field(default_factory=dict)
    relationships_by_type: dict[str, int] = Field(default_factory=dict)


class IngestSummary(BaseModel):
    """What an ingest did (``kg ingest`` prints it; ``kg ingest --json`` prints this as JSON).

    ``replaced`` counts stored documents superseded by new content; ``failed`` the documents
    that could not be read, extracted or stored, each named in ``problems`` (file, line, field,
    reason). ``retracted`` counts documents a folder watcher removed because their file was
    deleted (``--follow-deletes``). ``warnings`` name documents stored with a repair (invalid
    characters replaced); ``replaced_characters`` is their total.
    """

    model_config = ConfigDict(extra="forbid")

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    retracted: int = 0
    entities: int = 0
    claims: int = 0
    replaced_characters: int = 0
    elapsed_s: float = 0.0
    problems: list[Problem] = Field(default_factory=list)
    warnings: list[Problem] = Field(default_factory=list)
    _entity_ids: set[str] = PrivateAttr(default_factory=set)

    @property
    def documents(self) -> int:
        """Every document the ingest met: new, unchanged, replaced or failed."""
        return self.new + self.unchanged + self.replaced + self.failed

    @property
    def processed(self) -> int:
        """Documents that are now stored as given (new, unchanged or replacing another)."""
        return self.new + self.unchanged + self.replaced

    def line(self) -> str:
        """The one-line summary ``kg ingest`` prints."""
        rate = self.documents / self.elapsed_s if self.elapsed_s > 0 else 0.0
        retracted = f", {self.retracted} retracted" if self.retracted else ""
        return (
            f"documents: {self.new} new, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{self.failed} failed{retracted}; entities: {self.entities}; claims: {self.claims} "
            f"({self.elapsed_s:.1f}s, {rate:.1f} documents/s)"
        )

    def count_entities(self, ids: Iterable[str]) -> None:
        """Add the ids of entities written; ``entities`` is the number of distinct ones."""
        self._entity_ids.update(ids)
        self.entities = len(self._entity_ids)

    def merge(self, other: IngestSummary) -> None:
        """Add another summary's counts and problems to this one (a watcher's running total)."""
        self.new += other.new
        self.unchanged += other.unchanged
        self.replaced += other.replaced
        self.failed += other.failed
        self.retracted += other.retracted
        self.claims += other.claims
        self.replaced_characters += other.replaced_characters
        self.elapsed_s += other.elapsed_s
        self.problems.extend(other.problems)
        self.warnings.extend(other.warnings)
        self.count_entities(other._entity_ids)
