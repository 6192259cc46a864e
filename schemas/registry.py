"""The catalogue of event types: CloudEvents `type` → topic, payload model and schema version."""
from dataclasses import dataclass

from schemas.events.base import EventData
from schemas.events.matching import RecommendationsRefreshed
from schemas.events.notification import NotificationCreated
from schemas.events.profile import ProfileCreated, ProfileErased, ProfileUpdated


@dataclass(frozen=True)
class Contract:
    type: str
    topic: str
    model: type[EventData]
    version: int = 1

    @property
    def dataschema(self) -> str:
        """Value of the CloudEvents `dataschema` attribute: names the committed JSON Schema file."""
        return f"mentornet:{self.type}/v{self.version}"

    @property
    def schema_file(self) -> str:
        return f"{self.type}.v{self.version}.json"


PROFILES_TOPIC = "profile.profiles.v1"
RECOMMENDATIONS_TOPIC = "matching.recommendations.v1"
NOTIFICATIONS_TOPIC = "notification.notifications.v1"



def _catalogue(*contracts: Contract) -> dict[str, Contract]:
    """Index by type; a type declared twice is a mistake that must not pass silently."""
    by_type: dict[str, Contract] = {}
    for contract in contracts:
        if contract.type in by_type:
            raise ValueError(f"event type declared twice: {contract.type}")
        by_type[contract.type] = contract
    return by_type


CONTRACTS: dict[str, Contract] = _catalogue(
    Contract("mentornet.profile.created", PROFILES_TOPIC, ProfileCreated),
    Contract("mentornet.profile.updated", PROFILES_TOPIC, ProfileUpdated),
    Contract("mentornet.profile.erased", PROFILES_TOPIC, ProfileErased),
    Contract("mentornet.matching.recommendations_refreshed", RECOMMENDATIONS_TOPIC, RecommendationsRefreshed),
    Contract("mentornet.notification.created", NOTIFICATIONS_TOPIC, NotificationCreated),
)


def contract_for(event_type: str) -> Contract:
    """Look up a contract; raises KeyError for a type nobody declared."""
    return CONTRACTS[event_type]
