"""SQL for contacts and notifications (asyncpg) returning domain objects."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from schemas.events.profile import ProfileErased, ProfileSnapshot, newest_per_profile
from services.notification.domain import Notification


async def upsert_contacts(conn: asyncpg.Connection, snapshots: Sequence[ProfileSnapshot]) -> set[tuple[UUID, int]]:
    """Apply the newest snapshot per person; returns (id, version) of the snapshots applied."""
    rows = newest_per_profile(snapshots)
    applied = await conn.fetch(
        """INSERT INTO contacts (profile_id, version, display_name, email)
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[])
           ON CONFLICT (profile_id) DO UPDATE SET version = EXCLUDED.version,
               display_name = EXCLUDED.display_name, email = EXCLUDED.email, erased = false
           WHERE contacts.version < EXCLUDED.version
           RETURNING profile_id, version""",
        [s.profile_id for s in rows], [s.version for s in rows], [s.display_name for s in rows],
        [str(s.email) for s in rows],
    )
    return {(r["profile_id"], r["version"]) for r in applied}


async def erase(conn: asyncpg.Connection, events: Sequence[ProfileErased]) -> None:
    ids = [e.profile_id for e in events]
    await conn.execute(
        """INSERT INTO contacts (profile_id, version, erased)
           SELECT id, v, true FROM unnest($1::uuid[], $2::int[]) AS t(id, v)
           ON CONFLICT (profile_id) DO UPDATE SET erased = true, version = EXCLUDED.version,
               display_name = NULL, email = NULL
           WHERE contacts.version <= EXCLUDED.version""",
        ids, [e.version for e in events],
    )
    await conn.execute("DELETE FROM notifications WHERE recipient_id = ANY($1::uuid[])", ids)


async def erased_among(conn: asyncpg.Connection, ids: Sequence[UUID]) -> set[UUID]:
    """People who asked to be forgotten: nothing more may be stored for them."""
    rows = await conn.fetch("SELECT profile_id FROM contacts WHERE profile_id = ANY($1::uuid[]) AND erased",
                            list(ids))
    return {r["profile_id"] for r in rows}


async def insert(conn: asyncpg.Connection, notifications: Sequence[Notification]) -> set[UUID]:
    """Store new notifications; returns the ids actually added (a replayed cause adds nothing)."""
    rows = await conn.fetch(
        """INSERT INTO notifications (id, recipient_id, kind, title, body, created_at)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
           ON CONFLICT (id) DO NOTHING
           RETURNING id""",
        *zip(*[(n.id, n.recipient_id, n.kind, n.title, n.body, n.created_at) for n in notifications], strict=True),
    )
    return {r["id"] for r in rows}


def _notification(row: asyncpg.Record) -> Notification:
    return Notification(**dict(row))


async def inbox(pool: asyncpg.Pool, recipient_id: UUID, limit: int, unread_only: bool) -> list[Notification]:
    rows = await pool.fetch(
        """SELECT * FROM notifications WHERE recipient_id = $1 AND (NOT $3 OR read_at IS NULL)
           ORDER BY created_at DESC, id LIMIT $2""",
        recipient_id, limit, unread_only,
    )
    return [_notification(r) for r in rows]


async def mark_read(pool: asyncpg.Pool, notification_id: UUID, recipient_id: UUID) -> Notification | None:
    row = await pool.fetchrow(
        """UPDATE notifications SET read_at = coalesce(read_at, now())
           WHERE id = $1 AND recipient_id = $2 RETURNING *""",
        notification_id, recipient_id,
    )
    return _notification(row) if row else None
