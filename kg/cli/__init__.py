"""The ``kg`` command line: thin commands over library functions.

Each command group lives in its own module and registers itself on :data:`main`.
"""

from __future__ import annotations

import click

from kg import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True,
              help="Log more on stderr: -v info, -vv debug (with the Neo4j driver's notifications).")
def main(verbose: int) -> None:
    """kg: who does what to whom, read from news, stored in Neo4j with its evidence.

    Neo4j is taken from KG_NEO4J_URI (or NEO4J_URI) when set; otherwise kg assembles a
    Neo4j Community server from Maven Central and manages it (see `kg neo4j --help`).

    \b
    Exit status: 0 done (documents that failed, if any, are listed on stderr);
    1 nothing could be processed, or kg could not work (the reason in one line);
    2 a wrong command line; 3 the managed Neo4j is not running (status commands).
    """
    from kg.logs import configure_cli_logging

    configure_cli_logging(verbose)


def _register() -> None:
    from kg.cli import actors_cmds, extract_cmd, ingest_cmds, neo4j_cmds, serve_cmd, up_cmd

    for module in (up_cmd, neo4j_cmds, extract_cmd, ingest_cmds, serve_cmd, actors_cmds):
        module.register(main)


_register()
