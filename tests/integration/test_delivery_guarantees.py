"""A consumer applies each event once, and sets poison messages aside with the reason."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from schemas.events.profile import ProfileErased
from schemas.registry import NOTIFICATIONS_TOPIC, PROFILES_TOPIC
from tests.integration.factories import profile_created
from tests.support import cloud_event, eventually, produce, read_topic

CREATED = "mentornet.profile.created"


async def welcome_count(db, profile_id) -> int:
    return await db.fetchval(
        "SELECT count(*) FROM notifications WHERE recipient_id = $1 AND kind = 'welcome'", profile_id)


async def test_the_same_event_delivered_twice_has_one_effect(infra, notification_service, notification_db):
    profile = profile_created()
    message = cloud_event(profile, event_type=CREATED, key=str(profile.profile_id))
    await produce(infra.kafka_bootstrap_servers, [message])
    await eventually(lambda: welcome_count(notification_db, profile.profile_id), what="first delivery applied")

    marker = profile_created()
    await produce(infra.kafka_bootstrap_servers, [
        message,  # same ce_id and source: a redelivery
        cloud_event(marker, event_type=CREATED, key=str(marker.profile_id)),
    ])
    await eventually(lambda: welcome_count(notification_db, marker.profile_id), what="later event applied")

    assert await welcome_count(notification_db, profile.profile_id) == 1


async def test_duplicates_inside_one_batch_have_one_effect(infra, notification_service, notification_db):
    profile = profile_created()
    message = cloud_event(profile, event_type=CREATED, key=str(profile.profile_id))
    await produce(infra.kafka_bootstrap_servers, [message, message, message])
    await eventually(lambda: welcome_count(notification_db, profile.profile_id), what="event applied")
    marker = profile_created()
    await produce(infra.kafka_bootstrap_servers, [cloud_event(marker, event_type=CREATED, key=str(marker.profile_id))])
    await eventually(lambda: welcome_count(notification_db, marker.profile_id), what="later event applied")
    assert await welcome_count(notification_db, profile.profile_id) == 1


async def test_poison_messages_land_on_the_dead_letter_topic_with_the_reason(
        infra, notification_service, notification_db):
    key = str(uuid.uuid4())
    valid_headers = cloud_event(profile_created(), event_type=CREATED, key=key)[3]
    incomplete = profile_created().model_dump(mode="json")
    del incomplete["email"]
    after = profile_created()
    await produce(infra.kafka_bootstrap_servers, [
        (PROFILES_TOPIC, key.encode(), b"{not json", valid_headers),
        (PROFILES_TOPIC, key.encode(), __import__("orjson").dumps(incomplete),
         cloud_event(profile_created(), event_type=CREATED, key=key)[3]),
        (PROFILES_TOPIC, key.encode(), b"{}", [("content-type", b"application/json")]),
        (PROFILES_TOPIC, key.encode(), b"{}", [(n, v) for n, v in valid_headers if n != "ce_type"]
         + [("ce_type", b"mentornet.profile.teleported")]),
        cloud_event(after, event_type=CREATED, key=str(after.profile_id)),
    ])

    await eventually(lambda: welcome_count(notification_db, after.profile_id), what="valid message after poison")
    dead = await read_topic(infra.kafka_bootstrap_servers, f"{PROFILES_TOPIC}.dlq", expect=4)
    reasons = {dict(r.headers)["dlq_reason"].decode() for r in dead if r.key == key.encode()}
    assert len(reasons) == 4, reasons
    assert any("Invalid JSON" in r for r in reasons)
    assert any("email" in r and "Field required" in r for r in reasons)
    assert any("missing CloudEvents header" in r for r in reasons)
    assert any("unknown event type 'mentornet.profile.teleported'" in r for r in reasons)
    original = next(r for r in dead if r.value == b"{not json")
    headers = dict(original.headers)
    assert headers["ce_type"] == CREATED.encode(), "original headers are kept"
    assert headers["dlq_topic"] == PROFILES_TOPIC.encode()
    assert headers["dlq_consumer"] == b"notification.inbox"


async def test_a_replay_after_the_inbox_forgot_the_event_still_welcomes_nobody_twice(
        infra, notification_service, notification_db):
    profile = profile_created()
    message = cloud_event(profile, event_type=CREATED, key=str(profile.profile_id))
    await produce(infra.kafka_bootstrap_servers, [message])
    await eventually(lambda: welcome_count(notification_db, profile.profile_id), what="first delivery applied")
    await notification_db.execute("DELETE FROM inbox")  # as after the retention window, or a reset group

    marker = profile_created()
    await produce(infra.kafka_bootstrap_servers, [message, cloud_event(marker, event_type=CREATED,
                                                                       key=str(marker.profile_id))])
    await eventually(lambda: welcome_count(notification_db, marker.profile_id), what="later event applied")
    assert await welcome_count(notification_db, profile.profile_id) == 1


async def test_a_person_erased_in_the_same_batch_as_created_is_never_welcomed(
        infra, notification_service, notification_db):
    profile = profile_created()
    erased = ProfileErased(profile_id=profile.profile_id, version=2, erased_at=datetime.now(UTC))
    key = str(profile.profile_id)
    marker = profile_created()
    await produce(infra.kafka_bootstrap_servers, [
        cloud_event(profile, event_type=CREATED, key=key),
        cloud_event(erased, event_type="mentornet.profile.erased", key=key),
        cloud_event(marker, event_type=CREATED, key=str(marker.profile_id)),
    ])
    await eventually(lambda: welcome_count(notification_db, marker.profile_id), what="later event applied")
    assert await welcome_count(notification_db, profile.profile_id) == 0
    contact = await notification_db.fetchrow("SELECT * FROM contacts WHERE profile_id = $1", profile.profile_id)
    assert contact["erased"] and contact["email"] is None
    announced = await read_topic(infra.kafka_bootstrap_servers, NOTIFICATIONS_TOPIC, expect=1, timeout=2,
                                 matching=lambda r: r.key == key.encode())
    assert announced == [], "nothing about an erased person is announced after the erasure"
