"""Events published by the profile service on `profile.profiles.v1`, keyed by profile id."""
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import EmailStr, Field

from schemas.events.base import EventData

Role = Literal["mentor", "mentee", "both"]


class ProfileSnapshot(EventData):
    """Full state of a profile after a change; consumers upsert it when `version` is newer."""

    profile_id: UUID
    version: int = Field(ge=1, description="Increases by one with every change of the profile.")
    org_id: UUID | None = None
    role: Role
    display_name: str = Field(min_length=1, max_length=120)
    email: EmailStr
    headline: str = Field(default="", max_length=200)
    field: str = Field(min_length=1, max_length=80, description="Professional field, e.g. 'software engineering'.")
    skills: list[str] = Field(default_factory=list, max_length=50)
    goals: list[str] = Field(default_factory=list, max_length=20)
    seniority_years: int = Field(ge=0, le=70)
    languages: list[str] = Field(min_length=1, max_length=10, description="ISO 639-1 codes.")
    timezone: str = Field(min_length=1, max_length=64, description="IANA zone name.")
    capacity: int = Field(default=0, ge=0, le=50, description="How many mentees a mentor takes at once.")
    updated_at: datetime


class ProfileCreated(ProfileSnapshot):
    """A person joined the network."""


class ProfileUpdated(ProfileSnapshot):
    """A person changed their profile."""


class ProfileErased(EventData):
    """A person asked to be forgotten: consumers must delete what they hold about them."""

    profile_id: UUID
    version: int = Field(ge=1)
    erased_at: datetime
