"""kg's executor gives every field the arguments of its own selection, whatever else the
request planned and dropped while it ran."""

from __future__ import annotations

import asyncio

import strawberry

from kg.api.executor import KGExecutor


@strawberry.type
class Item:
    name: str

    @strawberry.field
    def value(self, n: int = 5) -> int:
        return n


@strawberry.type
class Query:
    @strawberry.field
    def one(self, id: strawberry.ID) -> Item:
        return Item(name=str(id))

    @strawberry.field
    async def later(self) -> Item:
        await asyncio.sleep(0.01)
        return Item(name="later")


def _schema() -> strawberry.Schema:
    executor = KGExecutor.for_schema("ArgumentsTestExecutor")
    schema = strawberry.Schema(query=Query, execution_context_class=executor)
    executor.strawberry_schema = schema
    return schema


def test_variable_arguments_survive_fields_planned_after_others_completed() -> None:
    # @skip makes the root plan uncacheable: its fields' plans die once completed, and the
    # plans of `later`'s selection are made afterwards (where freed plans' memory is reused).
    early = " ".join(f"a{i}: one(id: $z) {{ name }}" for i in range(6))
    values = " ".join(f"v{i}: value(n: $n)" for i in range(9))
    query = (
        f'query ($z: ID!, $n: Int!) {{ skipped: one(id: "s") @skip(if: true) {{ name }} {early} '
        f"later {{ {values} }} }}"
    )
    result = asyncio.run(_schema().execute(query, variable_values={"z": "zz", "n": 1}))
    assert result.errors is None
    assert result.data is not None
    assert result.data["later"] == {f"v{i}": 1 for i in range(9)}
    assert all(result.data[f"a{i}"] == {"name": "zz"} for i in range(6))
