"""Notification service settings: the shared ones with this service's defaults."""
from services.common.settings import ServiceSettings


class NotificationSettings(ServiceSettings):
    service_name: str = "notification"
    http_port: int = 8104
