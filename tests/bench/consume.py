"""Consume N events into Postgres: the shared runtime beside raw aiokafka `getmany` + COPY."""
from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import orjson
from aiokafka import AIOKafkaConsumer

from schemas.events.notification import NotificationCreated
from schemas.registry import PROFILES_TOPIC
from services.common.consumer import EventConsumer, TopicHandler
from services.common.db import COMMON_MIGRATIONS, create_pool, migrate
from services.common.envelope import Event
from services.common.outbox import Outbox
from services.common.runtime import new_producer
from services.common.settings import ServiceSettings
from tests.bench.workload import EFFECT_TABLES, UPSERT_FROM_ARRAYS, pg_text_array

BATCH = 2000


async def prepared_pool(database_url: str, schema: str) -> asyncpg.Pool:
    pool = await create_pool(database_url, schema, min_size=1, max_size=4)
    await migrate(pool, {"common": COMMON_MIGRATIONS})
    await pool.execute(EFFECT_TABLES)
    return pool


def bench_settings(database_url: str, bootstrap: str, schema: str) -> ServiceSettings:
    return ServiceSettings(service_name=schema, database_url=database_url, internal_token="bench-internal-token",
                           kafka_bootstrap_servers=bootstrap, consumer_max_batch=BATCH,
                           consumer_session_timeout_ms=2000, consumer_heartbeat_interval_ms=500)


async def runtime_pipeline(database_url: str, bootstrap: str, total: int) -> float:
    """events/s through EventConsumer: decode, validate, inbox, effect, outbox row, commit after."""
    schema = f"bench_rt_{uuid.uuid4().hex[:8]}"
    settings = bench_settings(database_url, bootstrap, schema)
    pool = await prepared_pool(database_url, schema)
    producer = new_producer(settings)
    await producer.start()
    outbox = Outbox(source="bench/runtime")

    async def apply(conn: asyncpg.Connection, events: list[Event]) -> None:
        data = [e.data for e in events]
        await conn.execute(
            UPSERT_FROM_ARRAYS, [d.profile_id for d in data], [d.version for d in data],
            [d.display_name for d in data], [d.field for d in data], [pg_text_array(d.skills) for d in data],
            [d.seniority_years for d in data], [d.timezone for d in data])
        await outbox.add_many(conn, [
            outbox.event(NotificationCreated(notification_id=e.data.profile_id, recipient_id=e.data.profile_id,
                                             kind="welcome", title="Welcome", body="", created_at=e.envelope.time),
                         key=str(e.data.profile_id))
            for e in events])

    consumer = EventConsumer("bench", [TopicHandler(PROFILES_TOPIC, frozenset({"mentornet.profile.created"}), apply)],
                             pool=pool, producer=producer, settings=settings)
    await consumer.start()
    started = time.perf_counter()
    running = asyncio.create_task(consumer.run())
    while consumer.applied < total:
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - started
    consumer.stop()
    await running
    await producer.stop()
    await _assert_effect(pool, total)
    await pool.close()
    return total / elapsed


RAW_STAGE = """
CREATE TEMP TABLE IF NOT EXISTS stage (source text, event_id text, profile_id uuid, version int,
    display_name text, field text, skills text[], seniority_years int, timezone text, payload bytea)
ON COMMIT DELETE ROWS
"""


async def raw_pipeline(database_url: str, bootstrap: str, total: int) -> float:
    """events/s of the same writes with raw aiokafka getmany + asyncpg COPY, no runtime."""
    schema = f"bench_raw_{uuid.uuid4().hex[:8]}"
    pool = await prepared_pool(database_url, schema)
    consumer = AIOKafkaConsumer(PROFILES_TOPIC, bootstrap_servers=bootstrap, group_id=schema,
                                enable_auto_commit=False, auto_offset_reset="earliest", fetch_max_wait_ms=10,
                                max_poll_records=BATCH, session_timeout_ms=2000, heartbeat_interval_ms=500,
                                max_partition_fetch_bytes=4 * 1024 * 1024)
    await consumer.start()
    done = 0
    async with pool.acquire() as conn:
        await conn.execute(RAW_STAGE)
        started = time.perf_counter()
        while done < total:
            batch = await consumer.getmany(timeout_ms=200, max_records=BATCH)
            records = [r for rs in batch.values() for r in rs]
            if not records:
                continue
            rows = []
            for r in records:
                h = dict(r.headers)
                d = orjson.loads(r.value)
                rows.append((h["ce_source"].decode(), h["ce_id"].decode(), uuid.UUID(d["profile_id"]), d["version"],
                             d["display_name"], d["field"], d["skills"], d["seniority_years"], d["timezone"], r.value))
            async with conn.transaction():
                await conn.copy_records_to_table("stage", records=rows)
                await conn.execute(
                    """INSERT INTO inbox (consumer, source, event_id) SELECT 'raw', source, event_id FROM stage
                       ON CONFLICT DO NOTHING""")
                await conn.execute(
                    """INSERT INTO projection SELECT profile_id, version, display_name, field, skills,
                           seniority_years, timezone FROM stage
                       ON CONFLICT (profile_id) DO UPDATE SET version = EXCLUDED.version
                       WHERE projection.version < EXCLUDED.version""")
                await conn.execute(
                    """INSERT INTO outbox (topic, partition_key, event_id, event_type, source, occurred_at, payload)
                       SELECT 'notification.notifications.v1', profile_id::text, gen_random_uuid()::text,
                              'mentornet.notification.created', 'bench/raw', now(), payload FROM stage""")
            await consumer.commit({tp: rs[-1].offset + 1 for tp, rs in batch.items()})
            done += len(records)
        elapsed = time.perf_counter() - started
    await consumer.stop()
    await _assert_effect(pool, total)
    await pool.close()
    return total / elapsed


async def _assert_effect(pool: asyncpg.Pool, total: int) -> None:
    rows = await pool.fetchval("SELECT count(*) FROM projection")
    outbox = await pool.fetchval("SELECT count(*) FROM outbox")
    if rows != total or outbox != total:
        raise AssertionError(f"pipeline wrote {rows} rows and {outbox} outbox rows for {total} events")
