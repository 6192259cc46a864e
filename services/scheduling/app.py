"""Composition of the scheduling service: its migrations, consumers and routes on the shared runtime."""
from pathlib import Path

from services.common.runtime import ServiceDefinition
from services.scheduling import api
from services.scheduling.consumers import consumers

definition = ServiceDefinition(
    name="scheduling",
    migrations=Path(__file__).parent / "migrations",
    routes=api.routes,
    consumers=consumers,
)
