// kg saved queries for Neo4j Browser.
// Import: Favorites (star icon) -> "Import" -> pick this file, or paste one query at a time.
// Each query starts with a `// Title` line (the Browser uses it as the favourite's name) and
// takes its inputs as parameters: set them first with `:param`, e.g.
//   :param actor => 'Armenia'
// Queries are separated by blank lines; each ends with a semicolon.

// kg: find an actor by name or alias (full-text; :param actor => 'Armenia')
CALL db.index.fulltext.queryNodes('entity_names', $actor) YIELD node, score
RETURN node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases,
       node.roles AS roles, node.curated AS curated, score
ORDER BY score DESC
LIMIT 10;

// kg: an actor's network (:param actor => 'Armenia'; the best full-text match, its typed relationships)
CALL db.index.fulltext.queryNodes('entity_names', $actor) YIELD node, score
WITH node AS actor ORDER BY score DESC LIMIT 1
MATCH network = (actor)-[relation]-(other:Entity)
RETURN network
LIMIT 150;

// kg: an actor's network, two hops (:param actor => 'Armenia')
CALL db.index.fulltext.queryNodes('entity_names', $actor) YIELD node, score
WITH node AS actor ORDER BY score DESC LIMIT 1
MATCH network = (actor)-[*1..2]-(:Entity)
WHERE all(n IN nodes(network) WHERE n:Entity)
RETURN network
LIMIT 300;

// kg: the claims behind an edge (:param subject => 'armenia'; :param type => 'REQUESTED_AID'; :param object => 'csto')
MATCH (s:Entity {id: $subject})<-[:SUBJECT]-(claim:Claim {type: $type})-[:OBJECT]->(o:Entity {id: $object})
OPTIONAL MATCH (claim)-[:FROM]->(d:Document)
OPTIONAL MATCH (claim)-[:ATTRIBUTED_TO]->(according:Entity)
RETURN claim.text AS sentence, claim.negated AS negated, claim.confidence AS confidence,
       claim.date AS date, claim.curated AS curated, according.name AS according_to,
       coalesce(d.title, d.source, claim.source) AS source, d.url AS url, d.published AS published
ORDER BY claim.negated, claim.confidence DESC, claim.id;

// kg: the claims behind an edge, as a graph (:param subject, :param type, :param object as above)
MATCH (s:Entity {id: $subject})<-[:SUBJECT]-(claim:Claim {type: $type})-[:OBJECT]->(o:Entity {id: $object})
MATCH evidence = (s)<-[:SUBJECT]-(claim)-[:OBJECT]->(o)
OPTIONAL MATCH source = (claim)-[:FROM]->(:Document)
RETURN evidence, source;

// kg: what one document said (:param document => 'doc-…' id, URL or source path)
MATCH (d:Document)
WHERE d.id = $document OR d.url = $document OR d.source = $document
MATCH (claim:Claim)-[:FROM]->(d)
MATCH (claim)-[:SUBJECT]->(s:Entity)
MATCH (claim)-[:OBJECT]->(o:Entity)
RETURN s.name AS subject, claim.type AS relation, o.name AS object, claim.negated AS negated,
       claim.confidence AS confidence, claim.date AS date, claim.text AS sentence
ORDER BY claim.start, claim.id;

// kg: what one document said, as a graph (:param document => id, URL or source path)
MATCH (d:Document)
WHERE d.id = $document OR d.url = $document OR d.source = $document
MATCH said = (d)<-[:FROM]-(:Claim)-[:SUBJECT|OBJECT]->(:Entity)
RETURN said;

// kg: shortest path between two actors over typed relationships (:param from => 'armenia'; :param to => 'russia')
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH path = shortestPath((a)-[*..6]-(b))
WHERE all(n IN nodes(path) WHERE n:Entity)
RETURN path;

// kg: the strongest relationships (most documents, then confidence)
MATCH (s:Entity)-[r]->(o:Entity)
RETURN s.name AS subject, type(r) AS relation, o.name AS object, r.documents AS documents,
       r.claims AS claims, r.confidence AS confidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.curated AS curated
ORDER BY r.documents DESC, r.confidence DESC
LIMIT 50;

// kg: overview: actors and their typed relationships
MATCH overview = (:Actor)-[]->(:Entity)
RETURN overview
LIMIT 200;
