"""kg: a stakeholder/actor knowledge graph built from news, stored in Neo4j, served over GraphQL."""

__version__ = "0.1.0"
