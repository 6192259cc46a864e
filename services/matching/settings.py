"""Matching service settings: the shared ones with this service's defaults."""
from services.common.settings import ServiceSettings


class MatchingSettings(ServiceSettings):
    service_name: str = "matching"
    http_port: int = 8102
    recommendations_per_event: int = 10
