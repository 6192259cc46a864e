"""Mentors recommended for the viewer, resolved to public profiles in one batched look-up."""
import strawberry

from gateway.arguments import check_range
from gateway.context import Info
from gateway.matching.types import Recommendation
from gateway.profiles.types import PublicProfile

DEFAULT_LIMIT = 10


@strawberry.type
class MatchingQueries:
    @strawberry.field(description="Mentors recommended for the viewer, best match first.")
    async def recommendations(self, info: Info, limit: int | None = DEFAULT_LIMIT) -> list[Recommendation]:
        context = info.context
        records = await context.upstreams.matching.recommendations_for(
            context.viewer.profile_id, check_range(DEFAULT_LIMIT if limit is None else limit, "limit", 1, 50)
        )
        mentors = await context.loaders.profiles.load_many([record.mentor_id for record in records])
        return [
            Recommendation(mentor=PublicProfile.from_record(mentor), score=record.score, reasons=list(record.reasons))
            for record, mentor in zip(records, mentors, strict=True)
            if mentor is not None
        ]
