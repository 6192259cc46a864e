"""Typed calls to the matching service's internal API."""
from uuid import UUID

from gateway.errors import ErrorCode, GatewayError, not_found
from gateway.upstream import UpstreamClient
from schemas.api.matching import RecommendationList, RecommendationRecord

NOT_INDEXED = "Your profile is not indexed for matching yet; recommendations appear shortly after saving it."


class MatchingClient(UpstreamClient):
    """Fetches recommendations; the only place that knows the matching service's paths."""

    async def recommendations_for(self, mentee_id: UUID, limit: int) -> list[RecommendationRecord]:
        try:
            answer = await self.call(
                "GET", "/recommendations", params={"mentee_id": str(mentee_id), "limit": str(limit)}
            )
        except GatewayError as error:
            if error.code is ErrorCode.NOT_FOUND:
                raise not_found(NOT_INDEXED) from None
            raise
        return self.parse(RecommendationList, answer).recommendations
