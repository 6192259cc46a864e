"""SQL for profiles (asyncpg) returning domain objects."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from schemas.api.profile import ProfileInput
from services.profile.domain import Profile

_COLUMNS = ("org_id", "role", "display_name", "email", "headline", "field", "skills", "goals",
            "seniority_years", "languages", "timezone", "capacity")

_UPSERT = f"""
INSERT INTO profiles (id, version, {", ".join(_COLUMNS)})
VALUES ($1, coalesce((SELECT version + 1 FROM profile_tombstones WHERE id = $1), 1),
        {", ".join(f"${i}" for i in range(2, len(_COLUMNS) + 2))})
ON CONFLICT (id) DO UPDATE SET
    {", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS)},
    version = profiles.version + 1,
    updated_at = now()
RETURNING *, (xmax = 0) AS inserted
"""


async def upsert(conn: asyncpg.Connection, profile_id: UUID, data: ProfileInput) -> tuple[Profile, bool]:
    """Create or update; returns the stored profile and whether it was created."""
    values = [getattr(data, c) for c in _COLUMNS]
    row = await conn.fetchrow(_UPSERT, profile_id, *values)
    if row["inserted"]:
        await conn.execute("DELETE FROM profile_tombstones WHERE id = $1", profile_id)
    return Profile.model_validate(dict(row)), row["inserted"]


async def get_many(conn: asyncpg.Connection | asyncpg.Pool, ids: Sequence[UUID]) -> list[Profile]:
    rows = await conn.fetch("SELECT * FROM profiles WHERE id = ANY($1::uuid[])", list(ids))
    return [Profile.model_validate(dict(r)) for r in rows]


async def erase(conn: asyncpg.Connection, profile_id: UUID) -> int | None:
    """Remove the profile, keeping a tombstone; returns the erasure's version, or None if unknown."""
    return await conn.fetchval(
        """WITH gone AS (DELETE FROM profiles WHERE id = $1 RETURNING id, version + 1 AS version)
           INSERT INTO profile_tombstones (id, version) SELECT id, version FROM gone
           ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, erased_at = now()
           RETURNING version""",
        profile_id,
    )
