"""The benchmark's events and the effect both pipelines write: a projection, an inbox and an outbox row."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from schemas.events.profile import ProfileCreated
from tests.support import cloud_event

EFFECT_TABLES = """
CREATE TABLE IF NOT EXISTS projection (
    profile_id uuid PRIMARY KEY, version int NOT NULL, display_name text NOT NULL, field text NOT NULL,
    skills text[] NOT NULL, seniority_years int NOT NULL, timezone text NOT NULL);
"""

UPSERT_FROM_ARRAYS = """
INSERT INTO projection (profile_id, version, display_name, field, skills, seniority_years, timezone)
SELECT id, v, n, f, s::text[], y, tz
FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
     AS t(id, v, n, f, s, y, tz)
ON CONFLICT (profile_id) DO UPDATE SET version = EXCLUDED.version, display_name = EXCLUDED.display_name,
    field = EXCLUDED.field, skills = EXCLUDED.skills, seniority_years = EXCLUDED.seniority_years,
    timezone = EXCLUDED.timezone
WHERE projection.version < EXCLUDED.version
"""


def pg_text_array(values: list[str]) -> str:
    return "{" + ",".join('"' + v.replace('"', '\\"') + '"' for v in values) + "}"


def messages(count: int) -> list[tuple]:
    """`count` profile-created CloudEvents of ~450 bytes, keyed by profile id."""
    now = datetime.now(UTC)
    out = []
    for n in range(count):
        event = ProfileCreated(
            profile_id=uuid.uuid4(), version=1, role="mentee", display_name=f"Bench Person {n}",
            email=f"bench{n}@example.org", headline="Data analyst moving into machine learning engineering",
            field="data science", skills=["python", "sql", "statistics", "machine learning"],
            goals=["career growth", "system design"], seniority_years=n % 30, languages=["en", "de"],
            timezone="Europe/Berlin", capacity=0, updated_at=now,
        )
        out.append(cloud_event(event, event_type="mentornet.profile.created", key=str(event.profile_id),
                               source="bench/partner"))
    return out
