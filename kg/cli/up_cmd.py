"""``kg up``: the main job in one command: Neo4j, schema, ingest, API."""

from __future__ import annotations

import datetime as dt

import click

from kg.cli.ingest_cmds import ingest_command
from kg.cli.serve_cmd import serve


@click.command("up")
@click.argument("paths", nargs=-1)
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for documents that do not carry one.")
@click.option("--host", default=None, help="Interface the API listens on [default: KG_API_HOST].")
@click.option("--port", default=None, type=int, help="Port the API listens on [default: KG_API_PORT].")
@click.pass_context
def up(
    ctx: click.Context,
    paths: tuple[str, ...],
    published: dt.datetime | None,
    host: str | None,
    port: int | None,
) -> None:
    """Start everything: Neo4j (the managed server unless KG_NEO4J_URI is set), the schema,
    an ingest of PATHS (skipped when none are given; already-stored documents are no-ops),
    then the GraphQL API at http://HOST:PORT/graphql until interrupted.
    """
    if paths:
        ctx.invoke(ingest_command, paths=paths, published=published, batch_size=None)
    serve_params = {"host": host, "port": port, "log_level": "info"}
    ctx.invoke(serve, **serve_params)


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kg`` group."""
    group.add_command(up)
