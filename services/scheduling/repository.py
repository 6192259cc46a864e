"""SQL for participants (asyncpg) returning domain objects."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from schemas.events.profile import ProfileErased, ProfileSnapshot, newest_per_profile
from services.scheduling.domain import Participant


async def upsert_participants(conn: asyncpg.Connection, snapshots: Sequence[ProfileSnapshot]) -> None:
    rows = newest_per_profile(snapshots)
    await conn.execute(
        """INSERT INTO participants (profile_id, version, display_name, timezone)
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[])
           ON CONFLICT (profile_id) DO UPDATE SET version = EXCLUDED.version,
               display_name = EXCLUDED.display_name, timezone = EXCLUDED.timezone, erased = false
           WHERE participants.version < EXCLUDED.version""",
        [s.profile_id for s in rows], [s.version for s in rows], [s.display_name for s in rows],
        [s.timezone for s in rows],
    )


async def erase(conn: asyncpg.Connection, events: Sequence[ProfileErased]) -> None:
    await conn.execute(
        """INSERT INTO participants (profile_id, version, erased)
           SELECT id, v, true FROM unnest($1::uuid[], $2::int[]) AS t(id, v)
           ON CONFLICT (profile_id) DO UPDATE SET erased = true, version = EXCLUDED.version,
               display_name = NULL, timezone = NULL
           WHERE participants.version <= EXCLUDED.version""",
        [e.profile_id for e in events], [e.version for e in events],
    )


async def get_many(pool: asyncpg.Pool, ids: Sequence[UUID]) -> list[Participant]:
    rows = await pool.fetch(
        "SELECT profile_id, display_name, timezone FROM participants WHERE profile_id = ANY($1::uuid[]) AND NOT erased",
        list(ids),
    )
    return [Participant(**dict(r)) for r in rows]
