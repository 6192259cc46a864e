"""The profile service's HTTP contract: what a person may set about themselves, and what is stored."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from schemas.zones import check_zone

Role = Literal["mentor", "mentee", "both"]
TAG_MAX_LENGTH = 60
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _tags(values: list[str]) -> list[str]:
    """Skills and goals are compared case-insensitively, so they are kept normalised and unique."""
    seen: dict[str, None] = {}
    for value in values:
        tag = " ".join(value.split()).lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValueError(f"'{tag[:20]}…' is longer than {TAG_MAX_LENGTH} characters")
        seen.setdefault(tag, None)
    return list(seen)


class ProfileInput(BaseModel):
    """Body of `PUT /profiles/{id}`: a person's own description, normalised on the way in."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    role: Role
    display_name: str = Field(min_length=1, max_length=120)
    email: EmailStr
    headline: str = Field(default="", max_length=200)
    field: str = Field(min_length=1, max_length=80)
    skills: list[str] = Field(default_factory=list, max_length=50)
    goals: list[str] = Field(default_factory=list, max_length=20)
    seniority_years: int = Field(ge=0, le=70)
    languages: list[str] = Field(min_length=1, max_length=10)
    timezone: str
    capacity: int = Field(default=0, ge=0, le=50)
    org_id: UUID | None = None

    @field_validator("skills", "goals")
    @classmethod
    def normalise_tags(cls, values: list[str]) -> list[str]:
        return _tags(values)

    @field_validator("field")
    @classmethod
    def normalise_field(cls, value: str) -> str:
        return " ".join(value.split()).lower()

    @field_validator("languages")
    @classmethod
    def check_languages(cls, values: list[str]) -> list[str]:
        codes = [v.strip().lower() for v in values]
        bad = [c for c in codes if not _LANGUAGE.match(c)]
        if bad:
            raise ValueError(f"languages must be ISO 639-1 codes like 'en'; got {', '.join(bad)}")
        return list(dict.fromkeys(codes))

    @field_validator("timezone")
    @classmethod
    def check_timezone(cls, value: str) -> str:
        return check_zone(value)


class ProfileRecord(BaseModel):
    """A stored profile, private fields included, as `GET /profiles` and `PUT` answer it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: UUID
    version: int
    org_id: UUID | None = None
    role: Role
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
