"""The notification service's HTTP contract: inbox entries as its endpoints answer them."""
from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict


class NotificationRecord(BaseModel):
    """One inbox entry as the notification service stores it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: UUID
    recipient_id: UUID
    kind: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None = None


class NotificationList(BaseModel):
    """Answer to `GET /notifications`, newest first."""

    notifications: list[NotificationRecord]


class MarkedNotification(BaseModel):
    """Answer to `POST /notifications/{id}/read`."""

    notification: NotificationRecord
