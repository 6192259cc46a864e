"""How well a mentor fits a mentee: pure scoring with reasons a person can read."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEIGHTS = {"topics": 0.45, "field": 0.2, "seniority": 0.2, "timezone": 0.1, "language": 0.05}
IDEAL_GAP_YEARS = (3, 15)


@dataclass(frozen=True, slots=True)
class Candidate:
    profile_id: UUID
    role: str
    field: str
    skills: frozenset[str]
    goals: frozenset[str]
    seniority_years: int
    languages: frozenset[str]
    timezone: str
    capacity: int

    @property
    def mentors(self) -> bool:
        return self.role in ("mentor", "both") and self.capacity > 0

    @property
    def topics(self) -> frozenset[str]:
        return self.skills | self.goals


@dataclass(frozen=True, slots=True)
class Recommendation:
    mentor_id: UUID
    score: float
    reasons: tuple[str, ...]


_BUCKET_SECONDS = 900  # zones switch offsets on quarter hours (e.g. St John's and Adelaide at :30 UTC)


@lru_cache(maxsize=4096)
def _utc_offset_hours(zone: str, bucket: int) -> float | None:
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None  # zone data differs between hosts: unknown, not fatal
    offset = datetime.fromtimestamp(bucket * _BUCKET_SECONDS, UTC).astimezone(tz).utcoffset()
    return offset.total_seconds() / 3600 if offset else 0.0


def hours_apart(zone_a: str, zone_b: str, at: datetime | None = None) -> float | None:
    """Distance between two zones now (DST included), on the 24 h circle; None if a zone is unknown."""
    bucket = int((at or datetime.now(UTC)).timestamp() // _BUCKET_SECONDS)
    a, b = _utc_offset_hours(zone_a, bucket), _utc_offset_hours(zone_b, bucket)
    if a is None or b is None:
        return None
    diff = abs(a - b) % 24
    return min(diff, 24 - diff)


def seniority_fit(gap_years: int) -> float:
    """A mentor should be ahead, but not so far that their experience no longer transfers."""
    low, high = IDEAL_GAP_YEARS
    if gap_years <= 0:
        return 0.0
    if gap_years < low:
        return gap_years / low
    if gap_years <= high:
        return 1.0
    return max(0.3, 1.0 - (gap_years - high) / 30)


def score(mentee: Candidate, mentor: Candidate, at: datetime | None = None) -> Recommendation | None:
    """Score in [0, 1] with reasons; None when they cannot work together (no shared language)."""
    if mentor.profile_id == mentee.profile_id or not mentor.mentors:
        return None
    shared_languages = mentee.languages & mentor.languages
    if not shared_languages:
        return None
    wanted = mentee.topics
    shared_topics = wanted & mentor.skills
    topic_fit = len(shared_topics) / len(wanted) if wanted else 0.0
    same_field = mentee.field == mentor.field
    gap = mentor.seniority_years - mentee.seniority_years
    apart = hours_apart(mentee.timezone, mentor.timezone, at)
    if apart is None:
        timezone_fit = 0.5
    else:
        timezone_fit = 1.0 if apart <= 3 else max(0.0, 1.0 - (apart - 3) / 9)

    total = (WEIGHTS["topics"] * topic_fit + WEIGHTS["field"] * same_field
             + WEIGHTS["seniority"] * seniority_fit(gap) + WEIGHTS["timezone"] * timezone_fit
             + WEIGHTS["language"])
    reasons = []
    if shared_topics:
        reasons.append(f"Can help with {', '.join(sorted(shared_topics)[:5])}")
    if same_field:
        reasons.append(f"Works in {mentor.field}")
    if gap > 0:
        reasons.append(f"{gap} more years of experience")
    if apart is not None:
        reasons.append("Same time zone" if apart == 0 else f"Time zones {apart:g} h apart")
    reasons.append(f"Speaks {', '.join(sorted(shared_languages))}")
    return Recommendation(mentor.profile_id, round(min(total, 1.0), 4), tuple(reasons))


def rank(mentee: Candidate, mentors: list[Candidate], limit: int, at: datetime | None = None) -> list[Recommendation]:
    """Best mentors first; ties broken by id so results are stable."""
    scored = [r for m in mentors if (r := score(mentee, m, at)) is not None and r.score > 0]
    scored.sort(key=lambda r: (-r.score, str(r.mentor_id)))
    return scored[:limit]
