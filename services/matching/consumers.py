"""Thin subscribers: which topics and event types matching applies, and with which use case."""
from schemas.registry import PROFILES_TOPIC
from services.common.consumer import TopicHandler
from services.common.runtime import Runtime
from services.matching.service import Matching


def consumers(rt: Runtime) -> dict[str, list[TopicHandler]]:
    matching = Matching(rt.outbox, rt.settings.recommendations_per_event)
    return {
        "profiles": [TopicHandler(
            PROFILES_TOPIC,
            frozenset({"mentornet.profile.created", "mentornet.profile.updated", "mentornet.profile.erased"}),
            matching.apply_profile_events,
        )],
    }
