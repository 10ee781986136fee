"""Neo4j Browser's kg style and the kg guide, as the API serves them to the Browser on connect.

The managed server's ``browser.post_connect_cmd`` runs ``:style <api>/browser/style.grass`` and
``:guide <api>/browser/guide.html`` (see :func:`kg.graph.server.write_config`); the guide's
slides are the saved queries of ``schema/browser/queries.cypher``, each runnable with one click.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError
from kg.graph.schema import schema_dir_candidates


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """One ``// kg: title`` block of queries.cypher: its title (with parameter hints) and Cypher."""

    title: str
    cypher: str

    @property
    def parameters(self) -> list[str]:
        """The ``:param name => value`` examples the title gives, in order."""
        return re.findall(r":param \w+ => '[^']*'", self.title)


def browser_file(name: str) -> Path:
    """A file of ``schema/browser/`` (the checkout's, else the copy next to the package)."""
    for folder in schema_dir_candidates():
        path = folder / "browser" / name
        if path.is_file():
            return path
    raise ConfigError(f"schema/browser/{name} is not shipped with this kg installation")


def style_grass() -> str:
    return browser_file("style.grass").read_text(encoding="utf-8")


def saved_queries(text: str) -> list[SavedQuery]:
    """The ``// kg: …`` queries of a queries.cypher file, separated by blank lines."""
    queries = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        if not lines or not lines[0].startswith("// kg:"):
            continue
        title = lines[0].removeprefix("// kg:").strip()
        cypher = "\n".join(line for line in lines[1:] if not line.lstrip().startswith("//")).strip()
        if cypher:
            queries.append(SavedQuery(title=title, cypher=cypher))
    return queries


def _runnable(code: str) -> str:
    return f'<pre class="code runnable">{html.escape(code)}</pre>'


def _query_slide(query: SavedQuery) -> str:
    heading = re.sub(r"\s*\(.*\)\s*$", "", query.title)
    parameters = "\n".join(query.parameters)
    steps = f"<p>First set its parameters (edit the values):</p>{_runnable(parameters)}" if parameters else ""
    return (
        f"<slide><h3>{html.escape(heading[:1].upper() + heading[1:])}</h3>{steps}"
        f"<p>Then run:</p>{_runnable(query.cypher)}</slide>"
    )


def guide_html(map_url: str) -> str:
    """The kg guide: what the graph holds, then one slide per saved query."""
    queries = saved_queries(browser_file("queries.cypher").read_text(encoding="utf-8"))
    overview = queries[-1].cypher if queries else "MATCH (n:Entity) RETURN n LIMIT 50"
    intro = (
        "<slide><h3>kg: who does what to whom</h3>"
        "<p>Actors (<code>:Actor</code> with their kind as a label: <code>:Person</code>, "
        "<code>:Organization</code>, <code>:Country</code>, <code>:Group</code>, <code>:Location</code>) and "
        "events (<code>:Event</code>) are linked by typed relationships such as "
        "<code>REQUESTED_AID</code> or <code>MEDIATED</code>, each with <code>claims</code>, "
        "<code>documents</code>, <code>first_seen</code>, <code>last_seen</code> and "
        "<code>confidence</code>. "
        "Behind each one are <code>:Claim</code> nodes: the sentence, its offsets and its "
        "<code>:Document</code>.</p>"
        "<p>kg's style (colour by kind, caption by name) was applied when you connected; "
        "<code>:style reset</code> goes back to the default.</p>"
        f'<p>The same graph as a map, with evidence and a timeline: <a href="{html.escape(map_url)}" '
        f'target="_blank">{html.escape(map_url)}</a></p>'
        f"<p>Start with an overview:</p>{_runnable(overview)}"
        "</slide>"
    )
    slides = "".join(_query_slide(query) for query in queries)
    return f'<article class="guide"><carousel class="deck">{intro}{slides}</carousel></article>'
