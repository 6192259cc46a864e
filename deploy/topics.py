"""Create the network's topics (and their dead-letter twins) from deploy/kafka/topics.toml.

`python -m deploy.topics` is idempotent: existing topics are left as they are.
"""
from __future__ import annotations

import asyncio
import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

TOPICS_FILE = Path(__file__).parent / "kafka" / "topics.toml"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    replication_factor: int
    config: dict[str, str]


def load_topics(path: Path = TOPICS_FILE) -> list[TopicSpec]:
    """Every topic with its dead-letter twin, as declared."""
    spec = tomllib.loads(path.read_text())
    defaults = spec["defaults"]
    replication = int(os.environ.get("KAFKA_REPLICATION_FACTOR", defaults["replication_factor"]))
    # acks=all means "all in-sync replicas": with three copies, demand two before an event counts as written.
    durability = {"min.insync.replicas": str(min(2, replication))}
    topics = []
    for name, options in spec["topics"].items():
        config = {**durability, "retention.ms": str(options["retention_ms"]),
                  "cleanup.policy": options.get("cleanup_policy", "delete")}
        if "max_compaction_lag_ms" in options:
            config["max.compaction.lag.ms"] = str(options["max_compaction_lag_ms"])
        if "segment_ms" in options:
            config["segment.ms"] = str(options["segment_ms"])
        topics.append(TopicSpec(name, options["partitions"], replication, config))
        dlq_retention = options.get("dlq_retention_ms", defaults["dlq_retention_ms"])
        topics.append(TopicSpec(f"{name}.dlq", defaults["dlq_partitions"], replication,
                                {**durability, "retention.ms": str(dlq_retention)}))
    return topics


async def ensure_topics(bootstrap_servers: str, topics: list[TopicSpec] | None = None) -> list[str]:
    """Create missing topics; returns the names created now."""
    topics = load_topics() if topics is None else topics
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="mentornet-topics")
    for attempt in range(60):
        try:
            await admin.start()
            break
        except Exception:
            if attempt == 59:
                raise
            await asyncio.sleep(0.25)
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topics if t.name not in existing]
        created = []
        for topic in missing:
            try:
                await admin.create_topics([NewTopic(topic.name, topic.partitions, topic.replication_factor,
                                                    topic_configs=topic.config)])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        await admin.close()


def main() -> None:
    logging.basicConfig(level="INFO")
    servers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    created = asyncio.run(ensure_topics(servers))
    print(f"topics ready on {servers}; created: {', '.join(created) or 'none'}")


if __name__ == "__main__":
    main()
