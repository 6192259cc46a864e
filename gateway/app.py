"""Composition root: builds the Starlette application and owns the lifetime of shared resources."""
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from starlette.applications import Starlette
from starlette.routing import Route, WebSocketRoute

from gateway.auth.tokens import TokenVerifier
from gateway.health import healthz, metrics, readiness_endpoint
from gateway.live.hub import LiveHub
from gateway.live.kafka_feed import KafkaNotificationFeed
from gateway.schema import schema
from gateway.settings import GatewaySettings
from gateway.upstreams import Upstreams
from gateway.view import GatewayView


def create_app(
    settings: GatewaySettings,
    *,
    upstream_transport: httpx.AsyncBaseTransport | None = None,
    consume_kafka: bool = True,
) -> Starlette:
    """The gateway app; tests swap the upstream transport and leave Kafka out."""
    upstreams = Upstreams.from_settings(settings, upstream_transport)
    live_hub = LiveHub()
    live_feed = KafkaNotificationFeed(settings.kafka_bootstrap_servers, live_hub) if consume_kafka else None
    verifier = TokenVerifier(settings.jwt_secret.get_secret_value(), settings.jwt_issuer, settings.jwt_audience)
    graphql = GatewayView(
        schema, upstreams=upstreams, live_hub=live_hub, verifier=verifier, dev_mode=settings.is_dev
    )

    serving = False

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        nonlocal serving
        if live_feed is not None:
            live_feed.start()
        serving = True
        try:
            yield
        finally:
            serving = False
            if live_feed is not None:
                await live_feed.stop()
            await upstreams.aclose()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readiness_endpoint(upstreams, live_feed, lambda: serving), methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.upstreams = upstreams
    app.state.live_hub = live_hub
    return app
