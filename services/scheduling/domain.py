"""Time rules of scheduling, free of I/O: times are stored in UTC and shown in the person's zone."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Participant:
    profile_id: UUID
    display_name: str
    timezone: str

    def local_time(self, at: datetime) -> datetime:
        """`at` (aware, any zone) as this participant's wall-clock time."""
        return at.astimezone(ZoneInfo(self.timezone))
