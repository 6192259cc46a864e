"""Fixtures for gateway unit tests: the app with faked upstreams, tokens, and a GraphQL caller."""
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
import respx
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.auth.tokens import mint_token
from gateway.settings import GatewaySettings

JWT_SECRET = "unit-test-secret-that-is-long-enough-0123456789"
INTERNAL_TOKEN = "internal-test-token"
PROFILE_URL = "http://profile.test"
MATCHING_URL = "http://matching.test"
SCHEDULING_URL = "http://scheduling.test"
NOTIFICATION_URL = "http://notification.test"

GraphQL = Callable[..., Awaitable[dict[str, Any]]]


def make_settings(**overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        "profile_url": PROFILE_URL,
        "matching_url": MATCHING_URL,
        "scheduling_url": SCHEDULING_URL,
        "notification_url": NOTIFICATION_URL,
        "internal_token": INTERNAL_TOKEN,
        "jwt_secret": JWT_SECRET,
        "kafka_bootstrap_servers": "kafka.test:9092",
        "mentornet_env": "prod",
        **overrides,
    }
    return GatewaySettings(**values)


def profile_json(profile_id: UUID, **overrides: Any) -> dict[str, Any]:
    now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC).isoformat()
    return {
        "id": str(profile_id),
        "version": 1,
        "org_id": None,
        "role": "mentor",
        "display_name": f"Person {str(profile_id)[:8]}",
        "email": f"{str(profile_id)[:8]}@example.org",
        "headline": "Engineer",
        "field": "software engineering",
        "skills": ["python"],
        "goals": [],
        "seniority_years": 7,
        "languages": ["en"],
        "timezone": "Europe/Berlin",
        "capacity": 3,
        "created_at": now,
        "updated_at": now,
        **overrides,
    }


def notification_json(notification_id: UUID, recipient_id: UUID, **overrides: Any) -> dict[str, Any]:
    return {
        "id": str(notification_id),
        "recipient_id": str(recipient_id),
        "kind": "recommendations",
        "title": "New mentor suggestion",
        "body": "Ada could mentor you.",
        "created_at": datetime(2025, 1, 2, tzinfo=UTC).isoformat(),
        "read_at": None,
        **overrides,
    }


@pytest.fixture
def viewer_id() -> UUID:
    return uuid4()


@pytest.fixture
def org_id() -> UUID:
    return uuid4()


@pytest.fixture
def token(viewer_id: UUID, org_id: UUID) -> str:
    return mint_token(JWT_SECRET, viewer_id, org=org_id, roles=["mentee"])


@pytest.fixture
def upstream() -> respx.MockRouter:
    """Fakes every service; any request no test expected fails loudly instead of touching the network."""
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def app() -> Starlette:
    return create_app(make_settings(), consume_kafka=False)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """Talks to the started app; its lifespan closes the upstream clients at the end."""
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gateway.test") as http:
            yield http


@pytest.fixture
def graphql(client: httpx.AsyncClient, token: str) -> GraphQL:
    """POST one operation as the viewer (or with `token=None` anonymously) and return the JSON answer."""

    async def call(query: str, variables: dict[str, Any] | None = None, *, token: str | None = token) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    return call


def error_codes(answer: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in answer.get("errors", [])]
