"""Probes and metrics: liveness is unconditional, readiness follows the services, metrics are scrapeable."""
import httpx
import respx

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
    assert response.json()["failed"] == []


async def test_readyz_names_the_services_that_are_not_ready(
    client: httpx.AsyncClient, upstream: respx.MockRouter
) -> None:
    upstream.get(f"{PROFILE_URL}/readyz").respond(200)
    upstream.get(f"{MATCHING_URL}/readyz").respond(503, json={"status": "not ready"})
    upstream.get(f"{SCHEDULING_URL}/readyz").respond(200)
    upstream.get(f"{NOTIFICATION_URL}/readyz").mock(side_effect=httpx.ConnectError("refused"))

    response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["matching", "notification"]


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
