"""Rules of a valid profile, free of I/O."""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Literal
from uuid import UUID
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError, field_validator

_LANGUAGE = re.compile(r"^[a-z]{2}$")


@lru_cache(maxsize=1)
def iana_zones() -> frozenset[str]:
    """Zone names every host agrees on: aliases of the host's own clock are not zones."""
    return frozenset(available_timezones()) - {"localtime", "posixrules", "Factory"}


class InvalidProfile(ValueError):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


def _tags(values: list[str], limit_each: int = 60) -> list[str]:
    """Skills and goals are compared case-insensitively, so store them normalised and unique."""
    seen: dict[str, None] = {}
    for value in values:
        tag = " ".join(value.split()).lower()
        if not tag:
            continue
        if len(tag) > limit_each:
            raise ValueError(f"'{tag[:20]}…' is longer than {limit_each} characters")
        seen.setdefault(tag, None)
    return list(seen)


class ProfileInput(BaseModel):
    """What a person may set about themselves."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    role: Literal["mentor", "mentee", "both"]
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
        if value not in iana_zones():
            raise ValueError(f"unknown IANA time zone {value!r}")
        return value


def parse_profile_input(raw: dict) -> ProfileInput:
    """Validate untrusted input; the first problem becomes an InvalidProfile naming its field."""
    try:
        return ProfileInput.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        raise InvalidProfile(field, f"{field}: {first['msg']}" if field else first["msg"]) from None


class Profile(BaseModel):
    """A stored profile."""

    id: UUID
    version: int
    org_id: UUID | None
    role: str
    display_name: str
    email: str
    headline: str
    field: str
    skills: list[str]
    goals: list[str]
    seniority_years: int
    languages: list[str]
    timezone: str
    capacity: int
    created_at: datetime
    updated_at: datetime
