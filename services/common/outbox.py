"""Transactional outbox: write events with the state change, relay them to Kafka afterwards."""
from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from schemas.events.base import EventData
from schemas.registry import CONTRACTS, Contract
from services.common.envelope import Envelope, OutgoingEvent, to_headers
from services.common.failures import connection, is_transient
from services.common.metrics import OUTBOX_OLDEST_PENDING_SECONDS, OUTBOX_PENDING, OUTBOX_PUBLISHED

log = logging.getLogger(__name__)

_CONTRACT_BY_MODEL: dict[type[EventData], Contract] = {c.model: c for c in CONTRACTS.values()}

_COLUMNS = ("topic", "partition_key", "event_id", "event_type", "source", "subject", "dataschema",
            "correlation_id", "occurred_at", "payload")
_COPY_THRESHOLD = 50  # COPY costs an extra round trip but encodes large batches twice as fast

_INSERT = """
INSERT INTO outbox (topic, partition_key, event_id, event_type, source, subject, dataschema,
                    correlation_id, occurred_at, payload)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::timestamptz[], $10::bytea[])
"""


class Outbox:
    """Builds CloudEvents from contract models and stores them in the caller's transaction."""

    def __init__(self, source: str) -> None:
        self.source = source

    def event(self, data: EventData, *, key: str, correlation_id: str | None = None) -> OutgoingEvent:
        contract = _CONTRACT_BY_MODEL[type(data)]
        envelope = Envelope.new(
            source=self.source, type=contract.type, subject=key, dataschema=contract.dataschema,
            correlation_id=correlation_id,
        )
        return OutgoingEvent(contract.topic, key, envelope, data.model_dump_json().encode())

    async def add(self, conn: asyncpg.Connection, data: EventData, *, key: str,
                  correlation_id: str | None = None) -> OutgoingEvent:
        event = self.event(data, key=key, correlation_id=correlation_id)
        await self.add_many(conn, [event])
        return event

    @staticmethod
    async def add_many(conn: asyncpg.Connection, events: Sequence[OutgoingEvent]) -> None:
        """Store events in one statement; must run inside the transaction of the state change."""
        if not events:
            return
        if not conn.is_in_transaction():
            raise RuntimeError("outbox rows must be written inside the state change's transaction")
        rows = [(e.topic, e.key, e.envelope.id, e.envelope.type, e.envelope.source, e.envelope.subject,
                 e.envelope.dataschema, e.envelope.correlation_id, e.envelope.time, e.payload) for e in events]
        if len(rows) >= _COPY_THRESHOLD:
            await conn.copy_records_to_table("outbox", records=rows, columns=_COLUMNS)
        else:
            await conn.execute(_INSERT, *zip(*rows, strict=True))


_CLAIM = """
DELETE FROM outbox WHERE id IN (
    SELECT id FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING id, topic, partition_key, event_id, event_type, source, subject, dataschema,
          correlation_id, occurred_at, payload
"""


class OutboxRelay:
    """Publishes outbox rows in id order with acks=all, deleting them in the same transaction.

    Every replica runs a relay, but a transaction-level advisory lock lets one batch be in flight
    per schema at a time: batches go out one after another in id order, so events of one key keep
    their order across replicas, and the lock cannot outlive the connection that publishes. A crash
    between send and commit re-sends the batch; consumers' inboxes absorb the duplicates.
    """

    def __init__(self, pool: asyncpg.Pool, producer: AIOKafkaProducer, *, service: str, schema: str,
                 batch_size: int = 1000, poll_interval_s: float = 1.0) -> None:
        self.pool = pool
        self.producer = producer
        self.service = service
        self.channel = f"outbox_{schema}"
        self.batch_size = batch_size
        self.poll_interval_s = poll_interval_s
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """Drain on every notification (and every poll interval) until stop(); outages are waited out."""
        while not self._stopping.is_set():
            try:
                await self._listen_and_drain()
            except Exception as exc:
                if not (isinstance(exc, KafkaError) or is_transient(exc)):
                    raise
                # Nothing was deleted: the claiming transaction rolled back, the rows wait for the next try.
                log.warning("outbox relay cannot publish now: %s", exc)
                await self._sleep(self.poll_interval_s)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    async def _listen_and_drain(self) -> None:
        async with connection(self.pool) as listener:
            await listener.add_listener(self.channel, self._on_notify)
            try:
                while not self._stopping.is_set():
                    self._wake.clear()
                    await self.drain()
                    await self._sleep(self.poll_interval_s)
            finally:
                await listener.remove_listener(self.channel, self._on_notify)

    def _on_notify(self, *_args) -> None:
        self._wake.set()

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            pass

    async def drain(self) -> int:
        """Publish until the outbox is empty or another replica is publishing; returns rows sent."""
        total = 0
        while True:
            sent = await self.publish_batch()
            total += sent
            if sent < self.batch_size:
                return total

    async def publish_batch(self) -> int:
        async with connection(self.pool) as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock(hashtext($1))", self.channel):
                return 0
            rows = await conn.fetch(_CLAIM, self.batch_size)
            if not rows:
                return 0
            rows = sorted(rows, key=lambda r: r["id"])
            futures = [
                await self.producer.send(
                    r["topic"], r["payload"], key=r["partition_key"].encode(), headers=to_headers(_envelope(r)),
                )
                for r in rows
            ]
            await asyncio.gather(*futures)
        for topic, count in Counter(r["topic"] for r in rows).items():
            OUTBOX_PUBLISHED.labels(self.service, topic).inc(count)
        return len(rows)

    async def sample_backlog(self) -> None:
        """Refresh the backlog gauges operators alert on."""
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow(
                "SELECT count(*) AS pending, extract(epoch FROM now() - min(occurred_at)) AS oldest FROM outbox"
            )
        OUTBOX_PENDING.labels(self.service).set(row["pending"])
        OUTBOX_OLDEST_PENDING_SECONDS.labels(self.service).set(float(row["oldest"] or 0))


def _envelope(row: asyncpg.Record) -> Envelope:
    return Envelope(
        id=row["event_id"], source=row["source"], type=row["event_type"], time=row["occurred_at"],
        subject=row["subject"], dataschema=row["dataschema"], correlation_id=row["correlation_id"],
    )
