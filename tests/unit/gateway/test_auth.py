"""Identity: no token, a bad token, or a token for someone else's API never reaches a service."""
import os
import subprocess
import sys
from pathlib import Path
from uuid import uuid4

import httpx
import jwt
import pytest
import respx

from gateway.app import create_app
from gateway.auth.tokens import InvalidTokenError, TokenVerifier, mint_token
from tests.unit.gateway.conftest import JWT_SECRET, PROFILE_URL, GraphQL, error_codes, make_settings

REPO_ROOT = Path(__file__).resolve().parents[3]


async def test_request_without_token_is_unauthenticated_and_calls_no_service(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    profiles = upstream.get(f"{PROFILE_URL}/profiles").respond(200, json={"profiles": []})

    answer = await graphql("{ me { id email } }", token=None)

    assert answer["data"] is None
    assert error_codes(answer) == ["UNAUTHENTICATED"]
    assert not profiles.called
    assert len(upstream.calls) == 0


@pytest.mark.parametrize(
    "bad_token",
    [
        mint_token(JWT_SECRET, uuid4(), ttl_seconds=-3600),
        mint_token(JWT_SECRET, uuid4(), audience="another-api"),
        mint_token(JWT_SECRET, uuid4(), issuer="someone-else"),
        mint_token("a-different-secret-of-sufficient-length-000", uuid4()),
        jwt.encode({"sub": "not-a-uuid", "exp": 4102444800, "iss": "mentornet", "aud": "mentornet-api"}, JWT_SECRET),
        "not.a.jwt",
    ],
    ids=["expired", "wrong-audience", "wrong-issuer", "wrong-secret", "subject-not-uuid", "garbage"],
)
async def test_invalid_tokens_are_rejected(graphql: GraphQL, upstream: respx.MockRouter, bad_token: str) -> None:
    answer = await graphql("{ notifications { id } }", token=bad_token)

    assert answer["data"] is None
    assert error_codes(answer) == ["UNAUTHENTICATED"]
    assert len(upstream.calls) == 0


def test_unsigned_token_is_rejected() -> None:
    unsigned = jwt.encode(
        {"sub": str(uuid4()), "exp": 4102444800, "iss": "mentornet", "aud": "mentornet-api"}, None, algorithm="none"
    )
    with pytest.raises(InvalidTokenError):
        TokenVerifier(JWT_SECRET).verify(unsigned)


def test_minted_token_round_trips_claims() -> None:
    subject, org = uuid4(), uuid4()

    viewer = TokenVerifier(JWT_SECRET).verify(mint_token(JWT_SECRET, subject, org=org, roles=["mentor", "admin"]))

    assert (viewer.profile_id, viewer.org_id, viewer.roles) == (subject, org, ("mentor", "admin"))


async def test_anonymous_introspection_is_refused_in_prod(graphql: GraphQL) -> None:
    answer = await graphql("{ __schema { queryType { name } } }", token=None)

    assert error_codes(answer) == ["UNAUTHENTICATED"]


async def test_anonymous_introspection_is_allowed_in_dev_but_data_is_not() -> None:
    app = create_app(make_settings(mentornet_env="dev"), consume_kafka=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gateway.test") as client:
        schema_only = await client.post("/graphql", json={"query": "{ __schema { queryType { name } } }"})
        with_data = await client.post("/graphql", json={"query": "{ __typename me { id } }"})

    assert schema_only.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert error_codes(with_data.json()) == ["UNAUTHENTICATED"]


def _devtoken(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway.auth.devtoken", *args],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO_ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_devtoken_refuses_outside_dev(tmp_path: Path) -> None:
    result = _devtoken([str(uuid4())], {"JWT_SECRET": JWT_SECRET, "MENTORNET_ENV": "prod"}, tmp_path)

    assert result.returncode != 0
    assert result.stdout == ""


def test_devtoken_mints_with_launcher_secret_file(tmp_path: Path) -> None:
    subject, org = uuid4(), uuid4()
    (tmp_path / ".run").mkdir()
    (tmp_path / ".run" / "jwt_secret").write_text(JWT_SECRET + "\n")

    result = _devtoken([str(subject), "--org", str(org), "--roles", "mentor,admin", "--ttl", "60"], {}, tmp_path)

    assert result.returncode == 0, result.stderr
    viewer = TokenVerifier(JWT_SECRET).verify(result.stdout.strip())
    assert (viewer.profile_id, viewer.org_id, viewer.roles) == (subject, org, ("mentor", "admin"))
