"""Recommendations: mentors resolved with one batched profile call, and a clear answer when not indexed."""
from uuid import UUID, uuid4

import respx

from tests.unit.gateway.conftest import MATCHING_URL, PROFILE_URL, GraphQL, error_codes, profile_json

QUERY = "{ recommendations(limit: 5) { score reasons mentor { id displayName } } }"


async def test_mentors_are_resolved_with_one_batched_profile_call(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    mentors = [uuid4() for _ in range(5)]
    matching = upstream.get(f"{MATCHING_URL}/recommendations").respond(
        200,
        json={"recommendations": [
            {"mentor_id": str(m), "score": 0.9 - i / 10, "reasons": [f"reason {i}"]} for i, m in enumerate(mentors)
        ]},
    )
    profiles = upstream.get(f"{PROFILE_URL}/profiles").respond(
        200, json={"profiles": [profile_json(m) for m in reversed(mentors)]}
    )

    answer = await graphql(QUERY)

    assert answer.get("errors") is None
    assert [r["mentor"]["id"] for r in answer["data"]["recommendations"]] == [str(m) for m in mentors]
    assert answer["data"]["recommendations"][0] == {
        "score": 0.9,
        "reasons": ["reason 0"],
        "mentor": {"id": str(mentors[0]), "displayName": profile_json(mentors[0])["display_name"]},
    }
    assert profiles.call_count == 1
    assert set(profiles.calls.last.request.url.params["ids"].split(",")) == {str(m) for m in mentors}
    assert matching.calls.last.request.url.params["mentee_id"] == str(viewer_id)
    assert matching.calls.last.request.url.params["limit"] == "5"


async def test_recommendations_whose_mentor_profile_is_gone_are_skipped(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    present, erased = uuid4(), uuid4()
    upstream.get(f"{MATCHING_URL}/recommendations").respond(
        200,
        json={"recommendations": [
            {"mentor_id": str(erased), "score": 0.95, "reasons": []},
            {"mentor_id": str(present), "score": 0.8, "reasons": []},
        ]},
    )
    upstream.get(f"{PROFILE_URL}/profiles").respond(200, json={"profiles": [profile_json(present)]})

    answer = await graphql(QUERY)

    assert [r["mentor"]["id"] for r in answer["data"]["recommendations"]] == [str(present)]


async def test_not_indexed_mentee_gets_not_found_rather_than_an_empty_list(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    upstream.get(f"{MATCHING_URL}/recommendations").respond(
        404, json={"error": {"code": "NOT_FOUND", "message": "no mentee profile indexed for this id yet"}}
    )

    answer = await graphql(QUERY)

    assert answer["data"] is None
    assert error_codes(answer) == ["NOT_FOUND"]
    assert "not indexed" in answer["errors"][0]["message"]


async def test_limit_outside_matching_range_is_bad_user_input(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    answer = await graphql("{ recommendations(limit: 51) { score } }")

    assert error_codes(answer) == ["BAD_USER_INPUT"]
    assert answer["errors"][0]["extensions"]["field"] == "limit"
    assert len(upstream.calls) == 0
