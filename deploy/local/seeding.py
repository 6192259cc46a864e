"""Seed the demo network through the public GraphQL API, as its people would sign up."""
from __future__ import annotations

import httpx

from deploy.local.demo import DemoPerson, demo_people
from gateway.auth.tokens import mint_token

SAVE_PROFILE = """
mutation Save($input: ProfileInput!) { saveMyProfile(input: $input) { id displayName } }
"""


def seed_demo(gateway_url: str, jwt_secret: str) -> list[DemoPerson]:
    people = demo_people()
    with httpx.Client(base_url=gateway_url, timeout=10) as client:
        for person in people:
            token = mint_token(jwt_secret, person.id, ttl_seconds=300)
            response = client.post("/graphql", json={"query": SAVE_PROFILE, "variables": {"input": person.input}},
                                   headers={"Authorization": f"Bearer {token}"})
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"seeding {person.input['displayName']} failed: {body}")
    return people
