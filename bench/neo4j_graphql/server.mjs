// @neo4j/graphql 7 on Apollo Server 5 over kg's graph: the reference GraphQL-over-Neo4j stack
// that bench/compare_neo4j_graphql.py measures kg against. Not part of kg.
//
//   npm ci --prefix bench/neo4j_graphql
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... PORT=4000 node bench/neo4j_graphql/server.mjs
//
// Settings (environment): NEO4J_URI, NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (neo4j)
// -- or kg's KG_NEO4J_URI / KG_NEO4J_USER / KG_NEO4J_PASSWORD; HOST (127.0.0.1), PORT (4000).
// GraphQL is served at every path (POST application/json); the line "ready <url>" on stdout says
// that it answers.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

import { typeDefs } from "./typeDefs.mjs";

const env = process.env;
const setting = (name, fallback) => env[name] ?? env[`KG_${name}`] ?? fallback;

const uri = setting("NEO4J_URI", "bolt://127.0.0.1:7687");
const user = setting("NEO4J_USER", "neo4j");
const password = setting("NEO4J_PASSWORD");
const database = setting("NEO4J_DATABASE", "neo4j");
const host = env.HOST ?? "127.0.0.1";
const port = Number.parseInt(env.PORT ?? "4000", 10);

if (!password) {
    console.error("server.mjs: set NEO4J_PASSWORD (or KG_NEO4J_PASSWORD)");
    process.exit(2);
}
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`server.mjs: PORT must be a TCP port number, not ${JSON.stringify(env.PORT)}`);
    process.exit(2);
}

const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
try {
    await driver.verifyConnectivity({ database });
} catch (error) {
    console.error(`server.mjs: Neo4j at ${uri} does not answer: ${error.message}`);
    await driver.close();
    process.exit(1);
}

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const { url } = await startStandaloneServer(server, {
    listen: { host, port },
    // Reads only, like kg's API: every statement in a READ transaction of the given database.
    context: async () => ({ sessionConfig: { database } }),
});
console.log(`ready ${url}`);

for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, async () => {
        await server.stop();
        await driver.close();
        process.exit(0);
    });
}
