"""`python -m deploy.local` (what `make run` calls): the whole network on this machine.

Uses DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS when set; otherwise starts an embedded PostgreSQL and
an embedded Kafka-compatible broker. Ctrl-C stops every process it started.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from deploy.local.embedded import EmbeddedKafka, EmbeddedPostgres, port_is_free
from deploy.local.processes import SERVICES, Network, NetworkConfig
from deploy.local.seeding import seed_demo
from deploy.topics import ensure_topics
from gateway.auth.tokens import mint_token

RUN_DIR = Path(".run")


def say(message: str) -> None:
    print(f"mentornet | {message}", flush=True)


class Stop(Exception):
    """Ctrl-C or SIGTERM: leave through the cleanup path."""


def _raise_stop(*_args) -> None:
    raise Stop


def main() -> int:
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    RUN_DIR.mkdir(exist_ok=True)
    data_dir = RUN_DIR / "data"
    shutil.rmtree(data_dir, ignore_errors=True)
    postgres = kafka = network = None
    try:
        database_url = os.environ.get("DATABASE_URL")
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if database_url:
            say("using PostgreSQL from DATABASE_URL")
        else:
            postgres = EmbeddedPostgres(data_dir.resolve() / "pg")
            database_url = postgres.start()
            say("embedded PostgreSQL started")
        if bootstrap:
            say(f"using Kafka at {bootstrap}")
        else:
            kafka = EmbeddedKafka(port=9092 if port_is_free(9092) else None)
            bootstrap = kafka.start(RUN_DIR / "broker.log")
            say(f"embedded Kafka-compatible broker (Tansu, memory storage) on {bootstrap}")
        created = asyncio.run(ensure_topics(bootstrap))
        say(f"topics ready ({len(created)} created)")

        config = NetworkConfig.with_ports(database_url, bootstrap, prefer_defaults=True, log_dir=RUN_DIR / "logs")
        write_private(RUN_DIR / "jwt_secret", config.jwt_secret)
        network = Network(config)
        started = time.monotonic()
        network.start()
        say(f"services and gateway ready in {time.monotonic() - started:.1f}s")
        people = seed_demo(config.url("gateway"), config.jwt_secret)
        say(f"demo network seeded: {len(people)} people")
        print_welcome(config, people)
        watch(network)
        return 0
    except Stop:
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not abandon the cleanup
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        say("stopping…")
        if network:
            network.stop()
        if kafka:
            kafka.stop()
        if postgres:
            postgres.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
        (RUN_DIR / "jwt_secret").unlink(missing_ok=True)
        say("stopped; logs are in .run/logs")


def write_private(path: Path, text: str) -> None:
    """Create the file readable by its owner only from the first byte on."""
    path.unlink(missing_ok=True)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
        file.write(text)


def watch(network: Network) -> None:
    """Block until Ctrl-C; a crashed process stops the network instead of leaving it half-alive."""
    while True:
        for name, process in network.processes.items():
            if not process.alive():
                say(f"{name} exited unexpectedly; see .run/logs/{name}.log")
                raise Stop
        time.sleep(1)


def print_welcome(config: NetworkConfig, people) -> None:
    mentee = next(p for p in people if p.input["role"] == "MENTEE")
    token = mint_token(config.jwt_secret, mentee.id, ttl_seconds=12 * 3600)
    query = ("{ me { displayName field goals } "
             "recommendations(limit: 3) { score reasons mentor { displayName headline } } "
             "notifications { title body } }")
    metrics = "\n".join(f"    {name:<13} {config.url(name)}/metrics" for name in (*SERVICES, "gateway"))
    print(f"""
  GraphiQL      {config.url('gateway')}/graphql
  Metrics
{metrics}

  Try it as {mentee.input['displayName']} (token valid 12 h):
    curl -s {config.url('gateway')}/graphql \\
      -H 'Authorization: Bearer {token}' \\
      -H 'Content-Type: application/json' \\
      -d '{json.dumps({"query": query})}'

  In GraphiQL, add the header:  {{"Authorization": "Bearer {token}"}}
  Mint a token for anyone:     .venv/bin/python -m gateway.auth.devtoken <profile-uuid>
  Logs: .run/logs/   Stop: Ctrl-C
""", flush=True)


if __name__ == "__main__":
    sys.exit(main())
