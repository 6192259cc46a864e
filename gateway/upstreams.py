"""The set of service clients one gateway process shares across all requests."""
import asyncio
from dataclasses import dataclass

import httpx

from gateway.matching.client import MatchingClient
from gateway.notifications.client import NotificationClient
from gateway.profiles.client import ProfileClient
from gateway.settings import GatewaySettings
from gateway.upstream import UpstreamClient


@dataclass(frozen=True)
class Upstreams:
    """One pooled client per service, created at startup and closed at shutdown."""

    profiles: ProfileClient
    matching: MatchingClient
    scheduling: UpstreamClient
    notifications: NotificationClient

    @classmethod
    def from_settings(
        cls, settings: GatewaySettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> "Upstreams":
        urls = settings.service_urls()
        token = settings.internal_token.get_secret_value()
        return cls(
            profiles=ProfileClient("profile", urls["profile"], token, transport),
            matching=MatchingClient("matching", urls["matching"], token, transport),
            scheduling=UpstreamClient("scheduling", urls["scheduling"], token, transport),
            notifications=NotificationClient("notification", urls["notification"], token, transport),
        )

    def all(self) -> tuple[UpstreamClient, ...]:
        return (self.profiles, self.matching, self.scheduling, self.notifications)

    async def readiness(self) -> dict[str, bool]:
        """Whether each service reports itself ready, checked concurrently."""
        clients = self.all()
        results = await asyncio.gather(*(client.is_ready() for client in clients))
        return {client.name: ready for client, ready in zip(clients, results, strict=True)}

    async def aclose(self) -> None:
        await asyncio.gather(*(client.aclose() for client in self.all()))
