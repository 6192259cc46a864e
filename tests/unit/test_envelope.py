"""The CloudEvents 1.0 Kafka binary-mode envelope: round trips, interop with the reference SDK, rejections."""
from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent as CoreCloudEvent
from cloudevents.v1 import kafka as ce_kafka_v1
from cloudevents.v1.http import CloudEvent as V1CloudEvent

from services.common.envelope import JSON, Envelope, InvalidEnvelope, from_headers, new_event_id, to_headers

TIME = datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
PAYLOAD = {"profile_id": "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f", "version": 3, "skills": ["python", "kafka"]}
VALUE = json.dumps(PAYLOAD).encode()
KEY = b"6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"


def full_envelope() -> Envelope:
    return Envelope(
        id="0b5e2f8c-9d41-4a7e-8f1a-2c3d4e5f6a7b",
        source="mentornet/profile",
        type="mentornet.profile.updated",
        time=TIME,
        subject="6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f",
        dataschema="mentornet:mentornet.profile.updated/v1",
        correlation_id="c0ffee00-0000-4000-8000-000000000001",
    )


def minimal_headers(**overrides: bytes | None) -> list[tuple[str, bytes]]:
    headers = {"ce_specversion": b"1.0", "ce_id": b"e-1", "ce_source": b"tests",
               "ce_type": b"mentornet.profile.created", "ce_time": b"2024-03-01T12:30:15+00:00"}
    headers.update(overrides)
    return [(name, value) for name, value in headers.items() if value is not None]


# --- round trip -------------------------------------------------------------------------------------------------


def test_round_trip_keeps_every_attribute():
    envelope = full_envelope()
    assert from_headers(to_headers(envelope)) == envelope


def test_round_trip_of_a_minimal_envelope_keeps_optional_attributes_absent():
    envelope = Envelope("e-1", "tests", "mentornet.profile.created", TIME)
    headers = to_headers(envelope)
    names = [name for name, _ in headers]
    assert "ce_subject" not in names and "ce_dataschema" not in names and "ce_correlationid" not in names
    assert from_headers(headers) == envelope


def test_round_trip_keeps_a_non_default_content_type_and_a_non_utc_offset():
    india = timezone(timedelta(hours=5, minutes=30))
    envelope = full_envelope()._replace(datacontenttype="application/cloudevents+json; charset=utf-8",
                                        time=datetime(2024, 7, 1, 9, 0, tzinfo=india))
    decoded = from_headers(to_headers(envelope))
    assert decoded == envelope
    assert decoded.time.utcoffset() == timedelta(hours=5, minutes=30)


def test_round_trip_of_non_ascii_attributes():
    envelope = full_envelope()._replace(source="mentornet/profil-größe", subject="ünïcødé ✓")
    assert from_headers(to_headers(envelope)) == envelope


def test_envelope_new_fills_id_time_and_defaults_correlation_to_the_id():
    before = datetime.now(UTC)
    envelope = Envelope.new(source="mentornet/profile", type="mentornet.profile.created", subject="s")
    assert envelope.correlation_id == envelope.id
    assert before <= envelope.time <= datetime.now(UTC)
    assert envelope.time.tzinfo is not None
    assert from_headers(to_headers(envelope)) == envelope


def test_to_headers_uses_binary_mode_names_and_bytes_values():
    headers = to_headers(full_envelope())
    assert all(isinstance(name, str) and isinstance(value, bytes) for name, value in headers)
    names = [name for name, _ in headers]
    assert len(names) == len(set(names)), "a header must not be written twice"
    assert dict(headers)["ce_specversion"] == b"1.0"
    assert dict(headers)["content-type"] == JSON.encode()


# --- interop with the reference SDK -----------------------------------------------------------------------------


def test_our_headers_decode_with_the_reference_sdk_core_binding():
    envelope = full_envelope()
    message = ce_kafka.KafkaMessage(headers=dict(to_headers(envelope)), key=KEY, value=VALUE)
    event = ce_kafka.from_binary(message, JSONFormat())

    assert event.get_id() == envelope.id
    assert event.get_source() == envelope.source
    assert event.get_type() == envelope.type
    assert event.get_time() == envelope.time
    assert event.get_subject() == envelope.subject
    assert event.get_dataschema() == envelope.dataschema
    assert event.get_datacontenttype() == JSON
    assert event.get_specversion() == "1.0"
    assert event.get_extension("correlationid") == envelope.correlation_id
    assert event.get_extension("partitionkey") == KEY.decode()
    assert event.get_data() == PAYLOAD


def test_our_headers_decode_with_the_reference_sdk_v1_kafka_api():
    envelope = full_envelope()
    message = ce_kafka_v1.KafkaMessage(headers=dict(to_headers(envelope)), key=KEY, value=VALUE)
    event = ce_kafka_v1.from_binary(message)

    assert event["id"] == envelope.id
    assert event["source"] == envelope.source
    assert event["type"] == envelope.type
    assert datetime.fromisoformat(event["time"]) == envelope.time
    assert event["subject"] == envelope.subject
    assert event["specversion"] == "1.0"
    assert event["correlationid"] == envelope.correlation_id
    assert event.get_data() == PAYLOAD


def test_a_message_from_the_reference_sdk_core_binding_is_read():
    event = CoreCloudEvent(
        {"type": "mentornet.profile.created", "source": "partner/crm", "subject": "subject-1",
         "datacontenttype": "application/json", "correlationid": "corr-1",
         "time": datetime(2024, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)},
        PAYLOAD,
    )
    message = ce_kafka.to_binary(event, JSONFormat())
    assert message.headers["ce_time"].endswith(b"Z"), "the SDK writes UTC as 'Z'; we must read that form"

    envelope = from_headers(list(message.headers.items()))

    assert envelope.id == event.get_id()
    assert envelope.source == "partner/crm"
    assert envelope.type == "mentornet.profile.created"
    assert envelope.time == datetime(2024, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)
    assert envelope.subject == "subject-1"
    assert envelope.correlation_id == "corr-1"
    assert envelope.datacontenttype == "application/json"
    assert json.loads(message.value) == PAYLOAD


def test_a_message_from_the_reference_sdk_v1_kafka_api_is_read():
    event = V1CloudEvent(
        {"type": "mentornet.profile.updated", "source": "partner/hr", "subject": "subject-2",
         "datacontenttype": "application/json", "dataschema": "mentornet:mentornet.profile.updated/v1"},
        PAYLOAD,
    )
    message = ce_kafka_v1.to_binary(event)

    envelope = from_headers(list(message.headers.items()))

    assert envelope.id == event["id"]
    assert envelope.source == "partner/hr"
    assert envelope.type == "mentornet.profile.updated"
    assert envelope.time == datetime.fromisoformat(event["time"])
    assert envelope.subject == "subject-2"
    assert envelope.dataschema == "mentornet:mentornet.profile.updated/v1"
    assert envelope.correlation_id is None
    assert json.loads(message.value) == PAYLOAD


def test_a_message_without_time_gets_the_receive_time():
    before = datetime.now(UTC)
    envelope = from_headers(minimal_headers(ce_time=None))
    assert before <= envelope.time <= datetime.now(UTC)


# --- rejections -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["ce_id", "ce_source", "ce_type", "ce_specversion"])
def test_a_missing_required_header_is_named(header: str):
    with pytest.raises(InvalidEnvelope, match=header):
        from_headers(minimal_headers(**{header: None}))


@pytest.mark.parametrize("header", ["ce_id", "ce_source", "ce_type"])
def test_an_empty_required_header_counts_as_missing(header: str):
    with pytest.raises(InvalidEnvelope, match=header):
        from_headers(minimal_headers(**{header: b""}))


@pytest.mark.parametrize("headers", [None, (), []])
def test_no_headers_at_all_names_every_required_header(headers):
    with pytest.raises(InvalidEnvelope) as caught:
        from_headers(headers)
    for header in ("ce_id", "ce_source", "ce_type", "ce_specversion"):
        assert header in str(caught.value)


def test_a_header_with_a_null_value_counts_as_missing():
    headers = [(name, None if name == "ce_id" else value) for name, value in minimal_headers()]
    with pytest.raises(InvalidEnvelope, match="ce_id"):
        from_headers(headers)


@pytest.mark.parametrize("version", [b"0.3", b"2.0", b"1", b"1.0.0"])
def test_a_wrong_specversion_is_rejected(version: bytes):
    with pytest.raises(InvalidEnvelope, match="specversion"):
        from_headers(minimal_headers(ce_specversion=version))


def test_a_non_utf8_attribute_header_is_rejected():
    with pytest.raises(InvalidEnvelope, match="UTF-8"):
        from_headers(minimal_headers(ce_source=b"\xff\xfe caf\xe9"))


def test_unrelated_binary_headers_are_ignored():
    headers = minimal_headers() + [("traceparent-bin", b"\xff\x00\xfe"), ("x-other", b"\x80")]
    assert from_headers(headers).id == "e-1"


@pytest.mark.parametrize("raw", [b"yesterday", b"2024-13-01T00:00:00Z", b"2024-03-01T25:00:00Z", b"12:00"])
def test_a_malformed_time_is_rejected(raw: bytes):
    with pytest.raises(InvalidEnvelope, match="ce_time"):
        from_headers(minimal_headers(ce_time=raw))


@pytest.mark.parametrize("raw, expected", [
    (b"2024-03-01T12:30:15Z", datetime(2024, 3, 1, 12, 30, 15, tzinfo=UTC)),
    (b"2024-03-01T12:30:15.5+00:00", datetime(2024, 3, 1, 12, 30, 15, 500000, tzinfo=UTC)),
    (b"2024-03-01T14:30:15+02:00", datetime(2024, 3, 1, 12, 30, 15, tzinfo=UTC)),
    # RFC 3339 section 5.6: "T" and "Z" may alternatively be lower case.
    (b"2024-03-01t12:30:15z", datetime(2024, 3, 1, 12, 30, 15, tzinfo=UTC)),
], ids=["utc-Z", "fraction-offset", "plus-two", "lower-case-t-z"])
def test_rfc3339_times_are_read(raw: bytes, expected: datetime):
    parsed = from_headers(minimal_headers(ce_time=raw)).time
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_a_time_without_offset_is_taken_as_utc():
    assert from_headers(minimal_headers(ce_time=b"2024-03-01T12:30:15")).time == datetime(
        2024, 3, 1, 12, 30, 15, tzinfo=UTC)


# --- event ids --------------------------------------------------------------------------------------------------

UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_new_event_ids_are_version_4_uuids():
    for _ in range(2000):
        event_id = new_event_id()
        assert UUID_TEXT.match(event_id), event_id
        parsed = uuid.UUID(event_id)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == event_id


def test_new_event_ids_are_distinct_and_use_every_variant_nibble():
    ids = [new_event_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert {event_id[19] for event_id in ids} == set("89ab")
