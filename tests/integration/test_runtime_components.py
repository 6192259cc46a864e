"""The shared runtime's parts against a real broker and Postgres: relay order, handler failures."""
from __future__ import annotations

import asyncio
import uuid

import asyncpg
import orjson
import pytest
from aiokafka.errors import KafkaConnectionError

from schemas.events.profile import ProfileUpdated
from schemas.registry import PROFILES_TOPIC
from services.common.consumer import EventConsumer, TopicHandler
from services.common.db import COMMON_MIGRATIONS, create_pool, migrate
from services.common.outbox import Outbox, OutboxRelay
from services.common.runtime import new_producer
from services.common.settings import ServiceSettings
from tests.integration.factories import profile_created
from tests.support import cloud_event, eventually, produce, read_topic


@pytest.fixture
async def runtime_parts(infra):
    schema = f"rt_{uuid.uuid4().hex[:10]}"
    settings = ServiceSettings(service_name=schema, database_url=infra.database_url,
                               internal_token="test-internal-token",
                               kafka_bootstrap_servers=infra.kafka_bootstrap_servers,
                               consumer_session_timeout_ms=2000, consumer_heartbeat_interval_ms=500,
                               consumer_retry_backoff_s=0.01)
    pool = await create_pool(infra.database_url, schema)
    await migrate(pool, {"common": COMMON_MIGRATIONS})
    await pool.execute("CREATE TABLE applied (profile_id uuid PRIMARY KEY, name text)")
    producer = new_producer(settings)
    await producer.start()
    try:
        yield settings, pool, producer
    finally:
        await producer.stop()
        await pool.close()


async def test_an_event_whose_handler_keeps_failing_is_dead_lettered_and_the_rest_applied(infra, runtime_parts):
    settings, pool, producer = runtime_parts
    attempts: list[str] = []

    async def apply(conn: asyncpg.Connection, events) -> None:
        for event in events:
            attempts.append(event.data.display_name)
            if event.data.display_name == "explode":
                raise ValueError("cannot apply a profile named explode")
            await conn.execute("INSERT INTO applied VALUES ($1, $2)", event.data.profile_id, event.data.display_name)

    consumer = EventConsumer("failing", [TopicHandler(PROFILES_TOPIC, frozenset({"mentornet.profile.created"}), apply)],
                             pool=pool, producer=producer, settings=settings)
    await consumer.start()
    running = asyncio.create_task(consumer.run())
    good_before, bad, good_after = profile_created(1), profile_created(2, display_name="explode"), profile_created(3)
    try:
        await produce(infra.kafka_bootstrap_servers, [
            cloud_event(p, event_type="mentornet.profile.created", key="same-key")
            for p in (good_before, bad, good_after)
        ])
        await eventually(lambda: pool.fetchval("SELECT count(*) = 2 FROM applied"), what="good events applied")
    finally:
        consumer.stop()
        await running

    assert attempts.count("explode") >= settings.consumer_max_attempts
    dead = [r for r in await read_topic(infra.kafka_bootstrap_servers, f"{PROFILES_TOPIC}.dlq", expect=1)
            if dict(r.headers).get("dlq_consumer") == consumer.group.encode()]
    assert len(dead) == 1
    assert orjson.loads(dead[0].value)["display_name"] == "explode"
    headers = dict(dead[0].headers)
    assert b"cannot apply a profile named explode" in headers["dlq_reason"]
    assert headers["dlq_error"] == b"ValueError"
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 2, "the dead-lettered event is not marked applied"


@pytest.mark.parametrize("replicas", [1, 3])
async def test_relays_publish_rows_written_while_they_were_down_in_order_per_key(infra, runtime_parts, replicas):
    settings, pool, producer = runtime_parts
    outbox = Outbox(source="tests/relay")
    keys = [str(uuid.uuid4()) for _ in range(5)]
    base = profile_created()
    async with pool.acquire() as conn, conn.transaction():
        await outbox.add_many(conn, [
            outbox.event(ProfileUpdated(**{**base.model_dump(), "profile_id": key, "version": version}), key=key)
            for version in range(1, 101) for key in keys
        ])
    assert await pool.fetchval("SELECT count(*) FROM outbox") == 500

    relays = [OutboxRelay(pool, producer, service=settings.service_name, schema=settings.schema, batch_size=16)
              for _ in range(replicas)]
    running = [asyncio.create_task(relay.run()) for relay in relays]
    try:
        await eventually(lambda: pool.fetchval("SELECT count(*) = 0 FROM outbox"), what="outbox drained")
    finally:
        for relay in relays:
            relay.stop()
        await asyncio.gather(*running)

    records = await read_topic(infra.kafka_bootstrap_servers, PROFILES_TOPIC, expect=500,
                               matching=lambda r: r.key.decode() in keys)
    assert len(records) == 500, "each row published once"
    versions: dict[str, list[int]] = {}
    for record in records:
        versions.setdefault(record.key.decode(), []).append(orjson.loads(record.value)["version"])
    assert versions == {key: list(range(1, 101)) for key in keys}


async def test_outbox_rows_need_the_callers_transaction(runtime_parts):
    _, pool, _ = runtime_parts
    outbox = Outbox(source="tests/relay")
    async with pool.acquire() as conn:
        with pytest.raises(RuntimeError, match="inside the state change's transaction"):
            await outbox.add(conn, profile_created(), key="k")


class _FlakyProducer:
    """A producer whose broker is unreachable until `healthy` is set."""

    def __init__(self) -> None:
        self.healthy = False
        self.sent: list[bytes] = []

    async def send(self, topic, value, key=None, headers=None):
        if not self.healthy:
            raise KafkaConnectionError("broker unreachable")
        self.sent.append(value)
        future = asyncio.get_running_loop().create_future()
        future.set_result(None)
        return future


async def test_relay_keeps_rows_while_the_broker_is_down_and_publishes_them_after(runtime_parts):
    settings, pool, _ = runtime_parts
    outbox = Outbox(source="tests/relay")
    async with pool.acquire() as conn, conn.transaction():
        await outbox.add_many(conn, [outbox.event(profile_created(n), key=str(n)) for n in range(10)])
    producer = _FlakyProducer()
    relay = OutboxRelay(pool, producer, service=settings.service_name, schema=settings.schema, poll_interval_s=0.05)
    running = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.5)
        assert not running.done(), "a broker outage must not stop the relay"
        assert await pool.fetchval("SELECT count(*) FROM outbox") == 10
        producer.healthy = True
        await eventually(lambda: pool.fetchval("SELECT count(*) = 0 FROM outbox"), what="outbox drained")
    finally:
        relay.stop()
        await running
    assert len(producer.sent) == 10
