"""Matching use cases: keep the candidate index current and recommend mentors."""
from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from schemas.events.matching import RecommendationsRefreshed, RecommendedMentor
from schemas.events.profile import ProfileErased, ProfileSnapshot
from services.common.envelope import Event
from services.common.outbox import Outbox
from services.matching import repository
from services.matching.domain import Recommendation, rank


class MenteeNotIndexed(LookupError):
    """Matching has not (yet) seen this person's profile as a mentee."""


CANDIDATES_SCORED = 1000


class Matching:
    def __init__(self, outbox: Outbox, mentors_per_event: int = 10) -> None:
        self.outbox = outbox
        self.mentors_per_event = mentors_per_event

    async def apply_profile_events(self, conn: asyncpg.Connection, events: list[Event]) -> None:
        """Update the index, then tell each changed mentee which mentors fit them now."""
        snapshots = [e.data for e in events if isinstance(e.data, ProfileSnapshot)]
        erased = [e.data for e in events if isinstance(e.data, ProfileErased)]
        if erased:  # first, so a snapshot older than the erasure in the same batch cannot revive anyone
            await repository.erase(conn, erased)
        changed = await repository.upsert_snapshots(conn, snapshots) if snapshots else set()
        mentees = [m for m in await repository.get_many(conn, list(changed)) if m.role in ("mentee", "both")]
        if not mentees:
            return
        correlation = {e.data.profile_id: e.envelope.correlation_id for e in events}
        now = datetime.now(UTC)
        outgoing = []
        for mentee in mentees:
            mentors = await repository.candidate_mentors(conn, mentee, CANDIDATES_SCORED)
            best = rank(mentee, mentors, self.mentors_per_event, now)
            refreshed = RecommendationsRefreshed(
                mentee_id=mentee.profile_id, generated_at=now,
                mentors=[RecommendedMentor(mentor_id=r.mentor_id, score=r.score) for r in best],
            )
            outgoing.append(self.outbox.event(refreshed, key=str(mentee.profile_id),
                                              correlation_id=correlation.get(mentee.profile_id)))
        await self.outbox.add_many(conn, outgoing)

    @staticmethod
    async def recommend(pool: asyncpg.Pool, mentee_id: UUID, limit: int) -> list[Recommendation]:
        async with pool.acquire() as conn:
            mentee = await repository.get(conn, mentee_id)
            if mentee is None:
                raise MenteeNotIndexed(str(mentee_id))
            if mentee.role == "mentor":
                return []  # people who only mentor are not looking for a mentor
            mentors = await repository.candidate_mentors(conn, mentee, CANDIDATES_SCORED)
        return rank(mentee, mentors, limit)
