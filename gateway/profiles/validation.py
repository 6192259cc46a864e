"""Checks a profile draft at the gateway so obvious mistakes never cost a service call."""
import re
from functools import cache
from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, ValidationError

from gateway.errors import GatewayError, bad_user_input, camel_case
from schemas.events.profile import Tag

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


@cache
def _iana_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _iana_zone(name: str) -> str:
    if name not in _iana_zones():
        raise ValueError("must be an IANA time zone name such as 'Europe/Berlin'")
    return name


def _language_codes(codes: list[str]) -> list[str]:
    if not all(LANGUAGE_CODE.match(code) for code in codes):
        raise ValueError("must be ISO 639-1 codes of two lowercase letters, e.g. 'en'")
    return codes


class ProfileDraft(BaseModel):
    """A person's own description of themselves, within the limits every service enforces."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    role: Literal["mentor", "mentee", "both"]
    display_name: str = Field(min_length=1, max_length=120)
    email: EmailStr
    headline: str = Field(default="", max_length=200)
    field: str = Field(min_length=1, max_length=80)
    skills: list[Tag] = Field(default_factory=list, max_length=50)
    goals: list[Tag] = Field(default_factory=list, max_length=20)
    seniority_years: int = Field(ge=0, le=70)
    languages: Annotated[list[str], Field(min_length=1, max_length=10), AfterValidator(_language_codes)]
    timezone: Annotated[str, AfterValidator(_iana_zone)]
    capacity: int = Field(default=0, ge=0, le=50)


def validate_draft(values: dict[str, object]) -> ProfileDraft:
    """Build a draft or raise BAD_USER_INPUT naming the first offending GraphQL input field."""
    try:
        return ProfileDraft.model_validate(values)
    except ValidationError as error:
        raise _as_user_input_error(error) from None


def _as_user_input_error(error: ValidationError) -> GatewayError:
    first = error.errors(include_url=False, include_input=False)[0]
    location = first["loc"]
    field = camel_case(str(location[0])) if location else None
    message = str(first["msg"]).removeprefix("Value error, ")
    return bad_user_input(f"{field}: {message}" if field else message, field)
