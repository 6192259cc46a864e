"""Profile input rules: what is normalised, and which field a rejection names."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from schemas.api.profile import ProfileInput
from schemas.events.profile import ProfileCreated
from services.profile.domain import InvalidProfile, parse_profile_input


def valid(**overrides) -> dict:
    raw = {
        "role": "mentee",
        "display_name": "Ada Lovelace",
        "email": "ada@example.org",
        "field": "Software Engineering",
        "skills": ["Python"],
        "goals": ["Kafka"],
        "seniority_years": 2,
        "languages": ["en"],
        "timezone": "Europe/Berlin",
    }
    raw.update(overrides)
    return raw


def rejected(**overrides) -> InvalidProfile:
    with pytest.raises(InvalidProfile) as caught:
        parse_profile_input(valid(**overrides))
    return caught.value


# --- normalisation ----------------------------------------------------------------------------------------------


def test_a_valid_profile_is_accepted_with_defaults():
    profile = parse_profile_input(valid())
    assert isinstance(profile, ProfileInput)
    assert profile.role == "mentee"
    assert profile.capacity == 0
    assert profile.headline == ""
    assert profile.org_id is None


def test_skills_and_goals_are_lower_cased_collapsed_and_deduplicated_in_order():
    profile = parse_profile_input(valid(
        skills=["  Python", "python ", "Machine   Learning", "PYTHON", "machine learning", "Go"],
        goals=["System\tDesign", "system design", "Public Speaking"],
    ))
    assert profile.skills == ["python", "machine learning", "go"]
    assert profile.goals == ["system design", "public speaking"]


def test_blank_tags_are_dropped():
    assert parse_profile_input(valid(skills=["", "   ", "rust"], goals=["\t"])).skills == ["rust"]
    assert parse_profile_input(valid(goals=["", " "])).goals == []


def test_field_is_lower_cased_and_whitespace_collapsed():
    assert parse_profile_input(valid(field="  Software \n  Engineering ")).field == "software engineering"


def test_languages_are_lower_cased_and_deduplicated():
    assert parse_profile_input(valid(languages=["EN", " en ", "De"])).languages == ["en", "de"]


def test_display_name_is_trimmed():
    assert parse_profile_input(valid(display_name="  Ada  ")).display_name == "Ada"


def test_a_full_mentor_profile_is_accepted():
    org = uuid.uuid4()
    profile = parse_profile_input(valid(role="mentor", capacity=5, seniority_years=20, headline="Staff engineer",
                                        org_id=str(org), timezone="America/Argentina/Buenos_Aires"))
    assert (profile.role, profile.capacity, profile.org_id) == ("mentor", 5, org)


def test_an_accepted_profile_always_makes_a_valid_profile_event():
    """What the profile service publishes must pass the consumers' schema, or it is dead-lettered downstream."""
    profile = parse_profile_input(valid(
        display_name="x" * 120, headline="h" * 200, field="F" * 80, skills=[f"Skill {i:02d} " + "s" * 50
                                                                              for i in range(50)],
        goals=[f"goal {i}" for i in range(20)], languages=[c + c for c in "abcdefghij"],
        email="First.Last+tag@Sub.Example.co.uk", capacity=50, seniority_years=70, timezone="Etc/GMT+5",
    ))
    event = ProfileCreated.model_validate({**profile.model_dump(), "profile_id": uuid.uuid4(), "version": 1,
                                           "updated_at": datetime.now(UTC)})
    assert event.skills == profile.skills


# --- rejections -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("languages", [["eng"], ["e"], ["e1"], ["en-GB"], ["en", "english"], [""]])
def test_a_bad_language_code_names_languages(languages):
    error = rejected(languages=languages)
    assert error.field == "languages"
    assert "ISO 639-1" in str(error)


def test_no_language_at_all_is_rejected():
    assert rejected(languages=[]).field == "languages"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Europe/Berlinn", "", "../../etc/passwd", "/etc/localtime",
                                  "Europe/../UTC", "UTC/"])
def test_an_unknown_time_zone_names_timezone(zone: str):
    error = rejected(timezone=zone)
    assert error.field == "timezone"


def test_a_host_dependent_zone_alias_is_not_an_iana_time_zone():
    """'localtime' means whatever the host's zone is; on a host with /usr/share/zoneinfo it loads, elsewhere not."""
    assert rejected(timezone="localtime").field == "timezone"


def test_too_many_skills_names_skills():
    assert rejected(skills=[f"skill {i}" for i in range(51)]).field == "skills"


def test_too_many_goals_names_goals():
    assert rejected(goals=[f"goal {i}" for i in range(21)]).field == "goals"


def test_a_too_long_skill_names_skills():
    assert rejected(skills=["x" * 61]).field == "skills"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_empty_display_name_names_display_name(name: str):
    assert rejected(display_name=name).field == "display_name"


def test_a_too_long_display_name_names_display_name():
    assert parse_profile_input(valid(display_name="x" * 120)).display_name == "x" * 120
    assert rejected(display_name="x" * 121).field == "display_name"


def test_an_unknown_extra_field_is_named():
    error = rejected(is_admin=True)
    assert error.field == "is_admin"


def test_a_server_owned_field_cannot_be_set():
    assert rejected(id=str(uuid.uuid4())).field == "id"
    assert rejected(version=7).field == "version"


@pytest.mark.parametrize("email", ["not-an-email", "ada@", "@example.org", "ada@example", "ada example@x.org",
                                   "ada@@example.org", ""])
def test_a_bad_email_names_email(email: str):
    assert rejected(email=email).field == "email"


@pytest.mark.parametrize("field, value", [
    ("role", "admin"), ("seniority_years", -1), ("seniority_years", 71), ("capacity", 51), ("capacity", -1),
    ("headline", "h" * 201), ("field", ""), ("field", "f" * 81), ("org_id", "not-a-uuid"),
])
def test_other_out_of_range_values_name_their_field(field: str, value):
    assert rejected(**{field: value}).field == field


@pytest.mark.parametrize("missing", ["role", "display_name", "email", "field", "seniority_years", "languages",
                                     "timezone"])
def test_a_missing_required_field_is_named(missing: str):
    raw = valid()
    del raw[missing]
    with pytest.raises(InvalidProfile) as caught:
        parse_profile_input(raw)
    assert caught.value.field == missing


def test_the_message_starts_with_the_field():
    error = rejected(timezone="Nowhere/Special")
    assert str(error).startswith("timezone: ")
    assert "Nowhere/Special" in str(error)


def test_input_that_is_not_an_object_has_no_field():
    with pytest.raises(InvalidProfile) as caught:
        parse_profile_input(["not", "a", "dict"])  # type: ignore[arg-type]
    assert caught.value.field is None
