"""A graphql-transport-ws client for tests that talk to a real gateway process over a socket."""
from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

PROTOCOL = Subprotocol("graphql-transport-ws")
SUBSCRIPTION_ID = "1"


class SubscriptionError(RuntimeError):
    """The gateway refused, failed or dropped a subscription; `code` is the websocket close code if it closed."""

    def __init__(self, message: str, *, code: int | None = None, payload: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.payload = payload


def _websocket_url(url: str) -> str:
    """Accept the gateway's http(s) URL as well as a ws(s) one."""
    if url.startswith("http://"):
        return "ws://" + url.removeprefix("http://")
    if url.startswith("https://"):
        return "wss://" + url.removeprefix("https://")
    return url


async def subscribe(
    url: str,
    token: str,
    query: str,
    *,
    variables: dict[str, Any] | None = None,
    ack_timeout: float = 10.0,
) -> AsyncIterator[dict[str, Any]]:
    """Yield the `payload` of every `next` message of one subscription, until the server completes it.

    Authenticates with `{"authorization": "Bearer <token>"}` in `connection_init`. A `next` payload can
    still carry `errors` (an expired token ends the stream that way). Raises SubscriptionError on an
    `error` message, on a refused `connection_init` (close 4403), or when the socket closes mid-stream.
    Wrap the call in `contextlib.aclosing` when stopping early, so the socket closes at once.
    """
    try:
        async with connect(
            _websocket_url(url), subprotocols=[PROTOCOL], open_timeout=ack_timeout, proxy=None
        ) as ws:
            await _send(ws, {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
            ack = await asyncio.wait_for(_receive(ws), ack_timeout)
            if ack.get("type") != "connection_ack":
                raise SubscriptionError(f"expected connection_ack, got {ack!r}", payload=ack)
            subscribe_payload: dict[str, Any] = {"query": query, "variables": variables or {}}
            await _send(ws, {"id": SUBSCRIPTION_ID, "type": "subscribe", "payload": subscribe_payload})
            completed = False
            try:
                while True:
                    message = await _receive(ws)
                    kind = message.get("type")
                    if kind == "next":
                        yield message.get("payload") or {}
                    elif kind == "complete":
                        completed = True
                        return
                    elif kind == "error":
                        completed = True
                        raise SubscriptionError(
                            f"subscription failed: {message.get('payload')!r}", payload=message.get("payload")
                        )
                    else:
                        raise SubscriptionError(f"unexpected graphql-transport-ws message {message!r}")
            finally:
                if not completed:
                    await _complete_quietly(ws)
    except ConnectionClosed as closed:
        code = closed.rcvd.code if closed.rcvd is not None else None
        reason = closed.rcvd.reason if closed.rcvd is not None else ""
        raise SubscriptionError(
            f"gateway closed the websocket (code {code}, reason {reason!r})", code=code
        ) from closed


async def _send(ws: ClientConnection, message: dict[str, Any]) -> None:
    await ws.send(json.dumps(message))


async def _receive(ws: ClientConnection) -> dict[str, Any]:
    """The next protocol message, answering keep-alive pings on the way."""
    while True:
        raw = await ws.recv()
        try:
            message = json.loads(raw)
        except ValueError as error:
            raise SubscriptionError(f"gateway sent a frame that is not JSON: {raw!r}") from error
        if not isinstance(message, dict):
            raise SubscriptionError(f"gateway sent a frame that is not an object: {raw!r}")
        if message.get("type") == "ping":
            await _send(ws, {"type": "pong"})
            continue
        if message.get("type") == "pong":
            continue
        return message


async def _complete_quietly(ws: ClientConnection) -> None:
    """Tell the server the client is done with the subscription, if the socket is still there."""
    try:
        await _send(ws, {"id": SUBSCRIPTION_ID, "type": "complete"})
    except ConnectionClosed:
        pass
