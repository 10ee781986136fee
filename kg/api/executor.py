"""kg's GraphQL executor: every operation, completed from plans cached per query text.

Strawberry runs graphql-core's ``execute`` with the executor class the schema names
(``strawberry.Schema(execution_context_class=...)``, public); graphql-core builds that class
(``Executor.build``: operation, fragments, coerced variables, errors for a bad request) and calls
its ``execute_operation()``, the documented entry point (graphql-core's docstring: "You can pass
a subclass as ``executor_class`` ... to customize the execution"). :class:`KGExecutor` keeps all
of that and replaces only the body of ``execute_operation``: the same "Executing operations"
section of the GraphQL specification, written against graphql-core's public API only
(``GraphQLSchema.get_field``, ``get_argument_values``, ``get_directive_values``,
``type_from_ast``, ``located_error``, ``GraphQLResolveInfo``, ``Path``, the types'
``resolve``/``resolve_type``/``is_type_of``/``coerce_output_value``) and strawberry's
(``Schema.get_field_for_type``, ``StrawberryField.is_basic_field``/``python_name``).

Why: graphql-core spends some 4-6 microseconds on every field it completes (a resolve info, the
resolver call, the completion's type dispatch), which for a page of relations with their
evidence (~300 fields) is several times the cost of the database read. Here what depends only
on the query -- the fields collected for each object type, each field's kind (a strawberry
basic field is read as the attribute it is; a field with a resolver calls it), the completion
of each output type, literal arguments -- is planned once per query text and kept; a request
only walks the plan over its values. Every field with a resolver is still called through its
GraphQLField.resolve (strawberry's wrapper: arguments, Info, permissions, field extensions), so
resolvers and DataLoaders are written as usual and batch as usual (siblings' awaitables are
gathered together, level by level) -- except when the field's strawberry metadata names a
READ_ALONG function (kg.api.planning) that finds the value its parent's statement read along:
that value is completed as the resolver's would be, without the call (a relation's evidence,
once per relation of a page, read by the actor's one statement).

Semantics follow graphql-core exactly -- errors located at their path, null propagation to the
nearest nullable field, the same messages, no error twice under a nulled position -- and
tests/api/test_execution_equivalence.py compares both executors on thousands of generated
queries. Features kg does not use (abort signals, execution hooks, incremental delivery,
subscriptions) are refused rather than half-supported.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from enum import Enum
from inspect import CORO_CREATED, getcoroutinestate
from math import isfinite
from typing import TYPE_CHECKING, Any, ClassVar

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    FieldNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLBoolean,
    GraphQLError,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLIncludeDirective,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSkipDirective,
    GraphQLString,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    get_directive_values,
    is_abstract_type,
    is_leaf_type,
    is_non_null_type,
    located_error,
    type_from_ast,
)
from graphql.execution import ExecutionResult, Executor, get_argument_values
from graphql.pyutils import Path, gather_with_cancel, inspect, is_iterable

from kg.api.planning import NOT_READ, READ_ALONG, has_variables

if TYPE_CHECKING:
    import strawberry

# Plans kept across requests: object plans by (type, field nodes). Bounded; the nodes of a
# query stay alive (strawberry's parser cache) while its plans are used, and each plan keeps
# its nodes, so the ids in its key cannot be reused by other nodes meanwhile.
PLAN_CACHE_SIZE = 4096

_TYPENAME, _BASIC, _RESOLVED = range(3)
_LEAF, _LIST, _OBJECT, _ABSTRACT = range(4)  # (_OBJECT and _ABSTRACT last: `kind >= _OBJECT`)
# What completion returns most (an object's fields, a list, a leaf): checked before calling
# is_awaitable, which no definition of it makes true for these.
_NEVER_AWAITABLE = frozenset({dict, list, str, int, float, bool, type(None)})


class _TypePlan:
    """How a value of one output type is completed."""

    __slots__ = (
        "enum_outputs", "graphql_type", "item", "kind", "needs_info", "non_null", "runtime_types",
        "unchanged",
    )

    def __init__(self, graphql_type: GraphQLOutputType) -> None:
        self.non_null = is_non_null_type(graphql_type)
        named = graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
        self.graphql_type: Any = named
        self.item: _TypePlan | None = None
        # A leaf's output for each enum member met (what coerce_output_value gives), by the
        # member's id: members live as long as their enum, so an id is never reused.
        self.enum_outputs: dict[int, Any] = {}
        # The Python type a built-in scalar's coercion returns unchanged (checked inline).
        self.unchanged: type | None = None
        # An abstract type's object types by the names its resolve_type gave, once checked.
        self.runtime_types: dict[str, GraphQLObjectType] = {}
        if isinstance(named, GraphQLList):
            self.kind = _LIST
            self.item = _TypePlan(named.of_type)
        elif is_leaf_type(named):
            self.kind = _LEAF
            if named is GraphQLString or named is GraphQLID:
                self.unchanged = str
            elif named is GraphQLBoolean:
                self.unchanged = bool
        elif is_abstract_type(named):
            self.kind = _ABSTRACT
        else:
            self.kind = _OBJECT
        # Whether completing a value of this type calls something that takes a resolve info
        # (an abstract type's resolve_type, an object type's is_type_of).
        self.needs_info = self.kind == _ABSTRACT or (
            isinstance(named, GraphQLObjectType) and named.is_type_of is not None
        )


class _FieldPlan:
    """One response key of an object type's selection: what to call and how to complete it."""

    __slots__ = (
        "arguments", "attribute", "coerced", "definition", "given", "key", "kind", "name", "nodes",
        "objects", "parent_type", "read_along", "type", "typename",
    )

    def __init__(
        self, key: str, nodes: list[FieldNode], definition: GraphQLField, parent_type: GraphQLObjectType
    ) -> None:
        self.key = key
        self.parent_type = parent_type
        self.nodes = nodes
        self.name = nodes[0].name.value
        self.definition = definition
        self.kind = _RESOLVED
        self.attribute = ""
        self.typename = ""
        # The coerced arguments (defaults included) when every argument is a literal (else
        # computed per request), and those of them the resolver is called with.
        self.coerced: dict[str, Any] | None = None
        self.arguments: dict[str, Any] | None = None
        # The field's kg.api.planning.READ_ALONG function, when it has one and may use it.
        self.read_along: Callable[[Any, Any, dict[str, Any]], Any] | None = None
        # The names of the arguments the query gives, when only those are passed to the
        # resolver (see KGExecutor._defaults_in_resolver); None: every coerced argument.
        self.given: frozenset[str] | None = None
        self.type = _TypePlan(definition.type)
        # The object plans of the selection below, per runtime object type.
        self.objects: dict[str, _ObjectPlan] = {}


class _ObjectPlan:
    """The fields to complete on one object type for one set of field nodes."""

    __slots__ = ("fields", "nodes", "type")

    def __init__(
        self, object_type: GraphQLObjectType, fields: list[_FieldPlan], nodes: Sequence[Any]
    ) -> None:
        self.type = object_type
        self.fields = fields
        self.nodes = nodes  # kept alive while the plan is cached (see PLAN_CACHE_SIZE)


class _Cached:
    """Object plans of selections without directives, shared by every request (LRU)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.plans: OrderedDict[tuple[int, ...], _ObjectPlan] = OrderedDict()

    def get(self, key: tuple[int, ...]) -> _ObjectPlan | None:
        found = self.plans.get(key)
        if found is not None:
            self.plans.move_to_end(key)
        return found

    def put(self, key: tuple[int, ...], plan: _ObjectPlan) -> None:
        self.plans[key] = plan
        if len(self.plans) > self.size:
            self.plans.popitem(last=False)


class _Uncacheable(Exception):
    """A selection with @skip/@include: its fields depend on the variables."""


ResolveInfo = GraphQLResolveInfo[Any]


class KGExecutor(Executor[Any]):
    """graphql-core's executor with kg's execute_operation (see the module docstring).

    ``build_schema`` makes one subclass per strawberry schema and sets ``strawberry_schema``
    on it (the basic fields are found through strawberry's public schema API)."""

    strawberry_schema: ClassVar[strawberry.Schema | None] = None
    plans: ClassVar[_Cached] = _Cached(PLAN_CACHE_SIZE)
    # Per GraphQLField (by id, the field kept alive in the value): its python attribute when it
    # is a strawberry basic field read by the schema's default resolver, else "".
    basic_fields: ClassVar[dict[int, tuple[GraphQLField, str]]] = {}

    def __init__(self, *args: Any, operation_extensions: Any = None, **kwargs: Any) -> None:
        # Strawberry passes operation_extensions to its own executor class; kept for parity.
        super().__init__(*args, **kwargs)
        self.operation_extensions = operation_extensions
        # A field's coerced arguments for this request, by its plan: the plan itself is the key
        # (not its id), so a plan that dies mid-request -- an uncacheable root's field, once
        # completed -- cannot lend its arguments to a new plan given the same address.
        # (coerced, those passed to the resolver)
        self._arguments: dict[_FieldPlan, tuple[dict[str, Any], dict[str, Any]]] = {}

    @classmethod
    def for_schema(cls, name: str = "KGSchemaExecutor") -> type[KGExecutor]:
        """A subclass with its own plan cache, for one schema (set its strawberry_schema)."""
        return type(name, (cls,), {"plans": _Cached(PLAN_CACHE_SIZE), "basic_fields": {}})

    # --- the operation ----------------------------------------------------------------------

    def execute_operation(
        self, serially: bool | None = None
    ) -> Any:  # AwaitableOrValue[ExecutionResult]
        if self.abort_signal is not None or self.hooks is not None or self.enable_early_execution:
            raise NotImplementedError("kg's executor has no abort signals, hooks or early execution")
        operation = self.operation
        root_type = self.schema.get_root_type(operation.operation)
        if root_type is None:
            error = GraphQLError(
                f"Schema is not configured to execute {operation.operation.value} operation.", operation
            )
            return ExecutionResult(None, [error])
        if serially is None:
            serially = operation.operation == OperationType.MUTATION
        try:
            plan = self._object_plan(root_type, (operation,), operation.selection_set)
            data = (
                self._execute_serially(plan, self.root_value)
                if serially
                else self._execute_object(plan, self.root_value, None)
            )
        except GraphQLError as error:
            self.collected_errors.add(error, None)
            return self._response(None)
        if self.is_awaitable(data):

            async def await_data() -> ExecutionResult:
                try:
                    completed = await data
                except GraphQLError as error:
                    self.collected_errors.add(error, None)
                    return self._response(None)
                return self._response(completed)

            return await_data()
        return self._response(data)

    def _response(self, data: dict[str, Any] | None) -> ExecutionResult:
        return ExecutionResult(data, self.collected_errors.errors or None)

    # --- plans ------------------------------------------------------------------------------

    def _object_plan(
        self, object_type: GraphQLObjectType, parents: Sequence[Any], selection_set: SelectionSetNode | None
    ) -> _ObjectPlan:
        """The plan of the root selection (``parents`` the operation)."""
        key = (id(object_type), id(selection_set))
        found = self.plans.get(key)
        if found is not None:
            return found
        fields: dict[str, list[FieldNode]] = {}
        try:
            self._collect(object_type, selection_set, fields, set(), cacheable=True)
            plan = self._plan_fields(object_type, fields, (*parents, selection_set))
            self.plans.put(key, plan)
        except _Uncacheable:
            fields = {}
            self._collect(object_type, selection_set, fields, set(), cacheable=False)
            plan = self._plan_fields(object_type, fields, (*parents, selection_set))
        return plan

    def _sub_plan(self, field: _FieldPlan, object_type: GraphQLObjectType) -> _ObjectPlan:
        """The plan of the selections below ``field`` for runtime type ``object_type``."""
        found = field.objects.get(object_type.name)
        if found is not None:
            return found
        key = (id(object_type), *(id(node) for node in field.nodes))
        cached = self.plans.get(key)
        if cached is not None:
            field.objects[object_type.name] = cached
            return cached
        fields: dict[str, list[FieldNode]] = {}
        try:
            visited: set[str] = set()
            for node in field.nodes:
                self._collect(object_type, node.selection_set, fields, visited, cacheable=True)
            plan = self._plan_fields(object_type, fields, field.nodes)
            self.plans.put(key, plan)
            field.objects[object_type.name] = plan
        except _Uncacheable:
            # Not kept, not even on the field plan: @skip/@include make it variable.
            fields = {}
            visited = set()
            for node in field.nodes:
                self._collect(object_type, node.selection_set, fields, visited, cacheable=False)
            plan = self._plan_fields(object_type, fields, field.nodes)
        return plan

    def _collect(
        self,
        runtime_type: GraphQLObjectType,
        selection_set: SelectionSetNode | None,
        fields: dict[str, list[FieldNode]],
        visited: set[str],
        *,
        cacheable: bool,
    ) -> None:
        """CollectFields of the specification: field nodes by response key, in order."""
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if selection.directives:
                if cacheable:
                    raise _Uncacheable
                if not self._included(selection):
                    continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if self._applies(selection.type_condition, runtime_type):
                    self._collect(runtime_type, selection.selection_set, fields, visited, cacheable=cacheable)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited:
                    continue
                visited.add(name)
                fragment = self.fragment_definitions.get(name)
                if fragment is None or not self._applies(fragment.type_condition, runtime_type):
                    continue
                if fragment.directives and cacheable:
                    raise _Uncacheable
                self._collect(runtime_type, fragment.selection_set, fields, visited, cacheable=cacheable)

    def _included(self, node: Any) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variable_values)
        if skip is not None and skip["if"] is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variable_values)
        return not (include is not None and include["if"] is False)

    def _applies(self, condition: Any, runtime_type: GraphQLObjectType) -> bool:
        if condition is None:
            return True
        conditional_type = type_from_ast(self.schema, condition)
        if conditional_type is runtime_type:
            return True
        if is_abstract_type(conditional_type):
            return self.schema.is_sub_type(conditional_type, runtime_type)
        return False

    def _plan_fields(
        self, object_type: GraphQLObjectType, fields: dict[str, list[FieldNode]], nodes: Sequence[Any]
    ) -> _ObjectPlan:
        plans: list[_FieldPlan] = []
        for key, field_nodes in fields.items():
            name = field_nodes[0].name.value
            definition = self.schema.get_field(object_type, name)
            if definition is None:
                continue  # graphql-core leaves it out (validation refuses such queries)
            plan = _FieldPlan(key, field_nodes, definition, object_type)
            if name == "__typename":
                plan.kind = _TYPENAME
                plan.typename = object_type.name
            else:
                attribute = self._basic_attribute(object_type, name, definition)
                if attribute:
                    plan.kind = _BASIC
                    plan.attribute = attribute
                else:
                    if definition.args and self._defaults_in_resolver(object_type, name):
                        given = field_nodes[0].arguments or ()
                        plan.given = frozenset(argument.name.value for argument in given)
                    if not has_variables(field_nodes[0]):
                        try:
                            coerced = get_argument_values(definition, field_nodes[0], self.variable_values)
                            plan.coerced = coerced
                            plan.arguments = _only(coerced, plan.given)
                        except GraphQLError:
                            pass  # refused per request, as graphql-core does
                    plan.read_along = self._read_along(object_type, name)
            plans.append(plan)
        return _ObjectPlan(object_type, plans, nodes)

    def _basic_attribute(self, object_type: GraphQLObjectType, name: str, definition: GraphQLField) -> str:
        """The attribute a strawberry basic field returns, when the schema's default resolver
        is plain getattr and no middleware wraps resolvers; else "" (call its resolver)."""
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return ""
        known = self.basic_fields.get(id(definition))
        if known is not None:
            return known[1]
        attribute = ""
        schema = self.strawberry_schema
        if schema is not None and schema.config.default_resolver is getattr:
            field = schema.get_field_for_type(name, object_type.name)
            if field is not None and field.is_basic_field:
                attribute = field.python_name
        self.basic_fields[id(definition)] = (definition, attribute)
        return attribute

    def _read_along(
        self, object_type: GraphQLObjectType, name: str
    ) -> Callable[[Any, Any, dict[str, Any]], Any] | None:
        """The field's READ_ALONG function (kg.api.planning) from its strawberry metadata, unless
        field extensions or middleware must see every call of its resolver."""
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return None
        schema = self.strawberry_schema
        if schema is None:
            return None
        field = schema.get_field_for_type(name, object_type.name)
        if field is None or field.extensions:
            return None
        found: Callable[[Any, Any, dict[str, Any]], Any] | None = field.metadata.get(READ_ALONG)
        return found

    def _defaults_in_resolver(self, object_type: GraphQLObjectType, name: str) -> bool:
        """Whether the field is a strawberry field without field extensions, whose resolver can
        be called with only the arguments the query gives: strawberry makes each argument's
        GraphQL default from the resolver's Python default, so leaving a defaulted argument
        out calls the resolver with the same value, and spares strawberry converting it (its
        wrapper converts every argument passed, on every call: a page of relations calls the
        evidence resolver once per relation)."""
        schema = self.strawberry_schema
        if schema is None:
            return False
        field = schema.get_field_for_type(name, object_type.name)
        return field is not None and not field.is_basic_field and not field.extensions

    # --- execution --------------------------------------------------------------------------

    def _execute_object(self, plan: _ObjectPlan, source: Any, path: Path | None) -> Any:
        """The object's fields (ExecuteSelectionSet), or an awaitable of them."""
        results: dict[str, Any] = {}
        pending: list[str] | None = None
        typename = plan.type.name
        for field in plan.fields:
            kind = field.kind
            key = field.key
            if kind == _TYPENAME:
                results[key] = field.typename
                continue
            type_plan = field.type
            # The common case first, inline and without a Path: a basic field holding a value
            # its scalar returns unchanged (a leaf's completion is never awaitable).
            if kind == _BASIC and type_plan.kind == _LEAF:
                try:
                    value = getattr(source, field.attribute)
                    if type(value) is type_plan.unchanged:
                        results[key] = value
                        continue
                    if value is None and not type_plan.non_null:
                        results[key] = None
                        continue
                    if isinstance(value, Enum):
                        known = type_plan.enum_outputs.get(id(value))
                        if known is not None:
                            results[key] = known
                            continue
                    results[key] = self._complete(type_plan, field, Path(path, key, typename), value, None)
                except Exception as raw_error:
                    results[key] = self._failed(raw_error, field, Path(path, key, typename), results, pending)
                continue
            field_path = Path(path, key, typename)
            try:
                if kind == _BASIC:
                    value = getattr(source, field.attribute)
                    type_kind = type_plan.kind
                    if (
                        type_kind >= _OBJECT
                        and value is not None
                        and value is not Undefined
                        and not isinstance(value, Exception)
                    ):
                        # An object (or an abstract type's): _complete's dispatch, inline.
                        completed = (
                            self._complete_object(type_plan.graphql_type, field, field_path, value, None)
                            if type_kind == _OBJECT
                            else self._complete_abstract(type_plan, field, field_path, value, None)
                        )
                    else:
                        completed = self._complete(type_plan, field, field_path, value, None)
                else:
                    completed = self._resolve(field, plan.type, source, field_path)
            except Exception as raw_error:
                completed = self._failed(raw_error, field, field_path, results, pending)
            results[key] = completed
            if type(completed) not in _NEVER_AWAITABLE and self.is_awaitable(completed):
                if pending is None:
                    pending = [key]
                else:
                    pending.append(key)
        if pending is None:
            return results
        return self._await_fields(results, pending)

    def _failed(
        self,
        raw_error: Exception,
        field: _FieldPlan,
        path: Path,
        results: dict[str, Any],
        pending: list[str] | None,
    ) -> Any:
        """A field of an object failed: null and an error, or (non-null) the object fails."""
        try:
            return self._field_error(raw_error, field, field.type, path)
        except GraphQLError:
            # A non-null field failed: this object is null, its pending siblings moot.
            if pending:
                _abandon(results[key] for key in pending)
            raise

    async def _await_fields(self, results: dict[str, Any], pending: list[str]) -> dict[str, Any]:
        if len(pending) == 1:
            key = pending[0]
            results[key] = await results[key]
        else:
            done = await gather_with_cancel(*(results[key] for key in pending))
            results.update(zip(pending, done, strict=True))
        return results

    def _execute_serially(self, plan: _ObjectPlan, source: Any) -> Any:
        """The root fields of a mutation, one after the other (each awaited first)."""

        async def serially() -> dict[str, Any]:
            results: dict[str, Any] = {}
            typename = plan.type.name
            for field in plan.fields:
                if field.kind == _TYPENAME:
                    results[field.key] = field.typename
                    continue
                field_path = Path(None, field.key, typename)
                try:
                    completed = (
                        self._complete(field.type, field, field_path, getattr(source, field.attribute), None)
                        if field.kind == _BASIC
                        else self._resolve(field, plan.type, source, field_path)
                    )
                except Exception as raw_error:
                    completed = self._field_error(raw_error, field, field.type, field_path)
                if self.is_awaitable(completed):
                    completed = await completed
                results[field.key] = completed
            return results

        return serially()

    def _info(self, field: _FieldPlan, parent_type: GraphQLObjectType, path: Path) -> ResolveInfo:
        return GraphQLResolveInfo(
            field.name,
            field.nodes,
            field.definition.type,
            parent_type,
            path,
            self.schema,
            self.fragment_definitions,
            self.root_value,
            self.operation,
            self.variable_values,
            self.context_value,
            self.is_awaitable,
            self.abort_signal,
            self.async_helpers,
        )

    def _resolve(self, field: _FieldPlan, parent_type: GraphQLObjectType, source: Any, path: Path) -> Any:
        """Call the field's resolver and complete what it returns (ExecuteField); a value its
        parent read along (kg.api.planning.READ_ALONG) is completed without the call."""
        definition = field.definition
        coerced = field.coerced
        arguments = field.arguments
        if coerced is None or arguments is None:
            known = self._arguments.get(field)
            if known is None:
                node = field.nodes[0]
                coerced = (
                    get_argument_values(definition, node, self.variable_values)
                    if definition.args or node.arguments
                    else {}
                )
                known = self._arguments[field] = (coerced, _only(coerced, field.given))
            coerced, arguments = known
        read_along = field.read_along
        if read_along is not None:
            value = read_along(self.context_value, source, coerced)
            if value is not NOT_READ:
                return self._complete(field.type, field, path, value, None)
        resolve = definition.resolve or self.field_resolver
        if self.middleware_manager is not None:
            resolve = self.middleware_manager.get_field_resolver(resolve)
        info = self._info(field, parent_type, path)
        result = resolve(source, info, **arguments)
        if self.is_awaitable(result):
            return self._complete_awaited(field, path, result, info)
        return self._complete(field.type, field, path, result, info)

    async def _complete_awaited(
        self, field: _FieldPlan, path: Path, result: Awaitable[Any], info: ResolveInfo
    ) -> Any:
        try:
            completed = self._complete(field.type, field, path, await result, info)
            if self.is_awaitable(completed):
                completed = await completed
        except Exception as raw_error:
            return self._field_error(raw_error, field, field.type, path)
        return completed

    def _field_error(self, raw_error: Exception, field: _FieldPlan, type_plan: _TypePlan, path: Path) -> Any:
        """HandleFieldError: located; raised on to the parent for a non-null type, else
        collected and the value is null."""
        error = located_error(raw_error, field.nodes, path.as_list())
        if type_plan.non_null and self.error_propagation:
            raise error
        self.collected_errors.add(error, path)
        return None

    # --- completion -------------------------------------------------------------------------

    def _complete(
        self, type_plan: _TypePlan, field: _FieldPlan, path: Path, value: Any, info: ResolveInfo | None
    ) -> Any:
        """CompleteValue: the value of ``type_plan``'s type, or an awaitable of it. ``info`` is
        the field's resolve info, None until something needs it (made then, from the path)."""
        if isinstance(value, Exception):
            raise value
        if value is None or value is Undefined:
            if type_plan.non_null:
                parent = _parent_path(path)
                raise TypeError(f"Cannot return null for non-nullable field {parent.typename}.{field.name}.")
            return None
        kind = type_plan.kind
        if kind == _LEAF:
            if type(value) is type_plan.unchanged:
                return value
            return self._leaf(type_plan, value)
        if kind == _OBJECT:
            return self._complete_object(type_plan.graphql_type, field, path, value, info)
        if kind == _LIST:
            return self._complete_list(type_plan, field, path, value, info)
        return self._complete_abstract(type_plan, field, path, value, info)

    def _leaf(self, type_plan: _TypePlan, value: Any) -> Any:
        leaf: GraphQLLeafType = type_plan.graphql_type
        is_enum = isinstance(value, Enum)
        if is_enum:
            known = type_plan.enum_outputs.get(id(value))
            if known is not None:
                return known
        elif (type(value) is int and leaf is GraphQLInt and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT) or (
            type(value) is float and leaf is GraphQLFloat and isfinite(value)
        ):
            return value
        coerced = leaf.coerce_output_value(value)
        if coerced is Undefined or coerced is None:
            raise TypeError(
                f"Expected `{inspect(leaf)}.coerce_output_value({inspect(value)})` to return"
                f" non-nullable value, returned: {inspect(coerced)}"
            )
        if is_enum:
            type_plan.enum_outputs[id(value)] = coerced
        return coerced

    def _complete_list(
        self, type_plan: _TypePlan, field: _FieldPlan, path: Path, values: Any, info: ResolveInfo | None
    ) -> Any:
        if type(values) is not list and not is_iterable(values):
            raise GraphQLError(
                "Expected Iterable, but did not find one for field"
                f" '{_parent_path(path).typename}.{field.name}'."
            )
        item = type_plan.item
        assert item is not None
        completed: list[Any] = []
        if item.kind == _LEAF and item.unchanged is not None:
            unchanged = item.unchanged
            for index, value in enumerate(values):
                if type(value) is unchanged:
                    completed.append(value)
                else:
                    completed.append(self._list_item(item, field, Path(path, index, None), value, info))
            return completed
        if info is None and item.needs_info:
            info = self._made_info(field, path)  # one for all items, as graphql-core's
        pending: list[int] | None = None
        try:
            for index, value in enumerate(values):
                done = self._list_item(item, field, Path(path, index, None), value, info)
                completed.append(done)
                if type(done) not in _NEVER_AWAITABLE and self.is_awaitable(done):
                    if pending is None:
                        pending = [index]
                    else:
                        pending.append(index)
        except GraphQLError:
            # A non-null item failed: the list is null, its pending items moot.
            if pending:
                _abandon(completed[index] for index in pending)
            raise
        if pending is None:
            return completed
        return self._await_items(completed, pending)

    def _list_item(
        self, item: _TypePlan, field: _FieldPlan, path: Path, value: Any, info: ResolveInfo | None
    ) -> Any:
        try:
            if self.is_awaitable(value):
                return self._complete_awaited_item(item, field, path, value, info)
            done = self._complete(item, field, path, value, info)
            if type(done) not in _NEVER_AWAITABLE and self.is_awaitable(done):
                return self._awaited_item(item, field, path, done)
            return done
        except Exception as raw_error:
            return self._field_error(raw_error, field, item, path)

    async def _awaited_item(
        self, item: _TypePlan, field: _FieldPlan, path: Path, done: Awaitable[Any]
    ) -> Any:
        try:
            return await done
        except Exception as raw_error:
            return self._field_error(raw_error, field, item, path)

    async def _complete_awaited_item(
        self, item: _TypePlan, field: _FieldPlan, path: Path, value: Awaitable[Any], info: ResolveInfo | None
    ) -> Any:
        try:
            done = self._complete(item, field, path, await value, info)
            if self.is_awaitable(done):
                done = await done
        except Exception as raw_error:
            return self._field_error(raw_error, field, item, path)
        return done

    async def _await_items(self, completed: list[Any], pending: list[int]) -> list[Any]:
        if len(pending) == 1:
            index = pending[0]
            completed[index] = await completed[index]
        else:
            done = await gather_with_cancel(*(completed[index] for index in pending))
            for index, value in zip(pending, done, strict=True):
                completed[index] = value
        return completed

    def _made_info(self, field: _FieldPlan, path: Path) -> ResolveInfo:
        """The resolve info of a basic field's execution at ``path`` (for is_type_of and
        resolve_type, which take one)."""
        return self._info(field, field.parent_type, _parent_path(path))

    def _complete_object(
        self,
        object_type: GraphQLObjectType,
        field: _FieldPlan,
        path: Path,
        value: Any,
        info: ResolveInfo | None,
    ) -> Any:
        is_type_of = object_type.is_type_of
        if is_type_of is not None:
            matches = is_type_of(value, info if info is not None else self._made_info(field, path))
            if self.is_awaitable(matches):
                return self._complete_object_awaiting(object_type, field, path, value, matches)
            if not matches:
                raise _not_of_type(object_type, value, field)
        return self._execute_object(self._sub_plan(field, object_type), value, path)

    async def _complete_object_awaiting(
        self, object_type: GraphQLObjectType, field: _FieldPlan, path: Path, value: Any, matches: Any
    ) -> Any:
        if not await matches:
            raise _not_of_type(object_type, value, field)
        done = self._execute_object(self._sub_plan(field, object_type), value, path)
        if self.is_awaitable(done):
            return await done
        return done

    def _complete_abstract(
        self,
        type_plan: _TypePlan,
        field: _FieldPlan,
        path: Path,
        value: Any,
        info: ResolveInfo | None,
    ) -> Any:
        abstract_type: GraphQLAbstractType = type_plan.graphql_type
        info = info if info is not None else self._made_info(field, path)
        resolve_type = abstract_type.resolve_type or self.type_resolver
        runtime = resolve_type(value, info, abstract_type)
        if type(runtime) is str:
            # A name checked before (EnsureValidRuntimeType depends only on it and the schema).
            known = type_plan.runtime_types.get(runtime)
            if known is None:
                known = type_plan.runtime_types[runtime] = self._runtime_type(
                    runtime, abstract_type, field, info, value
                )
            return self._complete_object(known, field, path, value, info)
        if self.is_awaitable(runtime):

            async def complete_awaited() -> Any:
                object_type = self._runtime_type(await runtime, abstract_type, field, info, value)
                done = self._complete_object(object_type, field, path, value, info)
                if self.is_awaitable(done):
                    return await done
                return done

            return complete_awaited()
        object_type = self._runtime_type(runtime, abstract_type, field, info, value)
        return self._complete_object(object_type, field, path, value, info)

    def _runtime_type(
        self,
        name: Any,
        abstract_type: GraphQLAbstractType,
        field: _FieldPlan,
        info: ResolveInfo,
        value: Any,
    ) -> GraphQLObjectType:
        """EnsureValidRuntimeType, with graphql-core's messages."""
        nodes = field.nodes
        where = f"field '{info.parent_type}.{info.field_name}'"
        if name is None:
            raise GraphQLError(
                f"Abstract type '{abstract_type}' must resolve to an Object type at runtime for {where}."
                f" Either the '{abstract_type}' type should provide a 'resolve_type' function"
                " or each possible type should provide an 'is_type_of' function.",
                nodes,
            )
        if not isinstance(name, str):
            raise GraphQLError(
                f"Abstract type '{abstract_type}' must resolve to an Object type at runtime for {where}"
                f" with value {inspect(value)}, received '{inspect(name)}',"
                " which is not a valid Object type name.",
                nodes,
            )
        runtime_type = self.schema.get_type(name)
        if runtime_type is None:
            raise GraphQLError(
                f"Abstract type '{abstract_type}' was resolved to a type '{name}'"
                " that does not exist inside the schema.",
                nodes,
            )
        if not isinstance(runtime_type, GraphQLObjectType):
            raise GraphQLError(
                f"Abstract type '{abstract_type}' was resolved to a non-object type '{name}'.", nodes
            )
        if not self.schema.is_sub_type(abstract_type, runtime_type):
            raise GraphQLError(
                f"Runtime Object type '{runtime_type}' is not a possible type for '{abstract_type}'.", nodes
            )
        return runtime_type


def _parent_path(path: Path) -> Path:
    """The path entry of the field a value belongs to (a list item's path has the index)."""
    found: Path | None = path
    while found is not None and not isinstance(found.key, str):
        found = found.prev
    assert found is not None  # a list item's path always has its field's before it
    return found


def _not_of_type(object_type: GraphQLObjectType, value: Any, field: _FieldPlan) -> GraphQLError:
    return GraphQLError(f"Expected value of type '{object_type}' but got: {inspect(value)}.", field.nodes)


def _only(arguments: dict[str, Any], given: frozenset[str] | None) -> dict[str, Any]:
    """The coerced ``arguments`` the query gives (all of them when ``given`` is None)."""
    if given is None or len(given) == len(arguments):
        return arguments
    return {name: value for name, value in arguments.items() if name in given}


def _abandon(values: Iterable[Any]) -> None:
    """Close coroutines that will not be awaited (a sibling's error nulled their object or
    list), with the coroutines they were given and never started on (a resolver's, which
    closing its unstarted completion alone leaves "never awaited")."""
    for value in values:
        if asyncio.iscoroutine(value):
            _close(value)


def _close(coroutine: Any) -> None:
    if getcoroutinestate(coroutine) == CORO_CREATED:
        # An unstarted coroutine's frame holds just its arguments.
        for argument in list(coroutine.cr_frame.f_locals.values()):
            if asyncio.iscoroutine(argument) and argument is not coroutine:
                _close(argument)
    close: Callable[[], None] | None = getattr(coroutine, "close", None)
    if close is not None:
        close()


