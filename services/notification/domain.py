"""What each kind of notification says, free of I/O."""
from __future__ import annotations

import uuid
from datetime import datetime
from uuid import UUID

from schemas.api.notification import NotificationRecord

Notification = NotificationRecord


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
    return Notification(id=notification_id(cause, "welcome"), recipient_id=recipient_id, kind="welcome",
                        title=f"Welcome to mentornet, {display_name}", body=next_step, created_at=at)


def recommendations_ready(cause: str, recipient_id: UUID, count: int, at: datetime) -> Notification | None:
    """Nothing to say when nobody fits yet: an empty update is noise."""
    if count == 0:
        return None
    mentors = "mentor fits" if count == 1 else "mentors fit"
    return Notification(id=notification_id(cause, "recommendations"), recipient_id=recipient_id,
                        kind="recommendations", title=f"{count} {mentors} your goals",
                        body="Open your recommendations to see why they fit and ask for an introduction.",
                        created_at=at)
