"""Batch-shaped writes of kg.model objects into Neo4j (documents, entities, claims, curated data).

Every public method is one transaction (or one per batch) and speaks only kg.model types; the
Cypher text lives in :mod:`kg.graph.queries` ("writes" section).

Identity is deterministic so that every write is idempotent and a re-run after a crash completes
the graph to exactly what an uninterrupted run gives (nodes are MERGEd on their ids; a document
is written whole or not at all, so the mentions and claims of one stored from scratch -- new, or
retracted first in the same transaction -- are CREATEd, and the unique claim id refuses a second
copy):

* documents: ``document_id(sha256)`` (content-addressed);
* entities: the extractor's / curated list's canonical ids;
* claims: a hash of (document id, subject, type, object, start, end), or of (curated source,
  subject, type, object) for curated claims.

After each write or retraction the typed relationships of the touched (subject, type, object)
triples and the touched entities (aliases, roles, labels) are recomputed from the evidence left,
inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncSession, Record
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import (
    ConfigError,
    Conflict,
    GraphRefused,
    GraphUnavailable,
    InvalidInput,
    KGError,
    NotFound,
    Problem,
)
from kg.graph import queries as q
from kg.model import (
    CuratedActor,
    CuratedRelation,
    DocumentInfo,
    EntityKind,
    Extraction,
    RelationType,
)
from kg.settings import load_settings

if TYPE_CHECKING:
    from kg.graph.resolution import ResolutionPolicy

_KIND_LABELS: dict[str, str] = {kind.value: kind.label for kind in EntityKind}
_ALL_KIND_LABELS: list[str] = ["Actor", *(kind.label for kind in EntityKind)]
_RELATION_TYPES: frozenset[str] = frozenset(t.value for t in RelationType)


def _stable_hash(*parts: object) -> str:
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


def claim_id(document_id: str, subject: str, type_: RelationType, object_: str, start: int, end: int) -> str:
    """Id of an extracted claim: stable across re-ingests of the same document."""
    return "claim-" + _stable_hash(document_id, subject, type_.value, object_, start, end)


def curated_claim_id(source: str, subject: str, type_: RelationType, object_: str) -> str:
    """Id of a curated claim: one per (source reference, subject, type, object)."""
    return "curated-" + _stable_hash(source, subject, type_.value, object_)


# Longest string stored as its own index key; a longer one is indexed by a hash of it. Neo4j
# refuses range-index keys over about 8 kB ("Property value is too large to index"), and a
# 100,000-character URL in a JSON Lines record must not cost the batch it is in.
MAX_INDEXED_CHARS = 1000


def index_key(value: str | None) -> str | None:
    """What an indexed lookup property (``url_key``, ``source_key``) holds for ``value``: the
    value itself when short, ``sha256:<hex>`` of it when longer than MAX_INDEXED_CHARS."""
    if value is None or len(value) <= MAX_INDEXED_CHARS:
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def triple_key(subject: str, type_: RelationType, object_: str) -> str:
    """Key shared by every claim that supports the typed relationship (subject)-[type]->(object)."""
    return f"{subject} -[{type_.value}]-> {object_}"


@dataclass(frozen=True, slots=True)
class GraphCounts:
    entities: int
    actors: int
    documents: int
    claims: int
    mentions: int
    typed_relationships: int
    relationships: int


@dataclass(slots=True)
class WriteResult:
    """What one ``write_extractions`` call did."""

    written: list[str] = field(default_factory=list)  # document ids stored by this call
    unchanged: list[str] = field(default_factory=list)  # already stored (same content)
    # ids of stored documents superseded: same URL (or file) with other content, or the same
    # content read again by another extractor (then also in ``written``)
    replaced: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)  # documents rejected (bad extraction)
    entities: int = 0  # distinct entities the written documents mention
    entity_ids: list[str] = field(default_factory=list)
    claims: int = 0  # claims written


@dataclass(slots=True)
class RetractResult:
    documents: list[str]
    claims: int
    entities_deleted: int


@dataclass(slots=True)
class _Batch:
    """Rows of one write transaction, built from validated extractions."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    triples: dict[str, dict[str, str]] = field(default_factory=dict)

    def entity_ids(self) -> list[str]:
        return sorted(self.entities)

    def added_evidence(self) -> dict[str, dict[str, Any]]:
        """Per entity, what the batch adds to what REFRESH_ENTITIES reads: the names, kinds and
        aliases of its mentions, the role titles of its non-negated HOLDS_ROLE claims (as subject)
        and the dates of its non-negated claims (as object)."""
        rows: dict[str, dict[str, Any]] = {
            identifier: {"id": identifier, "mentions": [], "roles": [], "dates": []}
            for identifier in self.entities
        }
        for mention in self.mentions:
            rows[mention["entity_id"]]["mentions"].append(
                {"name": mention["name"], "kind": mention["kind"], "aliases": mention["aliases"]}
            )
        for claim in self.claims.values():
            props = claim["props"]
            if props["negated"]:
                continue
            if props["type"] == RelationType.HOLDS_ROLE.value and props["role"] is not None:
                rows[claim["subject"]]["roles"].append(props["role"])
            if props["date"] is not None:
                rows[claim["object"]]["dates"].append(props["date"])
        return rows


def validate_extraction(extraction: Extraction) -> list[Problem]:
    """Problems that would make storing this extraction wrong (dangling entity ids)."""
    source = extraction.document.source or extraction.document.url or extraction.document.id
    known = {entity.id for entity in extraction.entities}
    problems: list[Problem] = []
    for index, relation in enumerate(extraction.relations):
        for field_name, value in (
            ("subject", relation.subject),
            ("object", relation.object),
            ("attributed_to", relation.attributed_to),
        ):
            if value is not None and value not in known:
                problems.append(
                    Problem(
                        source,
                        f"relation {index} refers to entity id {value!r}, which the extraction does not list",
                        field=f"relations[{index}].{field_name}",
                    )
                )
        if relation.type.value not in _RELATION_TYPES:  # pragma: no cover - enforced by the model
            problems.append(Problem(source, "unknown relation type", field=f"relations[{index}].type"))
    return problems


def _document_row(info: DocumentInfo, extractor: str) -> dict[str, Any]:
    return {
        "id": info.id,
        "sha256": info.sha256,
        "source": info.source,
        "source_key": index_key(info.source),
        "url": info.url,
        "url_key": index_key(info.url),
        "title": info.title,
        "author": info.author,
        "published": info.published,
        "extractor": extractor,
    }


def _add_extraction(batch: _Batch, extraction: Extraction, id_map: Mapping[str, str] | None = None) -> None:
    """Add one extraction's rows; ids in ``id_map`` (merged into another actor) are written to
    that actor, each row keeping the id the document used as its ``ref``."""
    mapped = id_map or {}
    info = extraction.document
    batch.documents.append(_document_row(info, extraction.extractor))
    mentioned: dict[str, dict[str, Any]] = {}
    for entity in extraction.entities:
        target = mapped.get(entity.id, entity.id)
        batch.entities.setdefault(
            target,
            {"id": target, "name": entity.name, "kind": entity.kind.value,
             "country": entity.country, "sector": entity.sector},
        )
        mention = mentioned.setdefault(
            entity.id,
            {"document_id": info.id, "entity_id": target, "ref": entity.id, "name": entity.name,
             "kind": entity.kind.value, "aliases": set()},
        )
        mention["aliases"].update(entity.aliases)
    for mention in mentioned.values():
        mention["aliases"] = sorted(mention["aliases"])
        batch.mentions.append(mention)
    for relation in extraction.relations:
        subject = mapped.get(relation.subject, relation.subject)
        object_ = mapped.get(relation.object, relation.object)
        attributed_to = (
            mapped.get(relation.attributed_to, relation.attributed_to) if relation.attributed_to else None
        )
        key = triple_key(subject, relation.type, object_)
        identifier = claim_id(
            info.id, relation.subject, relation.type, relation.object,
            relation.evidence.start, relation.evidence.end,
        )
        if identifier in batch.claims:
            continue  # the same fact read twice from the same sentence: one claim
        batch.claims[identifier] = {
            "id": identifier,
            "subject": subject,
            "object": object_,
            "document_id": info.id,
            "attributed_to": attributed_to,
            "props": {
                "type": relation.type.value,
                "text": relation.evidence.text,
                "start": relation.evidence.start,
                "end": relation.evidence.end,
                "date": relation.date,
                "seen": relation.date or info.published,
                "confidence": relation.confidence,
                "negated": relation.negated,
                "extractor": extraction.extractor,
                "role": relation.role,
                "plover": relation.plover.value if relation.plover else None,
                "predicate": relation.predicate,
                "document_id": info.id,
                "curated": False,
                "source": info.source or info.url,
                "source_key": index_key(info.source or info.url),
                "triple": key,
                "subject_ref": relation.subject,
                "object_ref": relation.object,
                "attributed_to_ref": relation.attributed_to,
            },
        }
        batch.triples[key] = {
            "subject": subject, "type": relation.type.value,
            "object": object_, "triple": key,
        }


def _status_row(info: DocumentInfo, source_keys: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    sources = [] if info.url is not None else list(source_keys.get(info.id, ()))
    return {"id": info.id, "url_key": index_key(info.url),
            "source_keys": [index_key(source) for source in sources]}


def _origin(info: DocumentInfo, source_keys: Mapping[str, Sequence[str]]) -> str | None:
    """What makes two versions of a document the same document: its URL, else its file."""
    if info.url is not None:
        return "url:" + info.url
    spellings = source_keys.get(info.id)
    return "file:" + min(spellings) if spellings else None


def _curated_claim_row(
    identifier: str, relation: CuratedRelation, roots: Mapping[str, str] | None = None
) -> dict[str, Any]:
    mapped = roots or {}
    subject = mapped.get(relation.subject, relation.subject)
    object_ = mapped.get(relation.object, relation.object)
    return {
        "id": identifier,
        "subject": subject,
        "object": object_,
        "document_id": None,
        "attributed_to": None,
        "props": {
            "type": relation.type.value,
            "text": relation.note,
            "date": relation.date,
            "seen": relation.date,
            "confidence": 1.0,
            "negated": False,
            "extractor": "curated",
            "curated": True,
            "plover": relation.type.plover.value if relation.type.plover else None,
            "source": relation.source,
            "source_key": index_key(relation.source),
            "triple": triple_key(subject, relation.type, object_),
            "subject_ref": relation.subject,
            "object_ref": relation.object,
        },
    }


def _translate(error: Exception) -> KGError:
    """Map a driver error to kg's exception tree. Only a server that cannot be reached (or whose
    database is down) is GraphUnavailable: a statement Neo4j refuses for what it holds is
    GraphRefused, which ingestion isolates to the one document that caused it."""
    if isinstance(error, AuthError):
        return ConfigError(f"Neo4j refused the credentials: {_server_message(error)}")
    if isinstance(error, ServiceUnavailable | SessionExpired | DatabaseUnavailable):
        return GraphUnavailable(f"Neo4j is unavailable: {_server_message(error)}")
    if isinstance(error, ConstraintError):
        return Conflict(f"write contradicts what is stored: {_server_message(error)}")
    if isinstance(error, ClientError):
        return InvalidInput(f"Neo4j rejected a statement: {_server_message(error)}")
    if isinstance(error, Neo4jError):  # DatabaseError, TransientError (after the driver's retries)
        return GraphRefused(f"Neo4j refused the write: {_server_message(error)}")
    if isinstance(error, DriverError | OSError):
        return GraphUnavailable(f"lost the connection to Neo4j: {error}")
    return KGError(str(error))


_INDEX_NAME = re.compile(r"name='([^']+)'")


def _server_message(error: Exception) -> str:
    """The server's reason in one line: its first sentence, and the index it names if any
    ("Property value is too large to index (index document_url)")."""
    message = " ".join(str(getattr(error, "message", None) or error).split())
    first = message.split(". ", 1)[0].rstrip(".")
    index = _INDEX_NAME.search(message)
    if index is not None and "index" in first.lower():
        first += f" (index {index.group(1)})"
    return first


@asynccontextmanager
async def neo4j_errors() -> AsyncIterator[None]:
    """Re-raise the driver's errors inside the block as kg errors (see :func:`_translate`)."""
    try:
        yield
    except KGError:
        raise
    except (Neo4jError, DriverError, OSError) as error:
        raise _translate(error) from error


async def recompute_derived(
    tx: AsyncManagedTransaction,
    triples: Iterable[dict[str, str]],
    entity_ids: Sequence[str],
    added: Mapping[str, dict[str, Any]] | None = None,
) -> int:
    """Recompute typed relationships, drop unsupported entities, refresh the rest. Returns deletions.

    ``added`` (after an ingest: entity id -> the evidence the batch added, see
    :meth:`_Batch.added_evidence`) refreshes those entities from what they stored and that
    evidence (q.REFRESH_ENTITIES_ADDED), the rest from all their evidence."""
    by_type: dict[RelationType, list[dict[str, str]]] = {}
    for row in triples:
        by_type.setdefault(RelationType(row["type"]), []).append(row)
    for relation_type, rows in sorted(by_type.items()):
        statement = q.recompute_typed_relationships(relation_type.value)
        await (await tx.run(statement, rows=rows)).consume()
    deleted = 0
    if entity_ids:
        # Again while something goes: a deleted holder's dictionary roles were what kept the
        # country they are roles of (one statement reads before it deletes).
        for _ in range(3):
            result = await tx.run(q.DELETE_UNSUPPORTED_ENTITIES, ids=list(entity_ids))
            record = await result.single()
            gone = int(record["deleted"]) if record else 0
            deleted += gone
            if not gone:
                break
        full = list(entity_ids)
        if added:
            rows = [added[identifier] for identifier in entity_ids if identifier in added]
            result = await tx.run(q.REFRESH_ENTITIES_ADDED, rows=rows, event_kind=EntityKind.EVENT.value)
            fallback = {record["id"] async for record in result}
            full = [i for i in entity_ids if i not in added or i in fallback]
        if not full:
            return deleted
        await (
            await tx.run(
                q.REFRESH_ENTITIES,
                ids=full,
                kind_labels=_KIND_LABELS,
                all_kind_labels=_ALL_KIND_LABELS,
                event_kind=EntityKind.EVENT.value,
                holds_role=RelationType.HOLDS_ROLE.value,
            )
        ).consume()
    return deleted


async def merged_roots(tx: AsyncManagedTransaction, ids: Sequence[str]) -> dict[str, str]:
    """For the ids among ``ids`` that were merged into another actor, the actor they are now."""
    if not ids:
        return {}
    return {
        record["id"]: record["root"]
        async for record in await tx.run(q.RESOLUTION_IDS, ids=list(ids))
        if not record["live"] and record["root"] is not None
    }


async def _retract_in(tx: AsyncManagedTransaction, document_ids: list[str]) -> tuple[int, int]:
    """Remove documents with their claims and mentions inside ``tx``; returns (claims, entities deleted)."""
    triples = [r.data() async for r in await tx.run(q.RETRACTION_TRIPLES, document_ids=document_ids)]
    entity_ids = [r["id"] async for r in await tx.run(q.RETRACTION_ENTITIES, document_ids=document_ids)]
    summary = await (await tx.run(q.DELETE_DOCUMENT_CLAIMS, document_ids=document_ids)).consume()
    claims = summary.counters.nodes_deleted
    await (await tx.run(q.DELETE_DOCUMENTS, document_ids=document_ids)).consume()
    deleted = await recompute_derived(tx, triples, sorted(entity_ids))
    return claims, deleted


class DatabaseWriter:
    """A driver, a database and the bookmark manager that ties its writes to later reads.

    Writes are managed WRITE transactions (a cluster's leader; retried by the driver on a
    transient error). With ``bookmarks`` (a bookmark manager shared with the process's reader),
    reads that follow see these writes, on whichever cluster member answers them."""

    def __init__(
        self, driver: AsyncDriver, database: str = "neo4j", bookmarks: AsyncBookmarkManager | None = None
    ) -> None:
        self._driver = driver
        self._database = database
        self._bookmarks = bookmarks
        self._query_bookmarks = bookmarks or driver.execute_query_bookmark_manager

    def _session(self) -> AsyncSession:
        return self._driver.session(database=self._database, bookmark_manager=self._bookmarks)


class GraphRepository(DatabaseWriter):
    """kg's writes against one Neo4j database. Async; share one per process with its driver."""

    async def apply_schema_files(self, schema_dir: Path) -> list[str]:
        """Run ``schema_dir/*.cypher`` in name order. Kept for callers written before
        :func:`kg.graph.schema.apply_schema` existed; new code should call that."""
        from kg.graph.schema import apply_schema

        settings = load_settings(neo4j_database=self._database)
        return await apply_schema(self._driver, settings, schema_dir)

    # -- documents ---------------------------------------------------------------------------

    async def _known(self, sha256s: Iterable[str]) -> list[Record]:
        wanted = sorted(set(sha256s))
        if not wanted:
            return []
        async with neo4j_errors():
            records, _, _ = await self._driver.execute_query(
                q.KNOWN_DOCUMENTS, sha256s=wanted, database_=self._database, routing_="r",
                bookmark_manager_=self._query_bookmarks
            )
        return records

    async def known_documents(self, sha256s: Iterable[str]) -> dict[str, str]:
        """Map of content hash -> document id for those hashes already stored."""
        return {record["sha256"]: record["id"] for record in await self._known(sha256s)}

    async def known_document_extractors(self, sha256s: Iterable[str]) -> dict[str, str | None]:
        """Map of content hash -> the extractor that read the stored document, for stored hashes."""
        return {record["sha256"]: record["extractor"] for record in await self._known(sha256s)}

    async def document_by_url(self, url: str) -> DocumentInfo | None:
        async with neo4j_errors():
            records, _, _ = await self._driver.execute_query(
                q.DOCUMENT_BY_URL, url_key=index_key(url), database_=self._database, routing_="r",
                bookmark_manager_=self._query_bookmarks
            )
        if not records:
            return None
        stored = dict(records[0]["document"])
        published = stored.get("published")
        if published is not None and not isinstance(published, dt.date):
            stored["published"] = published.to_native()
        return DocumentInfo(**stored)

    async def write_extractions(
        self,
        extractions: Sequence[Extraction],
        *,
        force: bool = False,
        source_keys: Mapping[str, Sequence[str]] | None = None,
        resolution: ResolutionPolicy | None = None,
    ) -> WriteResult:
        """Store a batch of extractions in ONE transaction.

        A document already stored (same content hash) by the same extractor is left alone
        (``unchanged``); stored by another extractor, or with ``force``, it is retracted and
        written again from this extraction (``replaced`` and ``written``). A stored document
        with other content is retracted in the same transaction (``replaced``) when it has the
        same URL, or -- for a document without URL -- when both have no URL and its source is
        one of ``source_keys[document id]`` (the spellings of the file the new one was read
        from; the caller decides which documents have one). An extraction that fails
        validation is reported in ``failed`` and the rest is written.

        The batch's actors are resolved against the stored ones in the same transaction
        (:func:`kg.graph.resolution.resolve_batch_in`, with ``resolution``, default on): ids
        merged earlier are written to their actor, new ones the resolver matches are merged
        after the write, and ambiguous pairs are stored as candidates.
        """
        from kg.graph.resolution import (
            ResolutionPolicy,
            merge_in,
            resolve_batch_in,
            write_candidates_in,
            write_known_roles_in,
        )
        from kg.resolution.governments import with_dated_governments

        policy = resolution or ResolutionPolicy()
        keys = source_keys or {}
        result = WriteResult()
        accepted: dict[str, Extraction] = {}
        by_origin: dict[str, str] = {}
        for extraction in extractions:
            info = extraction.document
            problems = validate_extraction(extraction)
            if problems:
                result.failed.extend(problems)
                continue
            if info.id in accepted:
                result.unchanged.append(info.id)
                continue
            origin = _origin(info, keys)
            if origin is not None and origin in by_origin:
                # Two versions of one URL (or file) in a batch: the later one is the current content.
                earlier = by_origin[origin]
                del accepted[earlier]
                result.replaced.append(earlier)
            accepted[info.id] = extraction
            if origin is not None:
                by_origin[origin] = info.id
        if not accepted:
            return result

        async def work(tx: AsyncManagedTransaction) -> WriteResult:
            outcome = WriteResult(failed=list(result.failed), unchanged=list(result.unchanged),
                                  replaced=list(result.replaced))
            ids = sorted(accepted)
            stored: set[str] = set()
            to_replace: set[str] = set()
            # Locks each document first: a concurrent ingest of the same content waits, then
            # finds it stored (unchanged) instead of storing it a second time.
            async for record in await tx.run(q.CLAIM_DOCUMENTS, ids=ids):
                identifier = record["id"]
                if record["stored"]:
                    if force or record["extractor"] != accepted[identifier].extractor:
                        to_replace.add(identifier)  # read again: its old claims go first
                    else:
                        stored.add(identifier)
            status_rows = [_status_row(accepted[identifier].document, keys) for identifier in ids]
            async for record in await tx.run(q.DOCUMENT_STATUS, rows=status_rows):
                to_replace.update(record["replaces"])
            fresh: list[Extraction] = []
            for identifier in ids:
                if identifier in stored:
                    outcome.unchanged.append(identifier)
                else:
                    fresh.append(accepted[identifier])
                    outcome.written.append(identifier)
            if stored:
                await (await tx.run(q.RELEASE_DOCUMENTS, ids=sorted(stored))).consume()
            if to_replace:
                await _retract_in(tx, sorted(to_replace))
                outcome.replaced.extend(sorted(to_replace))
            if not fresh:
                return outcome
            if policy.enabled:
                # A '<country> government' of a document dated while a movement governed it.
                fresh = [with_dated_governments(extraction) for extraction in fresh]
            resolved = await resolve_batch_in(tx, fresh, policy)
            batch = _Batch()
            for extraction in fresh:
                _add_extraction(batch, extraction, resolved.id_map)
            await (await tx.run(q.MERGE_DOCUMENTS, rows=batch.documents)).consume()
            # Rows in id order: two concurrent writers lock shared entities in the same order.
            entities = [batch.entities[key] for key in sorted(batch.entities)]
            await (await tx.run(q.MERGE_EXTRACTED_ENTITIES, rows=entities)).consume()
            # Every document in `fresh` is stored from scratch (new, or retracted above): its
            # mentions and claims are new, so they are CREATEd (no MERGE's look for them).
            mentions = sorted(batch.mentions, key=lambda row: (row["entity_id"], row["document_id"]))
            await (await tx.run(q.CREATE_MENTIONS, rows=mentions)).consume()
            if batch.claims:
                claims = [batch.claims[key] for key in sorted(batch.claims)]
                await (await tx.run(q.CREATE_CLAIMS, rows=claims)).consume()
            await recompute_derived(
                tx, [batch.triples[key] for key in sorted(batch.triples)], batch.entity_ids(),
                added=batch.added_evidence(),
            )
            if resolved.plan.merges:
                await merge_in(tx, resolved.plan.merges)
            await write_candidates_in(tx, resolved.plan.candidates)
            await write_known_roles_in(tx, resolved)
            merged = resolved.plan.id_map()
            outcome.entity_ids = sorted({merged.get(i, i) for i in batch.entity_ids()})
            outcome.entities = len(outcome.entity_ids)
            outcome.claims = len(batch.claims)
            return outcome

        async with neo4j_errors(), self._session() as session:
            return await session.execute_write(work)

    async def documents_from_path(self, path: str) -> list[str]:
        """Ids of the documents read from the file ``path`` (spelled as it was ingested), from its
        JSON Lines records, or from files under the folder ``path``."""
        async with neo4j_errors():
            records, _, _ = await self._driver.execute_query(
                q.DOCUMENTS_FROM_PATH, key=index_key(path), record_prefix=path + ":",
                folder_prefix=path.rstrip(os.sep) + os.sep, database_=self._database, routing_="r",
                bookmark_manager_=self._query_bookmarks,
            )
        return [record["id"] for record in records]

    async def retract_document(self, ref: str) -> RetractResult:
        """Remove the document(s) with this id, URL or source path, their claims and mentions.

        Typed relationships they supported are recomputed; entities nothing supports any more
        (no claim, no mention, not curated) are deleted. Raises NotFound if nothing matches.
        """

        async def work(tx: AsyncManagedTransaction) -> RetractResult:
            ids = [
                record["id"]
                async for record in await tx.run(q.DOCUMENTS_BY_REFERENCE, ref=ref, ref_key=index_key(ref))
            ]
            if not ids:
                raise NotFound(f"no stored document has id, URL or source {ref!r}")
            claims, deleted = await _retract_in(tx, ids)
            return RetractResult(documents=ids, claims=claims, entities_deleted=deleted)

        async with neo4j_errors(), self._session() as session:
            return await session.execute_write(work)

    # -- curated data ------------------------------------------------------------------------

    async def existing_entity_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        async with neo4j_errors():
            records, _, _ = await self._driver.execute_query(
                q.EXISTING_ENTITY_IDS, ids=wanted, database_=self._database, routing_="r",
                bookmark_manager_=self._query_bookmarks
            )
        return {record["id"] for record in records}

    async def load_actors(self, actors: Sequence[CuratedActor], *, batch_size: int = 5000) -> int:
        """Create or update curated actors (curated name/kind win). One transaction per batch."""
        for start in range(0, len(actors), batch_size):
            chunk = actors[start : start + batch_size]
            rows = [
                {"id": a.id, "name": a.name, "kind": a.kind.value,
                 "aliases": list(a.aliases), "roles": list(a.roles)}
                for a in chunk
            ]

            async def work(tx: AsyncManagedTransaction, rows: list[dict[str, Any]] = rows) -> None:
                roots = await merged_roots(tx, [row["id"] for row in rows])
                live = [row for row in rows if row["id"] not in roots]
                merged = [row for row in rows if row["id"] in roots]
                await (await tx.run(q.MERGE_CURATED_ACTORS, rows=live)).consume()
                await (await tx.run(q.UPDATE_CURATED_MERGED_ACTORS, rows=merged)).consume()
                refreshed = {row["id"] for row in live} | {roots[row["id"]] for row in merged}
                await recompute_derived(tx, (), sorted(refreshed))

            async with neo4j_errors(), self._session() as session:
                await session.execute_write(work)
        return len(actors)

    async def load_relations(self, relations: Sequence[CuratedRelation], *, batch_size: int = 5000) -> int:
        """Store curated relations as curated claims and update their typed relationships.

        Their subjects and objects must exist (the curated loader checks this first). One
        transaction per batch, which first reads which of its claims are stored: new claims are
        created and update their typed relationship incrementally (exactly what the full
        recompute would give); a re-loaded claim whose date or note changed is rewritten and its
        relationship recomputed; an unchanged one is left alone. So a failed load can simply be
        re-run; a claim a concurrent load stored in between fails the batch (Conflict) rather
        than being counted twice, and a re-run then completes it.
        """
        for start in range(0, len(relations), batch_size):
            chunk: dict[str, CuratedRelation] = {}
            for relation in relations[start : start + batch_size]:
                identifier = curated_claim_id(
                    relation.source, relation.subject, relation.type, relation.object
                )
                chunk[identifier] = relation

            async def work(tx: AsyncManagedTransaction, chunk: dict[str, CuratedRelation] = chunk) -> None:
                roots = await merged_roots(
                    tx, sorted({i for r in chunk.values() for i in (r.subject, r.object)})
                )
                stored = {
                    record["id"]: record
                    async for record in await tx.run(q.EXISTING_CLAIMS, ids=list(chunk))
                }
                added: dict[RelationType, list[dict[str, Any]]] = {}
                changed: dict[str, CuratedRelation] = {}
                for identifier, relation in chunk.items():
                    if identifier in stored:
                        record = stored[identifier]
                        date = record["date"].to_native() if record["date"] is not None else None
                        if date != relation.date or record["text"] != relation.note:
                            changed[identifier] = relation
                        continue
                    subject = roots.get(relation.subject, relation.subject)
                    object_ = roots.get(relation.object, relation.object)
                    added.setdefault(relation.type, []).append({
                        "id": identifier, "subject": subject, "type": relation.type.value,
                        "object": object_, "source": relation.source,
                        "source_key": index_key(relation.source),
                        "triple": triple_key(subject, relation.type, object_),
                        "text": relation.note, "date": relation.date,
                        "plover": relation.type.plover.value if relation.type.plover else None,
                        "subject_ref": relation.subject, "object_ref": relation.object,
                    })
                for relation_type, rows in sorted(added.items()):
                    statement = q.add_curated_claims(relation_type.value)
                    await (await tx.run(statement, rows=rows)).consume()
                if changed:
                    claim_rows = [_curated_claim_row(i, r, roots) for i, r in changed.items()]
                    await (await tx.run(q.MERGE_CLAIMS, rows=claim_rows)).consume()
                    triples = {row["props"]["triple"]: {
                        "subject": row["subject"], "type": row["props"]["type"],
                        "object": row["object"], "triple": row["props"]["triple"]} for row in claim_rows}
                    await recompute_derived(tx, triples.values(), ())

            async with neo4j_errors(), self._session() as session:
                await session.execute_write(work)
        return len(relations)

    # -- inspection --------------------------------------------------------------------------

    async def counts(self) -> GraphCounts:
        async with neo4j_errors():
            records, _, _ = await self._driver.execute_query(
                q.GRAPH_COUNTS, database_=self._database, routing_="r",
                bookmark_manager_=self._query_bookmarks
            )
        return GraphCounts(**records[0].data())

