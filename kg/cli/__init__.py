"""The ``kg`` command line: thin commands over library functions.

Each command group lives in its own module and registers itself on :data:`main`.
"""

from __future__ import annotations

import click

from kg import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: who does what to whom, read from news, stored in Neo4j with its evidence.

    Neo4j is taken from KG_NEO4J_URI (or NEO4J_URI) when set; otherwise kg assembles a
    Neo4j Community server from Maven Central and manages it (see `kg neo4j --help`).
    """


def _register() -> None:
    from kg.cli import extract_cmd, ingest_cmds, neo4j_cmds, serve_cmd, up_cmd

    for module in (up_cmd, neo4j_cmds, extract_cmd, ingest_cmds, serve_cmd):
        module.register(main)


_register()
