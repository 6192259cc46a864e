"""A partner's own Kafka client (librdkafka) and CloudEvents library can feed the network."""
from __future__ import annotations

import asyncio
import json

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from confluent_kafka import Producer

from schemas.registry import PROFILES_TOPIC
from tests.integration.factories import profile_created
from tests.support import eventually


def produce_as_partner(bootstrap: str, event: CloudEvent) -> None:
    message = ce_kafka.to_binary(event, JSONFormat())
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    producer.produce(PROFILES_TOPIC, key=message.key, value=message.value, headers=list(message.headers.items()))
    assert producer.flush(10) == 0, "the partner's event was not acknowledged"


async def test_an_event_from_a_partners_client_and_sdk_is_applied(infra, notification_service, notification_db):
    profile = profile_created(display_name="Partner Import")
    event = CloudEvent(
        {"type": "mentornet.profile.created", "source": "partner/acme-hr", "datacontenttype": "application/json",
         "partitionkey": str(profile.profile_id)},
        json.loads(profile.model_dump_json()),
    )
    await asyncio.to_thread(produce_as_partner, infra.kafka_bootstrap_servers, event)

    title = await eventually(
        lambda: notification_db.fetchval(
            "SELECT title FROM notifications WHERE recipient_id = $1 AND kind = 'welcome'", profile.profile_id),
        what="partner's event applied")
    assert title == "Welcome to mentornet, Partner Import"
