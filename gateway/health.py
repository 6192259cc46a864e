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
    upstreams: Upstreams, live_feed: KafkaNotificationFeed | None, serving: Callable[[], bool]
) -> Callable[[Request], Awaitable[Response]]:
    """Ready whenever the gateway itself serves (`serving()`: started and not stopping).

    The services and the live feed are only reported in the body: failing the probe on them would
    take every gateway replica out of rotation when one service or Kafka is down, and with them the
    queries that do not need it. Those queries answer, the others get SERVICE_UNAVAILABLE.
    """

    async def readyz(request: Request) -> Response:
        if not serving():
            return JSONResponse({"status": "unavailable", "reason": "not serving"}, status_code=503)
        ready = await upstreams.readiness()
        failed = sorted(name for name, ok in ready.items() if not ok)
        body = {
            "status": "degraded" if failed else "ready",
            "failed": failed,
            "upstreams": {name: "ready" if ok else "unavailable" for name, ok in ready.items()},
            "live_notifications": live_feed.state.value if live_feed else "disabled",
        }
        return JSONResponse(body)

    return readyz


async def metrics(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
