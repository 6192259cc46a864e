"""The viewer's inbox, newest first."""
import strawberry

from gateway.arguments import check_range
from gateway.context import Info
from gateway.notifications.types import Notification

DEFAULT_LIMIT = 20


@strawberry.type
class NotificationQueries:
    @strawberry.field(description="The viewer's in-app notifications, newest first.")
    async def notifications(
        self, info: Info, limit: int | None = DEFAULT_LIMIT, unread_only: bool | None = False
    ) -> list[Notification]:
        context = info.context
        records = await context.upstreams.notifications.inbox(
            context.viewer.profile_id,
            check_range(DEFAULT_LIMIT if limit is None else limit, "limit", 1, 100),
            bool(unread_only),
        )
        return [Notification.from_record(record) for record in records]
