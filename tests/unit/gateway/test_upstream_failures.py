"""A failing service yields SERVICE_UNAVAILABLE, and nothing about the failure leaks to the client."""
import json

import httpx
import pytest
import respx

from tests.unit.gateway.conftest import NOTIFICATION_URL, GraphQL, error_codes

SECRET_DETAIL = "10.0.3.7:5432 password authentication failed for user svc"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError(SECRET_DETAIL),
        httpx.ReadTimeout(SECRET_DETAIL),
        httpx.Response(500, text=SECRET_DETAIL),
        httpx.Response(503, json={"error": {"code": "INTERNAL", "message": SECRET_DETAIL}}),
        httpx.Response(401, json={"error": {"code": "UNAUTHENTICATED", "message": SECRET_DETAIL}}),
        httpx.Response(200, json={"unexpected": SECRET_DETAIL}),
        httpx.Response(200, text=SECRET_DETAIL),
    ],
    ids=["connect-error", "timeout", "500", "503", "internal-token-refused", "broken-contract", "not-json"],
)
async def test_service_failure_is_unavailable_without_detail(
    graphql: GraphQL, upstream: respx.MockRouter, failure: Exception | httpx.Response
) -> None:
    route = upstream.get(f"{NOTIFICATION_URL}/notifications")
    if isinstance(failure, Exception):
        route.mock(side_effect=failure)
    else:
        route.mock(return_value=failure)

    answer = await graphql("{ notifications { id } }")

    assert answer["data"] is None
    assert error_codes(answer) == ["SERVICE_UNAVAILABLE"]
    assert "notification" in answer["errors"][0]["message"]
    assert SECRET_DETAIL not in json.dumps(answer)
    assert "10.0.3.7" not in json.dumps(answer)
