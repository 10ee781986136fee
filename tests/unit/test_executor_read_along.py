"""A field whose value its parent read along (kg.api.planning.READ_ALONG) is completed from
what its find function returns, without a call of its resolver; when the function finds
nothing, or the field has field extensions, the resolver answers as usual."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from kg.api.executor import KGExecutor
from kg.api.planning import NOT_READ, READ_ALONG

CALLS: list[str] = []


def find_scores(context: dict[str, Any], item: Any, arguments: dict[str, Any]) -> Any:
    """The scores the context holds for the item and the arguments (with their defaults)."""
    return context["read"].get((item.name, arguments["first"], arguments["tag"]), NOT_READ)


class Counted(FieldExtension):
    def resolve(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        CALLS.append("extension")
        return next_(source, info, **kwargs)


@strawberry.type
class Item:
    name: str

    @strawberry.field(metadata={READ_ALONG: find_scores})
    def scores(self, first: int = 2, tag: str | None = None) -> list[int]:
        CALLS.append(f"scores {self.name}")
        return [0] * first

    @strawberry.field(metadata={READ_ALONG: find_scores}, extensions=[Counted()])
    def guarded(self, first: int = 2, tag: str | None = None) -> list[int]:
        CALLS.append(f"guarded {self.name}")
        return [0] * first


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [Item(name="a"), Item(name="b")]


def _execute(query: str, read: dict[tuple[str, int, str | None], list[int]], **variables: Any) -> Any:
    executor = KGExecutor.for_schema("ReadAlongTestExecutor")
    schema = strawberry.Schema(query=Query, execution_context_class=executor)
    executor.strawberry_schema = schema
    CALLS.clear()
    result = asyncio.run(schema.execute(query, variable_values=variables, context_value={"read": read}))
    assert result.errors is None, result.errors
    return result.data


def test_a_value_read_along_is_completed_without_calling_the_resolver() -> None:
    read = {("a", 2, None): [7, 8], ("b", 2, None): [9]}
    data = _execute("{ items { name scores } }", read)
    assert data == {"items": [{"name": "a", "scores": [7, 8]}, {"name": "b", "scores": [9]}]}
    assert CALLS == []


def test_the_find_function_gets_variables_and_defaults_coerced() -> None:
    read = {("a", 1, "x"): [1], ("b", 1, "x"): [2]}
    data = _execute("query ($n: Int!) { items { scores(first: $n, tag: \"x\") } }", read, n=1)
    assert data == {"items": [{"scores": [1]}, {"scores": [2]}]}
    assert CALLS == []


def test_the_resolver_answers_what_was_not_read_along() -> None:
    data = _execute("{ items { scores } }", {("a", 2, None): [5]})
    assert data == {"items": [{"scores": [5]}, {"scores": [0, 0]}]}
    assert CALLS == ["scores b"]


def test_a_field_with_field_extensions_is_always_resolved() -> None:
    data = _execute("{ items { guarded(first: 1) } }", {("a", 1, None): [5], ("b", 1, None): [6]})
    assert data == {"items": [{"guarded": [0]}, {"guarded": [0]}]}
    assert CALLS == ["extension", "guarded a", "extension", "guarded b"]
