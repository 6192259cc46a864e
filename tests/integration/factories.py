"""Realistic event payloads for tests."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from schemas.events.profile import ProfileCreated


def profile_created(n: int = 0, **overrides) -> ProfileCreated:
    values = dict(
        profile_id=uuid.uuid4(), version=1, role="mentee", display_name=f"Person {n}",
        email=f"person{n}-{uuid.uuid4().hex[:8]}@example.org", headline="Backend developer",
        field="software engineering", skills=["python", "sql"], goals=["system design"],
        seniority_years=2, languages=["en"], timezone="Europe/Berlin", capacity=0,
        updated_at=datetime.now(UTC),
    )
    values.update(overrides)
    return ProfileCreated(**values)
