"""A real notification service process, fed by test producers: the consumer path end to end."""
from __future__ import annotations

import asyncpg
import pytest

from deploy.local.processes import ManagedProcess, NetworkConfig
from tests.support import FAST_GROUPS, Infra


@pytest.fixture(scope="module")
def network_config(infra: Infra) -> NetworkConfig:
    return NetworkConfig.with_ports(infra.database_url, infra.kafka_bootstrap_servers, prefer_defaults=False,
                                    log_dir=infra.workdir / "logs", extra_env=FAST_GROUPS)


@pytest.fixture(scope="module")
def notification_service(network_config: NetworkConfig):
    process = ManagedProcess("notification", network_config)
    process.start()
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


@pytest.fixture
async def notification_db(infra: Infra):
    conn = await asyncpg.connect(infra.database_url, server_settings={"search_path": "notification"})
    try:
        yield conn
    finally:
        await conn.close()
