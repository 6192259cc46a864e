"""Live delivery of the viewer's new notifications for as long as their token is valid."""
import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime

import strawberry

from gateway.context import Info
from gateway.errors import unauthenticated
from gateway.notifications.types import Notification

TOKEN_EXPIRED = "The token expired; reconnect with a fresh one."


def _seconds_until(instant: datetime) -> float:
    return (instant - datetime.now(UTC)).total_seconds()


@strawberry.type
class NotificationSubscriptions:
    @strawberry.subscription(description="Notifications reaching the viewer's inbox from now on.")
    async def notification_added(self, info: Info) -> AsyncGenerator[Notification, None]:
        context = info.context
        viewer = context.viewer
        async with context.live_hub.subscribe(viewer.profile_id) as feed:
            while (remaining := _seconds_until(viewer.expires_at)) > 0:
                try:
                    async with asyncio.timeout(remaining):
                        event = await feed.next()
                except TimeoutError:
                    break
                yield Notification.from_event(event)
        raise unauthenticated(TOKEN_EXPIRED)
