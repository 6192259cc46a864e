"""Rules of a valid profile, free of I/O; the input contract itself is shared with the gateway."""
from __future__ import annotations

from pydantic import ValidationError

from schemas.api.profile import ProfileInput, ProfileRecord

Profile = ProfileRecord


class InvalidProfile(ValueError):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_profile_input(raw: dict) -> ProfileInput:
    """Validate untrusted input; the first problem becomes an InvalidProfile naming its field."""
    try:
        return ProfileInput.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        raise InvalidProfile(field, f"{field}: {first['msg']}" if field else first["msg"]) from None
