"""A consumer killed with SIGKILL mid-stream loses nothing and applies nothing twice after restart."""
from __future__ import annotations

import asyncio
from dataclasses import replace

import orjson

from deploy.local.embedded import free_port
from deploy.local.processes import ManagedProcess
from deploy.topics import load_topics
from schemas.registry import NOTIFICATIONS_TOPIC, PROFILES_TOPIC, RECOMMENDATIONS_TOPIC
from tests.integration.factories import profile_created
from tests.support import cloud_event, eventually, metric_total, produce, read_topic

EVENTS = 2000


async def test_kill_dash_nine_in_the_middle_of_2000_events(infra, network_config, notification_db):
    network_config.extra_env["CONSUMER_MAX_BATCH"] = "100"
    service = ManagedProcess("notification", network_config)
    service.start()
    service.wait_ready()
    profiles = [profile_created(n) for n in range(EVENTS)]
    messages = [cloud_event(p, event_type="mentornet.profile.created", key=str(p.profile_id)) for p in profiles]

    async def stream() -> None:
        for start in range(0, EVENTS, 100):
            await produce(infra.kafka_bootstrap_servers, messages[start:start + 100])
            await asyncio.sleep(0.05)

    ids = [p.profile_id for p in profiles]

    async def welcomes() -> int:
        return await notification_db.fetchval(
            "SELECT count(*) FROM notifications WHERE kind = 'welcome' AND recipient_id = ANY($1::uuid[])", ids)

    producing = asyncio.create_task(stream())
    try:
        applied_before_kill = await eventually(lambda: _at_least(welcomes, 300), what="300 events applied")
        service.kill()
        assert applied_before_kill < EVENTS, "the kill must land mid-stream to prove anything"
        await producing
        service.start()
        service.wait_ready()
        await eventually(lambda: _at_least(welcomes, EVENTS), timeout=60, what="all events applied")
        await asyncio.sleep(1.0)  # let any redelivery after restart arrive: it must change nothing
    finally:
        producing.cancel()
        service.stop()

    await assert_each_welcomed_once(notification_db, ids)

    expected = {str(i).encode() for i in ids}
    announced = await read_topic(infra.kafka_bootstrap_servers, NOTIFICATIONS_TOPIC, expect=EVENTS, timeout=30,
                                 matching=lambda r: r.key in expected)
    ids_by_person: dict[str, set[str]] = {}
    for record in announced:
        body = orjson.loads(record.value)
        ids_by_person.setdefault(body["recipient_id"], set()).add(body["notification_id"])
    assert len(ids_by_person) == EVENTS, "every stored notification was announced through the outbox"
    assert all(len(ids) == 1 for ids in ids_by_person.values())


async def assert_each_welcomed_once(db, ids) -> None:
    per_person = await db.fetch(
        """SELECT recipient_id, count(*) AS n FROM notifications
           WHERE kind = 'welcome' AND recipient_id = ANY($1::uuid[]) GROUP BY recipient_id""", ids)
    assert len(per_person) == len(ids), "every event's effect is present"
    assert {r["n"] for r in per_person} == {1}, "and present once"


async def _at_least(count, threshold: int) -> int | None:
    value = await count()
    return value if value >= threshold else None


async def test_two_replicas_share_the_partitions_and_one_dying_loses_nothing(infra, network_config, notification_db):
    network_config.extra_env["CONSUMER_MAX_BATCH"] = "100"
    first = ManagedProcess("notification", network_config)
    second = ManagedProcess("notification", replace(network_config, ports={**network_config.ports,
                                                                           "notification": free_port()}))
    profiles = [profile_created(n) for n in range(EVENTS)]
    ids = [p.profile_id for p in profiles]
    messages = [cloud_event(p, event_type="mentornet.profile.created", key=str(p.profile_id)) for p in profiles]

    async def welcomes() -> int:
        return await notification_db.fetchval(
            "SELECT count(*) FROM notifications WHERE kind = 'welcome' AND recipient_id = ANY($1::uuid[])", ids)

    for replica in (first, second):
        replica.start()
    try:
        for replica in (first, second):
            replica.wait_ready()
        await eventually(lambda: _split_between(first, second), timeout=30,
                         what="both members joined: the partitions split between them")
        await produce(infra.kafka_bootstrap_servers, messages[:EVENTS // 2])
        await eventually(lambda: _at_least(welcomes, EVENTS // 2), what="first half applied")
        applied_by = [metric_total(r.config.url(r.name), "mentornet_events_consumed_total", outcome="processed")
                      for r in (first, second)]
        assert all(count > 0 for count in applied_by), f"both replicas must work: {applied_by}"

        first.kill()
        await produce(infra.kafka_bootstrap_servers, messages[EVENTS // 2:])
        await eventually(lambda: _at_least(welcomes, EVENTS), timeout=60, what="survivor applied the rest")
    finally:
        first.stop()
        second.stop()

    await assert_each_welcomed_once(notification_db, ids)


# The notification service's inbox consumer reads profiles and recommendations.
INBOX_PARTITIONS = sum(t.partitions for t in load_topics() if t.name in (PROFILES_TOPIC, RECOMMENDATIONS_TOPIC))


async def _split_between(*replicas: ManagedProcess) -> bool:
    owned = [metric_total(r.config.url(r.name), "mentornet_consumer_assigned_partitions") for r in replicas]
    return sum(owned) == INBOX_PARTITIONS and all(owned)
