// kg's stored graph (README, "What `kg ingest` stores") as @neo4j/graphql 7 type definitions.
//
// What the library maps natively: the nodes (:Entity:Actor:<Kind>, :Entity:Event, :Claim,
// :Document), the claims' SUBJECT / OBJECT / FROM / ATTRIBUTED_TO links, the documents'
// MENTIONS, the typed relationships (one @relationship field per type and direction, with their
// aggregates as relationship properties) and the full-text index `entity_names` (@fulltext).
//
// Where the library needs @cypher to ask kg's three questions (bench/compare_neo4j_graphql.py):
// - actor(name:): kg finds an actor by its name or any alias, ignoring case, with the full-text
//   index for candidates; the library's filters have no case-insensitive match inside a list
//   (aliases) and would scan every actor, so the look-up is a @cypher root field (kg's statement).
// - Actor.relations / relationCount: kg pages over ALL of an actor's typed relationships, both
//   directions, in (type, subject id, object id) order, with totalCount; a @relationship field
//   covers one type and direction, so the page is a @cypher field, and each relation's evidence
//   (the claims with its triple key, strongest first, with their document) is part of the same
//   statement: a @cypher field returns maps, into which the library cannot reach further.
// - path(from:, to:): shortest paths have no generated equivalent; a @cypher root field runs
//   kg's statement (the bound of 3 hops is fixed: a variable-length bound cannot be a parameter).
// - The search is the library's own generated full-text query (actorsSearch); the client sends
//   Lucene syntax itself (kg builds it from the words it is given).
import { readFileSync } from "node:fs";

export const RELATION_TYPES = JSON.parse(
    readFileSync(new URL("./relation-types.json", import.meta.url), "utf8"),
).types;

const ANY_TYPE = RELATION_TYPES.join("|");

const camel = (type) => type.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// One field per relation type and direction, e.g. requestedAidOut / requestedAidIn.
const typedRelationships = RELATION_TYPES.map(
    (type) =>
        `    ${camel(type)}Out: [Entity!]! @relationship(type: "${type}", direction: OUT, properties: "TypedRelation")\n` +
        `    ${camel(type)}In: [Entity!]! @relationship(type: "${type}", direction: IN, properties: "TypedRelation")`,
).join("\n");

const entityFields = `    id: ID!
    name: String!
    kind: String!
    aliases: [String!]
    aliasesText: String @alias(property: "aliases_text")
    curated: Boolean
    mentionedIn: [Document!]! @relationship(type: "MENTIONS", direction: IN)
    claimsAsSubject: [Claim!]! @relationship(type: "SUBJECT", direction: IN)
    claimsAsObject: [Claim!]! @relationship(type: "OBJECT", direction: IN)
${typedRelationships}`;

// The same statements as kg.graph.queries (READ_ACTOR_BY_NAME, READ_RELATIONS_WITH_EVIDENCE_OF,
// read_shortest_paths), with the relation types spelled out instead of a $types parameter.
const ACTOR_BY_NAME = `
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\\\', ' '), '"', ' ') + '"')
YIELD node, score
WITH node AS e, score, toLower(trim($name)) AS name
WHERE e:Actor AND (toLower(e.name) = name OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = name))
RETURN e
ORDER BY CASE WHEN toLower(e.name) = name THEN 0 ELSE 1 END, coalesce(e.curated, false) DESC, score DESC, e.id
LIMIT 1`;

const RELATION_COUNT = `
MATCH (this)-[r:${ANY_TYPE}]-(:Entity)
RETURN count(r) AS total`;

const RELATIONS = `
MATCH (this)-[r:${ANY_TYPE}]-(:Entity)
WITH r, startNode(r) AS s, endNode(r) AS o ORDER BY type(r), s.id, o.id LIMIT $first
CALL (r, s, o) {
  MATCH (c:Claim {triple: s.id + ' -[' + type(r) + ']-> ' + o.id})
  WHERE NOT coalesce(c.negated, false)
  WITH c ORDER BY coalesce(c.confidence, 0.0) DESC, c.id LIMIT $evidence
  OPTIONAL MATCH (c)-[:FROM]->(d:Document)
  RETURN collect({text: c.text, start: c.start, end: c.end, confidence: c.confidence,
                  document: d {.id, .title}}) AS evidence
}
RETURN {type: type(r), subject: s {.id, .name, .kind}, object: o {.id, .name, .kind},
        documentCount: r.documents, claimCount: r.claims, evidence: evidence} AS relation`;

const PATHS = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..3]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN [${RELATION_TYPES.map((t) => `'${t}'`).join(", ")}])
WITH p LIMIT $first
RETURN {length: length(p), hops: [r IN relationships(p) | {
  type: type(r),
  subject: {id: startNode(r).id, name: startNode(r).name, kind: startNode(r).kind},
  object: {id: endNode(r).id, name: endNode(r).name, kind: endNode(r).kind},
  evidence: COLLECT {
    MATCH (c:Claim {triple: startNode(r).id + ' -[' + type(r) + ']-> ' + endNode(r).id})
    WHERE NOT coalesce(c.negated, false)
    WITH c ORDER BY coalesce(c.confidence, 0.0) DESC, c.id LIMIT $evidence
    OPTIONAL MATCH (c)-[:FROM]->(d:Document)
    RETURN {text: c.text, start: c.start, end: c.end, confidence: c.confidence, document: d {.id, .title}}
  }}]} AS path`;

const quote = (statement) => `"""${statement}\n"""`;

export const typeDefs = `
interface Entity {
    id: ID!
    name: String!
    kind: String!
}

type Actor implements Entity
    @node(labels: ["Actor", "Entity"])
    @fulltext(indexes: [{ indexName: "entity_names", queryName: "actorsSearch", fields: ["name", "aliasesText"] }]) {
${entityFields}
    roles: [String!]
    relationCount: Int! @cypher(statement: ${quote(RELATION_COUNT)}, columnName: "total")
    relations(first: Int! = 10, evidence: Int! = 3): [Relation!]!
        @cypher(statement: ${quote(RELATIONS)}, columnName: "relation")
}

type Event implements Entity @node(labels: ["Event", "Entity"]) {
${entityFields}
    date: Date
}

type Document @node {
    id: ID!
    title: String
    url: String
    source: String
    published: Date
    claims: [Claim!]! @relationship(type: "FROM", direction: IN)
    mentions: [Entity!]! @relationship(type: "MENTIONS", direction: OUT)
}

type Claim @node {
    id: ID!
    type: String!
    text: String!
    start: Int
    end: Int
    date: Date
    confidence: Float
    negated: Boolean
    plover: String
    predicate: String
    triple: String
    subject: [Entity!]! @relationship(type: "SUBJECT", direction: OUT)
    object: [Entity!]! @relationship(type: "OBJECT", direction: OUT)
    document: [Document!]! @relationship(type: "FROM", direction: OUT)
    attributedTo: [Entity!]! @relationship(type: "ATTRIBUTED_TO", direction: OUT)
}

type TypedRelation @relationshipProperties {
    claims: Int
    documents: Int
    firstSeen: Date @alias(property: "first_seen")
    lastSeen: Date @alias(property: "last_seen")
    confidence: Float
    curated: Boolean
    plover: [String!]
}

# What the @cypher fields return (maps, not nodes).
type EntityRef {
    id: ID!
    name: String!
    kind: String!
}

type DocumentRef {
    id: ID!
    title: String
}

type EvidenceRow {
    text: String!
    start: Int
    end: Int
    confidence: Float
    document: DocumentRef
}

type Relation {
    type: String!
    subject: EntityRef!
    object: EntityRef!
    documentCount: Int
    claimCount: Int
    evidence: [EvidenceRow!]!
}

type Path {
    length: Int!
    hops: [Relation!]!
}

type Query {
    actor(name: String!): Actor @cypher(statement: ${quote(ACTOR_BY_NAME)}, columnName: "e")
    path(from: ID!, to: ID!, first: Int! = 5, evidence: Int! = 1): [Path!]!
        @cypher(statement: ${quote(PATHS)}, columnName: "path")
}
`;
