"""Events published by the notification service on `notification.notifications.v1`, keyed by recipient id."""
from uuid import UUID

from pydantic import AwareDatetime, Field

from schemas.events.base import EventData


class NotificationCreated(EventData):
    """An in-app notification reached a person's inbox; the gateway streams it to live subscribers."""

    notification_id: UUID
    recipient_id: UUID
    kind: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=2000)
    created_at: AwareDatetime
