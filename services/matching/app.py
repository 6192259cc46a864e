"""Composition of the matching service: its migrations, consumers and routes on the shared runtime."""
from pathlib import Path

from services.common.runtime import ServiceDefinition
from services.matching import api
from services.matching.consumers import consumers

definition = ServiceDefinition(
    name="matching",
    migrations=Path(__file__).parent / "migrations",
    routes=api.routes,
    consumers=consumers,
)
