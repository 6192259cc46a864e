"""Profiles: the owner sees everything, others only the public part, and saving is always to oneself."""
import json
from typing import Any
from uuid import UUID, uuid4

import respx

from tests.unit.gateway.conftest import PROFILE_URL, GraphQL, error_codes, profile_json

SAVE = """
mutation Save($input: ProfileInput!) {
  saveMyProfile(input: $input) { id orgId email displayName timezone languages }
}
"""


def valid_input(**overrides: Any) -> dict[str, Any]:
    return {
        "role": "MENTEE",
        "displayName": "Grace",
        "email": "grace@example.org",
        "field": "software engineering",
        "seniorityYears": 2,
        "languages": ["en", "de"],
        "timezone": "Europe/Berlin",
        "skills": ["python"],
        "goals": ["lead a team"],
        **overrides,
    }


async def test_me_returns_the_viewers_full_profile_including_email(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    route = upstream.get(f"{PROFILE_URL}/profiles").respond(200, json={"profiles": [profile_json(viewer_id)]})

    answer = await graphql("{ me { id email displayName capacity createdAt } }")

    assert answer.get("errors") is None
    assert answer["data"]["me"]["id"] == str(viewer_id)
    assert answer["data"]["me"]["email"] == profile_json(viewer_id)["email"]
    assert route.calls.last.request.url.params["ids"] == str(viewer_id)


async def test_me_is_null_before_the_viewer_saved_a_profile(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    upstream.get(f"{PROFILE_URL}/profiles").respond(200, json={"profiles": []})

    answer = await graphql("{ me { id } }")

    assert answer == {"data": {"me": None}}


async def test_public_profile_of_another_person_has_no_email_or_org(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    other = uuid4()
    stored = profile_json(other, org_id=str(uuid4()))
    upstream.get(f"{PROFILE_URL}/profiles").respond(200, json={"profiles": [stored]})
    everything_public = """query($id: ID!) { profile(id: $id) {
        id role displayName headline field skills goals seniorityYears languages timezone } }"""

    public = await graphql(everything_public, {"id": str(other)})
    asking_for_email = await graphql("query($id: ID!) { profile(id: $id) { id email } }", {"id": str(other)})
    asking_for_org = await graphql("query($id: ID!) { profile(id: $id) { orgId } }", {"id": str(other)})

    assert public["data"]["profile"]["id"] == str(other)
    assert public["data"]["profile"]["displayName"] == stored["display_name"]
    assert stored["email"] not in json.dumps(public)
    assert stored["org_id"] not in json.dumps(public)
    assert asking_for_email["data"] is None
    assert "email" in asking_for_email["errors"][0]["message"]
    assert asking_for_org["data"] is None


async def test_profile_of_unknown_person_is_null(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    upstream.get(f"{PROFILE_URL}/profiles").respond(200, json={"profiles": []})

    answer = await graphql("query($id: ID!) { profile(id: $id) { id } }", {"id": str(uuid4())})

    assert answer == {"data": {"profile": None}}


async def test_profile_id_must_be_a_uuid(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    answer = await graphql('{ profile(id: "42") { id } }')

    assert error_codes(answer) == ["BAD_USER_INPUT"]
    assert answer["errors"][0]["extensions"]["field"] == "id"
    assert len(upstream.calls) == 0


async def test_save_my_profile_writes_to_token_subject_with_token_org(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID, org_id: UUID
) -> None:
    saved = profile_json(viewer_id, org_id=str(org_id), role="mentee", display_name="Grace")
    route = upstream.put(f"{PROFILE_URL}/profiles/{viewer_id}").respond(200, json={"profile": saved, "created": True})

    answer = await graphql(SAVE, {"input": valid_input()})

    assert answer.get("errors") is None
    assert answer["data"]["saveMyProfile"]["id"] == str(viewer_id)
    assert answer["data"]["saveMyProfile"]["orgId"] == str(org_id)
    sent = json.loads(route.calls.last.request.content)
    assert sent["org_id"] == str(org_id)
    assert sent["role"] == "mentee"
    assert sent["display_name"] == "Grace"
    assert route.calls.last.request.headers["authorization"] == "Bearer internal-test-token"


async def test_save_my_profile_accepts_no_identity_from_input(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    smuggled = {"input": valid_input(id=str(uuid4()), orgId=str(uuid4()))}

    answer = await graphql(SAVE, smuggled)

    assert answer["data"] is None
    assert answer["errors"]
    assert len(upstream.calls) == 0


async def test_unknown_timezone_is_bad_user_input_on_timezone(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    answer = await graphql(SAVE, {"input": valid_input(timezone="Mars/Olympus_Mons")})

    assert error_codes(answer) == ["BAD_USER_INPUT"]
    assert answer["errors"][0]["extensions"]["field"] == "timezone"
    assert len(upstream.calls) == 0


async def test_gateway_checks_profile_limits_before_calling_the_service(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    cases = {
        "displayName": valid_input(displayName="x" * 121),
        "languages": valid_input(languages=["english"]),
        "seniorityYears": valid_input(seniorityYears=71),
        "skills": valid_input(skills=["s"] * 51),
        "capacity": valid_input(capacity=51),
        "email": valid_input(email="not-an-email"),
    }
    for field, profile_input in cases.items():
        answer = await graphql(SAVE, {"input": profile_input})

        assert error_codes(answer) == ["BAD_USER_INPUT"], field
        assert answer["errors"][0]["extensions"]["field"] == field
    assert len(upstream.calls) == 0


async def test_service_validation_error_becomes_bad_user_input(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    upstream.put(f"{PROFILE_URL}/profiles/{viewer_id}").respond(
        422,
        json={"error": {"code": "VALIDATION", "message": "display_name: already taken", "field": "display_name"}},
    )

    answer = await graphql(SAVE, {"input": valid_input()})

    assert answer["data"] is None
    assert error_codes(answer) == ["BAD_USER_INPUT"]
    assert answer["errors"][0]["extensions"]["field"] == "displayName"
    assert answer["errors"][0]["message"] == "display_name: already taken"


ERASE = "mutation { eraseMyProfile }"


async def test_erase_my_profile_deletes_only_the_token_subject(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    route = upstream.delete(f"{PROFILE_URL}/profiles/{viewer_id}").respond(200, json={"erased": True})

    answer = await graphql(ERASE)

    assert answer == {"data": {"eraseMyProfile": True}}
    assert route.call_count == 1
    assert len(upstream.calls) == 1
    assert route.calls.last.request.headers["authorization"] == "Bearer internal-test-token"


async def test_erase_my_profile_accepts_no_id_from_the_client(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    answer = await graphql("mutation($id: ID!) { eraseMyProfile(id: $id) }", {"id": str(uuid4())})

    assert answer["data"] is None
    assert answer["errors"]
    assert len(upstream.calls) == 0


async def test_erase_my_profile_without_a_stored_profile_is_not_found(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    upstream.delete(f"{PROFILE_URL}/profiles/{viewer_id}").respond(
        404, json={"error": {"code": "NOT_FOUND", "message": "no profile with this id"}}
    )

    answer = await graphql(ERASE)

    assert answer["data"] is None
    assert error_codes(answer) == ["NOT_FOUND"]
    assert answer["errors"][0]["message"] == "no profile with this id"


async def test_erase_my_profile_without_token_is_unauthenticated_and_calls_no_service(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    route = upstream.route(method="DELETE").respond(200, json={"erased": True})

    answer = await graphql(ERASE, token=None)

    assert answer["data"] is None
    assert error_codes(answer) == ["UNAUTHENTICATED"]
    assert not route.called
    assert len(upstream.calls) == 0
