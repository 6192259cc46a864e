"""Schema extension that lets no operation run without a valid viewer, before any resolver is called."""
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension


def _only_meta_fields(selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> bool:
    """True when every root field is `__schema`, `__type` or `__typename`, fragments included."""
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if not selection.name.value.startswith("__"):
                return False
        elif isinstance(selection, InlineFragmentNode):
            if not _only_meta_fields(selection.selection_set, fragments):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is None or not _only_meta_fields(fragment.selection_set, fragments):
                return False
    return True


def is_introspection_only(document: DocumentNode | None, operation_name: str | None) -> bool:
    """Whether the operation asks only about the schema and touches no data."""
    if document is None:
        return False
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return False
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    return _only_meta_fields(operation.selection_set, fragments)


class ViewerRequired(SchemaExtension):
    """Authenticates once per operation; anonymous schema introspection passes only where the context allows it."""

    def on_execute(self) -> Iterator[None]:
        execution = self.execution_context
        context = execution.context
        anonymous_allowed = context.anonymous_introspection and is_introspection_only(
            execution.graphql_document, execution.operation_name
        )
        if not anonymous_allowed:
            context.authenticate()
        yield
