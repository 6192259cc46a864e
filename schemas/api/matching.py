"""The matching service's HTTP contract: recommendations as `GET /recommendations` answers them."""
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class RecommendationRecord(BaseModel):
    """One mentor suggested for a mentee, with why."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    mentor_id: UUID
    score: float = Field(ge=0, le=1)
    reasons: list[str] = Field(default_factory=list)


class RecommendationList(BaseModel):
    """Answer to `GET /recommendations`, best match first."""

    recommendations: list[RecommendationRecord]
