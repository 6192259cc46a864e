"""Profile use cases: each one transaction, announcing its change through the outbox."""
from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from schemas.api.profile import ProfileInput
from schemas.events.profile import ProfileCreated, ProfileErased, ProfileUpdated
from services.common.outbox import Outbox
from services.profile import repository
from services.profile.domain import InvalidProfile, Profile


async def save_profile(pool: asyncpg.Pool, outbox: Outbox, profile_id: UUID, data: ProfileInput,
                       correlation_id: str | None = None) -> tuple[Profile, bool]:
    """Create or update a person's profile and publish its full new state."""
    async with pool.acquire() as conn, conn.transaction():
        try:
            profile, created = await repository.upsert(conn, profile_id, data)
        except asyncpg.UniqueViolationError:
            raise InvalidProfile("email", "email is already used by another profile") from None
        event_type = ProfileCreated if created else ProfileUpdated
        snapshot = event_type.model_validate({**profile.model_dump(), "profile_id": profile.id})
        await outbox.add(conn, snapshot, key=str(profile.id), correlation_id=correlation_id)
    return profile, created


async def erase_profile(pool: asyncpg.Pool, outbox: Outbox, profile_id: UUID,
                        correlation_id: str | None = None) -> bool:
    """Forget a person here and tell every service to forget them too; False if unknown."""
    async with pool.acquire() as conn, conn.transaction():
        version = await repository.erase(conn, profile_id)
        if version is None:
            return False
        erased = ProfileErased(profile_id=profile_id, version=version, erased_at=datetime.now(UTC))
        await outbox.add(conn, erased, key=str(profile_id), correlation_id=correlation_id)
    return True
