"""Composition root shared by services: settings → pool → migrations → broker → relay, consumers, HTTP."""
from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import asyncpg
import uvicorn
from aiokafka import AIOKafkaProducer
from starlette.applications import Starlette
from starlette.routing import BaseRoute

from services.common.consumer import EventConsumer, TopicHandler
from services.common.db import COMMON_MIGRATIONS, create_pool, migrate
from services.common.http import InternalAuth, RequestMetrics, probe_routes
from services.common.inbox import prune
from services.common.logs import configure_logging
from services.common.outbox import Outbox, OutboxRelay
from services.common.settings import ServiceSettings

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Resources a service's code may use; built once per process."""

    settings: ServiceSettings
    pool: asyncpg.Pool
    producer: AIOKafkaProducer
    outbox: Outbox


@dataclass(frozen=True)
class ServiceDefinition:
    """Everything that differs between services; the rest of the process is the same for all."""

    name: str
    migrations: Path
    routes: Callable[[Runtime], Sequence[BaseRoute]]
    consumers: Callable[[Runtime], dict[str, Sequence[TopicHandler]]] = field(default=lambda rt: {})


def new_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    """acks=all and no idempotence: duplicates from retries are absorbed by consumers' inboxes."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        acks="all",
        linger_ms=1,
        max_batch_size=512 * 1024,
        max_request_size=4 * 1024 * 1024,
        request_timeout_ms=15_000,
    )


async def start_with_retry(start: Callable, what: str, attempts: int = 30) -> None:
    for attempt in range(1, attempts + 1):
        try:
            await start()
            return
        except Exception as exc:
            if attempt == attempts:
                raise
            log.warning("%s not reachable yet (%s); retrying", what, exc)
            await asyncio.sleep(min(0.2 * attempt, 2.0))


class ServiceProcess:
    """Owns the lifetime of one service process; any background task dying stops the process."""

    def __init__(self, definition: ServiceDefinition, settings: ServiceSettings) -> None:
        self.definition = definition
        self.settings = settings
        self.runtime: Runtime | None = None
        self.pool: asyncpg.Pool | None = None
        self.producer: AIOKafkaProducer | None = None
        self.relay: OutboxRelay | None = None
        self.consumers: list[EventConsumer] = []
        self.tasks: list[asyncio.Task] = []

    @asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        try:
            yield
        finally:
            await self.stop()

    async def start(self) -> None:
        s = self.settings
        dsn = s.database_url.get_secret_value()
        self.pool = await create_pool(dsn, s.schema, min_size=s.database_pool_min, max_size=s.database_pool_max)
        await migrate(self.pool, {"common": COMMON_MIGRATIONS, s.service_name: self.definition.migrations})
        self.producer = new_producer(s)
        await start_with_retry(self.producer.start, "kafka")
        self.runtime = Runtime(s, self.pool, self.producer, Outbox(source=f"mentornet/{s.service_name}"))
        self.relay = OutboxRelay(self.pool, self.producer, service=s.service_name, schema=s.schema,
                                 batch_size=s.outbox_batch_size, poll_interval_s=s.outbox_poll_interval_s)
        self._spawn(self.relay.run(), "outbox-relay")
        self._spawn(self._housekeeping(), "housekeeping")
        for name, handlers in self.definition.consumers(self.runtime).items():
            consumer = EventConsumer(name, handlers, pool=self.pool, producer=self.producer, settings=s)
            await start_with_retry(consumer.start, f"consumer {name}")
            self.consumers.append(consumer)
            self._spawn(consumer.run(), f"consumer-{name}")
        log.info("%s started", s.service_name)

    async def stop(self) -> None:
        """Finish in-flight batches, publish what they wrote to the outbox, then release connections.

        Whatever does not make it in time stays durable: uncommitted offsets are re-read and
        unpublished outbox rows are sent by the next relay.
        """
        for task in self.tasks:
            task.remove_done_callback(self._on_task_done)
        for consumer in self.consumers:
            consumer.stop()
        await self._settle([t for t in self.tasks if t.get_name().startswith("consumer-")], timeout=10)
        if self.relay:
            self.relay.stop()
            await self._settle([t for t in self.tasks if t.get_name() == "outbox-relay"], timeout=5)
            try:
                await asyncio.wait_for(self.relay.drain(), 5)
            except Exception as exc:
                log.warning("final outbox drain incomplete: %s", exc)
        await self._settle(self.tasks, timeout=0)
        if self.producer:
            await self.producer.stop()
        if self.pool:
            await self.pool.close()
        log.info("%s stopped", self.settings.service_name)

    @staticmethod
    async def _settle(tasks: list[asyncio.Task], timeout: float) -> None:
        """Let tasks finish for up to `timeout` seconds, then cancel the rest."""
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=timeout) if timeout else (None, set(tasks))
        for task in pending:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _spawn(self, coro, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        task.add_done_callback(self._on_task_done)
        self.tasks.append(task)

    def _on_task_done(self, task: asyncio.Task) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        log.critical("background task %s ended unexpectedly: %r; stopping the process", task.get_name(), exc)
        os.kill(os.getpid(), signal.SIGTERM)

    async def _housekeeping(self) -> None:
        """Refresh backlog gauges often and prune the inbox now and then."""
        assert self.runtime and self.relay
        retention = timedelta(days=self.settings.inbox_retention_days)
        ticks = 0
        while True:
            try:
                await self.relay.sample_backlog()
                if ticks % 720 == 0:
                    await prune(self.runtime.pool, retention)
            except Exception as exc:  # gauges and pruning can wait for the next round; the service goes on
                log.warning("housekeeping skipped: %s", exc)
            ticks += 1
            await asyncio.sleep(5)

    async def readiness(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.runtime is None:
            return {"startup": "not started"}
        try:
            async with asyncio.timeout(2):
                await self.runtime.pool.fetchval("SELECT 1")
        except Exception as exc:
            problems["database"] = type(exc).__name__
        try:
            async with asyncio.timeout(2):
                await self.runtime.producer.client.fetch_all_metadata()
        except Exception as exc:
            problems["kafka"] = type(exc).__name__
        for task in self.tasks:
            if task.done():
                problems[task.get_name()] = "stopped"
        return problems

    def app(self) -> Starlette:
        routes = [*probe_routes(self.readiness), *self.definition.routes(_RuntimeProxy(self))]
        return Starlette(routes=routes, lifespan=self.lifespan)


class _RuntimeProxy:
    """Routes are built before start-up; they reach the Runtime through this once it exists."""

    def __init__(self, process: ServiceProcess) -> None:
        self._process = process

    def __getattr__(self, name: str):
        if self._process.runtime is None:
            raise RuntimeError("service not started")
        return getattr(self._process.runtime, name)


def run_service(definition: ServiceDefinition, settings: ServiceSettings) -> None:
    """Entry point of `python -m services.<name>`."""
    configure_logging(settings.service_name, settings.log_level)
    process = ServiceProcess(definition, settings)
    app = RequestMetrics(InternalAuth(process.app(), settings.internal_token.get_secret_value()),
                         settings.service_name)
    config = uvicorn.Config(app, host=settings.http_host, port=settings.http_port, log_config=None,
                            lifespan="on", access_log=False, timeout_graceful_shutdown=10)
    uvicorn.Server(config).run()
