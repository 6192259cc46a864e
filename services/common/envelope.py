"""CloudEvents 1.0 envelope in Kafka binary mode: attributes in `ce_*` headers, data as the value."""
from __future__ import annotations

import os
import random
from datetime import UTC, datetime
from typing import Any, Generic, NamedTuple, TypeVar

from schemas.events.base import EventData

SPECVERSION = "1.0"
JSON = "application/json"

Headers = list[tuple[str, bytes]]
T = TypeVar("T", bound=EventData)


_ids = random.Random(os.urandom(32))  # seeded per process from the OS; ids need uniqueness, not secrecy
_VERSION_4 = (0x4000 << 64) | (0x8000 << 48)
_VERSION_MASK = ~((0xF000 << 64) | (0xC000 << 48))


def new_event_id() -> str:
    """A random version-4 UUID as text, made without a system call: one is needed per event."""
    h = f"{(_ids.getrandbits(128) & _VERSION_MASK) | _VERSION_4:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class InvalidEnvelope(ValueError):
    """The message is not a CloudEvent we can route: a missing or malformed attribute."""


class Envelope(NamedTuple):
    """Context attributes of one event (everything but its data); a tuple because millions are made."""

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
        event_id = new_event_id()
        return cls(event_id, source, type, datetime.now(UTC), subject, dataschema,
                   correlation_id or event_id)


class Event(NamedTuple, Generic[T]):
    """A decoded, validated event as handlers see it, with where it came from."""

    envelope: Envelope
    data: T
    key: str | None = None
    topic: str = ""
    partition: int = -1
    offset: int = -1
    record: Any = None

    @property
    def type(self) -> str:
        return self.envelope.type


class OutgoingEvent(NamedTuple):
    """An event on its way out: topic and partition key decide where it lands and its order."""

    topic: str
    key: str
    envelope: Envelope
    payload: bytes


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


def from_headers(headers: Headers | tuple | None) -> Envelope:
    """Read the envelope from Kafka headers; raises InvalidEnvelope naming what is wrong."""
    try:
        values = {name: value.decode() for name, value in headers or () if name in _ATTRIBUTES and value is not None}
    except UnicodeDecodeError as exc:
        raise InvalidEnvelope(f"header is not UTF-8 text: {exc}") from None
    missing = [name for name in _REQUIRED if not values.get(name)]
    if missing:
        raise InvalidEnvelope(f"missing CloudEvents header(s): {', '.join(missing)}")
    if values["ce_specversion"] != SPECVERSION:
        raise InvalidEnvelope(f"unsupported ce_specversion {values['ce_specversion']!r}, expected {SPECVERSION}")
    return Envelope(
        values["ce_id"], values["ce_source"], values["ce_type"], _parse_time(values.get("ce_time")),
        values.get("ce_subject"), values.get("ce_dataschema"), values.get("ce_correlationid"),
        values.get("content-type", JSON),
    )


_REQUIRED = ("ce_id", "ce_source", "ce_type", "ce_specversion")
_ATTRIBUTES = frozenset({*_REQUIRED, "ce_time", "ce_subject", "ce_dataschema", "ce_correlationid", "content-type"})


def _parse_time(raw: str | None) -> datetime:
    if not raw:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(raw.strip().upper().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidEnvelope(f"ce_time is not an RFC 3339 timestamp: {raw!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
