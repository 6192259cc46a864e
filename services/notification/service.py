"""Notification use cases: keep contacts current and fill inboxes, announcing each new notification."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from schemas.events.matching import RecommendationsRefreshed
from schemas.events.notification import NotificationCreated
from schemas.events.profile import ProfileCreated, ProfileErased, ProfileSnapshot
from services.common.envelope import Event
from services.common.outbox import Outbox
from services.notification import domain, repository
from services.notification.domain import Notification


class Notifications:
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    async def apply_profile_events(self, conn: asyncpg.Connection, events: list[Event]) -> None:
        snapshots = [e.data for e in events if isinstance(e.data, ProfileSnapshot)]
        erased = [e.data for e in events if isinstance(e.data, ProfileErased)]
        if erased:  # first, so nothing of a person erased in this batch is stored or announced after
            await repository.erase(conn, erased)
        applied = await repository.upsert_contacts(conn, snapshots) if snapshots else set()
        now = datetime.now(UTC)
        # Welcome once per joining: a replayed or outdated "created" event finds its snapshot not applied.
        welcomes = [(domain.welcome(_cause(e), e.data.profile_id, e.data.display_name, e.data.role, now), e)
                    for e in events
                    if isinstance(e.data, ProfileCreated) and (e.data.profile_id, e.data.version) in applied]
        await self._deliver(conn, welcomes)

    async def apply_recommendations(self, conn: asyncpg.Connection, events: list[Event]) -> None:
        now = datetime.now(UTC)
        ready = []
        for event in events:
            refreshed: RecommendationsRefreshed = event.data
            note = domain.recommendations_ready(_cause(event), refreshed.mentee_id, len(refreshed.mentors), now)
            if note is not None:
                ready.append((note, event))
        await self._deliver(conn, ready)

    async def _deliver(self, conn: asyncpg.Connection, notes: Sequence[tuple[Notification, Event]]) -> None:
        """Store in-app notifications and announce them for live subscribers, in one transaction."""
        if not notes:
            return
        erased = await repository.erased_among(conn, [n.recipient_id for n, _ in notes])
        notes = [(n, e) for n, e in notes if n.recipient_id not in erased]
        if not notes:
            return
        added = await repository.insert(conn, [n for n, _ in notes])
        notes = [(n, e) for n, e in notes if n.id in added]
        await self.outbox.add_many(conn, [
            self.outbox.event(
                NotificationCreated(notification_id=n.id, recipient_id=n.recipient_id, kind=n.kind, title=n.title,
                                    body=n.body, created_at=n.created_at),
                key=str(n.recipient_id), correlation_id=e.envelope.correlation_id)
            for n, e in notes
        ])

    @staticmethod
    async def inbox(pool: asyncpg.Pool, recipient_id: UUID, limit: int, unread_only: bool) -> list[Notification]:
        return await repository.inbox(pool, recipient_id, limit, unread_only)

    @staticmethod
    async def mark_read(pool: asyncpg.Pool, notification_id: UUID, recipient_id: UUID) -> Notification | None:
        return await repository.mark_read(pool, notification_id, recipient_id)


def _cause(event: Event) -> str:
    return f"{event.envelope.source}/{event.envelope.id}"
