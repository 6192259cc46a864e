"""Inbox: remembers which events a consumer has applied, inside the transaction of the effect."""
from collections.abc import Sequence
from datetime import timedelta

import asyncpg

from services.common.envelope import Event

_CLAIM = """
INSERT INTO inbox (consumer, source, event_id)
SELECT $1, s, i FROM unnest($2::text[], $3::text[]) AS t(s, i)
ON CONFLICT DO NOTHING
RETURNING source, event_id
"""


async def claim_new(conn: asyncpg.Connection, consumer: str, events: Sequence[Event]) -> list[Event]:
    """Record the events as applied and return those seen for the first time, in their order.

    Must run in the transaction that applies their effect: a rollback forgets the claim too.
    """
    if not events:
        return []
    rows = await conn.fetch(
        _CLAIM, consumer, [e.envelope.source for e in events], [e.envelope.id for e in events]
    )
    fresh = {(r["source"], r["event_id"]) for r in rows}
    new_events = []
    for event in events:
        identity = (event.envelope.source, event.envelope.id)
        if identity in fresh:
            fresh.discard(identity)
            new_events.append(event)
    return new_events


async def prune(pool: asyncpg.Pool, retention: timedelta) -> int:
    """Forget ids older than the retention; redelivery that late is handled by version checks."""
    async with pool.acquire() as conn:
        status = await conn.execute("DELETE FROM inbox WHERE processed_at < now() - $1::interval", retention)
    return int(status.split()[-1])
