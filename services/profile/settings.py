"""Profile service settings: the shared ones with this service's defaults."""
from services.common.settings import ServiceSettings


class ProfileSettings(ServiceSettings):
    service_name: str = "profile"
    http_port: int = 8101
