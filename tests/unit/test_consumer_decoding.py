"""EventConsumer._decode: which records become events, which are poison (dead-lettered), which are skipped."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from aiokafka.structs import ConsumerRecord
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent as CoreCloudEvent

from schemas.events.matching import RecommendationsRefreshed
from schemas.events.profile import ProfileCreated, ProfileErased
from schemas.registry import CONTRACTS, NOTIFICATIONS_TOPIC, PROFILES_TOPIC, RECOMMENDATIONS_TOPIC
from services.common.consumer import EventConsumer, TopicHandler
from services.common.envelope import Envelope, to_headers
from services.common.settings import ServiceSettings

PROFILE_ID = uuid.UUID("6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f")
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
PROFILE_EVENTS = frozenset({"mentornet.profile.created", "mentornet.profile.updated", "mentornet.profile.erased"})


async def _no_effect(conn, events):  # pragma: no cover - _decode never calls handlers
    raise AssertionError("decoding must not apply anything")


def make_consumer(*handlers: TopicHandler) -> EventConsumer:
    settings = ServiceSettings(service_name="t", database_url="postgresql://x", internal_token="test-internal-token")
    handlers = handlers or (TopicHandler(PROFILES_TOPIC, PROFILE_EVENTS, _no_effect),)
    return EventConsumer("test", list(handlers), pool=None, producer=None, settings=settings)


def profile_created() -> ProfileCreated:
    return ProfileCreated(
        profile_id=PROFILE_ID, version=1, role="mentee", display_name="Ada", email="ada@example.org",
        field="software engineering", skills=["python"], goals=["architecture"], seniority_years=2,
        languages=["en"], timezone="Europe/Berlin", capacity=0, updated_at=NOW,
    )


def headers_for(event_type: str, **envelope) -> list[tuple[str, bytes]]:
    return to_headers(Envelope(envelope.pop("id", str(uuid.uuid4())), "tests", event_type, NOW, **envelope))


def record(value: bytes | None, headers, *, topic: str = PROFILES_TOPIC, key: bytes | None = str(PROFILE_ID).encode(),
           partition: int = 3, offset: int = 42) -> ConsumerRecord:
    return ConsumerRecord(
        topic=topic, partition=partition, offset=offset, timestamp=0, timestamp_type=0, key=key, value=value,
        checksum=None, serialized_key_size=len(key or b""), serialized_value_size=len(value or b""),
        headers=tuple(headers) if headers is not None else (),
    )


def created_record(**kwargs) -> ConsumerRecord:
    return record(profile_created().model_dump_json().encode(), headers_for("mentornet.profile.created"), **kwargs)


def only_poison(decoded):
    assert decoded.events == {} and decoded.ignored == [], "the record must be poison and nothing else"
    assert len(decoded.poison) == 1
    return decoded.poison[0]


# --- valid events -----------------------------------------------------------------------------------------------


def test_a_valid_event_is_decoded_with_its_key_partition_and_offset():
    rec = created_record(partition=5, offset=1234)
    decoded = make_consumer()._decode([rec])

    assert decoded.poison == [] and decoded.ignored == []
    [event] = decoded.events[PROFILES_TOPIC]
    assert event.type == "mentornet.profile.created"
    assert event.data == profile_created()
    assert isinstance(event.data, ProfileCreated)
    assert event.key == str(PROFILE_ID)
    assert (event.topic, event.partition, event.offset) == (PROFILES_TOPIC, 5, 1234)
    assert event.record is rec
    assert event.envelope.time == NOW


def test_a_valid_event_without_key_has_no_key():
    [event] = make_consumer()._decode([created_record(key=None)]).events[PROFILES_TOPIC]
    assert event.key is None


def test_events_keep_their_order_and_are_grouped_by_topic():
    consumer = make_consumer(
        TopicHandler(PROFILES_TOPIC, PROFILE_EVENTS, _no_effect),
        TopicHandler(RECOMMENDATIONS_TOPIC, frozenset({"mentornet.matching.recommendations_refreshed"}), _no_effect),
    )
    erased = ProfileErased(profile_id=PROFILE_ID, version=2, erased_at=NOW)
    refreshed = RecommendationsRefreshed(mentee_id=PROFILE_ID, mentors=[], generated_at=NOW)
    records = [
        created_record(offset=10),
        record(refreshed.model_dump_json().encode(), headers_for("mentornet.matching.recommendations_refreshed"),
               topic=RECOMMENDATIONS_TOPIC, offset=7),
        record(erased.model_dump_json().encode(), headers_for("mentornet.profile.erased"), offset=11),
    ]
    decoded = consumer._decode(records)
    assert decoded.poison == []
    assert [(e.type, e.offset) for e in decoded.events[PROFILES_TOPIC]] == [
        ("mentornet.profile.created", 10), ("mentornet.profile.erased", 11)]
    assert [e.offset for e in decoded.events[RECOMMENDATIONS_TOPIC]] == [7]


def test_a_partner_event_made_with_the_reference_sdk_is_decoded():
    sdk_event = CoreCloudEvent(
        {"type": "mentornet.profile.created", "source": "partner/crm", "datacontenttype": "application/json",
         "partitionkey": str(PROFILE_ID)},
        json.loads(profile_created().model_dump_json()),
    )
    message = ce_kafka.to_binary(sdk_event, JSONFormat())
    rec = record(message.value, list(message.headers.items()), key=message.key.encode())

    decoded = make_consumer()._decode([rec])

    assert decoded.poison == []
    [event] = decoded.events[PROFILES_TOPIC]
    assert event.data == profile_created()
    assert event.envelope.id == sdk_event.get_id()
    assert event.key == str(PROFILE_ID)


def test_unknown_payload_fields_are_accepted_for_additive_change():
    payload = json.loads(profile_created().model_dump_json()) | {"pronouns": "she/her"}
    decoded = make_consumer()._decode([record(json.dumps(payload).encode(), headers_for("mentornet.profile.created"))])
    assert decoded.poison == [] and len(decoded.events[PROFILES_TOPIC]) == 1


# --- poison -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [b"{not json", b"", None, b"\xff\xfe"], ids=["broken", "empty", "null", "binary"])
def test_invalid_json_is_poison(value):
    rec = record(value, headers_for("mentornet.profile.created"))
    poison = only_poison(make_consumer()._decode([rec]))
    assert poison.record is rec
    assert poison.error == "ValidationError"
    assert "Invalid JSON" in poison.reason


def test_a_schema_violation_is_poison_naming_the_field_path():
    payload = json.loads(profile_created().model_dump_json())
    payload["languages"] = ["en", "english"]
    poison = only_poison(make_consumer()._decode(
        [record(json.dumps(payload).encode(), headers_for("mentornet.profile.created"))]))
    assert poison.error == "ValidationError"
    assert poison.reason.startswith("schema validation failed")
    assert "languages.1" in poison.reason


def test_a_nested_schema_violation_names_the_nested_path():
    consumer = make_consumer(
        TopicHandler(RECOMMENDATIONS_TOPIC, frozenset({"mentornet.matching.recommendations_refreshed"}), _no_effect))
    payload = {"mentee_id": str(PROFILE_ID), "generated_at": NOW.isoformat(),
               "mentors": [{"mentor_id": str(uuid.uuid4()), "score": 0.5},
                           {"mentor_id": str(uuid.uuid4()), "score": 1.5}]}
    poison = only_poison(consumer._decode([record(
        json.dumps(payload).encode(), headers_for("mentornet.matching.recommendations_refreshed"),
        topic=RECOMMENDATIONS_TOPIC)]))
    assert "mentors.1.score" in poison.reason


def test_a_missing_required_field_is_poison_naming_it():
    payload = json.loads(profile_created().model_dump_json())
    del payload["email"]
    poison = only_poison(make_consumer()._decode(
        [record(json.dumps(payload).encode(), headers_for("mentornet.profile.created"))]))
    assert "email" in poison.reason


def test_an_unknown_event_type_is_poison():
    poison = only_poison(make_consumer()._decode(
        [record(b"{}", headers_for("mentornet.profile.teleported"))]))
    assert poison.error == "UnknownType"
    assert "unknown event type" in poison.reason
    assert "mentornet.profile.teleported" in poison.reason


def test_a_type_registered_for_another_topic_is_poison():
    assert CONTRACTS["mentornet.notification.created"].topic == NOTIFICATIONS_TOPIC
    poison = only_poison(make_consumer()._decode(
        [record(b"{}", headers_for("mentornet.notification.created"), topic=PROFILES_TOPIC)]))
    assert poison.error == "UnknownType"
    assert "unknown event type" in poison.reason
    assert PROFILES_TOPIC in poison.reason


@pytest.mark.parametrize("headers", [None, [], [("content-type", b"application/json")]],
                         ids=["none", "empty", "no-ce-headers"])
def test_missing_headers_are_poison(headers):
    rec = record(profile_created().model_dump_json().encode(), headers)
    poison = only_poison(make_consumer()._decode([rec]))
    assert poison.error == "InvalidEnvelope"
    assert "ce_type" in poison.reason


def test_a_wrong_specversion_is_poison():
    headers = [(n, b"0.3" if n == "ce_specversion" else v) for n, v in headers_for("mentornet.profile.created")]
    poison = only_poison(make_consumer()._decode([record(profile_created().model_dump_json().encode(), headers)]))
    assert poison.error == "InvalidEnvelope"


# --- ignored ----------------------------------------------------------------------------------------------------


def test_a_known_type_this_consumer_does_not_handle_is_ignored_not_poison():
    consumer = make_consumer(TopicHandler(PROFILES_TOPIC, frozenset({"mentornet.profile.erased"}), _no_effect))
    decoded = consumer._decode([created_record()])
    assert decoded.poison == []
    assert decoded.events == {}
    assert decoded.ignored == [(PROFILES_TOPIC, "mentornet.profile.created")]


def test_an_ignored_type_is_not_validated():
    """A payload this consumer never reads must not be dead-lettered for being invalid."""
    consumer = make_consumer(TopicHandler(PROFILES_TOPIC, frozenset({"mentornet.profile.erased"}), _no_effect))
    decoded = consumer._decode([record(b"{broken", headers_for("mentornet.profile.created"))])
    assert decoded.poison == [] and decoded.ignored == [(PROFILES_TOPIC, "mentornet.profile.created")]


def test_a_mixed_batch_is_sorted_into_events_poison_and_ignored():
    consumer = make_consumer(TopicHandler(PROFILES_TOPIC, frozenset({"mentornet.profile.created"}), _no_effect))
    erased = ProfileErased(profile_id=PROFILE_ID, version=2, erased_at=NOW)
    records = [
        created_record(offset=1),
        record(b"nope", headers_for("mentornet.profile.created"), offset=2),
        record(erased.model_dump_json().encode(), headers_for("mentornet.profile.erased"), offset=3),
        record(b"{}", None, offset=4),
        created_record(offset=5),
    ]
    decoded = consumer._decode(records)
    assert [e.offset for e in decoded.events[PROFILES_TOPIC]] == [1, 5]
    assert [p.record.offset for p in decoded.poison] == [2, 4]
    assert decoded.ignored == [(PROFILES_TOPIC, "mentornet.profile.erased")]
