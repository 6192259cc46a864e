"""Composition of the notification service: its migrations, consumers and routes on the shared runtime."""
from pathlib import Path

from services.common.runtime import ServiceDefinition
from services.notification import api
from services.notification.consumers import consumers

definition = ServiceDefinition(
    name="notification",
    migrations=Path(__file__).parent / "migrations",
    routes=api.routes,
    consumers=consumers,
)
