"""Every Cypher statement kg runs, and nothing else.

Rules: values only through ``$parameters``; labels and relationship types only from the enums
in :mod:`kg.model` (dynamic ``$(...)`` labels/types, Neo4j 5.26+); writes are
``UNWIND $rows AS row ...`` over batches; reads are routed as READ by the caller.
Sections are owned by the module that runs them; keep each section's statements together.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

# --- schema and administration (kg.graph.schema, kg.graph.admin) ---------------------------

# Constraints and the indexes that are not a constraint's backing index, to diff around a schema run.
SHOW_CONSTRAINTS = """
SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties
RETURN name, type, entityType, labelsOrTypes, properties
"""
SHOW_INDEXES = """
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint
WHERE owningConstraint IS NULL
RETURN name, type, entityType, labelsOrTypes, properties
"""
# Once, for a graph stored before `url_key`/`source_key` existed (when schema 002 still had the raw
# url/source indexes): every value then was short enough to be indexed raw, and one of at most
# 1,000 characters is its own key (kg.graph.repository.index_key).
BACKFILL_INDEX_KEYS = (
    "MATCH (d:Document) WHERE d.url_key IS NULL AND d.url IS NOT NULL AND size(d.url) <= 1000 "
    "SET d.url_key = d.url",
    "MATCH (d:Document) WHERE d.source_key IS NULL AND d.source IS NOT NULL AND size(d.source) <= 1000 "
    "SET d.source_key = d.source",
    "MATCH (c:Claim) WHERE c.source_key IS NULL AND c.source IS NOT NULL AND size(c.source) <= 1000 "
    "SET c.source_key = c.source",
)
# Wait until every index is ONLINE (a new full-text index is useless until populated).
AWAIT_INDEXES = "CALL db.awaitIndexes($timeout_s)"

SERVER_COMPONENTS = """
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
"""
# One pass over the store each; fine for `kg status`, not for a hot path.
NODE_COUNTS_BY_LABEL = """
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY label
"""
RELATIONSHIP_COUNTS_BY_TYPE = """
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count ORDER BY type
"""
# Empties the graph, keeping constraints and indexes. Batched, so it needs an auto-commit
# transaction (session.run), not execute_query's managed one.
# Relationships first, then nodes: DETACH DELETE of a well-connected node puts all of its
# relationships into one inner transaction, which overflows the transaction memory pool on big graphs.
DELETE_ALL_RELATIONSHIPS = "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
DELETE_ALL_NODES = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

# --- writes: documents, entities, claims, typed relationships, curated data, retraction ------

# Owner: kg.graph.repository. Every write is `UNWIND $rows AS row` over one batch; the
# repository runs a batch's statements in ONE transaction. Dynamic labels/types (`$(...)`)
# receive only values validated against EntityKind / RelationType.

# Documents already stored, by content hash, with the extractor that read them (unchanged
# documents read by the current extractor are skipped before NLP).
KNOWN_DOCUMENTS = """
UNWIND $sha256s AS sha
MATCH (d:Document {sha256: sha})
RETURN d.sha256 AS sha256, d.id AS id, d.extractor AS extractor
"""

# URLs and sources are looked up by their index key (kg.graph.repository.index_key: the value
# itself, or a hash of a value too long for Neo4j to index).
DOCUMENT_BY_URL = """
MATCH (d:Document {url_key: $url_key})
RETURN d {.id, .sha256, .source, .title, .author, .url, .published} AS document
ORDER BY d.ingested_at DESC
LIMIT 1
"""

# Resolves a retraction reference: a document id, URL or source path.
DOCUMENTS_BY_REFERENCE = """
CALL () {
  MATCH (d:Document {id: $ref}) RETURN d
  UNION
  MATCH (d:Document {url_key: $ref_key}) RETURN d
  UNION
  MATCH (d:Document {source_key: $ref_key}) RETURN d
}
RETURN d.id AS id
ORDER BY id
"""

# The first statement of a write: takes the write lock of each incoming document (creating a
# bare node for a new one), then says whether it is stored and by which extractor. A concurrent
# ingest of the same document waits here until this transaction ends and then sees it stored,
# so two ingests never both store (and count as new) the same document. Ids arrive sorted, so
# two writers lock in the same order. `ingesting` is removed by MERGE_DOCUMENTS / RELEASE_DOCUMENTS
# before the commit.
CLAIM_DOCUMENTS = """
UNWIND $ids AS id
MERGE (d:Document {id: id})
SET d.ingesting = true
RETURN id, d.sha256 IS NOT NULL AS stored, d.extractor AS extractor
"""

# Claimed documents that turned out to be stored already (unchanged): the lock mark goes.
RELEASE_DOCUMENTS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
REMOVE d.ingesting
"""

# Documents read from one file or from the files under one folder, by source key: the file
# itself, its JSON Lines records ("<file>:<line>"), the files under a folder ("<folder>/...").
DOCUMENTS_FROM_PATH = """
CALL () {
  MATCH (d:Document {source_key: $key}) RETURN d
  UNION
  MATCH (d:Document) WHERE d.source_key STARTS WITH $record_prefix RETURN d
  UNION
  MATCH (d:Document) WHERE d.source_key STARTS WITH $folder_prefix RETURN d
}
RETURN d.id AS id
ORDER BY id
"""

# For each incoming document, the stored documents it replaces: those with its URL, or -- for a
# document without URL read from a file -- those without URL whose source is one of
# $row.source_keys (spellings of that file's path); both only with other content.
DOCUMENT_STATUS = """
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (old:Document {url_key: row.url_key})
  WHERE old.id <> row.id
  RETURN collect(old.id) AS by_url
}
CALL (row) {
  UNWIND row.source_keys AS source_key
  MATCH (old:Document {source_key: source_key})
  WHERE old.id <> row.id AND old.url IS NULL
  RETURN collect(DISTINCT old.id) AS by_source
}
RETURN row.id AS id, by_url + [id IN by_source WHERE NOT id IN by_url] AS replaces
"""

MERGE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.ingested_at = coalesce(d.ingested_at, datetime()),
    d.sha256 = row.sha256, d.source = row.source, d.source_key = row.source_key,
    d.url = row.url, d.url_key = row.url_key, d.title = row.title,
    d.author = row.author, d.published = row.published, d.extractor = row.extractor
REMOVE d.ingesting
"""

# Extracted entities: name/kind only when new (curated or earlier data is never overwritten
# here); aliases, labels and roles are recomputed by REFRESH_ENTITIES afterwards.
MERGE_EXTRACTED_ENTITIES = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.kind = row.kind, e.curated = false,
              e.aliases = [], e.aliases_text = '', e.roles = []
SET e.country = coalesce(row.country, e.country), e.sector = coalesce(row.sector, e.sector)
"""

# What one document said about an entity is kept on its MENTIONS relationship, so that a
# retraction can recompute the entity's aliases from the documents that remain. `ref` is the
# id the document used: the entity's own, or one merged into it (kg.graph.resolution).
#
# Written only for the documents a write transaction stores from scratch (new, or retracted
# earlier in the same transaction: kg.graph.repository.write_extractions), which have no
# mentions yet, with one row per (document, ref): a plain CREATE. A MERGE would check for the
# link first with Expand(Into), which walks the relationship chain of a sparse entity: its cost
# grew with the entities' degrees (40 db hits a row at 20k documents of the 1M-claim bench graph).
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.document_id})
MATCH (e:Entity {id: row.entity_id})
CREATE (d)-[:MENTIONS {ref: row.ref, name: row.name, kind: row.kind, aliases: row.aliases}]->(e)
"""


def _write_claims(write: str) -> str:
    """Claims with their subject, object, document and attribution links, each written by ``write``."""
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject}})
MATCH (o:Entity {{id: row.object}})
{write} (c:Claim {{id: row.id}})
SET c += row.props
{write} (c)-[:SUBJECT]->(s)
{write} (c)-[:OBJECT]->(o)
WITH c, row
CALL (c, row) {{
  MATCH (d:Document {{id: row.document_id}})
  {write} (c)-[:FROM]->(d)
}}
CALL (c, row) {{
  MATCH (a:Entity {{id: row.attributed_to}})
  {write} (c)-[:ATTRIBUTED_TO]->(a)
}}
"""


# Extracted and curated claims alike. `triple` is the key of the typed relationship the claim
# supports; `seen` is when it was true (its date, else the document's publication date).
MERGE_CLAIMS = _write_claims("MERGE")

# MERGE_CLAIMS for the claims of documents a write transaction stores from scratch (see
# CREATE_MENTIONS): a claim's id includes its document's, so these claims are new. The claim node
# is CREATEd -- the claim_id constraint refuses an id that exists, so a claim is never stored
# twice -- and with it its links, which a new node cannot have yet (no MERGE: no Expand(Into)
# over the entities' relationships, whose cost grew with their degrees).
CREATE_CLAIMS = _write_claims("CREATE")

# One typed relationship per (subject, type, object), recomputed from its non-negated claims:
#   claims      number of claims,
#   documents   number of distinct documents among them (curated claims have none),
#   curated     whether a curated list asserts it,
#   first_seen / last_seen   min / max of the claims' `seen` dates,
#   plover      the PLOVER categories its claims give, distinct and sorted (a typed relationship
#               stands for every claim of its triple; one SUPPORTED edge may hold claims of
#               SUPPORT and AID: the list says which, each claim keeps its own),
#   confidence  noisy-or over sources: 1 - prod(1 - best confidence per document or curated
#               source). Several sentences of one article are not independent evidence, so each
#               source contributes its best claim once. Rounded so that the value does not
#               depend on the order claims are read in.
#   subject / object   the ends' entity ids, copied onto the relationship: the keys of the
#               per-type relationship indexes that serve a hub's relation page in order
#               (relation_end_indexes(); see relations_page()).
# Deleted when no claim remains.
#
# One statement per relationship type, the type written into the text from RelationType (never
# from input): a MERGE with a dynamic type `[:$(row.type)]` is planned by Neo4j 5.26 as a scan of
# ALL relationships per row whenever the statistics say the graph has few relationships (e.g. the
# first ingest into an empty graph) -- 3000 rows cost 6M db hits instead of 19k. A static type
# plans as Expand(Into) between the two already-matched nodes. Expand(Into) walks the
# relationships of a sparse end (its cost grows with the ends' degrees), so the deleting branch
# looks only where no claim remains (after a retraction), not for every row of an ingest.
_RECOMPUTE_TYPED_RELATIONSHIPS_TEMPLATE = """
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
CALL (row) {
  OPTIONAL MATCH (c:Claim {triple: row.triple})
  WHERE c.negated = false
  WITH coalesce(c.document_id, c.source) AS provenance, c.document_id AS document_id,
       count(c) AS n, max(c.confidence) AS best, min(c.seen) AS first, max(c.seen) AS last,
       sum(CASE WHEN c.curated THEN 1 ELSE 0 END) AS curated_claims
  RETURN sum(n) AS claims, count(document_id) AS documents,
         round(1.0 - reduce(p = 1.0, b IN collect(best) | p * (1.0 - b)), 6) AS confidence,
         min(first) AS first_seen, max(last) AS last_seen, sum(curated_claims) > 0 AS curated
}
CALL (row) {
  OPTIONAL MATCH (c:Claim {triple: row.triple})
  WHERE c.negated = false
  WITH DISTINCT c.plover AS category ORDER BY category
  RETURN collect(category) AS plover
}
CALL (s, o, claims) {
  WITH * WHERE claims = 0
  MATCH (s)-[r:RELATION_TYPE]->(o)
  DELETE r
}
CALL (s, o, claims, documents, confidence, first_seen, last_seen, curated, plover) {
  WITH * WHERE claims > 0
  MERGE (s)-[r:RELATION_TYPE]->(o)
  SET r.claims = claims, r.documents = documents, r.confidence = confidence,
      r.first_seen = first_seen, r.last_seen = last_seen, r.curated = curated, r.plover = plover,
      r.subject = s.id, r.object = o.id
}
"""


def _for_relation_type(template: str, relation_type: str) -> str:
    """``template`` with its RELATION_TYPE placeholder set to a ``kg.model.RelationType`` value;
    anything that is not an UPPER_SNAKE word is refused, so no other text reaches the Cypher."""
    if not relation_type.isupper() or not relation_type.replace("_", "").isalpha():
        raise ValueError(f"not a relation type: {relation_type!r}")
    return template.replace("RELATION_TYPE", relation_type)


def recompute_typed_relationships(relation_type: str) -> str:
    """The recompute statement for one type; callers pass a ``kg.model.RelationType`` value."""
    return _for_relation_type(_RECOMPUTE_TYPED_RELATIONSHIPS_TEMPLATE, relation_type)


# Recomputes what an entity shows from what supports it:
#   name       curated values win; otherwise a name of several words ('Vladimir Putin') over a
#              bare one ('Putin'), then the current one while a document still uses it, then the
#              most frequent among the mentions;
#   kind       curated values win; otherwise the kind the fullest names were given (the NER is
#              surer of 'Sergei Lavrov' than of a bare 'Lavrov'), then the current one while a
#              document still uses it, then the most frequent: kind conflicts are settled by the
#              evidence across documents, not by one sentence;
#   aliases    curated aliases + every name and alias the documents used + the names and
#              curated aliases of curated ids merged into it, minus the name;
#   roles      curated roles + role titles of its non-negated HOLDS_ROLE claims (a dictionary's
#              dated roles are not titles: roles(asOf:) in the API shows them);
#   merged_from  the ids merged into it (kg.graph.resolution), absent when none;
#   date       events only: the earliest date of a non-negated claim about them (when it happened);
#   labels     :Actor + kind label, or :Event ($kind_labels maps kind -> label).
REFRESH_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (:Document)-[m:MENTIONS]->(e)
  RETURN collect(m.name) AS names, collect(m.aliases) AS alias_lists,
         collect(CASE WHEN m IS NOT NULL THEN {kind: m.kind, words: size(split(trim(m.name), ' '))} END)
           AS kinds
}
CALL (e) {
  OPTIONAL MATCH (e)<-[:SUBJECT]-(c:Claim {type: $holds_role})
  WHERE c.negated = false AND c.role IS NOT NULL AND NOT coalesce(c.dictionary, false)
  RETURN collect(c.role) AS claim_roles
}
CALL (e) {
  OPTIONAL MATCH (e)<-[:OBJECT]-(c:Claim)
  WHERE e.kind = $event_kind AND c.negated = false AND c.date IS NOT NULL
  RETURN min(c.date) AS event_date
}
CALL (e) {
  OPTIONAL MATCH (m:MergedEntity)-[:MERGED_INTO*1..32]->(e)
  WITH m ORDER BY m.id
  RETURN collect(m.id) AS merged_from,
         reduce(acc = [],
                x IN collect(CASE WHEN m.curated THEN [m.name] + coalesce(m.curated_aliases, []) END)
                | acc + x) AS merged_names
}
CALL (e, names) {
  UNWIND CASE WHEN size(names) = 0 THEN [e.name] ELSE names END AS candidate
  WITH e, candidate, count(*) AS uses
  ORDER BY CASE WHEN size(split(trim(candidate), ' ')) > 1 THEN 0 ELSE 1 END,
           CASE WHEN candidate = e.name THEN 0 ELSE 1 END, uses DESC, candidate
  LIMIT 1
  RETURN candidate AS frequent_name
}
CALL (e, kinds) {
  UNWIND CASE WHEN size(kinds) = 0 THEN [{kind: e.kind, words: 0}] ELSE kinds END AS candidate
  WITH e, candidate.kind AS kind, max(candidate.words) AS words, count(*) AS uses
  ORDER BY words DESC, CASE WHEN kind = e.kind THEN 0 ELSE 1 END, uses DESC, kind
  LIMIT 1
  RETURN kind AS frequent_kind
}
WITH e, names, alias_lists, claim_roles, event_date, merged_from, merged_names,
     CASE WHEN e.curated THEN e.name ELSE frequent_name END AS name,
     CASE WHEN e.curated THEN e.kind ELSE frequent_kind END AS kind
CALL (e, name, names, alias_lists, merged_names) {
  UNWIND reduce(acc = coalesce(e.curated_aliases, []) + names + merged_names,
                l IN alias_lists | acc + l) AS alias
  WITH alias WHERE alias <> name
  WITH DISTINCT alias ORDER BY alias
  RETURN collect(alias) AS aliases
}
CALL (e, claim_roles) {
  UNWIND coalesce(e.curated_roles, []) + claim_roles AS role
  WITH DISTINCT role ORDER BY role
  RETURN collect(role) AS roles
}
REMOVE e:$($all_kind_labels)
SET e.name = name, e.kind = kind, e.aliases = aliases, e.roles = roles,
    e.merged_from = CASE WHEN size(merged_from) = 0 THEN null ELSE merged_from END,
    e.date = CASE WHEN kind = $event_kind THEN event_date END,
    e.aliases_text = reduce(text = '', a IN aliases | text + CASE WHEN text = '' THEN '' ELSE ' | ' END + a),
    e:$(CASE WHEN kind = $event_kind THEN [$kind_labels[kind]] ELSE ['Actor', $kind_labels[kind]] END)
"""

# REFRESH_ENTITIES after an ingest, without re-reading what was stored before: the entity's
# stored name, aliases, roles and date are what REFRESH_ENTITIES gave for the evidence before
# the batch, and an ingest only ADDS evidence (fresh documents' mentions and claims), so the
# batch's own evidence ($rows: {id, mentions: [{name, kind, aliases}], roles, dates}: the role
# titles of its non-negated HOLDS_ROLE claims with the entity as subject, the dates of its
# non-negated claims with the entity as object) gives the same result:
#   name     curated: unchanged. Otherwise the stored name came from the earlier mentions, so a
#            name of several words stays; a bare one stays unless the batch brings names of
#            several words (then there were none before): the one the batch uses most, then the
#            first in order;
#   kind     unchanged: curated, or every mention of the batch gives the stored kind;
#   aliases  the stored aliases + the stored name + the batch's names and aliases, minus the name;
#   roles    the stored roles + the batch's; date (events) the earlier of the stored and the batch's;
#   labels, merged_from  unchanged.
# Each entity costs the same however much evidence it has (a hub's refresh re-read all its
# mentions and claims, every batch). Not applicable -- returned for REFRESH_ENTITIES -- to an
# entity without mentions before the batch (a new one) or that the batch gives another kind.
REFRESH_ENTITIES_ADDED = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WITH e, row, coalesce(e.curated, false) AS curated,
     COUNT { (e)<-[:MENTIONS]-() } - size(row.mentions) AS mentioned_before
WITH e, row, curated,
     curated OR (mentioned_before > 0 AND all(m IN row.mentions WHERE m.kind = e.kind)) AS incremental
CALL (e, row, curated, incremental) {
  WITH * WHERE incremental AND NOT curated AND size(split(trim(e.name), ' ')) = 1
  UNWIND [m IN row.mentions | m.name] AS candidate
  WITH candidate, count(*) AS uses
  WHERE size(split(trim(candidate), ' ')) > 1
  WITH candidate ORDER BY uses DESC, candidate
  RETURN head(collect(candidate)) AS longer_name
}
CALL (e, row, incremental, longer_name) {
  WITH * WHERE incremental
  WITH e, row, coalesce(longer_name, e.name) AS name
  CALL (e, row, name) {
    UNWIND coalesce(e.aliases, []) + [e.name]
           + reduce(acc = [], m IN row.mentions | acc + [m.name] + m.aliases) AS alias
    WITH alias WHERE alias <> name
    WITH DISTINCT alias ORDER BY alias
    RETURN collect(alias) AS aliases
  }
  CALL (e, row) {
    UNWIND coalesce(e.roles, []) + row.roles AS role
    WITH DISTINCT role ORDER BY role
    RETURN collect(role) AS roles
  }
  SET e.name = name, e.aliases = aliases, e.roles = roles,
      e.date = CASE WHEN e.kind = $event_kind
                    THEN reduce(earliest = e.date, date IN row.dates |
                                CASE WHEN earliest IS NULL OR date < earliest THEN date ELSE earliest END)
               END,
      e.aliases_text = reduce(text = '', a IN aliases | text + CASE WHEN text = '' THEN '' ELSE ' | ' END + a)
}
WITH row, incremental WHERE NOT incremental
RETURN row.id AS id
"""

# Entities nothing supports any more: no mention, no claim (a dictionary's dated role does not
# keep its holder: it goes with them; it does keep the country it is a role of), not curated.
# The ids merged into one go with it (the decisions that merged them stay in the log).
DELETE_UNSUPPORTED_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT coalesce(e.curated, false)
  AND NOT EXISTS { (:Document)-[:MENTIONS]->(e) }
  AND NOT EXISTS { (e)<-[:SUBJECT|ATTRIBUTED_TO]-(c:Claim) WHERE NOT coalesce(c.dictionary, false) }
  AND NOT EXISTS { (e)<-[:OBJECT]-(:Claim) }
CALL (e) {
  OPTIONAL MATCH (m:MergedEntity)-[:MERGED_INTO*1..32]->(e)
  DETACH DELETE m
}
CALL (e) {
  OPTIONAL MATCH (e)<-[:SUBJECT]-(c:Claim {dictionary: true})
  DETACH DELETE c
}
DETACH DELETE e
RETURN count(*) AS deleted
"""

# What a retraction touches: the (subject, type, object) triples of the documents' claims and
# every entity they mention or their claims link to.
RETRACTION_TRIPLES = """
UNWIND $document_ids AS document_id
MATCH (c:Claim {document_id: document_id})
MATCH (c)-[:SUBJECT]->(s:Entity)
MATCH (c)-[:OBJECT]->(o:Entity)
RETURN DISTINCT s.id AS subject, c.type AS type, o.id AS object, c.triple AS triple
"""

RETRACTION_ENTITIES = """
UNWIND $document_ids AS document_id
CALL (document_id) {
  MATCH (:Document {id: document_id})-[:MENTIONS]->(e:Entity)
  RETURN e.id AS id
  UNION
  MATCH (:Claim {document_id: document_id})-[:SUBJECT|OBJECT|ATTRIBUTED_TO]->(e:Entity)
  RETURN e.id AS id
}
RETURN DISTINCT id
"""

DELETE_DOCUMENT_CLAIMS = """
UNWIND $document_ids AS document_id
MATCH (c:Claim {document_id: document_id})
DETACH DELETE c
"""

DELETE_DOCUMENTS = """
UNWIND $document_ids AS document_id
MATCH (d:Document {id: document_id})
DETACH DELETE d
"""

# Curated actors win over extracted name and kind; their aliases/roles are kept separately
# (curated_aliases, curated_roles) so that REFRESH_ENTITIES can merge them with evidence.
MERGE_CURATED_ACTORS = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e.name = row.name, e.kind = row.kind, e.curated = true,
    e.curated_aliases = row.aliases, e.curated_roles = row.roles
"""

# A curated actor whose id was merged into another actor stays merged: its curated facts are
# kept on the merged id (the actor shows its name and aliases as aliases); returns the actor.
UPDATE_CURATED_MERGED_ACTORS = """
UNWIND $rows AS row
MATCH (m:MergedEntity {id: row.id})-[:MERGED_INTO*1..32]->(root:Entity)
SET m.name = row.name, m.kind = row.kind, m.curated = true,
    m.curated_aliases = row.aliases, m.curated_roles = row.roles
RETURN root.id AS root
"""

# Stored claims among $ids, with what a curated re-load could change.
EXISTING_CLAIMS = """
UNWIND $ids AS id
MATCH (c:Claim {id: id})
RETURN c.id AS id, c.date AS date, c.text AS text
"""

# New curated claims, one row per claim, each updating its typed relationship incrementally: a
# curated claim is non-negated with confidence 1 and no document, so adding it changes the
# aggregates of RECOMPUTE_TYPED_RELATIONSHIPS exactly like this (claims + 1, confidence 1,
# curated, first/last seen widened by its date; documents unchanged). Two new claims of one
# triple in a batch are two rows: the second MERGE finds the relationship the first created (the
# planner's Eager keeps the read-then-add of r.claims row by row). Only used for claims that did
# not exist; anything else goes through MERGE_CLAIMS + the full recompute. The caller read in
# the same transaction that no claim has these ids, so claims and their SUBJECT/OBJECT links are
# CREATEd: a MERGE of those links expands the (dense) actor node for nothing, which made the
# statement ~1.7x slower. Should a concurrent load create one of these claims in between, the
# unique constraint fails this transaction (Conflict; a re-run skips the stored claim) rather
# than counting the claim twice. Flat on purpose: a per-triple row with a nested
# `CALL { UNWIND row.claims ... }` planned a second Eager and a SubqueryForeach and measured
# ~1.5x slower. One statement per type (see the note on RECOMPUTE_TYPED_RELATIONSHIPS).
_ADD_CURATED_CLAIMS_TEMPLATE = """
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
CREATE (c:Claim {id: row.id})
SET c.type = row.type, c.text = row.text, c.date = row.date, c.seen = row.date,
    c.confidence = 1.0, c.negated = false, c.extractor = 'curated', c.curated = true,
    c.source = row.source, c.source_key = row.source_key, c.triple = row.triple, c.plover = row.plover,
    c.subject_ref = row.subject_ref, c.object_ref = row.object_ref
CREATE (c)-[:SUBJECT]->(s)
CREATE (c)-[:OBJECT]->(o)
MERGE (s)-[r:RELATION_TYPE]->(o)
ON CREATE SET r.claims = 0, r.documents = 0, r.subject = row.subject, r.object = row.object
WITH r, row
CALL (r, row) {
  UNWIND coalesce(r.plover, []) + [row.plover] AS category
  WITH DISTINCT category WHERE category IS NOT NULL
  WITH category ORDER BY category
  RETURN collect(category) AS plover
}
SET r.claims = r.claims + 1, r.confidence = 1.0, r.curated = true, r.plover = plover,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR row.date < r.first_seen
                        THEN coalesce(row.date, r.first_seen) ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.date > r.last_seen
                       THEN coalesce(row.date, r.last_seen) ELSE r.last_seen END
"""


def add_curated_claims(relation_type: str) -> str:
    """The incremental curated-claims statement for one ``kg.model.RelationType`` value."""
    return _for_relation_type(_ADD_CURATED_CLAIMS_TEMPLATE, relation_type)


# Ids that name a stored entity: its own, or one merged into it (kg.graph.resolution).
EXISTING_ENTITY_IDS = """
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (m:MergedEntity {id: id})
WITH id WHERE e IS NOT NULL OR m IS NOT NULL
RETURN id
"""

GRAPH_COUNTS = """
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH (n:Actor) RETURN count(n) AS actors }
CALL () { MATCH (n:Document) RETURN count(n) AS documents }
CALL () { MATCH (n:Claim) RETURN count(n) AS claims }
CALL () { MATCH (:Document)-[r:MENTIONS]->(:Entity) RETURN count(r) AS mentions }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS typed_relationships }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN entities, actors, documents, claims, mentions, typed_relationships, relationships
"""


# --- resolution: merged ids, merges, splits, decisions (owner: kg.graph.resolution) ----------
#
# An actor id merged into another lives on as a (:MergedEntity {id, name, kind, ...}) node, its
# properties as they were when it was merged, linked -[:MERGED_INTO {decision}]-> the actor it
# went into (itself possibly merged further: a chain ends at a live :Entity, the root). The
# claims and mentions of a merged id point at the root and remember the id the source used
# (Claim.subject_ref / object_ref / attributed_to_ref, MENTIONS.ref), so that a split can give
# them back. Every judgement is a (:Decision {id, left, right, judgement, decided_by, rule,
# score, decided_at, active}): judgement 'same' (left kept, right merged into it), 'not_same'
# or 'candidate' (a pair for review).

# What each id is now: a live entity, an id merged into a live root, or unknown.
RESOLUTION_IDS = """
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (:MergedEntity {id: id})-[:MERGED_INTO*1..32]->(root:Entity)
RETURN id, e IS NOT NULL AS live, root.id AS root, coalesce(e.merged_from, []) AS merged_from,
       e.name AS name, e.kind AS kind, coalesce(e.aliases, []) AS aliases
"""

# Stored actors that may be each new actor: a full-text query per row over folded names and
# aliases ($rows: {id, query}), the best $limit, each with the ids merged into it.
RESOLUTION_CANDIDATES = """
UNWIND $rows AS row
CALL (row) {
  CALL db.index.fulltext.queryNodes('actor_names_folded', row.query, {limit: $limit}) YIELD node
  RETURN collect(node {.id, .name, .kind, .aliases, .merged_from, .country, .sector}) AS candidates
}
RETURN row.id AS id, candidates
"""

# Stored agents of the country and sector of each row ($rows: {id, country, sector}; the
# actor_country index): a country's whole force may be named with no word in common ('Chinese
# military' / 'People's Liberation Army'). At most $limit per row.
RESOLUTION_AGENTS = """
UNWIND $rows AS row
CALL (row) {
  MATCH (e:Actor {country: row.country})
  WHERE e.sector = row.sector AND e.id <> row.id
  WITH e ORDER BY e.id LIMIT $limit
  RETURN collect(e {.id, .name, .kind, .aliases, .merged_from, .country, .sector}) AS candidates
}
RETURN row.id AS id, candidates
"""

# The stored decisions that involve any of $ids (active ones: an undone merge is history).
RESOLUTION_DECISIONS = """
UNWIND $ids AS id
CALL (id) {
  MATCH (d:Decision {left: id}) RETURN d
  UNION
  MATCH (d:Decision {right: id}) RETURN d
}
WITH DISTINCT d WHERE d.active AND d.judgement IN ['same', 'not_same']
RETURN d.id AS id, d.left AS left, d.right AS right, d.judgement = 'same' AS same,
       d.decided_by AS decided_by
"""

# Who held which role of an office (a country, an organisation) when: per (holder, role as
# written) of each office `of`, the first and last date its non-negated HOLDS_ROLE claims were
# seen and the dated intervals (since, until) some of them give (kg.resolution.roles). The role
# is folded and compared by the caller.
_ROLE_CLAIMS_OF_OFFICE = """
MATCH (:Entity {id: of})<-[:OBJECT]-(c:Claim {type: $holds_role})-[:SUBJECT]->(holder:Actor)
WHERE c.negated = false AND c.role IS NOT NULL
WITH asked, of, holder.id AS holder, c.role AS role, min(c.seen) AS first_seen, max(c.seen) AS last_seen,
     collect(CASE WHEN c.since IS NOT NULL OR c.until IS NOT NULL THEN [c.since, c.until] END) AS intervals
RETURN asked, of, holder, role, first_seen, last_seen, intervals
"""

# ... for the offices $ofs (`asked` is the office).
ROLE_CLAIMS_OF_OFFICES = """
UNWIND $ofs AS of
WITH of AS asked, of
""" + _ROLE_CLAIMS_OF_OFFICE

# ... for every office the actors $ids held a role of, all its holders (`asked` is the actor):
# whether an actor still held a role depends on who was seen in it after them.
ROLE_CLAIMS_OF_HOLDERS = """
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:SUBJECT]-(:Claim {type: $holds_role})-[:OBJECT]->(o:Entity)
WITH DISTINCT id AS asked, o.id AS of
""" + _ROLE_CLAIMS_OF_OFFICE


def _claim_link(link: str) -> tuple[str, str]:
    """The relationship type and ref property of a claim's link to an entity; only these three."""
    refs = {"SUBJECT": "subject_ref", "OBJECT": "object_ref", "ATTRIBUTED_TO": "attributed_to_ref"}
    if link not in refs:
        raise ValueError(f"not a claim link: {link!r}")
    return link, refs[link]


_CLAIM_LINKS = ("SUBJECT", "OBJECT", "ATTRIBUTED_TO")


def _move_links_of(source: str, target: str, refs: str | None) -> str:
    """Fragment: move every claim link and mention from ``source`` to ``target`` (node variables
    bound by the caller), keeping the id the source used as the ref; with ``refs`` (a variable
    holding a list of ids) only the links whose ref is one of them. Returns the moved claims'
    ids as ``moved``."""
    scope = f"({source}, {target}, {refs})" if refs else f"({source}, {target})"
    parts = []
    for index, link in enumerate(_CLAIM_LINKS):
        relationship, ref = _claim_link(link)
        where = f"WHERE c.{ref} IN {refs}" if refs else ""
        parts.append(f"""CALL {scope} {{
  MATCH (c:Claim)-[r:{relationship}]->({source})
  {where}
  SET c.{ref} = coalesce(c.{ref}, {source}.id)
  DELETE r
  CREATE (c)-[:{relationship}]->({target})
  RETURN collect(c.id) AS moved_{index}
}}""")
    where = f"WHERE m.ref IN {refs}" if refs else ""
    parts.append(f"""CALL {scope} {{
  MATCH (d:Document)-[m:MENTIONS]->({source})
  {where}
  CREATE (d)-[n:MENTIONS]->({target})
  SET n = properties(m), n.ref = coalesce(m.ref, {source}.id)
  DELETE m
}}""")
    moved = " + ".join(f"moved_{index}" for index in range(len(_CLAIM_LINKS)))
    return "\n".join(parts) + f"\nRETURN {moved} AS moved"


# The typed-relationship keys of the claims linked to $ids (to recompute after a move).
CLAIM_TRIPLES_OF_ENTITIES = """
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:SUBJECT|OBJECT]-(c:Claim)
MATCH (s:Entity)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Entity)
RETURN DISTINCT s.id AS subject, c.type AS type, o.id AS object, c.triple AS triple
"""

# After claims moved: their `triple` keys set from their current ends; the triples returned.
RETRIPLE_CLAIMS = """
UNWIND $ids AS id
MATCH (s:Entity)<-[:SUBJECT]-(c:Claim {id: id})-[:OBJECT]->(o:Entity)
SET c.triple = s.id + ' -[' + c.type + ']-> ' + o.id
RETURN DISTINCT s.id AS subject, c.type AS type, o.id AS object, c.triple AS triple
"""

# Merge $rows ({merged, into}): the claims and mentions of `merged` go to `into`.
MERGE_MOVE_LINKS = """
UNWIND $rows AS row
MATCH (b:Entity {id: row.merged})
MATCH (a:Entity {id: row.into})
""" + _move_links_of("b", "a", None)

# ... and `merged` becomes a :MergedEntity -[:MERGED_INTO]-> `into`, its properties kept.
MERGE_RETIRE = """
UNWIND $rows AS row
MATCH (b:Entity {id: row.merged})
MATCH (a:Entity {id: row.into})
REMOVE b:$($entity_labels)
SET b:MergedEntity
CREATE (b)-[:MERGED_INTO {decision: row.decision}]->(a)
"""

# What splitting $ids (merged ids) touches: each one's parent link, its live root and the ids
# merged into it (which go with it).
SPLIT_PLAN = """
UNWIND $ids AS id
MATCH (x:MergedEntity {id: id})-[link:MERGED_INTO]->(parent)
MATCH (x)-[:MERGED_INTO*1..32]->(root:Entity)
RETURN id, parent.id AS parent, root.id AS root, link.decision AS decision,
       [id] + [(m:MergedEntity)-[:MERGED_INTO*1..32]->(x) | m.id] AS subtree
"""

# Split $rows ({id, root, subtree}): `id` becomes a live entity again and takes back, from
# the root, the claims and mentions whose ref is in its subtree.
SPLIT_REVIVE = """
UNWIND $rows AS row
MATCH (x:MergedEntity {id: row.id})-[link:MERGED_INTO]->()
DELETE link
REMOVE x:MergedEntity
SET x:Entity
"""
SPLIT_MOVE_LINKS = """
UNWIND $rows AS row
MATCH (x:Entity {id: row.id})
MATCH (root:Entity {id: row.root})
WITH x, root, row.subtree AS subtree
""" + _move_links_of("root", "x", "subtree")

# The direct merges into each of $ids (to split a root: every id merged straight into it).
MERGED_CHILDREN = """
UNWIND $ids AS id
MATCH (m:MergedEntity)-[:MERGED_INTO]->(:Entity {id: id})
RETURN id, collect(m.id) AS children
"""

# Decisions: $rows are complete maps of their properties (id, left, right, judgement,
# decided_by, rule, score, note); decided_at is set here. A candidate pair has one decision,
# its id derived from the pair: it is updated, not repeated.
WRITE_DECISIONS = """
UNWIND $rows AS row
MERGE (d:Decision {id: row.id})
ON CREATE SET d.decided_at = datetime()
SET d += row, d.active = true
"""

# Candidate pairs ($rows as for WRITE_DECISIONS): one decision per pair, its score and rule
# updated; a pair closed by a decision stays closed.
WRITE_CANDIDATES = """
UNWIND $rows AS row
MERGE (d:Decision {id: row.id})
ON CREATE SET d.decided_at = datetime(), d.active = true
SET d += row
"""

# Which of the claims $ids exist (a dictionary's dated roles are written once per actor id).
EXISTING_CLAIM_IDS = """
UNWIND $ids AS id
MATCH (c:Claim {id: id})
RETURN c.id AS id
"""

# Undo decisions $ids (the merges a split takes back): kept as history, inactive.
UNDO_DECISIONS = """
UNWIND $ids AS id
MATCH (d:Decision {id: id})
SET d.active = false, d.undone_at = datetime(), d.undone_by = $by
"""

# A pair's open candidate decisions are closed once a person (or the resolver) decides it.
CLOSE_CANDIDATES = """
UNWIND $pairs AS pair
MATCH (d:Decision {left: pair[0], right: pair[1], judgement: 'candidate'})
WHERE d.active
SET d.active = false, d.closed_by = $decision
"""

# Open candidate pairs for review, best first: both ends still actors and not merged together.
READ_CANDIDATES = """
MATCH (d:Decision {judgement: 'candidate'})
WHERE d.active AND ($min_score IS NULL OR d.score >= $min_score)
OPTIONAL MATCH (l:Entity {id: d.left})
OPTIONAL MATCH (:MergedEntity {id: d.left})-[:MERGED_INTO*1..32]->(lr:Entity)
OPTIONAL MATCH (r:Entity {id: d.right})
OPTIONAL MATCH (:MergedEntity {id: d.right})-[:MERGED_INTO*1..32]->(rr:Entity)
WITH d, coalesce(l, lr) AS left, coalesce(r, rr) AS right
WHERE left IS NOT NULL AND right IS NOT NULL AND left <> right
RETURN d {.id, .left, .right, .score, .rule, .decided_by, .decided_at} AS decision,
       left {.id, .name, .kind, .aliases} AS left, right {.id, .name, .kind, .aliases} AS right
ORDER BY d.score DESC, d.id
LIMIT $limit
"""

# The decision log, newest first; with $id, the decisions that name it.
READ_DECISIONS = """
MATCH (d:Decision)
WHERE ($id IS NULL OR d.left = $id OR d.right = $id) AND ($all OR d.judgement <> 'candidate')
RETURN d {.id, .left, .right, .judgement, .decided_by, .rule, .score, .note, .active,
          .decided_at, .undone_at, .undone_by} AS decision
ORDER BY d.decided_at DESC, d.id
LIMIT $limit
"""

# Live actors in pages of ids, for a whole-graph resolution pass (kg actors resolve).
READ_ACTOR_PAGE = """
MATCH (e:Actor)
WHERE $after IS NULL OR e.id > $after
WITH e ORDER BY e.id LIMIT $limit
RETURN e {.id, .name, .kind, .aliases, .merged_from} AS actor
"""


# --- reads: API and exploration -------------------------------------------------------------

# Read queries run by kg.graph.reads.GraphReader, always with READ routing and a timeout.
# Entities and documents are projected with the same map shapes everywhere so that one
# converter in reads.py handles them. The statements that depend on what a GraphQL query
# selects (the properties it shows, which relations and evidence it asks for) are composed from
# the small functions below -- map projections, relation patterns, page fragments -- never
# edited as text; property names come only from the tuples below and relationship types only
# from kg.model.RelationType values (checked again by _relation_types).

READ_PING = "RETURN 1 AS ok"

ENTITY_PROPERTIES = ("id", "name", "kind", "aliases", "roles", "date", "curated")
RELATION_PROPERTIES = ("claims", "documents", "first_seen", "last_seen", "plover", "confidence")
CLAIM_PROPERTIES = (
    "id", "type", "text", "start", "end", "date", "confidence", "negated", "curated", "source",
    "plover", "predicate",
)
DOCUMENT_PROPERTIES = ("id", "sha256", "source", "title", "author", "url", "published")


@dataclass(frozen=True, slots=True)
class Projection:
    """The stored properties a read returns: of entities, of typed relationships (aggregates), of
    claims and of their documents (None: claims come without their document), and whether
    claims come with who they are attributed to. Ids, an entity's kind and a claim's type are
    always returned. The default reads everything."""

    entity: frozenset[str] = frozenset(ENTITY_PROPERTIES)
    relation: frozenset[str] = frozenset(RELATION_PROPERTIES)
    claim: frozenset[str] = frozenset(CLAIM_PROPERTIES)
    document: frozenset[str] | None = frozenset(DOCUMENT_PROPERTIES)
    attributed_to: bool = True


EVERYTHING = Projection()


def _map(variable: str, allowed: tuple[str, ...], wanted: frozenset[str], always: tuple[str, ...]) -> str:
    """``variable {.a, .b}``: the ``wanted`` properties among ``allowed`` (in their order) and
    the ``always`` ones; ValueError for a name that is not a property of this kind."""
    unknown = wanted - set(allowed)
    if unknown:
        raise ValueError(f"not a property of these reads: {sorted(unknown)}")
    names = [name for name in allowed if name in wanted or name in always]
    return variable + " {" + ", ".join("." + name for name in names) + "}"


def entity_map(variable: str, projection: Projection = EVERYTHING) -> str:
    return _map(variable, ENTITY_PROPERTIES, projection.entity, ("id", "kind"))


def claim_map(variable: str, projection: Projection = EVERYTHING) -> str:
    return _map(variable, CLAIM_PROPERTIES, projection.claim, ("id", "type"))


def document_map(variable: str, projection: Projection = EVERYTHING) -> str:
    return _map(variable, DOCUMENT_PROPERTIES, projection.document or frozenset(), ("id",))


def _relation_aggregates(variable: str, projection: Projection) -> list[str]:
    """``claims: r.claims`` ... for the aggregates the projection keeps."""
    return [f"{name}: {variable}.{name}" for name in RELATION_PROPERTIES if name in projection.relation]


def _claim_rows(projection: Projection, rank: str, *, collected: bool = True) -> str:
    """The OPTIONAL MATCHes and the RETURN of claim ``c``'s map (document and attribution as
    the projection asks) with its sort rank: collected, or one map per row (in COLLECT {})."""
    matches, entries = "", [f"claim: {claim_map('c', projection)}"]
    if projection.document is not None:
        matches += "\n    OPTIONAL MATCH (c)-[:FROM]->(d:Document)"
        entries.append(f"document: {document_map('d', projection)}")
    if projection.attributed_to:
        matches += "\n    OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(a:Entity)"
        entries.append(f"attributed_to: {entity_map('a', projection)}")
    entries.append(f"rank: {rank}")
    row = "{" + ", ".join(entries) + "}"
    return matches + "\n    RETURN " + (f"collect({row})" if collected else row)


# By id; an id merged into another actor (kg.graph.resolution) finds that actor.
READ_ENTITIES_BY_ID = """
UNWIND $ids AS id
OPTIONAL MATCH (live:Entity {id: id})
OPTIONAL MATCH (:MergedEntity {id: id})-[:MERGED_INTO*1..32]->(root:Entity)
WITH id, coalesce(live, root) AS e
WHERE e IS NOT NULL
RETURN id, e {.id, .name, .kind, .aliases, .roles, .date, .curated} AS entity
"""

# The ids merged into each actor (Actor.mergedFrom).
READ_MERGED_FROM = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, coalesce(e.merged_from, []) AS merged_from
"""

# Who held a role of anything, for actors(role:) without `of`: the HOLDS_ROLE claims whose role,
# lower-cased, is $role, by office (then as ROLE_CLAIMS_OF_OFFICES).
ROLE_CLAIMS_OF_ROLE = """
MATCH (c:Claim {type: $holds_role})-[:OBJECT]->(o:Entity)
WHERE c.negated = false AND toLower(trim(c.role)) = $role
WITH DISTINCT o.id AS of
WITH of AS asked, of
""" + _ROLE_CLAIMS_OF_OFFICE

# Candidates come from the full-text index (a phrase of the name's words); the exact,
# case-insensitive comparison with the name and every alias decides. A name match wins over
# an alias match, a curated actor over an extracted one, then the best score, then the id.
_ACTOR_BY_NAME = """
CALL db.index.fulltext.queryNodes('entity_names', $phrase) YIELD node, score
WITH node AS e, score
WHERE e:Actor AND (toLower(e.name) = $name OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = $name))
WITH e ORDER BY CASE WHEN toLower(e.name) = $name THEN 0 ELSE 1 END, coalesce(e.curated, false) DESC,
         score DESC, e.id
LIMIT 1
"""

READ_ACTOR_BY_NAME = _ACTOR_BY_NAME + f"RETURN {entity_map('e')} AS entity\n"


@functools.lru_cache(maxsize=64)
def read_actors_search(projection: Projection = EVERYTHING) -> str:
    """Actors matching a Lucene query ($query, words exact or as prefixes), best first: the
    index is queried once, the hits sorted once, the total and one keyset page cut from them."""
    return """
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WITH node AS e, score
WHERE e:Actor AND ($kind IS NULL OR e.kind = $kind)
WITH e, score ORDER BY score DESC, e.id
WITH collect([score, e]) AS hits
WITH size(hits) AS total,
     [hit IN hits WHERE $after IS NULL OR hit[0] < $after[0]
        OR (hit[0] = $after[0] AND hit[1].id > $after[1])][0..$limit] AS page
CALL (page) {
  UNWIND page AS hit
  WITH hit[0] AS score, hit[1] AS e
  RETURN collect({entity: """ + entity_map("e", projection) + """, key: [score, e.id]}) AS rows
}
RETURN total, rows
"""


READ_ACTORS = """
CALL () {
  MATCH (e:Actor) WHERE $kind IS NULL OR e.kind = $kind
  RETURN count(e) AS total
}
CALL () {
  MATCH (e:Actor)
  WHERE ($kind IS NULL OR e.kind = $kind)
    AND ($after IS NULL OR e.name > $after[0] OR (e.name = $after[0] AND e.id > $after[1]))
  WITH e ORDER BY e.name, e.id LIMIT $limit
  RETURN collect({
    entity: e {.id, .name, .kind, .aliases, .roles, .date, .curated},
    key: [e.name, e.id]}) AS rows
}
RETURN total, rows
"""

# The actors most documents mention (ties by id), each with its number of typed relationships.
# The mention count is a degree (no expansion); relationships are counted for the top ones only.
READ_TOP_ACTORS = """
MATCH (e:Actor)
WHERE $kind IS NULL OR e.kind = $kind
WITH e, COUNT { (e)<-[:MENTIONS]-() } AS documents
ORDER BY documents DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .kind, .aliases, .roles, .date, .curated} AS entity, documents,
       COUNT { (e)-[r:$any($types)]-(:Entity) } AS relations
"""

READ_EVENTS = """
CALL () {
  MATCH (e:Event) RETURN count(e) AS total
}
CALL () {
  MATCH (e:Event)
  WHERE $after IS NULL OR e.id > $after[0]
  WITH e ORDER BY e.id LIMIT $limit
  RETURN collect({entity: e {.id, .name, .kind, .aliases, .roles, .date, .curated}, key: [e.id]}) AS rows
}
RETURN total, rows
"""


# --- the relations of an entity: a hub's first page without reading all of them -------------
#
# A page of an entity's typed relationships is in (type, subject id, object id) order, keyset
# after $after = [type, subject, object]. Its total is the sum of the entity's degrees per type
# and direction, which Neo4j reads from its degree store (getDegree) without touching a
# relationship. Below $expand_below relationships (of the asked types and direction), the page
# is read by expanding the node and keeping the best $limit (top-k, never a full sort):
# read_relations_of, one statement with the entity and the evidence.
#
# A hub (more than that) is not expanded. Each typed relationship holds its ends' ids
# (r.subject, r.object; see the writes) and every relation type has two relationship range
# indexes, on (subject, object) and on (object, subject) (relation_end_indexes()): the first rows
# of one type and direction, in page order, are an index seek that stops after $limit rows,
# whatever the degree. read_relations_of returns the hub's degree per type instead of rows;
# the reader picks the types the page can reach (in type order, from the cursor's type until
# their degrees cover the page) and read_relation_seeks reads the page from those types' seeks
# only -- a statement of one or two seeks, which Neo4j plans quickly (a union of one seek per
# type and direction, 48 of them, took 6-20 s to plan on the shared machine).

# From this many relationships (of the asked types and direction) on, a node's page is read from
# the per-type index seeks instead of by expanding the node (expanding costs about a microsecond
# per relationship; the seeks a fixed second round trip).
RELATION_PAGE_EXPAND_BELOW = 1000

DIRECTIONS = ("OUT", "IN", "BOTH")


def _relation_types(types: Iterable[str]) -> tuple[str, ...]:
    """Sorted distinct relation types, each checked to be an UPPER_SNAKE word (the values of
    kg.model.RelationType; nothing else reaches the text)."""
    checked = sorted(set(types))
    for name in checked:
        if not name or not name.isupper() or not name.replace("_", "").isalpha():
            raise ValueError(f"not a relation type: {name!r}")
    if not checked:
        raise ValueError("at least one relation type")
    return tuple(checked)


def _direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise ValueError(f"not a direction: {direction!r}")
    return direction


def relation_pattern(node: str, direction: str, types: Iterable[str], variable: str = "") -> str:
    """``(node)-[variable:A|B]->()`` for OUT, ``<-...-`` for IN, ``-...-`` for BOTH."""
    alternatives = "|".join(_relation_types(types))
    left, right = {"OUT": ("-", "->"), "IN": ("<-", "-"), "BOTH": ("-", "-")}[_direction(direction)]
    return f"({node}){left}[{variable}:{alternatives}]{right}()"


def relation_degree(node: str, direction: str, types: Iterable[str]) -> str:
    """The number of the node's relationships of these types in this direction (a self-loop
    once), planned as a sum of getDegree: read from the degree store."""
    return "COUNT { " + relation_pattern(node, direction, types) + " }"


def relation_degrees(node: str, direction: str, types: Iterable[str]) -> str:
    """The list of the node's degrees per type (in type order): for BOTH, each type's outgoing
    then incoming degree (a self-loop counts in both)."""
    directions = ("OUT", "IN") if _direction(direction) == "BOTH" else (direction,)
    return "[" + ", ".join(
        relation_degree(node, one, [relation_type])
        for relation_type in _relation_types(types)
        for one in directions
    ) + "]"


# Keyset: strictly after $after in (type, subject id, object id) order.
_AFTER = (
    "($after IS NULL OR type(r) > $after[0] OR (type(r) = $after[0] AND "
    "(r.subject > $after[1] OR (r.subject = $after[1] AND r.object > $after[2]))))"
)


def _outgoing_seek(relation_type: str) -> str:
    """The first $limit relationships of one type leaving the node, in page order: rows
    (type, id, object) after $after."""
    t = relation_type
    return (
        f'WITH * WHERE $after IS NULL OR "{t}" > $after[0] OR ("{t}" = $after[0] AND id >= $after[1])\n'
        f"      MATCH ()-[r:{t}]->() USING INDEX r:{t}(subject, object)\n"
        f"      WHERE r.subject = id AND r.object > CASE WHEN $after IS NOT NULL\n"
        f'        AND "{t}" = $after[0] AND id = $after[1] THEN $after[2] ELSE "" END\n'
        "      WITH r ORDER BY r.subject, r.object LIMIT $limit\n"
        "      RETURN r"
    )


def _incoming_seek(relation_type: str, *, without_loops: bool) -> str:
    """The first $limit relationships of one type entering the node, in page order: rows
    (type, subject, id) after $after (without self-loops when the outgoing seek has them)."""
    t = relation_type
    loops = " AND r.subject <> id" if without_loops else ""
    return (
        f'WITH * WHERE $after IS NULL OR "{t}" >= $after[0]\n'
        f"      MATCH ()-[r:{t}]->() USING INDEX r:{t}(object, subject)\n"
        f"      WHERE r.object = id{loops} AND r.subject >= CASE\n"
        f'        WHEN $after IS NOT NULL AND "{t}" = $after[0] THEN $after[1] ELSE "" END\n'
        f'        AND ($after IS NULL OR "{t}" > $after[0] OR r.subject > $after[1] OR id > $after[2])\n'
        "      WITH r ORDER BY r.object, r.subject LIMIT $limit\n"
        "      RETURN r"
    )


def _page_rows(projection: Projection, evidence: bool) -> str:
    """From the page's relationships ``r`` (in order): their ends, (``evidence``) each one's
    evidence page, and the collected ``rows``."""
    entries = [
        "type: type(r)",
        f"subject: {entity_map('s', projection)}",
        f"object: {entity_map('o', projection)}",
        *_relation_aggregates("r", projection),
    ]
    if evidence:
        entries.append("evidence: evidence")
    return (
        "  WITH r, startNode(r) AS s, endNode(r) AS o\n"
        + (_evidence_page("r", _TRIPLE_OF_R, projection) if evidence else "")
        + "  RETURN collect({" + ", ".join(entries) + "}) AS rows\n"
    )


def _evidence_page(variable: str, triple: str, projection: Projection, name: str = "evidence") -> str:
    """``CALL (variable)`` of one keyset page of the claims whose triple key is the expression
    ``triple`` ($evidence_after, $evidence_limit), strongest first (confidence desc, claim id),
    as ``name``. The triple key is spelled as kg.graph.repository.triple_key spells it."""
    return (
        f"  CALL ({variable}) {{\n"
        f"    MATCH (c:Claim {{triple: {triple}}})\n"
        "    WHERE $include_negated OR NOT coalesce(c.negated, false)\n"
        "    WITH c, coalesce(c.confidence, 0.0) AS rank\n"
        "    WHERE $evidence_after IS NULL OR rank < $evidence_after[0]\n"
        "       OR (rank = $evidence_after[0] AND c.id > $evidence_after[1])\n"
        "    WITH c, rank ORDER BY rank DESC, c.id LIMIT $evidence_limit"
        + _claim_rows(projection, "rank") + f" AS {name}\n"
        "  }\n"
    )


# A typed relationship's triple key, from the ends' ids it holds.
_TRIPLE_OF_R = "r.subject + ' -[' + type(r) + ']-> ' + r.object"


# Where the entities whose relations are read come from: ids (a batch), or the actor a name
# or alias names (see _ACTOR_BY_NAME). Each yields ``e`` and its ``id``.
_ANCHORS = {
    "ids": "UNWIND $ids AS id\nMATCH (e:Entity {id: id})\n",
    "name": _ACTOR_BY_NAME + "WITH e, e.id AS id\n",
}


@functools.lru_cache(maxsize=256)
def read_relations_of(
    anchor: str,
    direction: str,
    types: tuple[str, ...],
    evidence: bool = False,
    projection: Projection = EVERYTHING,
) -> str:
    """One row per entity of ``anchor`` ("ids": $ids; "name": the actor $phrase/$name finds):
    ``id``, ``entity`` (its map), ``total`` (relations of ``types`` in ``direction``) and either
    ``rows`` -- one page of them, each with (``evidence``) one page of its claims -- or, for a
    hub (total >= $expand_below), ``degrees`` (relation_degrees) and no rows: its page is
    read_relation_seeks's. Parameters: $limit, $after, $expand_below, and with evidence
    $include_negated, $evidence_limit, $evidence_after."""
    return (
        _ANCHORS[anchor]
        + f"WITH e, id, {relation_degree('e', direction, types)} AS total\n"
        + "CALL (e, total) {\n"
        + "  WITH * WHERE total < $expand_below\n"
        + f"  MATCH {relation_pattern('e', direction, types, 'r')}\n"
        + f"  WHERE {_AFTER}\n"
        + "  WITH r ORDER BY type(r), r.subject, r.object LIMIT $limit\n"
        + _page_rows(projection, evidence)
        + "}\n"
        + f"RETURN id, total, rows, {entity_map('e', projection)} AS entity,\n"
        + "       CASE WHEN total >= $expand_below\n"
        + f"         THEN {relation_degrees('e', direction, types)} END AS degrees\n"
    )


@functools.lru_cache(maxsize=512)
def read_relation_seeks(
    direction: str,
    types: tuple[str, ...],
    evidence: bool = False,
    projection: Projection = EVERYTHING,
) -> str:
    """The page of each entity of $ids (a hub) from the index seeks of ``types`` (the types its
    page can reach; see the note above): one row per entity, ``id`` and ``rows`` as in
    read_relations_of. Same parameters, without $expand_below."""
    direction = _direction(direction)
    seeks: list[str] = []
    for relation_type in _relation_types(types):
        if direction in ("OUT", "BOTH"):
            seeks.append(_outgoing_seek(relation_type))
        if direction in ("IN", "BOTH"):
            seeks.append(_incoming_seek(relation_type, without_loops=direction == "BOTH"))
    return (
        "UNWIND $ids AS id\n"
        "CALL (id) {\n"
        "  CALL (id) {\n      " + "\n      UNION ALL\n      ".join(seeks) + "\n  }\n"
        "  WITH r ORDER BY type(r), r.subject, r.object LIMIT $limit\n"
        + _page_rows(projection, evidence)
        + "}\n"
        "RETURN id, rows\n"
    )


def relation_end_indexes(types: Iterable[str]) -> list[tuple[str, str]]:
    """(name, statement) of the two relationship range indexes of every relation type that
    serve relations_page() in order: on (subject, object) and on (object, subject)."""
    statements: list[tuple[str, str]] = []
    for relation_type in _relation_types(types):
        lower = relation_type.lower()
        for suffix, keys in (("out", "r.subject, r.object"), ("in", "r.object, r.subject")):
            name = f"relation_{lower}_{suffix}"
            statements.append(
                (name, f"CREATE RANGE INDEX {name} IF NOT EXISTS FOR ()-[r:{relation_type}]-() ON ({keys})")
            )
    return statements


def backfill_relation_ends(relation_type: str) -> str:
    """Copies the ends' ids onto the typed relationships of one type that lack them (a graph
    written before they were kept); batched, so run it in an auto-commit transaction."""
    (checked,) = _relation_types([relation_type])
    return (
        f"MATCH ()-[r:{checked}]->() WHERE r.subject IS NULL OR r.object IS NULL\n"
        "CALL (r) { SET r.subject = startNode(r).id, r.object = endNode(r).id } IN TRANSACTIONS OF 10000 ROWS"
    )


# Root `relations(filter)`: every typed relationship that passes the filter, same page shape.
READ_RELATIONS = """
CALL () {
  MATCH (s:Entity)-[r:$any($types)]->(o:Entity)
  WHERE ($subject IS NULL OR s.id = $subject) AND ($object IS NULL OR o.id = $object)
    AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until)
    AND ($min_confidence IS NULL OR r.confidence >= $min_confidence)
    AND ($plover IS NULL OR any(category IN coalesce(r.plover, []) WHERE category IN $plover))
  RETURN count(r) AS total
}
CALL () {
  MATCH (s:Entity)-[r:$any($types)]->(o:Entity)
  WHERE ($subject IS NULL OR s.id = $subject) AND ($object IS NULL OR o.id = $object)
    AND ($since IS NULL OR r.last_seen >= $since) AND ($until IS NULL OR r.first_seen <= $until)
    AND ($min_confidence IS NULL OR r.confidence >= $min_confidence)
    AND ($plover IS NULL OR any(category IN coalesce(r.plover, []) WHERE category IN $plover))
    AND ($after IS NULL OR type(r) > $after[0]
      OR (type(r) = $after[0] AND (s.id > $after[1] OR (s.id = $after[1] AND o.id > $after[2]))))
  WITH r, s, o ORDER BY type(r), s.id, o.id LIMIT $limit
  RETURN collect({
    type: type(r),
    subject: s {.id, .name, .kind, .aliases, .roles, .date, .curated},
    object: o {.id, .name, .kind, .aliases, .roles, .date, .curated},
    claims: r.claims, documents: r.documents, first_seen: r.first_seen, last_seen: r.last_seen,
    plover: r.plover, confidence: r.confidence, key: [type(r), s.id, o.id]}) AS rows
}
RETURN total, rows
"""

# The claims behind many typed relationships at once: $keys holds {subject, type, object,
# triple} maps (triple = kg.graph.repository.triple_key, indexed on :Claim); each gets its total
# and one page sorted by (confidence desc, claim id). Subject and object come back as ids only:
# the caller already holds them (the relation), and every byte decoded costs.
READ_EVIDENCE = (
    "UNWIND $keys AS k\n"
    + _evidence_page("k", "k.triple", EVERYTHING, "rows")
    + "RETURN k.subject AS subject, k.type AS type, k.object AS object, rows\n"
)

# The claims a document supports, in text order.
READ_DOCUMENT_CLAIMS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
CALL (d) {
  MATCH (d)<-[:FROM]-(c:Claim)
  WHERE $include_negated OR NOT coalesce(c.negated, false)
  RETURN count(c) AS total
}
CALL (d) {
  MATCH (d)<-[:FROM]-(c:Claim)
  WHERE ($include_negated OR NOT coalesce(c.negated, false))
  WITH c, coalesce(c.start, 0) AS start
  WHERE $after IS NULL OR start > $after[0] OR (start = $after[0] AND c.id > $after[1])
  WITH c, start ORDER BY start, c.id LIMIT $limit
  MATCH (s:Entity)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Entity)
  OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(a:Entity)
  RETURN collect({
    claim: c {.id, .type, .text, .start, .end, .date, .confidence, .negated, .curated, .source,
      .plover, .predicate},
    subject: s {.id, .name, .kind, .aliases, .roles, .date, .curated},
    object: o {.id, .name, .kind, .aliases, .roles, .date, .curated},
    document: d {.id, .sha256, .source, .title, .author, .url, .published},
    attributed_to: a {.id, .name, .kind, .aliases, .roles, .date, .curated},
    key: [start, c.id]}) AS rows
}
RETURN id, total, rows
"""

# Distinct entities linked to each given entity by a typed relationship, by id.
# The country and sector of each actor (None where the texts gave none).
READ_AFFILIATIONS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.country AS country, e.sector AS sector
"""

# A country's agents: actors with its ISO code and a sector ("serbia-military"), by id.
READ_AGENTS = """
UNWIND $ids AS id
MATCH (c:Entity {id: id})
CALL (c) {
  MATCH (a:Actor) WHERE a.country = c.country AND a.sector IS NOT NULL AND a <> c
  RETURN count(a) AS total
}
CALL (c) {
  MATCH (a:Actor) WHERE a.country = c.country AND a.sector IS NOT NULL AND a <> c
    AND ($after IS NULL OR a.id > $after[0])
  WITH a ORDER BY a.id LIMIT $limit
  RETURN collect({entity: a {.id, .name, .kind, .aliases, .roles, .date, .curated}, key: [a.id]}) AS rows
}
RETURN id, total, rows
"""

READ_NEIGHBOURS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)-[:$any($types)]-(n:Entity) WHERE n <> e
  RETURN count(DISTINCT n) AS total
}
CALL (e) {
  MATCH (e)-[:$any($types)]-(n:Entity)
  WHERE n <> e AND ($after IS NULL OR n.id > $after[0])
  WITH DISTINCT n ORDER BY n.id LIMIT $limit
  RETURN collect({entity: n {.id, .name, .kind, .aliases, .roles, .date, .curated}, key: [n.id]}) AS rows
}
RETURN id, total, rows
"""

# Entities mentioned by each document, by id.
READ_DOCUMENT_ENTITIES = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
CALL (d) {
  MATCH (d)-[:MENTIONS]->(e:Entity) RETURN count(e) AS total
}
CALL (d) {
  MATCH (d)-[:MENTIONS]->(e:Entity)
  WHERE $after IS NULL OR e.id > $after[0]
  WITH e ORDER BY e.id LIMIT $limit
  RETURN collect({entity: e {.id, .name, .kind, .aliases, .roles, .date, .curated}, key: [e.id]}) AS rows
}
RETURN id, total, rows
"""

READ_DOCUMENTS_BY_ID = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d {.id, .sha256, .source, .title, .author, .url, .published} AS document
"""

READ_DOCUMENTS = """
CALL () {
  MATCH (d:Document) RETURN count(d) AS total
}
CALL () {
  MATCH (d:Document)
  WHERE $after IS NULL OR d.id > $after[0]
  WITH d ORDER BY d.id LIMIT $limit
  RETURN collect({
    document: d {.id, .sha256, .source, .title, .author, .url, .published},
    key: [d.id]}) AS rows
}
RETURN total, rows
"""

PATH_HOPS_LIMIT = 16


@functools.lru_cache(maxsize=64)
def read_shortest_paths(max_hops: int, evidence: bool = True, projection: Projection = EVERYTHING) -> str:
    """All shortest paths of at most ``max_hops`` typed relationships ($types), either
    direction, at most $limit of them (the first by the ids along them, so a page is stable):
    their ``nodes`` and ``hops``, each hop (with ``evidence``) with one page of its claims
    ($include_negated, $evidence_limit, $evidence_after; claim key as in READ_EVIDENCE). A
    variable-length bound cannot be a parameter, so the statement is composed per bound from a checked int."""
    if not isinstance(max_hops, int) or isinstance(max_hops, bool) or not 1 <= max_hops <= PATH_HOPS_LIMIT:
        raise ValueError(f"max_hops must be an int in 1..{PATH_HOPS_LIMIT}")
    hop = [
        "type: type(r)", "subject: startNode(r).id", "object: endNode(r).id",
        *_relation_aggregates("r", projection),
    ]
    if evidence:
        hop.append(
            "evidence: {rows: COLLECT {\n"
            "             MATCH (c:Claim {triple:\n"
            "               startNode(r).id + ' -[' + type(r) + ']-> ' + endNode(r).id})\n"
            "             WHERE $include_negated OR NOT coalesce(c.negated, false)\n"
            "             WITH c, coalesce(c.confidence, 0.0) AS rank\n"
            "             WHERE $evidence_after IS NULL OR rank < $evidence_after[0]\n"
            "                OR (rank = $evidence_after[0] AND c.id > $evidence_after[1])\n"
            "             WITH c, rank ORDER BY rank DESC, c.id LIMIT $evidence_limit"
            + _claim_rows(projection, "rank", collected=False)
            + "\n           }}"
        )
    return (
        "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})\n"
        f"MATCH p = allShortestPaths((a)-[*..{max_hops}]-(b))\n"
        "WHERE all(r IN relationships(p) WHERE type(r) IN $types)\n"
        # allShortestPaths yields its paths in plan order: ordered here so that the page is the
        # same whichever columns a query projects (and from one run to the next).
        "WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)],\n"
        "  [r IN relationships(p) | startNode(r).id] LIMIT $limit\n"
        f"RETURN [n IN nodes(p) | {entity_map('n', projection)}] AS nodes,\n"
        "       [r IN relationships(p) | {" + ", ".join(hop) + "}] AS hops\n"
    )


# Counts, all from Neo4j's count store: one `count()` per label and per relationship type.
# The count store only answers static labels/types, so the statement is spelled out from the
# kg.model enums (never from input): one row per (what, name, count).
def _read_stats() -> str:
    from kg.model import EntityKind, RelationType

    labels = ["Actor", "Document", "Claim", *(kind.label for kind in EntityKind)]
    parts = [f"MATCH (n:{label}) RETURN 'label' AS what, '{label}' AS name, count(n) AS count"
             for label in labels]
    parts += [f"MATCH ()-[r:{t.value}]->() RETURN 'type' AS what, '{t.value}' AS name, count(r) AS count"
              for t in RelationType]
    return "\nUNION ALL\n".join(parts)


READ_STATS = _read_stats()


# --- summaries for frontends (owner: api): counts, not rows ------------------------------------
# Each aggregate is ONE statement over many parents (UNWIND $ids), composed from the parts
# below: the non-negated claims of an entity in a direction, of some types, seen in a date range,
# then one tail that counts them. Claims are counted, not typed relationships: a claim is one
# statement of one document (or curated source), dated by `seen` (its date, else the document's
# publication date); `relations` counts the distinct (subject, type, object) among them.

_CLAIMS_OF_E = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)<-[role:SUBJECT|OBJECT]-(c:Claim)
  WHERE ($direction = 'BOTH' OR ($direction = 'OUT' AND type(role) = 'SUBJECT')
         OR ($direction = 'IN' AND type(role) = 'OBJECT'))
    AND c.negated = false AND c.type IN $types
    AND ($since IS NULL OR c.seen >= $since) AND ($until IS NULL OR c.seen <= $until)
  WITH DISTINCT c
"""

# The keys a claim can be grouped by; chosen by name in kg.graph.reads, never from input.
CLAIM_GROUP_KEYS = {"TYPE": "c.type", "PLOVER": "c.plover"}

_COUNT_BY_KEY_TAIL = """\
  WITH GROUP_KEY AS key, c
  WHERE key IS NOT NULL
  WITH key, count(c) AS claims, count(DISTINCT c.triple) AS relations,
       count(DISTINCT c.document_id) AS documents
  ORDER BY claims DESC, key
  RETURN collect({key: key, claims: claims, relations: relations, documents: documents}) AS rows
}
RETURN id, rows
"""


def read_claim_counts(group_by: str) -> str:
    """Per entity, its claims counted by ``group_by`` (a key of CLAIM_GROUP_KEYS), most first."""
    return _CLAIMS_OF_E + _COUNT_BY_KEY_TAIL.replace("GROUP_KEY", CLAIM_GROUP_KEYS[group_by])


# Per entity, its claims by calendar month of `seen` ('2022-09'), in time order; undated
# claims are left out.
READ_CLAIM_TIMELINE = _CLAIMS_OF_E + """\
  WITH c WHERE c.seen IS NOT NULL
  WITH substring(toString(c.seen), 0, 7) AS month, c
  WITH month, count(c) AS claims, count(DISTINCT c.document_id) AS documents
  ORDER BY month
  RETURN collect({month: month, claims: claims, documents: documents}) AS rows
}
RETURN id, rows
"""

# Per entity, the entities at the other end of its claims, by the number of documents that
# link them (then claims, then id), the first $limit.
READ_TOP_COUNTERPARTS = _CLAIMS_OF_E + """\
  MATCH (c)-[:SUBJECT|OBJECT]->(other:Entity)
  WHERE other <> e
  WITH other, count(DISTINCT c.document_id) AS documents, count(DISTINCT c) AS claims
  ORDER BY documents DESC, claims DESC, other.id
  LIMIT $limit
  RETURN collect({entity: other {.id, .name, .kind, .aliases, .roles, .date, .curated},
                  documents: documents, claims: claims}) AS rows
}
RETURN id, rows
"""

# The whole graph: the actors in the most documents' claims seen in a date range (claims,
# then id, break ties), the first $limit.
READ_MOST_ACTIVE_ACTORS = """
MATCH (c:Claim)
WHERE c.negated = false AND c.type IN $types
  AND ($since IS NULL OR c.seen >= $since) AND ($until IS NULL OR c.seen <= $until)
MATCH (c)-[:SUBJECT|OBJECT]->(e:Actor)
WHERE $kind IS NULL OR e.kind = $kind
WITH e, count(DISTINCT c.document_id) AS documents, count(DISTINCT c) AS claims
ORDER BY documents DESC, claims DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .kind, .aliases, .roles, .date, .curated} AS entity, documents, claims
"""
