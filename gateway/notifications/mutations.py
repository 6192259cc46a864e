"""Marking one of the viewer's own notifications as read."""
import strawberry

from gateway.arguments import parse_id
from gateway.context import Info
from gateway.notifications.types import Notification


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(description="Mark one of the viewer's notifications as read.")
    async def mark_notification_read(self, info: Info, id: strawberry.ID) -> Notification:
        context = info.context
        record = await context.upstreams.notifications.mark_read(parse_id(id, "id"), context.viewer.profile_id)
        return Notification.from_record(record)
