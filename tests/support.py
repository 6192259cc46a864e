"""Helpers for tests that talk to a real broker and Postgres: infrastructure, producing, polling."""
from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from deploy.local.embedded import EmbeddedKafka, EmbeddedPostgres
from deploy.topics import ensure_topics
from schemas.events.base import EventData
from schemas.registry import CONTRACTS
from services.common.envelope import Envelope, to_headers

T = TypeVar("T")

FAST_GROUPS = {"CONSUMER_SESSION_TIMEOUT_MS": "2000", "CONSUMER_HEARTBEAT_INTERVAL_MS": "500"}


@dataclass
class Infra:
    database_url: str
    kafka_bootstrap_servers: str
    workdir: Path


@contextmanager
def infrastructure() -> Iterator[Infra]:
    """Real Postgres and broker: the ones in the environment, or fresh embedded ones removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="mentornet-test-"))
    postgres = kafka = None
    try:
        database_url = os.environ.get("TEST_DATABASE_URL")
        bootstrap = os.environ.get("TEST_KAFKA_BOOTSTRAP_SERVERS")
        if not database_url:
            postgres = EmbeddedPostgres(workdir / "pg")
            database_url = postgres.start()
        if not bootstrap:
            kafka = EmbeddedKafka()
            bootstrap = kafka.start(workdir / "broker.log")
        asyncio.run(ensure_topics(bootstrap))
        yield Infra(database_url, bootstrap, workdir)
    finally:
        if kafka:
            kafka.stop()
        if postgres:
            postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def cloud_event(data: EventData, *, event_type: str, key: str, source: str = "tests/partner",
                event_id: str | None = None) -> tuple[str, bytes, bytes, list[tuple[str, bytes]]]:
    """(topic, key, value, headers) of a CloudEvent, as a partner's producer would send it."""
    contract = CONTRACTS[event_type]
    envelope = Envelope(event_id or str(uuid.uuid4()), source, event_type, datetime.now(UTC),
                        subject=key, dataschema=contract.dataschema, correlation_id=str(uuid.uuid4()))
    return contract.topic, key.encode(), data.model_dump_json().encode(), to_headers(envelope)


async def produce(bootstrap: str, messages: list[tuple[str, bytes | None, bytes | None, list]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        futures = [await producer.send(topic, value, key=key, headers=headers)
                   for topic, key, value, headers in messages]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def read_topic(bootstrap: str, topic: str, *, expect: int, timeout: float = 20.0,
                     matching: Callable[[Any], bool] = lambda _: True) -> list:
    """Records on a topic from the start that satisfy `matching`, once at least `expect` arrived."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None,
                                auto_offset_reset="earliest", fetch_max_wait_ms=50)
    await consumer.start()
    records: list = []
    deadline = time.monotonic() + timeout
    try:
        while len(records) < expect and time.monotonic() < deadline:
            for batch in (await consumer.getmany(timeout_ms=200)).values():
                records.extend(r for r in batch if matching(r))
        return records
    finally:
        await consumer.stop()


async def eventually(check: Callable[[], Awaitable[T]], *, timeout: float = 20.0, interval: float = 0.05,
                     what: str = "condition") -> T:
    """Poll until `check` returns something truthy; eventual consistency is the contract here."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = await check()
        if last:
            return last
        await asyncio.sleep(interval)
    raise AssertionError(f"{what} not reached within {timeout}s (last value: {last!r})")


def metric_total(base_url: str, name: str, **labels: str) -> float:
    """Sum of a metric's samples on a process's /metrics whose labels include `labels`."""
    text = httpx.get(f"{base_url}/metrics", timeout=5).text
    wanted = [f'{key}="{value}"' for key, value in labels.items()]
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if (line.startswith(name + "{") or line.startswith(name + " "))
               and all(w in line for w in wanted))
