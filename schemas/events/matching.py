"""Events published by the matching service on `matching.recommendations.v1`, keyed by mentee id."""
from uuid import UUID

from pydantic import AwareDatetime, Field

from schemas.events.base import EventData


class RecommendedMentor(EventData):
    mentor_id: UUID
    score: float = Field(ge=0, le=1)


class RecommendationsRefreshed(EventData):
    """Matching recomputed the best mentors for a mentee."""

    mentee_id: UUID
    mentors: list[RecommendedMentor] = Field(max_length=50)
    generated_at: AwareDatetime
