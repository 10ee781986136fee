"""``kg serve``: the map, GraphiQL and the GraphQL API over uvicorn."""

from __future__ import annotations

import click

from kg.settings import load_settings


@click.command("serve")
@click.option("--host", default=None, help="Interface to listen on [default: settings.api_host].")
@click.option("--port", default=None, type=int, help="Port to listen on [default: settings.api_port].")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(host: str | None, port: int | None, log_level: str) -> None:
    """Serve the map (/), the GraphQL API (/graphql, with GraphiQL in a browser) and /health.

    Mutations need KG_API_KEY set on the server and sent as the X-API-Key header (or
    Authorization: Bearer); without a key configured they are refused.
    """
    import uvicorn

    from kg.api.app import create_app

    settings = load_settings()
    app = create_app(settings)
    host, port = host or settings.api_host, port or settings.api_port
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else f"[{host}]" if ":" in host else host
    click.echo(f"kg: the map at http://{shown}:{port}/, GraphiQL at http://{shown}:{port}/graphql", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kg`` group."""
    group.add_command(serve)
