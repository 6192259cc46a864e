"""The profile service's JSON shapes, validated as they arrive."""
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ProfileRecord(BaseModel):
    """A profile as the profile service stores it, private fields included."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: UUID
    version: int
    org_id: UUID | None = None
    role: Literal["mentor", "mentee", "both"]
    display_name: str
    email: str
    headline: str = ""
    field: str
    skills: list[str]
    goals: list[str]
    seniority_years: int
    languages: list[str]
    timezone: str
    capacity: int
    created_at: datetime
    updated_at: datetime


class SavedProfile(BaseModel):
    """Answer to `PUT /profiles/{id}`."""

    profile: ProfileRecord
    created: bool


class ProfileBatch(BaseModel):
    """Answer to `GET /profiles?ids=...`; unknown ids are simply absent."""

    profiles: list[ProfileRecord]


class ErasedProfile(BaseModel):
    """Answer to `DELETE /profiles/{id}`; an unknown id is a 404 instead."""

    erased: Literal[True]
