"""Strawberry's ASGI view wired to the gateway: per-request context and authenticated websockets."""
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from gateway.auth.tokens import TokenVerifier
from gateway.context import GatewayContext
from gateway.errors import GatewayError
from gateway.live.hub import LiveHub
from gateway.upstreams import Upstreams
from services.common.envelope import new_event_id
from services.common.logs import clean_correlation_id, correlation_id_var

MAX_SUBSCRIPTIONS_PER_CONNECTION = 20
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)


class GatewayView(GraphQL[GatewayContext, None]):
    """Serves `/graphql` over HTTP and graphql-transport-ws; GraphiQL and anonymous introspection only in dev."""

    def __init__(
        self,
        schema: BaseSchema,
        *,
        upstreams: Upstreams,
        live_hub: LiveHub,
        verifier: TokenVerifier,
        dev_mode: bool,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if dev_mode else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION,
            connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
        )
        self._upstreams = upstreams
        self._live_hub = live_hub
        self._verifier = verifier
        self._dev_mode = dev_mode

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> GatewayContext:
        # One id per client request follows every service call and event it causes, and its log lines.
        # The client's own id is kept only when it is safe to put in a header; otherwise a fresh one.
        client_id = clean_correlation_id(request.headers.get("x-correlation-id"))
        correlation_id_var.set(client_id or new_event_id())
        return GatewayContext(
            request=request,
            upstreams=self._upstreams,
            live_hub=self._live_hub,
            verifier=self._verifier,
            anonymous_introspection=self._dev_mode,
        )

    async def on_ws_connect(self, context: GatewayContext) -> UnsetType | dict[str, object] | None:
        """Refuse the socket (close 4403) unless connection_init or the handshake carries a valid token."""
        try:
            context.authenticate()
        except GatewayError:
            raise ConnectionRejectionError from None
        return UNSET
