"""Process configuration read from environment variables; invalid or missing values stop startup."""
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ServiceUrl = Annotated[AnyHttpUrl, Field(description="Base URL of a service's internal HTTP API.")]


class GatewaySettings(BaseSettings):
    """Everything the gateway needs to know about its surroundings."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore", hide_input_in_errors=True, frozen=True)

    gateway_host: str = "127.0.0.1"
    gateway_port: int = Field(default=8000, ge=1, le=65535)
    profile_url: ServiceUrl
    matching_url: ServiceUrl
    scheduling_url: ServiceUrl
    notification_url: ServiceUrl
    internal_token: SecretStr
    jwt_secret: SecretStr
    jwt_issuer: str = "mentornet"
    jwt_audience: str = "mentornet-api"
    kafka_bootstrap_servers: str = Field(min_length=1)
    mentornet_env: Literal["dev", "prod"] = "prod"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("internal_token")
    @classmethod
    def _token_long_enough(cls, value: SecretStr) -> SecretStr:
        # The same rule as the services', so a token one side refuses is refused by both.
        if len(value.get_secret_value().strip()) < 16:
            raise ValueError("must be at least 16 characters long")
        return value

    @field_validator("jwt_secret")
    @classmethod
    def _secret_long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 32:
            raise ValueError("must be at least 32 characters long")
        return value

    @property
    def is_dev(self) -> bool:
        return self.mentornet_env == "dev"

    def service_urls(self) -> dict[str, str]:
        """Base URL per upstream name, without a trailing slash."""
        return {
            "profile": str(self.profile_url).rstrip("/"),
            "matching": str(self.matching_url).rstrip("/"),
            "scheduling": str(self.scheduling_url).rstrip("/"),
            "notification": str(self.notification_url).rstrip("/"),
        }
