"""Schema extension that counts and times GraphQL operations for Prometheus."""
import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from gateway.metrics import GRAPHQL_OPERATION_SECONDS, GRAPHQL_OPERATIONS


class OperationMetrics(SchemaExtension):
    """Records outcome per operation type; subscriptions are counted but not timed, as they live for hours."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        execution = self.execution_context
        operation_type = self._operation_type()
        outcome = "error" if execution.pre_execution_errors or _result_errors(execution.result) else "success"
        GRAPHQL_OPERATIONS.labels(operation_type, outcome).inc()
        if operation_type != OperationType.SUBSCRIPTION.value:
            GRAPHQL_OPERATION_SECONDS.labels(operation_type).observe(time.perf_counter() - started)

    def _operation_type(self) -> str:
        try:
            return self.execution_context.operation_type.value
        except RuntimeError:
            return "unknown"


def _result_errors(result: object) -> bool:
    return bool(getattr(result, "errors", None))
