"""Per-request batching of profile look-ups, so N mentors cost one call to the profile service."""
from uuid import UUID

from strawberry.dataloader import DataLoader

from gateway.profiles.client import MAX_IDS_PER_CALL, ProfileClient
from schemas.api.profile import ProfileRecord

ProfileLoader = DataLoader[UUID, ProfileRecord | None]


def profile_loader(client: ProfileClient) -> ProfileLoader:
    """A fresh loader; build one per request so cached profiles never leak between viewers."""

    async def load(ids: list[UUID]) -> list[ProfileRecord | None]:
        by_id = {record.id: record for record in await client.get_many(ids)}
        return [by_id.get(profile_id) for profile_id in ids]

    return DataLoader(load_fn=load, max_batch_size=MAX_IDS_PER_CALL)
