// Lookup indexes used by ingestion, retraction and the API.
// Documents are found by content hash (skip unchanged), URL (replace changed) and source path (retract).
CREATE INDEX document_sha256 IF NOT EXISTS FOR (n:Document) ON (n.sha256);
CREATE INDEX document_url IF NOT EXISTS FOR (n:Document) ON (n.url);
CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source);
// Claims by relation type, by the (subject|type|object) key that the typed relationship is
// recomputed from, by document (retraction) and by curated source.
CREATE INDEX claim_type IF NOT EXISTS FOR (n:Claim) ON (n.type);
CREATE INDEX claim_triple IF NOT EXISTS FOR (n:Claim) ON (n.triple);
CREATE INDEX claim_document_id IF NOT EXISTS FOR (n:Claim) ON (n.document_id);
CREATE INDEX claim_source IF NOT EXISTS FOR (n:Claim) ON (n.source);
// Claims by when they were true: the date range of the API's summaries (mostActiveActors).
CREATE INDEX claim_seen IF NOT EXISTS FOR (n:Claim) ON (n.seen);
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
// Full-text search over names and aliases. Full-text indexes cannot index lists, so every
// entity also carries `aliases_text`, its aliases joined with " | ".
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases_text];
