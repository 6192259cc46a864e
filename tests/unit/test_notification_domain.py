"""What notifications say: welcome text per role, and recommendation updates only when there is news."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.notification.domain import Notification, recommendations_ready, welcome

AT = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
RECIPIENT = uuid.UUID("6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f")
CAUSE = "mentornet/profile/7d3c9f0e-0000-4000-8000-000000000001"


@pytest.mark.parametrize("role, expected_words", [
    ("mentee", "looking for mentors"),
    ("mentor", "Mentees who fit your experience"),
    ("both", "find mentors and be found by mentees"),
])
def test_welcome_says_what_happens_next_for_each_role(role: str, expected_words: str):
    note = welcome(CAUSE, RECIPIENT, "Ada", role, AT)
    assert isinstance(note, Notification)
    assert note.kind == "welcome"
    assert note.title == "Welcome to mentornet, Ada"
    assert expected_words in note.body
    assert (note.recipient_id, note.created_at, note.read_at) == (RECIPIENT, AT, None)


def test_welcome_texts_differ_by_role():
    bodies = {role: welcome(CAUSE, RECIPIENT, "Ada", role, AT).body for role in ("mentee", "mentor", "both")}
    assert len(set(bodies.values())) == 3


def test_the_same_cause_always_makes_the_same_notification_and_different_causes_differ():
    replayed = {welcome(CAUSE, RECIPIENT, "Ada", "mentee", AT).id for _ in range(5)}
    assert len(replayed) == 1
    others = {welcome(f"tests/event-{n}", RECIPIENT, "Ada", "mentee", AT).id for n in range(50)}
    assert len(others) == 50
    ready = recommendations_ready(CAUSE, RECIPIENT, 3, AT)
    assert ready.id not in replayed, "a welcome and a recommendations note of one event are different"


def test_welcome_fits_the_notification_event_limits():
    note = welcome(CAUSE, RECIPIENT, "x" * 120, "both", AT)  # the longest display name a profile may have
    assert len(note.title) <= 200 and len(note.body) <= 2000 and len(note.kind) <= 64


def test_no_recommendations_means_no_notification():
    assert recommendations_ready(CAUSE, RECIPIENT, 0, AT) is None


def test_one_recommendation_is_singular():
    note = recommendations_ready(CAUSE, RECIPIENT, 1, AT)
    assert note is not None
    assert note.title == "1 mentor fits your goals"
    assert note.kind == "recommendations"
    assert (note.recipient_id, note.created_at) == (RECIPIENT, AT)
    assert note.body


@pytest.mark.parametrize("count", [2, 5, 50])
def test_several_recommendations_are_plural(count: int):
    note = recommendations_ready(CAUSE, RECIPIENT, count, AT)
    assert note.title == f"{count} mentors fit your goals"
