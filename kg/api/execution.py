"""A graphql-core execution context that completes plain scalar fields without the general path.

Most fields of a kg response are plain attributes holding a scalar or an enum (``name``,
``text``, ``start``, ...). For each of them graphql-core builds a resolve info, calls
strawberry's default resolver, checks twice for an awaitable and walks the type wrappers;
that is the largest share of a request's CPU time once the data is read. Here such a field is
read with ``getattr`` and coerced with its type's ``coerce_output_value``, which is all the
general path would do for it. Anything else -- resolvers, objects, lists, a null in a non-null
field, a value the type refuses, middleware -- takes graphql-core's path, which reports errors
exactly as before.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    UndefinedType,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

# Per schema field: (python attribute, leaf type, non-null), or None when it has a resolver or
# a non-leaf type. Filled lazily, keyed by id (GraphQLField is not hashable); each entry keeps
# its field alive so that the id is never reused.
_PlainLeaf = tuple[str, GraphQLLeafType, bool]
_plain_leaves: dict[int, tuple[GraphQLField, _PlainLeaf | None]] = {}


def _plain_leaf(field_def: GraphQLField) -> _PlainLeaf | None:
    found = _plain_leaves.get(id(field_def))
    if found is not None:
        return found[1]
    plan: _PlainLeaf | None = None
    extensions = field_def.extensions or {}
    definition = extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolve = field_def.resolve
    # `_is_default` marks strawberry's resolver for a field without resolver, permission
    # classes, field extensions or exception handlers: it returns the attribute as it is.
    if isinstance(definition, StrawberryField) and getattr(resolve, "_is_default", False):
        field_type = field_def.type
        non_null = isinstance(field_type, GraphQLNonNull)
        inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        if is_leaf_type(inner):
            plan = (definition.python_name, inner, non_null)
    _plain_leaves[id(field_def)] = (field_def, plan)
    return plan


class KGExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with the plain-scalar fast path described above."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> AwaitableOrValue[Any] | UndefinedType:
        manager = self.middleware_manager
        if manager is None or not manager.middlewares:
            field_def = self.schema.get_field(parent_type, field_details_list[0].node.name.value)
            plan = _plain_leaf(field_def) if field_def is not None else None
            if plan is not None:
                attribute, leaf_type, non_null = plan
                value = getattr(source, attribute, Undefined)
                if value is None and not non_null:
                    return None
                if value is not None and value is not Undefined:
                    try:
                        coerced = leaf_type.coerce_output_value(value)
                    except Exception:  # the general path reports it
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
