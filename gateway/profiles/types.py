"""GraphQL shapes of a profile: the owner's full view, everyone else's public view, and the input."""
from datetime import datetime
from enum import Enum

import strawberry

from schemas.api.profile import ProfileRecord


@strawberry.enum(description="What a person is on the network for.")
class Role(Enum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"


@strawberry.type(description="A person's complete profile, visible only to that person.")
class Profile:
    id: strawberry.ID
    version: int = strawberry.field(description="Increases by one with every change.")
    org_id: strawberry.ID | None = strawberry.field(description="Organisation the person belongs to, if any.")
    role: Role
    display_name: str
    email: str
    headline: str
    field: str = strawberry.field(description="Professional field, e.g. 'software engineering'.")
    skills: list[str]
    goals: list[str]
    seniority_years: int
    languages: list[str] = strawberry.field(description="ISO 639-1 codes.")
    timezone: str = strawberry.field(description="IANA time zone name.")
    capacity: int = strawberry.field(description="How many mentees a mentor takes at once.")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_record(cls, record: ProfileRecord) -> "Profile":
        return cls(
            id=strawberry.ID(str(record.id)),
            version=record.version,
            org_id=strawberry.ID(str(record.org_id)) if record.org_id else None,
            role=Role(record.role),
            display_name=record.display_name,
            email=record.email,
            headline=record.headline,
            field=record.field,
            skills=list(record.skills),
            goals=list(record.goals),
            seniority_years=record.seniority_years,
            languages=list(record.languages),
            timezone=record.timezone,
            capacity=record.capacity,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


@strawberry.type(description="What anyone signed in may see of another person: no contact or organisation data.")
class PublicProfile:
    id: strawberry.ID
    role: Role
    display_name: str
    headline: str
    field: str
    skills: list[str]
    goals: list[str]
    seniority_years: int
    languages: list[str]
    timezone: str

    @classmethod
    def from_record(cls, record: ProfileRecord) -> "PublicProfile":
        return cls(
            id=strawberry.ID(str(record.id)),
            role=Role(record.role),
            display_name=record.display_name,
            headline=record.headline,
            field=record.field,
            skills=list(record.skills),
            goals=list(record.goals),
            seniority_years=record.seniority_years,
            languages=list(record.languages),
            timezone=record.timezone,
        )


@strawberry.input(description="The viewer's own profile; identity and organisation come from the token.")
class ProfileInput:
    role: Role
    display_name: str = strawberry.field(description="1 to 120 characters.")
    email: str
    field: str = strawberry.field(description="1 to 80 characters.")
    seniority_years: int = strawberry.field(description="0 to 70.")
    languages: list[str] = strawberry.field(description="1 to 10 ISO 639-1 codes, e.g. ['en', 'de'].")
    timezone: str = strawberry.field(description="IANA time zone name, e.g. 'Europe/Berlin'.")
    headline: str = strawberry.field(default="", description="Up to 200 characters.")
    skills: list[str] = strawberry.field(default_factory=list, description="Up to 50.")
    goals: list[str] = strawberry.field(default_factory=list, description="Up to 20.")
    capacity: int = strawberry.field(default=0, description="0 to 50 mentees at once.")

    def as_values(self) -> dict[str, object]:
        """Plain values in the services' snake_case vocabulary, for validation and the upstream call."""
        return {
            "role": self.role.value,
            "display_name": self.display_name,
            "email": self.email,
            "headline": self.headline,
            "field": self.field,
            "skills": list(self.skills),
            "goals": list(self.goals),
            "seniority_years": self.seniority_years,
            "languages": list(self.languages),
            "timezone": self.timezone,
            "capacity": self.capacity,
        }
