"""Composition of the profile service: its migrations and routes on the shared runtime."""
from pathlib import Path

from services.common.runtime import ServiceDefinition
from services.profile import api

definition = ServiceDefinition(
    name="profile",
    migrations=Path(__file__).parent / "migrations",
    routes=api.routes,
)
