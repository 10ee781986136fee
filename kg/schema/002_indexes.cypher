// Lookup indexes used by ingestion, retraction and the API.
// Documents are found by content hash (skip unchanged), URL (replace changed) and source path (retract).
// URLs and sources are indexed through their keys (`url_key`, `source_key`: the value, or
// "sha256:<hex>" of a value over 1,000 characters), never raw: Neo4j refuses to index a value
// over ~8 kB, which would fail the whole write of a batch with one 100k-character URL in it.
CREATE INDEX document_sha256 IF NOT EXISTS FOR (n:Document) ON (n.sha256);
CREATE INDEX document_url_key IF NOT EXISTS FOR (n:Document) ON (n.url_key);
CREATE INDEX document_source_key IF NOT EXISTS FOR (n:Document) ON (n.source_key);
// Claims by relation type, by the (subject|type|object) key that the typed relationship is
// recomputed from, by document (retraction) and by curated source.
CREATE INDEX claim_type IF NOT EXISTS FOR (n:Claim) ON (n.type);
CREATE INDEX claim_triple IF NOT EXISTS FOR (n:Claim) ON (n.triple);
CREATE INDEX claim_document_id IF NOT EXISTS FOR (n:Claim) ON (n.document_id);
CREATE INDEX claim_source_key IF NOT EXISTS FOR (n:Claim) ON (n.source_key);
// Claims by when they were true: the date range of the API's summaries (mostActiveActors).
CREATE INDEX claim_seen IF NOT EXISTS FOR (n:Claim) ON (n.seen);
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
// A country's agents ("serbia-military") share its ISO code in `country` (Actor.agents).
CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country);
// Full-text search over names and aliases. Full-text indexes cannot index lists, so every
// entity also carries `aliases_text`, its aliases joined with " | ".
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases_text];
// Graphs stored before the index keys existed indexed url and source raw: those indexes go
// (kg.graph.schema then gives the stored values their keys, once).
DROP INDEX document_url IF EXISTS;
DROP INDEX document_source IF EXISTS;
DROP INDEX claim_source IF EXISTS;
