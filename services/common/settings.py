"""Typed settings read from the environment; every service uses the same names."""
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What a service process needs to run; missing required values stop it at start-up."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    service_name: str = Field(description="Also the default database schema and consumer group prefix.")
    database_url: SecretStr
    database_schema: str | None = None
    database_pool_min: int = 2
    database_pool_max: int = 10
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    http_host: str = "127.0.0.1"
    http_port: int = 8100
    internal_token: SecretStr = Field(description="Shared with the gateway; at least 16 characters.")
    log_level: str = "INFO"

    consumer_max_batch: int = 2000
    consumer_fetch_max_wait_ms: int = 10
    consumer_session_timeout_ms: int = 10_000
    consumer_heartbeat_interval_ms: int = 3_000
    consumer_max_attempts: int = 3
    consumer_retry_backoff_s: float = 0.2

    outbox_batch_size: int = 1000
    outbox_poll_interval_s: float = 1.0

    inbox_retention_days: int = 14

    @field_validator("internal_token")
    @classmethod
    def long_enough(cls, token: SecretStr) -> SecretStr:
        if len(token.get_secret_value()) < 16:
            raise ValueError("INTERNAL_TOKEN must be at least 16 characters")
        return token

    @property
    def schema(self) -> str:
        return self.database_schema or self.service_name

    def consumer_group(self, name: str) -> str:
        return f"{self.service_name}.{name}"
