"""Thin subscribers: which topics and event types scheduling applies, and with which use case."""
from schemas.registry import PROFILES_TOPIC
from services.common.consumer import TopicHandler
from services.common.runtime import Runtime
from services.scheduling import service


def consumers(rt: Runtime) -> dict[str, list[TopicHandler]]:
    return {
        "participants": [TopicHandler(
            PROFILES_TOPIC,
            frozenset({"mentornet.profile.created", "mentornet.profile.updated", "mentornet.profile.erased"}),
            service.apply_profile_events,
        )],
    }
