"""What every resolver may use during one HTTP request or one websocket connection."""
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import strawberry
from starlette.requests import Request
from starlette.websockets import WebSocket

from gateway.auth.bearer import bearer_from, bearer_in_params
from gateway.auth.tokens import InvalidTokenError, TokenVerifier, Viewer
from gateway.errors import unauthenticated
from gateway.live.hub import LiveHub
from gateway.profiles.loaders import ProfileLoader, profile_loader
from gateway.upstreams import Upstreams

MISSING_TOKEN = "A bearer token is required: send 'Authorization: Bearer <token>'."
INVALID_TOKEN = "The bearer token is invalid or expired."


@dataclass
class Loaders:
    """DataLoaders scoped to one request, so batching never mixes viewers."""

    profiles: ProfileLoader


@dataclass
class GatewayContext:
    """Request-scoped state; the viewer is resolved lazily because websocket tokens arrive after connect."""

    request: Request | WebSocket
    upstreams: Upstreams
    live_hub: LiveHub
    verifier: TokenVerifier
    anonymous_introspection: bool
    connection_params: dict[str, Any] | None = None
    loaders: Loaders = field(init=False)
    _viewer: Viewer | str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(profiles=profile_loader(self.upstreams.profiles))

    @property
    def viewer(self) -> Viewer:
        return self.authenticate()

    def authenticate(self) -> Viewer:
        """The authenticated viewer, or an UNAUTHENTICATED error when the token is missing or invalid."""
        if self._viewer is None:
            self._viewer = self._identify()
        if isinstance(self._viewer, str):
            raise unauthenticated(self._viewer)
        return self._viewer

    def _identify(self) -> Viewer | str:
        """The viewer, or why there is none; a failure is remembered so the token is checked once."""
        token = bearer_in_params(self.connection_params) or bearer_from(self.request.headers.get("authorization"))
        if token is None:
            return MISSING_TOKEN
        try:
            return self.verifier.verify(token)
        except InvalidTokenError:
            return INVALID_TOKEN


Info: TypeAlias = strawberry.Info[GatewayContext, None]
