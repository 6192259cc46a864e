"""Thin subscribers: which topics and event types notification applies, and with which use case."""
from schemas.registry import PROFILES_TOPIC, RECOMMENDATIONS_TOPIC
from services.common.consumer import TopicHandler
from services.common.runtime import Runtime
from services.notification.service import Notifications


def consumers(rt: Runtime) -> dict[str, list[TopicHandler]]:
    notifications = Notifications(rt.outbox)
    return {
        "inbox": [
            TopicHandler(
                PROFILES_TOPIC,
                frozenset({"mentornet.profile.created", "mentornet.profile.updated", "mentornet.profile.erased"}),
                notifications.apply_profile_events,
            ),
            TopicHandler(
                RECOMMENDATIONS_TOPIC,
                frozenset({"mentornet.matching.recommendations_refreshed"}),
                notifications.apply_recommendations,
            ),
        ],
    }
