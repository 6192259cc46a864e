"""GraphQL shape of an inbox notification."""
from datetime import datetime

import strawberry

from schemas.api.notification import NotificationRecord
from schemas.events.notification import NotificationCreated


@strawberry.type(description="An entry in the viewer's in-app inbox.")
class Notification:
    id: strawberry.ID
    kind: str = strawberry.field(description="What happened: 'welcome' or 'recommendations'; more kinds may be added.")
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None = strawberry.field(description="When the viewer marked it read; null while unread.")

    @classmethod
    def from_record(cls, record: NotificationRecord) -> "Notification":
        return cls(
            id=strawberry.ID(str(record.id)),
            kind=record.kind,
            title=record.title,
            body=record.body,
            created_at=record.created_at,
            read_at=record.read_at,
        )

    @classmethod
    def from_event(cls, event: NotificationCreated) -> "Notification":
        return cls(
            id=strawberry.ID(str(event.notification_id)),
            kind=event.kind,
            title=event.title,
            body=event.body,
            created_at=event.created_at,
            read_at=None,
        )
