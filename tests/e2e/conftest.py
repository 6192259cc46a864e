"""The whole network (four services and the gateway as processes) on real Postgres and broker."""
from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from deploy.local.processes import Network, NetworkConfig
from gateway.auth.tokens import mint_token
from tests.support import FAST_GROUPS, Infra


@pytest.fixture(scope="module")
def network(infra: Infra) -> Iterator[Network]:
    config = NetworkConfig.with_ports(infra.database_url, infra.kafka_bootstrap_servers, prefer_defaults=False,
                                      log_dir=infra.workdir / "logs", extra_env=FAST_GROUPS)
    running = Network(config)
    running.start()
    try:
        yield running
    finally:
        running.stop()


class GraphQLClient:
    """Talks to the gateway as a mobile or web client would."""

    def __init__(self, network: Network) -> None:
        self.url = f"{network.config.url('gateway')}/graphql"
        self.secret = network.config.jwt_secret

    def token_for(self, person_id) -> str:
        return mint_token(self.secret, person_id, ttl_seconds=600)

    async def __call__(self, query: str, variables: dict | None = None, *, as_person=None) -> dict:
        headers = {"Authorization": f"Bearer {self.token_for(as_person)}"} if as_person else {}
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(self.url, json={"query": query, "variables": variables or {}},
                                         headers=headers)
        return response.json()


@pytest.fixture(scope="module")
def graphql(network: Network) -> GraphQLClient:
    return GraphQLClient(network)
