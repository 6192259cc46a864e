"""Typed calls to the profile service's internal API."""
from collections.abc import Sequence
from uuid import UUID

from gateway.upstream import UpstreamClient
from schemas.api.profile import ErasedProfile, ProfileBatch, ProfileInput, ProfileRecord, SavedProfile

MAX_IDS_PER_CALL = 100


class ProfileClient(UpstreamClient):
    """Reads and writes profiles; the only place that knows the profile service's paths."""

    async def save(self, profile_id: UUID, draft: ProfileInput, org_id: UUID | None) -> ProfileRecord:
        body = {**draft.model_dump(mode="json"), "org_id": str(org_id) if org_id else None}
        answer = await self.call("PUT", f"/profiles/{profile_id}", json=body)
        return self.parse(SavedProfile, answer).profile

    async def erase(self, profile_id: UUID) -> bool:
        """Forget the profile everywhere; the service announces the erasure to the other services."""
        answer = await self.call("DELETE", f"/profiles/{profile_id}")
        return self.parse(ErasedProfile, answer).erased

    async def get_many(self, ids: Sequence[UUID]) -> list[ProfileRecord]:
        """Profiles of the given ids that exist, fetched in as few calls as the service allows."""
        found: list[ProfileRecord] = []
        for start in range(0, len(ids), MAX_IDS_PER_CALL):
            chunk = ids[start : start + MAX_IDS_PER_CALL]
            answer = await self.call("GET", "/profiles", params={"ids": ",".join(str(i) for i in chunk)})
            found.extend(self.parse(ProfileBatch, answer).profiles)
        return found
