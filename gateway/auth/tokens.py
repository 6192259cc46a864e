"""Mint and verify the HS256 JWTs that identify a viewer to the gateway."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import jwt

DEFAULT_ISSUER = "mentornet"
DEFAULT_AUDIENCE = "mentornet-api"
ALGORITHM = "HS256"
CLOCK_SKEW = timedelta(seconds=30)


class InvalidTokenError(Exception):
    """The token is missing, malformed, expired or not meant for this API."""


@dataclass(frozen=True)
class Viewer:
    """The authenticated person a request acts for."""

    profile_id: UUID
    org_id: UUID | None
    roles: tuple[str, ...]
    expires_at: datetime


def mint_token(
    secret: str,
    subject: UUID | str,
    org: UUID | str | None = None,
    roles: Iterable[str] = (),
    ttl_seconds: int = 3600,
    issuer: str = DEFAULT_ISSUER,
    audience: str = DEFAULT_AUDIENCE,
) -> str:
    """Sign a token for `subject`; a negative ttl yields an already expired token."""
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": str(UUID(str(subject))),
        "roles": list(roles),
        "iat": now,
        "exp": now + timedelta(seconds=ttl_seconds),
        "iss": issuer,
        "aud": audience,
    }
    if org is not None:
        claims["org"] = str(UUID(str(org)))
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


class TokenVerifier:
    """Turns a bearer token into a Viewer, accepting only our issuer, audience and algorithm."""

    def __init__(self, secret: str, issuer: str = DEFAULT_ISSUER, audience: str = DEFAULT_AUDIENCE) -> None:
        self._secret = secret
        self._issuer = issuer
        self._audience = audience

    def verify(self, token: str) -> Viewer:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                issuer=self._issuer,
                audience=self._audience,
                leeway=CLOCK_SKEW,
                options={"require": ["sub", "exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise InvalidTokenError(str(error)) from error
        return _viewer_from(claims)


def _viewer_from(claims: dict[str, Any]) -> Viewer:
    roles = claims.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
        raise InvalidTokenError("roles must be a list of strings")
    try:
        profile_id = UUID(str(claims["sub"]))
        org = claims.get("org")
        org_id = UUID(str(org)) if org is not None else None
    except ValueError as error:
        raise InvalidTokenError("sub and org must be UUIDs") from error
    expires_at = datetime.fromtimestamp(int(claims["exp"]), UTC)
    return Viewer(profile_id=profile_id, org_id=org_id, roles=tuple(roles), expires_at=expires_at)
