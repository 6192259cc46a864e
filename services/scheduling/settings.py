"""Scheduling service settings: the shared ones with this service's defaults."""
from services.common.settings import ServiceSettings


class SchedulingSettings(ServiceSettings):
    service_name: str = "scheduling"
    http_port: int = 8103
