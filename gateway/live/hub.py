"""In-process fan-out of notification events to the subscriptions of their recipients."""
import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

from gateway.metrics import LIVE_EVENTS_SKIPPED, LIVE_SUBSCRIBERS
from schemas.events.notification import NotificationCreated

log = logging.getLogger(__name__)

DEFAULT_QUEUE_SIZE = 64


class LiveFeed:
    """One subscription's bounded backlog; when full, the oldest event makes room for the newest."""

    def __init__(self, recipient_id: UUID, queue_size: int) -> None:
        self.recipient_id = recipient_id
        self._queue: asyncio.Queue[NotificationCreated] = asyncio.Queue(maxsize=queue_size)

    def offer(self, event: NotificationCreated) -> None:
        """Enqueue without ever waiting, so one slow reader cannot hold up anyone else."""
        if self._queue.full():
            dropped = self._queue.get_nowait()
            LIVE_EVENTS_SKIPPED.labels("dropped_slow_subscriber").inc()
            log.warning(
                "live subscriber of %s is too slow; dropped notification %s",
                self.recipient_id,
                dropped.notification_id,
            )
        self._queue.put_nowait(event)

    async def next(self) -> NotificationCreated:
        return await self._queue.get()

    def pending(self) -> int:
        return self._queue.qsize()


class LiveHub:
    """Routes each event to the feeds of its recipient only; lookup cost does not grow with subscribers."""

    def __init__(self, queue_size: int = DEFAULT_QUEUE_SIZE) -> None:
        self._queue_size = queue_size
        self._feeds: dict[UUID, set[LiveFeed]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(self, recipient_id: UUID) -> AsyncIterator[LiveFeed]:
        feed = LiveFeed(recipient_id, self._queue_size)
        self._feeds[recipient_id].add(feed)
        LIVE_SUBSCRIBERS.inc()
        try:
            yield feed
        finally:
            LIVE_SUBSCRIBERS.dec()
            feeds = self._feeds.get(recipient_id)
            if feeds is not None:
                feeds.discard(feed)
                if not feeds:
                    del self._feeds[recipient_id]

    def has_subscribers(self) -> bool:
        return bool(self._feeds)

    def publish(self, event: NotificationCreated) -> int:
        """Hand the event to every feed of its recipient; returns how many received it."""
        feeds = self._feeds.get(event.recipient_id, ())
        for feed in feeds:
            feed.offer(event)
        return len(feeds)
