"""Relay N outbox rows to Kafka: OutboxRelay beside a raw batched select-send-delete loop."""
from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
from aiokafka import AIOKafkaProducer

from schemas.events.notification import NotificationCreated
from services.common.db import COMMON_MIGRATIONS, create_pool, migrate
from services.common.envelope import to_headers
from services.common.outbox import Outbox, OutboxRelay, _envelope
from services.common.runtime import new_producer
from services.common.settings import ServiceSettings

BATCH = 1000


async def filled_outbox(database_url: str, total: int) -> tuple[asyncpg.Pool, str]:
    schema = f"bench_relay_{uuid.uuid4().hex[:8]}"
    pool = await create_pool(database_url, schema, min_size=1, max_size=4)
    await migrate(pool, {"common": COMMON_MIGRATIONS})
    outbox = Outbox(source="bench/relay")
    for start in range(0, total, 10_000):
        async with pool.acquire() as conn, conn.transaction():
            await outbox.add_many(conn, [
                outbox.event(NotificationCreated(
                    notification_id=uuid.uuid4(), recipient_id=uuid.uuid4(), kind="recommendations",
                    title="3 mentors fit your goals",
                    body="Open your recommendations to see why they fit and ask for an introduction. " * 3,
                    created_at="2026-11-27T00:00:00Z"), key=str(uuid.uuid4()))
                for _ in range(min(10_000, total - start))])
    return pool, schema


async def _started_producer(database_url: str, bootstrap: str, schema: str) -> AIOKafkaProducer:
    producer = new_producer(ServiceSettings(service_name=schema, database_url=database_url,
                                            internal_token="bench-internal-token", kafka_bootstrap_servers=bootstrap))
    await producer.start()
    return producer


async def runtime_relay(database_url: str, bootstrap: str, total: int) -> float:
    pool, schema = await filled_outbox(database_url, total)
    producer = await _started_producer(database_url, bootstrap, schema)
    relay = OutboxRelay(pool, producer, service=schema, schema=schema, batch_size=BATCH)
    started = time.perf_counter()
    sent = await relay.drain()
    elapsed = time.perf_counter() - started
    await producer.stop()
    await pool.close()
    assert sent == total, f"relayed {sent} of {total}"
    return total / elapsed


async def raw_relay(database_url: str, bootstrap: str, total: int) -> float:
    """The same rows with hand-written SQL and producer calls: the ceiling the relay is compared to."""
    pool, schema = await filled_outbox(database_url, total)
    producer = await _started_producer(database_url, bootstrap, schema)
    sent = 0
    started = time.perf_counter()
    async with pool.acquire() as conn:
        while True:
            rows = await conn.fetch("SELECT * FROM outbox ORDER BY id LIMIT $1", BATCH)
            if not rows:
                break
            futures = [await producer.send(r["topic"], r["payload"], key=r["partition_key"].encode(),
                                           headers=to_headers(_envelope(r))) for r in rows]
            await asyncio.gather(*futures)
            await conn.execute("DELETE FROM outbox WHERE id <= $1", rows[-1]["id"])
            sent += len(rows)
    elapsed = time.perf_counter() - started
    await producer.stop()
    await pool.close()
    assert sent == total
    return total / elapsed
