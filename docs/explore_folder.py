# %% [markdown]
# # Exploring a folder of news with kg
#
# Run it as a script (`python docs/explore_folder.py [FOLDER] [YYYY-MM-DD]`) or open it as a
# notebook: each `# %%` is a cell (VS Code, PyCharm, Jupytext). It ingests a folder of articles,
# lists the actors most documents mention, and prints one actor's relations with the sentences
# they were read from. Neo4j is found as the `kg` command finds it (KG_NEO4J_URI, else kg's
# managed server). The test suite runs this file (tests/integration/test_docs_example.py).

# %%
import sys
from pathlib import Path

import kg

FOLDER = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "sample"
# Relative dates in the articles ("on Wednesday") are read against this when they carry none.
PUBLISHED = sys.argv[2] if len(sys.argv) > 2 else "2022-09-15"

graph = kg.connect()

# %% [markdown]
# ## Ingest the folder
# Stored content is skipped ("unchanged"), so running this again costs almost nothing.

# %%
summary = graph.ingest(FOLDER, published=PUBLISHED)
print(summary.line())
for problem in summary.problems:
    print("  could not ingest:", problem)

# %% [markdown]
# ## Who is mentioned most?

# %%
top = graph.top_actors(5)
for count in top:
    print(f"{count.actor.name:<40} {count.actor.kind.value:<13} {count.documents} document(s), "
          f"{count.relations} relation(s)")

# %% [markdown]
# ## What does the best-connected of them do, and where is it said?

# %%
actor = max(top, key=lambda count: count.relations).actor
print(f"\n{actor.name} ({actor.id})")
for relation in graph.relations(actor.id, evidence=1):
    print(f"  {relation.subject.name} -{relation.type.value}-> {relation.object.name} "
          f"({relation.documents} document(s), confidence {relation.confidence})")
    for claim in relation.evidence:
        where = claim.document.title if claim.document else claim.source
        print(f"      \u201c{claim.text}\u201d \u2014 {where}, {claim.date}")

# %%
graph.close()
