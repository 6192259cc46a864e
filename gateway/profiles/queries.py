"""Read access to profiles: one's own in full, anyone else's public part."""
import strawberry

from gateway.arguments import parse_id
from gateway.context import Info
from gateway.profiles.types import Profile, PublicProfile


@strawberry.type
class ProfileQueries:
    @strawberry.field(description="The viewer's own profile, or null before they have saved one.")
    async def me(self, info: Info) -> Profile | None:
        context = info.context
        record = await context.loaders.profiles.load(context.viewer.profile_id)
        return Profile.from_record(record) if record else None

    @strawberry.field(description="Another person's public profile, or null if there is no such person.")
    async def profile(self, info: Info, id: strawberry.ID) -> PublicProfile | None:
        record = await info.context.loaders.profiles.load(parse_id(id, "id"))
        return PublicProfile.from_record(record) if record else None
