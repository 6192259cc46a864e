"""Shared HTTP plumbing for service clients: pooling, internal auth, metrics and error mapping."""
import asyncio
import logging
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from gateway.errors import GatewayError, bad_user_input, camel_case, not_found, service_unavailable
from gateway.metrics import UPSTREAM_REQUESTS
from services.common.logs import correlation_id_var

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = httpx.Timeout(5.0, connect=2.0)
READINESS_SECONDS = 2.0
READINESS_TIMEOUT = httpx.Timeout(READINESS_SECONDS)
POOL_LIMITS = httpx.Limits(max_connections=200, max_keepalive_connections=50)

Model = TypeVar("Model", bound=BaseModel)


class UpstreamClient:
    """One long-lived connection pool to one service, speaking its `{"error": {...}}` contract."""

    def __init__(
        self,
        name: str,
        base_url: str,
        internal_token: str,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {internal_token}", "Accept": "application/json"},
            timeout=REQUEST_TIMEOUT,
            limits=POOL_LIMITS,
            transport=transport,
        )

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        """Send one request and return its JSON body, or raise the GatewayError the client should see."""
        correlation_id = correlation_id_var.get()
        headers = {"X-Correlation-Id": correlation_id} if correlation_id else None
        try:
            response = await self._http.request(method, path, params=params, json=json, headers=headers)
        except httpx.HTTPError as error:
            UPSTREAM_REQUESTS.labels(self.name, "error").inc()
            log.warning("%s %s %s failed: %r", self.name, method, path, error)
            raise service_unavailable(self.name) from error
        UPSTREAM_REQUESTS.labels(self.name, str(response.status_code)).inc()
        if response.is_success:
            return self._json(response, method, path)
        if response.is_client_error:
            raise self._rejection(response, method, path)
        log.warning("%s %s %s answered %s", self.name, method, path, response.status_code)
        raise service_unavailable(self.name)

    def parse(self, model: type[Model], body: Any) -> Model:
        """Validate a response body; a service breaking its contract is reported as unavailable."""
        try:
            return model.model_validate(body)
        except ValidationError as error:
            log.error("%s answered a body that breaks its contract (%s): %s", self.name, model.__name__, error)
            raise service_unavailable(self.name) from error

    async def is_ready(self) -> bool:
        """True when the service's `/readyz` answers 200 within READINESS_SECONDS, all phases included."""
        try:
            async with asyncio.timeout(READINESS_SECONDS):
                response = await self._http.get("/readyz", timeout=READINESS_TIMEOUT)
        except (httpx.HTTPError, TimeoutError) as error:
            UPSTREAM_REQUESTS.labels(self.name, "error").inc()
            log.info("%s readiness check failed: %r", self.name, error)
            return False
        UPSTREAM_REQUESTS.labels(self.name, str(response.status_code)).inc()
        return response.status_code == 200

    async def aclose(self) -> None:
        await self._http.aclose()

    def _json(self, response: httpx.Response, method: str, path: str) -> Any:
        try:
            return response.json()
        except ValueError as error:
            log.error("%s %s %s answered %s without a JSON body", self.name, method, path, response.status_code)
            raise service_unavailable(self.name) from error

    def _rejection(self, response: httpx.Response, method: str, path: str) -> GatewayError:
        """Translate a 4xx error body into the matching client-facing error."""
        error = _error_body(response)
        code = error.get("code")
        message = error.get("message")
        if isinstance(message, str) and message:
            if code == "VALIDATION":
                field = error.get("field")
                return bad_user_input(message, camel_case(field) if isinstance(field, str) and field else None)
            if code == "NOT_FOUND":
                return not_found(message)
        log.error("%s %s %s rejected the gateway's request: %s %s", self.name, method, path, response.status_code, code)
        return service_unavailable(self.name)


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}

