"""Liveness, readiness and metrics endpoints for the orchestrator and Prometheus."""
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.live.kafka_feed import KafkaNotificationFeed
from gateway.upstreams import Upstreams


async def healthz(request: Request) -> Response:
    """The process answers; says nothing about its dependencies."""
    return JSONResponse({"status": "alive"})


def readiness_endpoint(
    upstreams: Upstreams, live_feed: KafkaNotificationFeed | None
) -> Callable[[Request], Awaitable[Response]]:
    """Ready only when every service is; the live feed is reported but queries work without it."""

    async def readyz(request: Request) -> Response:
        ready = await upstreams.readiness()
        failed = sorted(name for name, ok in ready.items() if not ok)
        body = {
            "status": "unavailable" if failed else "ready",
            "failed": failed,
            "upstreams": {name: "ready" if ok else "unavailable" for name, ok in ready.items()},
            "live_notifications": live_feed.state.value if live_feed else "disabled",
        }
        return JSONResponse(body, status_code=503 if failed else 200)

    return readyz


async def metrics(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
