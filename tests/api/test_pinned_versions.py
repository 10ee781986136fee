"""The libraries whose execution semantics kg's executor restates are the versions it was written for.

kg/api/executor.py subclasses graphql-core's ``Executor`` (3.3) and replaces its public
``execute_operation`` with one that completes from per-query plans. It uses only public names,
but it restates graphql-core's completion rules, so an upgrade must be a decision: this test
fails on a graphql-core outside the pinned minor, and names the attributes the executor reads.
"""

from __future__ import annotations

import importlib.metadata

from graphql import GraphQLBoolean, GraphQLField, GraphQLObjectType, GraphQLSchema, parse
from graphql.execution import Executor
from packaging.requirements import Requirement
from packaging.version import Version

from kg.api.executor import KGExecutor

# The Executor attributes kg's execute_operation reads (set by graphql-core's Executor.build).
EXECUTOR_ATTRIBUTES = (
    "abort_signal", "collected_errors", "context_value", "enable_early_execution", "field_resolver",
    "hooks", "is_awaitable", "middleware_manager", "operation", "root_value", "schema",
    "type_resolver", "variable_values",
)


def _pinned(name: str) -> Requirement:
    for line in importlib.metadata.requires("kg") or []:
        requirement = Requirement(line)
        if requirement.name == name and not requirement.marker:
            return requirement
    raise AssertionError(f"kg does not pin {name}")


def test_installed_graphql_core_is_the_minor_the_executor_was_written_for() -> None:
    installed = Version(importlib.metadata.version("graphql-core"))
    pin = _pinned("graphql-core")
    assert pin.specifier.contains(installed), f"graphql-core {installed} is outside kg's pin {pin}"
    assert (installed.major, installed.minor) == (3, 3)


def test_the_pin_refuses_the_next_minor() -> None:
    assert not _pinned("graphql-core").specifier.contains(Version("3.4.0"))


def test_graphql_core_executor_still_has_what_kg_reads() -> None:
    schema = GraphQLSchema(GraphQLObjectType("Query", {"ok": GraphQLField(GraphQLBoolean)}))
    built = Executor.build(schema, parse("{ ok }"))
    assert isinstance(built, Executor)
    assert [name for name in EXECUTOR_ATTRIBUTES if not hasattr(built, name)] == []
    assert issubclass(KGExecutor, Executor)
    assert KGExecutor.execute_operation is not Executor.execute_operation
