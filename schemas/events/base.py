"""Base class for event payloads: strict enough to reject garbage, open to additive change."""
from pydantic import BaseModel, ConfigDict


class EventData(BaseModel):
    """Payload of one CloudEvent. Unknown fields are ignored so producers can add fields safely."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)
