"""Internal HTTP shell: JSON errors with codes, bearer auth between gateway and services, metrics."""
from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import orjson
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from services.common.logs import clean_correlation_id, correlation_id_var
from services.common.metrics import HTTP_REQUEST_SECONDS, HTTP_REQUESTS

PUBLIC_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class ApiError(Exception):
    """An expected failure the caller can act on: becomes `{"error": {code, message, field}}`."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def not_found(message: str) -> ApiError:
    return ApiError(404, "NOT_FOUND", message)


def invalid(message: str, field: str | None = None) -> ApiError:
    return ApiError(422, "VALIDATION", message, field)


class OrjsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def json(content: Any, status: int = 200) -> Response:
    return OrjsonResponse(content, status_code=status)


def error_response(exc: ApiError) -> Response:
    return json({"error": {"code": exc.code, "message": exc.message, "field": exc.field}}, exc.status)


def parse_uuid(value: str | None, field: str) -> UUID:
    try:
        return UUID(value or "")
    except ValueError:
        raise invalid(f"{field} is not a UUID: {value!r}", field) from None


def parse_ids(raw: str | None, field: str = "ids", limit: int = 100) -> list[UUID]:
    """Comma-separated ids of a batch lookup (DataLoader calls), bounded to keep queries cheap."""
    ids = [parse_uuid(part, field) for part in (raw or "").split(",") if part]
    if len(ids) > limit:
        raise invalid(f"at most {limit} ids per request", field)
    return ids


def parse_limit(raw: str | None, default: int, maximum: int) -> int:
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise invalid(f"limit must be an integer from 1 to {maximum}", "limit")
    return int(raw)


async def read_json(request: Request) -> dict[str, Any]:
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError as exc:
        raise invalid(f"request body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise invalid("request body must be a JSON object")
    return body


def handle_errors(endpoint: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
    """Turn ApiError into its JSON body so endpoints can simply raise."""

    async def wrapped(request: Request) -> Response:
        try:
            result = await endpoint(request)
        except ApiError as exc:
            return error_response(exc)
        return result if isinstance(result, Response) else json(result)

    return wrapped


class InternalAuth:
    """Only holders of the internal token (the gateway) may call the service; probes stay open."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in PUBLIC_PATHS:
            supplied = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(supplied, self.expected):
                response = error_response(ApiError(401, "UNAUTHENTICATED", "missing or wrong internal token"))
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class RequestMetrics:
    """Counts and times requests by route template, not raw path, to keep label sets small."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}
        correlation_id_var.set(clean_correlation_id(dict(scope["headers"]).get(b"x-correlation-id")))

        async def send_with_status(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            HTTP_REQUESTS.labels(self.service, path, str(status["code"])).inc()
            HTTP_REQUEST_SECONDS.labels(self.service, path).observe(time.perf_counter() - started)


def probe_routes(readiness: Callable[[], Awaitable[dict[str, str]]]) -> list[Route]:
    """`/healthz` says the process runs; `/readyz` says it can do work (DB and broker reachable)."""

    async def healthz(_: Request) -> Response:
        return json({"status": "ok"})

    async def readyz(_: Request) -> Response:
        problems = await readiness()
        return json({"status": "ready" if not problems else "not ready", "problems": problems},
                    200 if not problems else 503)

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return [Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics)]
