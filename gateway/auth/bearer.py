"""Finds the bearer token a client sent, in an HTTP header or a websocket connection_init payload."""
from collections.abc import Mapping

AUTHORIZATION_KEYS = ("authorization", "Authorization")


def bearer_from(value: object) -> str | None:
    """The token of an `Authorization: Bearer <token>` value, or None when it is absent or another scheme."""
    if not isinstance(value, str):
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def bearer_in_params(params: Mapping[str, object] | None) -> str | None:
    """The token from a graphql-transport-ws `connection_init` payload."""
    if not params:
        return None
    for key in AUTHORIZATION_KEYS:
        if (token := bearer_from(params.get(key))) is not None:
            return token
    return None
