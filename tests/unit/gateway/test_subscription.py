"""notificationAdded over graphql-transport-ws: authenticated at connection_init, scoped to the viewer."""
import time
from collections.abc import Iterator
from uuid import uuid4

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from gateway.app import create_app
from gateway.auth.tokens import mint_token
from gateway.live.hub import LiveHub
from tests.unit.gateway.conftest import JWT_SECRET, make_settings
from tests.unit.gateway.events import notification_event

SUBSCRIBE = {
    "id": "1",
    "type": "subscribe",
    "payload": {"query": "subscription { notificationAdded { id title readAt } }"},
}


@pytest.fixture
def gateway() -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(), consume_kafka=False)) as client:
        yield client


def _wait_for_subscriber(client: TestClient, hub: LiveHub) -> None:
    deadline = time.monotonic() + 5
    while not client.portal.call(hub.has_subscribers):
        assert time.monotonic() < deadline, "subscription never reached the hub"
        time.sleep(0.01)


def test_subscriber_receives_only_their_own_notifications(gateway: TestClient) -> None:
    viewer, stranger = uuid4(), uuid4()
    hub: LiveHub = gateway.app.state.live_hub
    theirs, mine = notification_event(stranger), notification_event(viewer, title="For you")

    with gateway.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        token = mint_token(JWT_SECRET, viewer)
        ws.send_json({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json(SUBSCRIBE)
        _wait_for_subscriber(gateway, hub)

        assert gateway.portal.call(hub.publish, theirs) == 0
        assert gateway.portal.call(hub.publish, mine) == 1
        message = ws.receive_json()

    assert message["type"] == "next"
    assert message["payload"]["data"]["notificationAdded"] == {
        "id": str(mine.notification_id), "title": "For you", "readAt": None,
    }


@pytest.mark.parametrize("payload", [{}, {"authorization": "Bearer not-a-token"}], ids=["no-token", "bad-token"])
def test_connection_without_valid_token_is_refused(gateway: TestClient, payload: dict[str, str]) -> None:
    with gateway.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": payload})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()

    assert closed.value.code == 4403


def test_token_in_handshake_header_is_accepted(gateway: TestClient) -> None:
    headers = {"Authorization": f"Bearer {mint_token(JWT_SECRET, uuid4())}"}
    with gateway.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"], headers=headers) as ws:
        ws.send_json({"type": "connection_init"})

        assert ws.receive_json()["type"] == "connection_ack"


def test_subscription_ends_when_the_token_expires(gateway: TestClient) -> None:
    """Expired 25 s ago: still inside the 30 s clock-skew allowance at connect, but past its lifetime."""
    short_lived = mint_token(JWT_SECRET, uuid4(), ttl_seconds=-25)

    with gateway.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": {"authorization": f"Bearer {short_lived}"}})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json(SUBSCRIBE)
        message = ws.receive_json()

    assert message["type"] == "next"
    assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

