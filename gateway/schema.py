"""The public GraphQL schema: every feature's root fields merged, with the gateway's extensions."""
import logging

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from gateway.auth.guard import ViewerRequired
from gateway.errors import is_unexpected
from gateway.hardening import hardening_extensions
from gateway.matching.queries import MatchingQueries
from gateway.notifications.mutations import NotificationMutations
from gateway.notifications.queries import NotificationQueries
from gateway.notifications.subscriptions import NotificationSubscriptions
from gateway.operation_metrics import OperationMetrics
from gateway.profiles.mutations import ProfileMutations
from gateway.profiles.queries import ProfileQueries

log = logging.getLogger(__name__)

Query = merge_types("Query", (ProfileQueries, MatchingQueries, NotificationQueries))
Mutation = merge_types("Mutation", (ProfileMutations, NotificationMutations))
Subscription = merge_types("Subscription", (NotificationSubscriptions,))


class GatewaySchema(strawberry.Schema):
    """Logs only crashes with their traceback; coded and validation errors are the client's business."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if is_unexpected(error):
                log.error("resolver crashed: %s", error.message, exc_info=error.original_error)


schema = GatewaySchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[OperationMetrics, *hardening_extensions(), ViewerRequired],
)
