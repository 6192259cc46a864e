"""Live fan-out: each event reaches only its recipient's subscriptions, and slow readers lose old events."""
import asyncio
from uuid import uuid4

import pytest
from aiokafka import ConsumerRecord
from prometheus_client import REGISTRY

from gateway.live.events import InvalidEventError, decode_notification
from gateway.live.hub import LiveHub
from gateway.live.kafka_feed import KafkaNotificationFeed
from tests.unit.gateway.events import kafka_record, notification_event


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_event_reaches_only_the_recipients_subscriptions() -> None:
    hub = LiveHub()
    alice, bob = uuid4(), uuid4()
    event = notification_event(alice)

    async with hub.subscribe(alice) as alice_phone, hub.subscribe(alice) as alice_laptop, hub.subscribe(bob) as bobs:
        delivered = hub.publish(event)

        assert delivered == 2
        assert await asyncio.wait_for(alice_phone.next(), 1) == event
        assert await asyncio.wait_for(alice_laptop.next(), 1) == event
        assert bobs.pending() == 0


async def test_slow_subscriber_drops_oldest_without_holding_up_others() -> None:
    hub = LiveHub(queue_size=2)
    slow_reader, other = uuid4(), uuid4()
    dropped_before = _sample("mentornet_live_events_skipped_total", reason="dropped_slow_subscriber")

    async with hub.subscribe(slow_reader) as slow, hub.subscribe(other) as fast:
        events = [notification_event(slow_reader, title=f"n{i}") for i in range(3)]
        for event in events:
            hub.publish(event)
        hub.publish(other_event := notification_event(other))

        assert [await slow.next(), await slow.next()] == events[1:]
        assert await asyncio.wait_for(fast.next(), 1) == other_event
    assert _sample("mentornet_live_events_skipped_total", reason="dropped_slow_subscriber") == dropped_before + 1


async def test_closed_subscription_receives_nothing_and_is_no_longer_counted() -> None:
    hub = LiveHub()
    viewer = uuid4()
    subscribers_before = _sample("mentornet_live_subscribers")

    async with hub.subscribe(viewer):
        assert _sample("mentornet_live_subscribers") == subscribers_before + 1

    assert hub.publish(notification_event(viewer)) == 0
    assert not hub.has_subscribers()
    assert _sample("mentornet_live_subscribers") == subscribers_before


def test_valid_cloudevent_is_decoded() -> None:
    event = notification_event(uuid4())
    record = kafka_record(event.model_dump_json().encode())

    assert decode_notification(record.headers, record.value) == event


def test_other_event_types_are_ignored() -> None:
    record = kafka_record(b"{}", event_type="mentornet.notification.archived")

    assert decode_notification(record.headers, record.value) is None


@pytest.mark.parametrize(
    "record",
    [
        kafka_record(b"{}", headers=[("ce_type", b"mentornet.notification.created")]),
        kafka_record(b'{"notification_id": "nope"}'),
        kafka_record(b""),
    ],
    ids=["missing-headers", "payload-breaks-contract", "empty-body"],
)
def test_broken_records_are_invalid(record: ConsumerRecord) -> None:
    with pytest.raises(InvalidEventError):
        decode_notification(record.headers, record.value)


async def test_feed_skips_and_counts_invalid_records_and_delivers_valid_ones() -> None:
    hub = LiveHub()
    feed = KafkaNotificationFeed("kafka.test:9092", hub)
    viewer = uuid4()
    event = notification_event(viewer)
    invalid_before = _sample("mentornet_live_events_skipped_total", reason="invalid")

    async with hub.subscribe(viewer) as subscription:
        feed.deliver(kafka_record(b"not json"))
        feed.deliver(kafka_record(event.model_dump_json().encode()))

        assert await asyncio.wait_for(subscription.next(), 1) == event
        assert subscription.pending() == 0
    assert _sample("mentornet_live_events_skipped_total", reason="invalid") == invalid_before + 1
