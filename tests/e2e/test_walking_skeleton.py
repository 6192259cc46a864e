"""A mentee and a mentor join through the public API, and the mentee is shown the mentor."""
from __future__ import annotations

import uuid

from tests.support import eventually

SAVE = """
mutation Save($input: ProfileInput!) {
  saveMyProfile(input: $input) { id version role displayName email skills languages timezone }
}"""
RECOMMENDATIONS = "{ recommendations(limit: 5) { score reasons mentor { id displayName headline } } }"
NOTIFICATIONS = "{ notifications { id kind title body readAt } }"
MARK_READ = "mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }"


def profile_input(**overrides) -> dict:
    values = {
        "role": "MENTEE", "displayName": "Ada Mensah", "email": f"ada-{uuid.uuid4().hex[:6]}@example.org",
        "headline": "Junior backend developer", "field": "Software Engineering",
        "skills": ["Python", "SQL"], "goals": ["System Design"], "seniorityYears": 1,
        "languages": ["en"], "timezone": "Africa/Accra", "capacity": 0,
    }
    values.update(overrides)
    return values


async def test_a_mentee_is_recommended_a_fitting_mentor_and_notified(graphql):
    mentor, mentee = uuid.uuid4(), uuid.uuid4()
    saved_mentor = await graphql(SAVE, {"input": profile_input(
        role="MENTOR", displayName="Kwame Boateng", headline="Principal engineer",
        skills=["python", "system design", "technical leadership"], goals=[], seniorityYears=14,
        timezone="Europe/London", capacity=2)}, as_person=mentor)
    saved_mentee = await graphql(SAVE, {"input": profile_input()}, as_person=mentee)

    assert saved_mentor.get("errors") is None, saved_mentor
    assert saved_mentee["data"]["saveMyProfile"]["id"] == str(mentee)
    assert saved_mentee["data"]["saveMyProfile"]["skills"] == ["python", "sql"]

    async def mentor_recommended():
        result = await graphql(RECOMMENDATIONS, as_person=mentee)
        found = [r for r in (result.get("data") or {}).get("recommendations") or []
                 if r["mentor"]["id"] == str(mentor)]
        return found[0] if found else None

    recommendation = await eventually(mentor_recommended, what="mentor recommended to mentee")
    assert recommendation["mentor"]["displayName"] == "Kwame Boateng"
    assert 0 < recommendation["score"] <= 1
    assert any("python" in reason and "system design" in reason for reason in recommendation["reasons"])

    async def welcomed():
        result = await graphql(NOTIFICATIONS, as_person=mentee)
        return [n for n in result["data"]["notifications"] if n["kind"] == "welcome"]

    welcome = await eventually(welcomed, what="welcome notification in the mentee's inbox")
    assert welcome[0]["title"] == "Welcome to mentornet, Ada Mensah"
    assert welcome[0]["readAt"] is None

    marked = await graphql(MARK_READ, {"id": welcome[0]["id"]}, as_person=mentee)
    assert marked["data"]["markNotificationRead"]["readAt"] is not None
    unread = await graphql("{ notifications(unreadOnly: true) { id } }", as_person=mentee)
    assert welcome[0]["id"] not in {n["id"] for n in unread["data"]["notifications"]}
    not_theirs = await graphql(MARK_READ, {"id": welcome[0]["id"]}, as_person=mentor)
    assert not_theirs["errors"][0]["extensions"]["code"] == "NOT_FOUND", "nobody marks another person's inbox"

    mentor_view = await graphql(RECOMMENDATIONS, as_person=mentor)
    assert mentor_view == {"data": {"recommendations": []}}, "someone who only mentors is shown no mentors"


async def test_personal_data_is_never_served_without_a_token(graphql):
    result = await graphql("{ me { email } notifications { title } }")
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_other_people_see_only_public_fields(graphql):
    mentor, stranger = uuid.uuid4(), uuid.uuid4()
    await graphql(SAVE, {"input": profile_input(role="MENTOR", seniorityYears=9, capacity=1)}, as_person=mentor)
    public = await graphql("query($id: ID!) { profile(id: $id) { displayName headline } }", {"id": str(mentor)},
                           as_person=stranger)
    assert public["data"]["profile"] == {"displayName": "Ada Mensah", "headline": "Junior backend developer"}
    private = await graphql("query($id: ID!) { profile(id: $id) { email } }", {"id": str(mentor)},
                            as_person=stranger)
    assert private.get("data") is None and "email" in private["errors"][0]["message"]


async def test_bad_input_gets_a_specific_coded_error_and_changes_nothing(graphql):
    person = uuid.uuid4()
    result = await graphql(SAVE, {"input": profile_input(timezone="Mars/Olympus_Mons")}, as_person=person)
    error = result["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "timezone"
    me = await graphql("{ me { id } }", as_person=person)
    assert me["data"]["me"] is None
