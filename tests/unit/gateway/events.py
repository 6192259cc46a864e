"""Builders of notification events and the Kafka records that carry them."""
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from aiokafka import ConsumerRecord

from schemas.events.notification import NotificationCreated
from services.common.envelope import Envelope, to_headers

NOTIFICATION_CREATED = "mentornet.notification.created"


def notification_event(recipient_id: UUID, title: str = "Hello") -> NotificationCreated:
    return NotificationCreated(
        notification_id=uuid4(),
        recipient_id=recipient_id,
        kind="recommendations",
        title=title,
        body="Someone could mentor you.",
        created_at=datetime.now(UTC),
    )


def kafka_record(value: bytes, *, event_type: str = NOTIFICATION_CREATED, headers: Any = None) -> ConsumerRecord:
    envelope = Envelope.new(source="/mentornet/notification", type=event_type)
    return ConsumerRecord(
        topic="notification.notifications.v1",
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=None,
        value=value,
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=len(value),
        headers=to_headers(envelope) if headers is None else headers,
    )
