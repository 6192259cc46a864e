"""SQL for contacts and notifications (asyncpg) returning domain objects."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from schemas.events.profile import ProfileErased, ProfileSnapshot
from services.notification.domain import Notification


async def upsert_contacts(conn: asyncpg.Connection, snapshots: Sequence[ProfileSnapshot]) -> None:
    latest: dict[UUID, ProfileSnapshot] = {}
    for s in snapshots:
        if s.profile_id not in latest or latest[s.profile_id].version < s.version:
            latest[s.profile_id] = s
    rows = list(latest.values())
    await conn.execute(
        """INSERT INTO contacts (profile_id, version, display_name, email)
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[])
           ON CONFLICT (profile_id) DO UPDATE SET version = EXCLUDED.version,
               display_name = EXCLUDED.display_name, email = EXCLUDED.email
           WHERE contacts.version < EXCLUDED.version AND NOT contacts.erased""",
        [s.profile_id for s in rows], [s.version for s in rows], [s.display_name for s in rows],
        [str(s.email) for s in rows],
    )


async def erase(conn: asyncpg.Connection, events: Sequence[ProfileErased]) -> None:
    ids = [e.profile_id for e in events]
    await conn.execute(
        """INSERT INTO contacts (profile_id, version, erased)
           SELECT id, v, true FROM unnest($1::uuid[], $2::int[]) AS t(id, v)
           ON CONFLICT (profile_id) DO UPDATE SET erased = true, version = EXCLUDED.version,
               display_name = NULL, email = NULL""",
        ids, [e.version for e in events],
    )
    await conn.execute("DELETE FROM notifications WHERE recipient_id = ANY($1::uuid[])", ids)


async def erased_among(conn: asyncpg.Connection, ids: Sequence[UUID]) -> set[UUID]:
    """People who asked to be forgotten: nothing more may be stored for them."""
    rows = await conn.fetch("SELECT profile_id FROM contacts WHERE profile_id = ANY($1::uuid[]) AND erased",
                            list(ids))
    return {r["profile_id"] for r in rows}


async def insert(conn: asyncpg.Connection, notifications: Sequence[Notification]) -> None:
    await conn.copy_records_to_table(
        "notifications",
        columns=["id", "recipient_id", "kind", "title", "body", "created_at"],
        records=[(n.id, n.recipient_id, n.kind, n.title, n.body, n.created_at) for n in notifications],
    )


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
