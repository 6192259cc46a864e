"""Live notifications reach the right person's open subscription; erasure removes a person everywhere."""
from __future__ import annotations

import asyncio
import uuid

from tests.e2e.test_walking_skeleton import NOTIFICATIONS, RECOMMENDATIONS, SAVE, profile_input
from tests.support import eventually, metric_total
from tests.support_ws import subscribe

LIVE = "subscription { notificationAdded { kind title } }"


async def test_a_new_notification_is_pushed_to_its_recipient_only(graphql, network):
    recipient, bystander = uuid.uuid4(), uuid.uuid4()
    url = f"{network.config.url('gateway')}/graphql"

    async def first_event(person) -> dict:
        async for payload in subscribe(url, graphql.token_for(person), LIVE):
            return payload

    recipient_feed = asyncio.create_task(first_event(recipient))
    bystander_feed = asyncio.create_task(first_event(bystander))
    gateway = network.config.url("gateway")
    await eventually(lambda: _at_least_two(gateway), what="both subscriptions registered")
    await graphql(SAVE, {"input": profile_input(displayName="Lina Haddad")}, as_person=recipient)

    payload = await asyncio.wait_for(recipient_feed, 20)
    assert payload["data"]["notificationAdded"] == {"kind": "welcome", "title": "Welcome to mentornet, Lina Haddad"}
    await asyncio.sleep(0.5)
    assert not bystander_feed.done(), "someone else's notification must not be pushed to this viewer"
    bystander_feed.cancel()


async def test_an_erased_person_disappears_from_every_service(graphql):
    mentor, mentee = uuid.uuid4(), uuid.uuid4()
    await graphql(SAVE, {"input": profile_input(role="MENTOR", displayName="Ines Duarte", seniorityYears=11,
                                                skills=["python", "system design"], capacity=2)}, as_person=mentor)
    await graphql(SAVE, {"input": profile_input()}, as_person=mentee)

    async def recommended_mentors() -> set[str]:
        result = await graphql(RECOMMENDATIONS, as_person=mentee)
        return {r["mentor"]["id"] for r in (result.get("data") or {}).get("recommendations") or []}

    async def inbox(person) -> list:
        return (await graphql(NOTIFICATIONS, as_person=person))["data"]["notifications"]

    await eventually(lambda: _contains(recommended_mentors, str(mentor)), what="mentor recommended")
    await eventually(lambda: inbox(mentor), what="mentor welcomed")

    erased = await graphql("mutation { eraseMyProfile }", as_person=mentor)
    assert erased == {"data": {"eraseMyProfile": True}}

    me = await graphql("{ me { id } }", as_person=mentor)
    assert me["data"]["me"] is None
    await eventually(lambda: _absent(recommended_mentors, str(mentor)), what="mentor no longer recommended")
    await eventually(lambda: _empty(inbox, mentor), what="mentor's inbox emptied")
    again = await graphql("mutation { eraseMyProfile }", as_person=mentor)
    assert again["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    rejoined = await graphql(SAVE, {"input": profile_input(role="MENTOR", displayName="Ines Duarte",
                                                           seniorityYears=11, skills=["python"], capacity=2)},
                             as_person=mentor)
    assert rejoined["data"]["saveMyProfile"]["version"] == 3, "a returning person continues after the erasure"
    await eventually(lambda: _contains(recommended_mentors, str(mentor)), what="returning mentor recommended")
    await eventually(lambda: inbox(mentor), what="returning mentor welcomed again")


async def _contains(values, item) -> bool:
    return item in await values()


async def _absent(values, item) -> bool:
    return item not in await values()


async def _empty(values, person) -> bool:
    return not await values(person)


async def _at_least_two(gateway_url: str) -> bool:
    return metric_total(gateway_url, "mentornet_live_subscribers") >= 2
