"""Reads `notification.created` CloudEvents from Kafka records in binary content mode."""
from collections.abc import Sequence

from pydantic import ValidationError

from schemas.events.notification import NotificationCreated
from schemas.registry import contract_for
from services.common.envelope import InvalidEnvelope, from_headers

NOTIFICATION_CREATED = contract_for("mentornet.notification.created")


class InvalidEventError(Exception):
    """A record on the notifications topic breaks the CloudEvents or payload contract."""


def decode_notification(
    headers: Sequence[tuple[str, bytes]] | None, body: bytes | None
) -> NotificationCreated | None:
    """The event's payload; None for other event types, InvalidEventError for broken records."""
    try:
        envelope = from_headers(headers)
    except InvalidEnvelope as error:
        raise InvalidEventError(str(error)) from None
    if envelope.type != NOTIFICATION_CREATED.type:
        return None
    media_type = envelope.datacontenttype.split(";")[0].strip().lower()
    if media_type != "application/json":
        raise InvalidEventError(f"event {envelope.id}: unsupported content-type {envelope.datacontenttype!r}")
    if not body:
        raise InvalidEventError(f"event {envelope.id}: empty body")
    try:
        return NotificationCreated.model_validate_json(body)
    except ValidationError as error:
        problems = error.error_count()
        raise InvalidEventError(f"event {envelope.id}: payload breaks the contract ({problems} errors)") from None
