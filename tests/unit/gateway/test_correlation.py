"""Correlation ids: a safe client id follows the request upstream, anything else is replaced."""
from uuid import UUID

import httpx
import pytest
import respx

from tests.unit.gateway.conftest import NOTIFICATION_URL

QUERY = {"query": "{ notifications { id } }"}


async def _ask(client: httpx.AsyncClient, token: str, correlation_id: str | bytes | None) -> tuple[dict, str]:
    """Run one query that calls the notification service; return the answer and the id it was sent."""
    with respx.mock(assert_all_mocked=True) as upstream:
        route = upstream.get(f"{NOTIFICATION_URL}/notifications").respond(200, json={"notifications": []})
        headers: dict[str, str | bytes] = {"Authorization": f"Bearer {token}"}
        if correlation_id is not None:
            headers["X-Correlation-Id"] = correlation_id
        response = await client.post("/graphql", json=QUERY, headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), route.calls.last.request.headers["x-correlation-id"]


@pytest.mark.parametrize("client_id", ["req-42", "0f8fad5b-d9cb-469f-a165-70867728950e", "web:app.v2_1", "a" * 64])
async def test_safe_client_id_is_forwarded_unchanged(client: httpx.AsyncClient, token: str, client_id: str) -> None:
    answer, sent = await _ask(client, token, client_id)

    assert answer == {"data": {"notifications": []}}
    assert sent == client_id


@pytest.mark.parametrize(
    "client_id",
    ["é".encode(), "a" * 65, "a" * 200, "two words", "x\tid", b"\xff\xfe", "id/../etc"],
    ids=["non-ascii", "65-chars", "200-chars", "space", "tab", "invalid-utf8", "slash"],
)
async def test_unsafe_client_id_is_replaced_by_a_new_uuid(
    client: httpx.AsyncClient, token: str, client_id: str | bytes
) -> None:
    answer, sent = await _ask(client, token, client_id)

    assert answer == {"data": {"notifications": []}}
    assert UUID(sent).version == 4
    assert sent != (client_id.decode("latin-1") if isinstance(client_id, bytes) else client_id)


async def test_missing_client_id_gets_a_new_uuid_per_request(client: httpx.AsyncClient, token: str) -> None:
    _, first = await _ask(client, token, None)
    _, second = await _ask(client, token, None)

    assert UUID(first).version == 4 and UUID(second).version == 4
    assert first != second
