"""One event from the producer's commit to the consumer's committed effect, through outbox and broker."""
from __future__ import annotations

import asyncio
import statistics
import time
import uuid

import asyncpg

from schemas.registry import PROFILES_TOPIC
from services.common.consumer import EventConsumer, TopicHandler
from services.common.db import COMMON_MIGRATIONS, create_pool, migrate
from services.common.envelope import Event
from services.common.outbox import Outbox, OutboxRelay
from services.common.runtime import new_producer
from services.common.settings import ServiceSettings
from tests.integration.factories import profile_created


class _TimedConsumer(EventConsumer):
    """Reports when each event's transaction has committed: that is when its effect is durable."""

    def __init__(self, *args, committed: dict[str, asyncio.Future], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.committed = committed

    def _record_applied(self, topic: str, events: list[Event], applied: list[Event]) -> None:
        super()._record_applied(topic, events, applied)
        now = time.perf_counter()
        for event in applied:
            future = self.committed.get(event.envelope.id)
            if future and not future.done():
                future.set_result(now)


async def commit_to_effect(database_url: str, bootstrap: str, samples: int, warmup: int = 50) -> dict[str, float]:
    tag = uuid.uuid4().hex[:8]
    producer_schema, consumer_schema = f"bench_lat_p_{tag}", f"bench_lat_c_{tag}"
    settings = ServiceSettings(service_name=consumer_schema, database_url=database_url,
                               internal_token="bench-internal-token",
                               kafka_bootstrap_servers=bootstrap, consumer_session_timeout_ms=2000,
                               consumer_heartbeat_interval_ms=500)
    producer_pool = await create_pool(database_url, producer_schema, min_size=2, max_size=4)
    consumer_pool = await create_pool(database_url, consumer_schema, min_size=2, max_size=4)
    for pool in (producer_pool, consumer_pool):
        await migrate(pool, {"common": COMMON_MIGRATIONS})
    await consumer_pool.execute("CREATE TABLE seen (id uuid PRIMARY KEY)")
    kafka = new_producer(settings)
    await kafka.start()
    relay = OutboxRelay(producer_pool, kafka, service=producer_schema, schema=producer_schema)
    relaying = asyncio.create_task(relay.run())

    async def apply(conn: asyncpg.Connection, events: list[Event]) -> None:
        await conn.executemany("INSERT INTO seen VALUES ($1)", [(e.data.profile_id,) for e in events])

    committed: dict[str, asyncio.Future] = {}
    consumer = _TimedConsumer("latency", [TopicHandler(PROFILES_TOPIC, frozenset({"mentornet.profile.created"}),
                                                       apply)],
                              pool=consumer_pool, producer=kafka, settings=settings, committed=committed)
    await consumer.start()
    consuming = asyncio.create_task(consumer.run())
    await asyncio.sleep(3)  # group join
    outbox = Outbox(source="bench/latency")
    latencies = []
    try:
        for n in range(samples + warmup):
            event = outbox.event(profile_created(n), key=str(uuid.uuid4()))
            committed[event.envelope.id] = asyncio.get_running_loop().create_future()
            async with producer_pool.acquire() as conn, conn.transaction():
                await outbox.add_many(conn, [event])
            started = time.perf_counter()
            done = await asyncio.wait_for(committed[event.envelope.id], 10)
            if n >= warmup:
                latencies.append((done - started) * 1000)
            await asyncio.sleep(0.002)
    finally:
        consumer.stop()
        relay.stop()
        await asyncio.gather(consuming, relaying)
        await kafka.stop()
        await producer_pool.close()
        await consumer_pool.close()
    latencies.sort()
    return {"p50_ms": statistics.median(latencies), "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
            "max_ms": latencies[-1], "samples": len(latencies)}
