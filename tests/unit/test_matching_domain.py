"""Matching scores: who may be recommended, who ranks first, and reasons a person can read."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.matching.domain import (
    IDEAL_GAP_YEARS,
    Candidate,
    Recommendation,
    hours_apart,
    rank,
    score,
    seniority_fit,
)

WINTER = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)   # northern winter, southern summer
SUMMER = datetime(2024, 7, 15, 12, 0, tzinfo=UTC)


def person(role: str = "mentor", *, field: str = "software engineering", skills=(), goals=(), years: int = 10,
           languages=("en",), tz: str = "Europe/Berlin", capacity: int = 3, pid: uuid.UUID | None = None) -> Candidate:
    return Candidate(pid or uuid.uuid4(), role, field, frozenset(skills), frozenset(goals), years,
                     frozenset(languages), tz, capacity)


def mentee(**kwargs) -> Candidate:
    defaults = {"skills": ("python",), "goals": ("kafka", "system design"), "years": 2, "capacity": 0}
    return person("mentee", **(defaults | kwargs))


# --- who can be recommended -------------------------------------------------------------------------------------


def test_no_shared_language_means_no_recommendation():
    assert score(mentee(languages=("de",)), person(languages=("en", "fr"), skills=("kafka",)), WINTER) is None


def test_one_shared_language_is_enough_and_named():
    rec = score(mentee(languages=("de", "en")), person(languages=("en", "fr")), WINTER)
    assert rec is not None
    assert "Speaks en" in rec.reasons


def test_a_mentor_without_capacity_is_never_recommended():
    full = person(skills=("kafka", "system design"), capacity=0)
    assert score(mentee(), full, WINTER) is None
    assert rank(mentee(), [full], limit=10, at=WINTER) == []


def test_a_mentee_only_profile_is_never_recommended_even_with_capacity_set():
    other = person("mentee", skills=("kafka", "system design"), capacity=5, years=20)
    assert score(mentee(), other, WINTER) is None
    assert rank(mentee(), [other], limit=10, at=WINTER) == []


def test_a_both_role_with_capacity_can_mentor():
    assert score(mentee(), person("both", skills=("kafka",)), WINTER) is not None


def test_nobody_is_recommended_to_themselves():
    me = person("both", skills=("kafka",))
    assert score(me, me, WINTER) is None


# --- ordering ---------------------------------------------------------------------------------------------------


def test_a_senior_mentor_in_the_same_field_with_shared_skills_outranks_a_weaker_fit():
    seeker = mentee()
    good = person(skills=("kafka", "system design", "python"), years=10, pid=uuid.UUID(int=2))
    weaker = person(field="marketing", skills=("seo",), years=3, pid=uuid.UUID(int=1))
    junior = person(skills=("kafka",), years=1, pid=uuid.UUID(int=0))

    ranked = rank(seeker, [weaker, junior, good], limit=10, at=WINTER)

    assert [r.mentor_id for r in ranked][0] == good.profile_id
    scores = {r.mentor_id: r.score for r in ranked}
    assert scores[good.profile_id] > scores[junior.profile_id]
    assert scores[good.profile_id] > scores[weaker.profile_id]


def test_each_fit_dimension_raises_the_score():
    seeker = mentee()
    base = person(field="marketing", skills=(), years=2, tz="Asia/Tokyo")
    at = WINTER
    base_score = score(seeker, base, at).score
    for change in ({"skills": frozenset({"kafka"})}, {"field": "software engineering"}, {"seniority_years": 10},
                   {"timezone": "Europe/Berlin"}):
        assert score(seeker, replace(base, **change), at).score > base_score, change


def test_scores_stay_within_zero_and_one():
    seeker = mentee()
    perfect = person(skills=("python", "kafka", "system design"), years=10, tz="Europe/Berlin")
    poor = person(field="x", skills=(), years=0, tz="Pacific/Kiritimati", languages=("en",))
    assert score(seeker, perfect, WINTER).score == pytest.approx(1.0)
    assert 0 < score(seeker, poor, WINTER).score < 0.2


def test_rank_is_stable_for_equal_scores_and_limited():
    seeker = mentee()
    twins = [person(skills=("kafka",), pid=uuid.UUID(int=i)) for i in (5, 3, 9, 1, 7)]
    first = rank(seeker, twins, limit=3, at=WINTER)
    assert len(first) == 3
    assert len({r.score for r in first}) == 1
    assert [r.mentor_id.int for r in first] == [1, 3, 5]
    assert rank(seeker, list(reversed(twins)), limit=3, at=WINTER) == first


def test_rank_orders_by_score_and_respects_the_limit():
    seeker = mentee()
    mentors = [person(skills=tuple(["kafka", "system design", "python"][:n]), years=y)
               for n in range(4) for y in (1, 5, 25)]
    ranked = rank(seeker, mentors, limit=5, at=WINTER)
    assert len(ranked) == 5
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    everything = rank(seeker, mentors, limit=100, at=WINTER)
    assert len(everything) == len(mentors)
    assert ranked == everything[:5]
    assert rank(seeker, mentors, limit=0, at=WINTER) == []


def test_rank_skips_those_who_cannot_mentor():
    seeker = mentee()
    able = person(skills=("kafka",))
    ranked = rank(seeker, [person(capacity=0), person("mentee", capacity=3), person(languages=("ja",)), able],
                  limit=10, at=WINTER)
    assert [r.mentor_id for r in ranked] == [able.profile_id]


# --- reasons ----------------------------------------------------------------------------------------------------


def test_reasons_are_readable_and_mention_shared_skills():
    seeker = mentee(languages=("en", "de"))
    mentor = person(skills=("kafka", "system design", "rust"), years=12, tz="Europe/Berlin", languages=("de", "en"))
    rec = score(seeker, mentor, WINTER)
    assert isinstance(rec, Recommendation)
    assert all(isinstance(r, str) and r and r == r.strip() for r in rec.reasons)
    assert rec.reasons[0] == "Can help with kafka, system design"
    assert "Works in software engineering" in rec.reasons
    assert "10 more years of experience" in rec.reasons
    assert "Same time zone" in rec.reasons
    assert "Speaks de, en" in rec.reasons
    assert not any("rust" in r for r in rec.reasons), "a skill the mentee does not want is not a reason"


def test_reasons_name_the_time_zone_distance_and_skip_what_does_not_apply():
    rec = score(mentee(tz="America/New_York"), person(field="design", skills=(), years=1, tz="Europe/Berlin"), WINTER)
    assert "Time zones 6 h apart" in rec.reasons
    assert not any(r.startswith("Can help with") for r in rec.reasons)
    assert not any(r.startswith("Works in") for r in rec.reasons)
    assert not any("more years" in r for r in rec.reasons)


def test_reasons_list_at_most_five_shared_topics():
    topics = [f"topic {c}" for c in "abcdefg"]
    rec = score(mentee(skills=(), goals=topics), person(skills=topics), WINTER)
    assert rec.reasons[0] == "Can help with topic a, topic b, topic c, topic d, topic e"


# --- seniority --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("gap", [-10, -1, 0])
def test_a_mentor_junior_to_or_level_with_the_mentee_has_no_seniority_fit(gap: int):
    assert seniority_fit(gap) == 0.0


def test_the_ideal_gap_fits_fully():
    low, high = IDEAL_GAP_YEARS
    assert all(seniority_fit(gap) == 1.0 for gap in range(low, high + 1))


def test_seniority_fit_rises_to_the_ideal_gap_then_falls_to_a_floor():
    low, high = IDEAL_GAP_YEARS
    rising = [seniority_fit(g) for g in range(0, low + 1)]
    assert rising == sorted(rising) and len(set(rising)) == len(rising)
    falling = [seniority_fit(g) for g in range(high, 80)]
    assert falling == sorted(falling, reverse=True)
    assert seniority_fit(high + 1) < 1.0
    assert min(falling) == pytest.approx(0.3)
    assert all(0.0 <= seniority_fit(g) <= 1.0 for g in range(-5, 100))


# --- time zones -------------------------------------------------------------------------------------------------


ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "Asia/Kathmandu",
         "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "Australia/Adelaide"]


@pytest.mark.parametrize("at", [WINTER, SUMMER], ids=["january", "july"])
def test_hours_apart_is_symmetric_and_within_half_a_day(at: datetime):
    for a in ZONES:
        assert hours_apart(a, a, at) == 0
        for b in ZONES:
            assert hours_apart(a, b, at) == hours_apart(b, a, at)
            assert 0 <= hours_apart(a, b, at) <= 12


def test_hours_apart_wraps_around_the_date_line():
    # Auckland is UTC+13 and Los Angeles UTC-8 in January: 21 h one way round, 3 h the other.
    assert hours_apart("Pacific/Auckland", "America/Los_Angeles", WINTER) == 3
    # In July Auckland is UTC+12 and Los Angeles UTC-7.
    assert hours_apart("Pacific/Auckland", "America/Los_Angeles", SUMMER) == 5
    # UTC+14 and UTC-11 are one hour apart on the clock.
    assert hours_apart("Pacific/Kiritimati", "Pacific/Pago_Pago", WINTER) == 1


def test_hours_apart_follows_daylight_saving_time():
    assert hours_apart("Europe/London", "America/New_York", datetime(2024, 3, 20, 12, tzinfo=UTC)) == 4
    assert hours_apart("Europe/London", "America/New_York", datetime(2024, 4, 20, 12, tzinfo=UTC)) == 5
    assert hours_apart("Europe/Berlin", "Asia/Kolkata", WINTER) == 4.5
    assert hours_apart("Europe/Berlin", "Asia/Kolkata", SUMMER) == 3.5


def test_hours_apart_changes_at_the_moment_of_a_dst_switch():
    # US clocks went forward on 2024-03-10 at 02:00 EST = 07:00 UTC.
    switch = datetime(2024, 3, 10, 7, 0, tzinfo=UTC)
    assert hours_apart("America/New_York", "UTC", switch - timedelta(minutes=1)) == 5
    assert hours_apart("America/New_York", "UTC", switch + timedelta(minutes=1)) == 4


@pytest.mark.parametrize("zone, switch", [
    # Newfoundland went forward on 2024-03-10 at 02:00 NST (UTC-3:30) = 05:30 UTC.
    ("America/St_Johns", datetime(2024, 3, 10, 5, 30, tzinfo=UTC)),
    # Adelaide went back on 2024-04-07 at 03:00 ACDT (UTC+10:30) = 2024-04-06 16:30 UTC.
    ("Australia/Adelaide", datetime(2024, 4, 6, 16, 30, tzinfo=UTC)),
])
def test_hours_apart_is_right_just_after_a_half_hour_dst_switch(zone: str, switch: datetime):
    """Zones whose DST switch falls at half past a UTC hour must use the offset in force at `at`."""
    at = switch + timedelta(minutes=10)
    actual = abs(at.astimezone(ZoneInfo(zone)).utcoffset().total_seconds() / 3600)
    assert hours_apart(zone, "UTC", at) == actual


def test_hours_apart_handles_half_and_quarter_hour_zones():
    assert hours_apart("Asia/Kolkata", "UTC", WINTER) == 5.5
    assert hours_apart("Asia/Kathmandu", "Asia/Kolkata", WINTER) == 0.25
