"""Operation limits and error masking: costly documents are refused, crashes reveal nothing."""
import json

import pytest
import respx
from strawberry.extensions.validation_cache import _get_validate_cache

from gateway.hardening import CACHED_DOCUMENTS
from gateway.profiles.client import ProfileClient
from tests.unit.gateway.conftest import GraphQL, error_codes


def _nested(depth: int) -> str:
    return "{ me " + "{ x " * (depth - 1) + "{ id }" + " }" * depth


async def test_query_deeper_than_ten_levels_is_rejected(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    answer = await graphql(_nested(12))

    assert answer["data"] is None
    assert any("exceeds maximum operation depth of 10" in error["message"] for error in answer["errors"])
    assert len(upstream.calls) == 0


async def test_more_than_fifteen_aliases_are_rejected(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    aliased = "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(16)) + " }"

    answer = await graphql(aliased)

    assert answer["data"] is None
    assert "aliases" in answer["errors"][0]["message"]
    assert len(upstream.calls) == 0


async def test_documents_over_two_thousand_tokens_are_rejected(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    huge = "{ me { " + "id " * 2100 + "} }"

    answer = await graphql(huge)

    assert answer["data"] is None
    assert "2000 tokens" in answer["errors"][0]["message"]
    assert len(upstream.calls) == 0


async def test_unexpected_crash_is_masked(graphql: GraphQL, monkeypatch: pytest.MonkeyPatch) -> None:
    async def crash(self: ProfileClient, ids: object) -> list[object]:
        raise RuntimeError("db password=hunter2 at 10.0.0.5")

    monkeypatch.setattr(ProfileClient, "get_many", crash)

    answer = await graphql("{ me { id } }")

    assert answer["errors"][0]["message"] == "Unexpected error."
    assert error_codes(answer) == [None]
    assert "hunter2" not in json.dumps(answer)


async def test_repeated_operation_reuses_cached_validation(graphql: GraphQL, upstream: respx.MockRouter) -> None:
    query = "query RepeatedForCache { notifications(limit: 3) { id } __typename }"
    upstream.get(url__regex=r".*/notifications.*").respond(200, json={"notifications": []})
    cache = _get_validate_cache(CACHED_DOCUMENTS)

    await graphql(query)
    hits_before = cache.cache_info().hits
    await graphql(query)
    await graphql(query)

    assert cache.cache_info().hits == hits_before + 2
