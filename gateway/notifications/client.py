"""Typed calls to the notification service's internal API."""
from uuid import UUID

from gateway.upstream import UpstreamClient
from schemas.api.notification import MarkedNotification, NotificationList, NotificationRecord


class NotificationClient(UpstreamClient):
    """Reads and updates inboxes; the only place that knows the notification service's paths."""

    async def inbox(self, recipient_id: UUID, limit: int, unread_only: bool) -> list[NotificationRecord]:
        params = {"recipient_id": str(recipient_id), "limit": str(limit), "unread_only": str(unread_only).lower()}
        answer = await self.call("GET", "/notifications", params=params)
        return self.parse(NotificationList, answer).notifications

    async def mark_read(self, notification_id: UUID, recipient_id: UUID) -> NotificationRecord:
        answer = await self.call(
            "POST", f"/notifications/{notification_id}/read", json={"recipient_id": str(recipient_id)}
        )
        return self.parse(MarkedNotification, answer).notification
