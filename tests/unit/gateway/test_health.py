"""Probes and metrics: liveness is unconditional, readiness is the gateway's own, metrics are scrapeable."""
import asyncio

import httpx
import pytest
import respx
from starlette.applications import Starlette

from gateway import upstream as upstream_module
from tests.unit.gateway.conftest import MATCHING_URL, NOTIFICATION_URL, PROFILE_URL, SCHEDULING_URL, GraphQL

SERVICES = {"profile": PROFILE_URL, "matching": MATCHING_URL, "scheduling": SCHEDULING_URL,
            "notification": NOTIFICATION_URL}


async def test_healthz_answers_without_any_service(client: httpx.AsyncClient, upstream: respx.MockRouter) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert len(upstream.calls) == 0


async def test_readyz_is_ready_when_every_service_is(client: httpx.AsyncClient, upstream: respx.MockRouter) -> None:
    for url in SERVICES.values():
        upstream.get(f"{url}/readyz").respond(200, json={"status": "ready"})

    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "failed": [],
        "upstreams": dict.fromkeys(SERVICES, "ready"),
        "live_notifications": "disabled",
    }


async def test_readyz_stays_ready_and_reports_services_that_are_not(
    client: httpx.AsyncClient, upstream: respx.MockRouter
) -> None:
    upstream.get(f"{PROFILE_URL}/readyz").respond(200)
    upstream.get(f"{MATCHING_URL}/readyz").respond(503, json={"status": "not ready"})
    upstream.get(f"{SCHEDULING_URL}/readyz").respond(200)
    upstream.get(f"{NOTIFICATION_URL}/readyz").mock(side_effect=httpx.ConnectError("refused"))

    response = await client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["failed"] == ["matching", "notification"]
    assert body["upstreams"] == {
        "profile": "ready", "matching": "unavailable", "scheduling": "ready", "notification": "unavailable"
    }


async def test_readyz_stays_ready_when_no_service_answers(
    client: httpx.AsyncClient, upstream: respx.MockRouter
) -> None:
    for url in SERVICES.values():
        upstream.get(f"{url}/readyz").mock(side_effect=httpx.ConnectError("refused"))

    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["upstreams"] == dict.fromkeys(SERVICES, "unavailable")


async def test_readyz_checks_services_concurrently_within_the_deadline(
    client: httpx.AsyncClient, upstream: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upstream_module, "READINESS_SECONDS", 0.2)

    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        return httpx.Response(200)

    for url in SERVICES.values():
        upstream.get(f"{url}/readyz").mock(side_effect=hang)

    loop = asyncio.get_running_loop()
    started = loop.time()
    response = await client.get("/readyz")
    elapsed = loop.time() - started

    assert response.status_code == 200
    assert response.json()["upstreams"] == dict.fromkeys(SERVICES, "unavailable")
    assert elapsed < 1.0  # four hung services, one shared deadline


async def test_readyz_is_unavailable_until_the_app_has_started(app: Starlette, upstream: respx.MockRouter) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gateway.test") as http:
        before = await http.get("/readyz")
        async with app.router.lifespan_context(app):
            for url in SERVICES.values():
                upstream.get(f"{url}/readyz").respond(200)
            during = await http.get("/readyz")
        after = await http.get("/readyz")

    assert (before.status_code, during.status_code, after.status_code) == (503, 200, 503)


async def test_metrics_expose_operation_and_upstream_counters(
    client: httpx.AsyncClient, graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    upstream.get(f"{NOTIFICATION_URL}/notifications").respond(200, json={"notifications": []})
    await graphql("{ notifications { id } }")

    text = (await client.get("/metrics")).text

    assert 'mentornet_graphql_operations_total{operation_type="query",outcome="success"}' in text
    assert "mentornet_graphql_operation_seconds_bucket" in text
    assert 'mentornet_upstream_requests_total{status="200",upstream="notification"}' in text
    assert "mentornet_live_subscribers" in text
