"""What each kind of notification says, free of I/O."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Notification:
    id: UUID
    recipient_id: UUID
    kind: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None = None


_IDS = uuid.UUID("1b0e3c52-7a43-4f0e-9d1c-5a0c8e6f2b71")


def notification_id(cause: str, kind: str) -> UUID:
    """The same cause (an event) always makes the same notification, so replays add nothing."""
    return uuid.uuid5(_IDS, f"{kind}:{cause}")


def welcome(cause: str, recipient_id: UUID, display_name: str, role: str, at: datetime) -> Notification:
    next_step = {
        "mentee": "We are looking for mentors who fit your goals.",
        "mentor": "Mentees who fit your experience will be able to find you.",
        "both": "You can now find mentors and be found by mentees.",
    }[role]
    return Notification(notification_id(cause, "welcome"), recipient_id, "welcome",
                        f"Welcome to mentornet, {display_name}", next_step, at)


def recommendations_ready(cause: str, recipient_id: UUID, count: int, at: datetime) -> Notification | None:
    """Nothing to say when nobody fits yet: an empty update is noise."""
    if count == 0:
        return None
    mentors = "mentor fits" if count == 1 else "mentors fit"
    return Notification(notification_id(cause, "recommendations"), recipient_id, "recommendations",
                        f"{count} {mentors} your goals",
                        "Open your recommendations to see why they fit and ask for an introduction.", at)
