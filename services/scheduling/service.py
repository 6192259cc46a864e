"""Scheduling use cases: keep the participants it may book sessions for current."""
from __future__ import annotations

import asyncpg

from schemas.events.profile import ProfileErased, ProfileSnapshot
from services.common.envelope import Event
from services.scheduling import repository


async def apply_profile_events(conn: asyncpg.Connection, events: list[Event]) -> None:
    snapshots = [e.data for e in events if isinstance(e.data, ProfileSnapshot)]
    erased = [e.data for e in events if isinstance(e.data, ProfileErased)]
    if erased:  # first, so a snapshot older than the erasure in the same batch cannot revive anyone
        await repository.erase(conn, erased)
    if snapshots:
        await repository.upsert_participants(conn, snapshots)
