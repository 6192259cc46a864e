"""Writing and erasing one's own profile; who and which organisation always come from the token."""
import strawberry

from gateway.context import Info
from gateway.profiles.types import Profile, ProfileInput
from gateway.profiles.validation import validate_draft


@strawberry.type
class ProfileMutations:
    @strawberry.mutation(description="Create or update the viewer's own profile.")
    async def save_my_profile(self, info: Info, input: ProfileInput) -> Profile:
        context = info.context
        viewer = context.viewer
        draft = validate_draft(input.as_values())
        record = await context.upstreams.profiles.save(viewer.profile_id, draft, viewer.org_id)
        context.loaders.profiles.prime(record.id, record, force=True)
        return Profile.from_record(record)

    @strawberry.mutation(description="Erase the viewer's own profile; the other services forget them too.")
    async def erase_my_profile(self, info: Info) -> bool:
        context = info.context
        viewer = context.viewer
        erased = await context.upstreams.profiles.erase(viewer.profile_id)
        context.loaders.profiles.prime(viewer.profile_id, None, force=True)
        return erased
