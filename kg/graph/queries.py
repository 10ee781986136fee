"""Every Cypher statement kg runs, and nothing else.

Rules: values only through ``$parameters``; labels and relationship types only from the enums
in :mod:`kg.model` (dynamic ``$(...)`` labels/types, Neo4j 5.26+); writes are
``UNWIND $rows AS row ...`` over batches; reads are routed as READ by the caller.
Sections are owned by the module that runs them; keep each section's statements together.
"""

from __future__ import annotations

# --- schema and administration (kg.graph.schema, kg.graph.admin) ---------------------------

# --- writes: documents, entities, claims, typed relationships, curated data, retraction ------

# --- reads: API and exploration -------------------------------------------------------------
