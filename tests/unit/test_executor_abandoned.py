"""When a non-null field or list item fails, kg's executor nulls its parent and leaves no
sibling's resolver coroutine behind un-awaited (no "coroutine ... was never awaited")."""

from __future__ import annotations

import asyncio
import gc
import warnings

import strawberry

from kg.api.executor import KGExecutor


@strawberry.type
class Item:
    @strawberry.field
    async def slow(self) -> int:
        await asyncio.sleep(0)
        return 1

    @strawberry.field
    def broken(self) -> int:
        raise ValueError("broken")


@strawberry.type
class Query:
    @strawberry.field
    def item(self) -> Item | None:
        return Item()

    @strawberry.field
    def items(self) -> list[Item] | None:
        return [Item(), Item()]


def _schema() -> strawberry.Schema:
    executor = KGExecutor.for_schema("AbandonedTestExecutor")
    schema = strawberry.Schema(query=Query, execution_context_class=executor)
    executor.strawberry_schema = schema
    return schema


def _run(query: str) -> tuple[object, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = asyncio.run(_schema().execute(query))
        gc.collect()
    return result, [w for w in caught if "never awaited" in str(w.message)]


def test_a_failed_non_null_field_leaves_no_sibling_resolver_unawaited() -> None:
    result, unawaited = _run("{ item { slow broken } }")
    assert result.data == {"item": None}  # type: ignore[attr-defined]
    assert [e.message for e in result.errors] == ["broken"]  # type: ignore[attr-defined]
    assert unawaited == []


def test_a_failed_non_null_list_item_leaves_no_other_item_unawaited() -> None:
    # The first item's `slow` is pending when the second item's `broken` nulls the list.
    result, unawaited = _run("{ items { slow broken } }")
    assert result.data == {"items": None}  # type: ignore[attr-defined]
    assert unawaited == []
