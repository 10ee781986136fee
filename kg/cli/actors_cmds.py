"""``kg actors candidates|merge|split|decide|resolve|decisions``: review and decide which actors are one.

Thin commands over :class:`kg.graph.resolution.ActorResolution`. Every merge, split and
decision is stored with who made it (``--by``, default the login name) and can be undone.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import click

from kg.errors import KGError
from kg.graph.resolution import ActorResolution, CandidatePair, Decision
from kg.settings import Settings, load_settings

T = TypeVar("T")


async def _with_resolution(settings: Settings, work: Callable[[ActorResolution], Awaitable[T]]) -> T:
    """Open the driver, apply the (idempotent) schema, run ``work``, close."""
    from kg.graph.driver import open_driver
    from kg.graph.schema import apply_schema

    driver = await open_driver(settings)
    try:
        await apply_schema(driver, settings)
        return await work(ActorResolution(driver, settings.neo4j_database))
    finally:
        await driver.close()


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(coroutine)
    except KGError as error:
        raise click.ClickException(str(error)) from error


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "cli"


_BY = click.option("--by", default=_default_user, show_default="your login name",
                   help="Who decides: stored with the decision.")


@click.group("actors")
def actors_group() -> None:
    """Review and decide which actors are one: candidates, merge, split, decide, decisions.

    \b
    Ingestion merges an extracted actor into a stored one only when exactly one candidate fits
    with a score of at least KG_RESOLUTION_AUTO_THRESHOLD; pairs it is unsure of are kept as
    candidates. Every merge can be undone with `kg actors split`; a person's decision wins over
    the resolver's and is remembered on re-ingest.
    """


@actors_group.command("candidates")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), help="Only pairs scoring at least this.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def candidates_command(limit: int, min_score: float | None, as_json: bool) -> None:
    """Likely duplicates for review, best score first: merge them or decide --not-same."""
    settings = load_settings()

    async def work(resolution: ActorResolution) -> list[CandidatePair]:
        return await resolution.candidates(limit=limit, min_score=min_score)

    pairs = _run(_with_resolution(settings, work))
    for pair in pairs:
        if as_json:
            click.echo(json.dumps({
                "score": pair.score, "rule": pair.rule,
                "left": {"id": pair.left.id, "name": pair.left.name, "kind": pair.left.kind.value},
                "right": {"id": pair.right.id, "name": pair.right.name, "kind": pair.right.kind.value},
            }))
        else:
            click.echo(f"{pair.score:.2f}  {pair.left.id} ({pair.left.name}, {pair.left.kind.value})"
                       f"  ~  {pair.right.id} ({pair.right.name}, {pair.right.kind.value})  [{pair.rule}]")
    if not pairs and not as_json:
        click.echo("no candidates", err=True)


@actors_group.command("merge")
@click.argument("keep")
@click.argument("merged", nargs=-1, required=True)
@_BY
@click.option("--note", help="Why: stored with the decision.")
def merge_command(keep: str, merged: tuple[str, ...], by: str, note: str | None) -> None:
    """Merge the actors MERGED into KEEP (ids; a merged id stands for its actor).

    Their claims, mentions and relations move to KEEP; their ids keep finding it.
    `kg actors split ID` undoes it.
    """
    settings = load_settings()

    async def work(resolution: ActorResolution) -> str:
        return await resolution.merge(keep, list(merged), by=by, note=note)

    kept = _run(_with_resolution(settings, work))
    click.echo(f"merged {', '.join(merged)} into {kept}")


@actors_group.command("split")
@click.argument("actor_id")
@_BY
def split_command(actor_id: str, by: str) -> None:
    """Undo merges: ACTOR_ID merged into another actor becomes an actor again (with what was
    merged into it); an actor gives back every id merged straight into it.

    The graph is as it was before the merge; the resolver will not merge them again.
    """
    settings = load_settings()

    async def work(resolution: ActorResolution) -> list[str]:
        return await resolution.split(actor_id, by=by)

    revived = _run(_with_resolution(settings, work))
    click.echo(f"split {', '.join(revived)}")


@actors_group.command("decide")
@click.argument("left")
@click.argument("right")
@click.option("--same/--not-same", default=None, required=True,
              help="--same merges RIGHT into LEFT; --not-same keeps them apart for good.")
@_BY
@click.option("--note", help="Why: stored with the decision.")
def decide_command(left: str, right: str, same: bool, by: str, note: str | None) -> None:
    """Decide whether LEFT and RIGHT are one actor (a candidate pair, or any two ids)."""
    settings = load_settings()

    async def work(resolution: ActorResolution) -> str:
        if same:
            return await resolution.merge(left, [right], by=by, note=note)
        return await resolution.decide_not_same(left, right, by=by, note=note)

    result = _run(_with_resolution(settings, work))
    if same:
        click.echo(f"merged {right} into {result}")
    else:
        click.echo(f"decided: {left} and {right} are different actors ({result})")


@actors_group.command("resolve")
def resolve_command() -> None:
    """Resolve every stored actor against the others with the ingest rules and thresholds: for
    a graph ingested with --no-resolve or before resolution existed. Sure matches are merged
    (logged, undoable), the rest become candidates."""
    from kg.ingest import resolution_policy

    settings = load_settings()

    async def work(resolution: ActorResolution) -> tuple[int, int]:
        from tqdm import tqdm

        with tqdm(unit=" actors", file=sys.stderr, desc="resolve", disable=None) as bar:
            return await resolution.resolve_graph(resolution_policy(settings), progress=bar.update)

    merges, candidates = _run(_with_resolution(settings, work))
    click.echo(f"merged {merges} actors; {candidates} candidate pairs for review (kg actors candidates)")


@actors_group.command("decisions")
@click.argument("actor_id", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--all", "include_candidates", is_flag=True, help="Candidate pairs too.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def decisions_command(actor_id: str | None, limit: int, include_candidates: bool, as_json: bool) -> None:
    """The decision log, newest first: merges, splits and "not the same" (of ACTOR_ID if given)."""
    settings = load_settings()

    async def work(resolution: ActorResolution) -> list[Decision]:
        return await resolution.decisions(actor_id, limit=limit, include_candidates=include_candidates)

    for decision in _run(_with_resolution(settings, work)):
        if as_json:
            click.echo(json.dumps(_decision_json(decision)))
            continue
        when = decision.decided_at.isoformat(timespec="seconds") if decision.decided_at else "?"
        undone = decision.undone_at.isoformat(timespec="seconds") if decision.undone_at else "?"
        state = "" if decision.active else f"  (undone {undone} by {decision.undone_by})"
        score = f" {decision.score:.2f}" if decision.score is not None else ""
        click.echo(f"{when}  {decision.judgement:<9} {decision.left} <- {decision.right}  "
                   f"by {decision.decided_by} [{decision.rule}{score}]{state}")


def _decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id, "left": decision.left, "right": decision.right,
        "judgement": decision.judgement, "decided_by": decision.decided_by, "rule": decision.rule,
        "score": decision.score, "note": decision.note, "active": decision.active,
        "decided_at": decision.decided_at.isoformat() if decision.decided_at else None,
        "undone_at": decision.undone_at.isoformat() if decision.undone_at else None,
        "undone_by": decision.undone_by,
    }


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kg`` group."""
    group.add_command(actors_group)
