"""Internal HTTP API of the matching service, called by the gateway."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from schemas.api.matching import RecommendationList, RecommendationRecord
from services.common.http import handle_errors, not_found, parse_limit, parse_uuid
from services.common.runtime import Runtime
from services.matching.service import Matching, MenteeNotIndexed


def routes(rt: Runtime) -> list[Route]:
    @handle_errors
    async def recommendations(request: Request) -> dict:
        mentee_id = parse_uuid(request.query_params.get("mentee_id"), "mentee_id")
        limit = parse_limit(request.query_params.get("limit"), default=10, maximum=50)
        try:
            found = await Matching.recommend(rt.pool, mentee_id, limit)
        except MenteeNotIndexed:
            raise not_found("no mentee profile indexed for this id yet") from None
        return RecommendationList(recommendations=[
            RecommendationRecord(mentor_id=r.mentor_id, score=r.score, reasons=list(r.reasons)) for r in found
        ]).model_dump(mode="json")

    return [Route("/recommendations", recommendations, methods=["GET"])]
