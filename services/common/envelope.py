"""CloudEvents 1.0 envelope in Kafka binary mode: attributes in `ce_*` headers, data as the value."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Generic, TypeVar

from schemas.events.base import EventData

SPECVERSION = "1.0"
JSON = "application/json"

Headers = list[tuple[str, bytes]]
T = TypeVar("T", bound=EventData)


class InvalidEnvelope(ValueError):
    """The message is not a CloudEvent we can route: a missing or malformed attribute."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """Context attributes of one event (everything but its data)."""

    id: str
    source: str
    type: str
    time: datetime
    subject: str | None = None
    dataschema: str | None = None
    correlation_id: str | None = None
    datacontenttype: str = JSON

    @classmethod
    def new(cls, *, source: str, type: str, subject: str | None = None, dataschema: str | None = None,
            correlation_id: str | None = None) -> Envelope:
        event_id = str(uuid.uuid4())
        return cls(event_id, source, type, datetime.now(timezone.utc), subject, dataschema,
                   correlation_id or event_id)


@dataclass(frozen=True, slots=True)
class Event(Generic[T]):
    """A decoded, validated event as handlers see it, with where it came from."""

    envelope: Envelope
    data: T
    key: str | None = None
    topic: str = ""
    partition: int = -1
    offset: int = -1
    record: Any = field(default=None, repr=False, compare=False)

    @property
    def type(self) -> str:
        return self.envelope.type


@dataclass(frozen=True, slots=True)
class OutgoingEvent:
    """An event on its way out: topic and partition key decide where it lands and its order."""

    topic: str
    key: str
    envelope: Envelope
    payload: bytes = field(repr=False)


def to_headers(envelope: Envelope) -> Headers:
    headers: Headers = [
        ("ce_specversion", b"1.0"),
        ("ce_id", envelope.id.encode()),
        ("ce_source", envelope.source.encode()),
        ("ce_type", envelope.type.encode()),
        ("ce_time", envelope.time.isoformat().encode()),
        ("content-type", envelope.datacontenttype.encode()),
    ]
    if envelope.subject is not None:
        headers.append(("ce_subject", envelope.subject.encode()))
    if envelope.dataschema is not None:
        headers.append(("ce_dataschema", envelope.dataschema.encode()))
    if envelope.correlation_id is not None:
        headers.append(("ce_correlationid", envelope.correlation_id.encode()))
    return headers


_REQUIRED = ("ce_id", "ce_source", "ce_type", "ce_specversion")


def from_headers(headers: Headers | tuple | None) -> Envelope:
    """Read the envelope from Kafka headers; raises InvalidEnvelope naming what is wrong."""
    values: dict[str, str] = {}
    try:
        for name, raw in headers or ():
            if name.startswith("ce_") or name == "content-type":
                values[name] = raw.decode() if raw is not None else ""
    except UnicodeDecodeError as exc:
        raise InvalidEnvelope(f"header is not UTF-8: {exc}") from None
    missing = [name for name in _REQUIRED if not values.get(name)]
    if missing:
        raise InvalidEnvelope(f"missing CloudEvents header(s): {', '.join(missing)}")
    if values["ce_specversion"] != SPECVERSION:
        raise InvalidEnvelope(f"unsupported ce_specversion {values['ce_specversion']!r}, expected {SPECVERSION}")
    return Envelope(
        id=values["ce_id"],
        source=values["ce_source"],
        type=values["ce_type"],
        time=_parse_time(values.get("ce_time")),
        subject=values.get("ce_subject"),
        dataschema=values.get("ce_dataschema"),
        correlation_id=values.get("ce_correlationid"),
        datacontenttype=values.get("content-type", JSON),
    )


def _parse_time(raw: str | None) -> datetime:
    if not raw:
        return datetime.now(timezone.utc)
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidEnvelope(f"ce_time is not an RFC 3339 timestamp: {raw!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
