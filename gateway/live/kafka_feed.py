"""The process's single Kafka consumer of notification events, kept alive in the background."""
import asyncio
import logging
from enum import StrEnum

from aiokafka import AIOKafkaConsumer, ConsumerRecord

from gateway.live.events import NOTIFICATION_CREATED, InvalidEventError, decode_notification
from gateway.live.hub import LiveHub
from gateway.metrics import LIVE_EVENTS_SKIPPED

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 30.0


class FeedState(StrEnum):
    STOPPED = "stopped"
    CONNECTING = "connecting"
    CONNECTED = "connected"


class KafkaNotificationFeed:
    """Consumes every partition from the latest offset without a group, and republishes into the hub."""

    def __init__(self, bootstrap_servers: str, hub: LiveHub) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._hub = hub
        self._task: asyncio.Task[None] | None = None
        self._retry_delay = FIRST_RETRY_SECONDS
        self.state = FeedState.STOPPED

    def start(self) -> None:
        """Begin consuming in the background; never waits for Kafka and never fails startup."""
        if self._task is None:
            self._task = asyncio.create_task(self._run_forever(), name="live-notification-feed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self.state = FeedState.STOPPED

    async def _run_forever(self) -> None:
        while True:
            self.state = FeedState.CONNECTING
            try:
                await self._consume()
            except Exception as error:
                log.warning("live notification feed lost Kafka (%r); retrying in %.0fs", error, self._retry_delay)
            await asyncio.sleep(self._retry_delay)
            self._retry_delay = min(self._retry_delay * 2, MAX_RETRY_SECONDS)

    async def _consume(self) -> None:
        consumer = AIOKafkaConsumer(
            NOTIFICATION_CREATED.topic,
            bootstrap_servers=self._bootstrap_servers,
            client_id="mentornet-gateway",
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="latest",
            fetch_max_wait_ms=10,
        )
        try:
            await consumer.start()
            self.state = FeedState.CONNECTED
            self._retry_delay = FIRST_RETRY_SECONDS
            log.info("live notification feed consuming %s", NOTIFICATION_CREATED.topic)
            async for record in consumer:
                self.deliver(record)
        finally:
            self.state = FeedState.CONNECTING
            await consumer.stop()

    def deliver(self, record: ConsumerRecord) -> None:
        """Fan one record out; unparsed when nobody here listens, logged and counted when broken."""
        if not self._hub.has_subscribers():
            return
        try:
            event = decode_notification(record.headers, record.value)
        except InvalidEventError as error:
            LIVE_EVENTS_SKIPPED.labels("invalid").inc()
            log.warning(
                "skipped invalid event at %s[%s]@%s: %s", record.topic, record.partition, record.offset, error
            )
            return
        if event is not None:
            self._hub.publish(event)
