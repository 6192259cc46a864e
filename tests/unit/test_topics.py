"""The declared Kafka topics cover every event contract, each with a dead-letter twin."""
from __future__ import annotations

from pathlib import Path

import pytest

from deploy.topics import TOPICS_FILE, TopicSpec, load_topics
from schemas.registry import CONTRACTS, PROFILES_TOPIC
from services.common.consumer import dead_letter_topic

CONTRACT_TOPICS = sorted({c.topic for c in CONTRACTS.values()})


@pytest.fixture
def topics(monkeypatch) -> dict[str, TopicSpec]:
    monkeypatch.delenv("KAFKA_REPLICATION_FACTOR", raising=False)
    specs = load_topics()
    by_name = {t.name: t for t in specs}
    assert len(by_name) == len(specs), "a topic is declared twice"
    return by_name


def test_every_contract_topic_and_its_dead_letter_twin_is_declared(topics):
    expected = set(CONTRACT_TOPICS) | {dead_letter_topic(t) for t in CONTRACT_TOPICS}
    assert expected <= set(topics)


def test_every_declared_topic_is_used_by_a_contract_or_is_a_dead_letter_twin(topics):
    main = {name for name in topics if not name.endswith(".dlq")}
    assert main == set(CONTRACT_TOPICS)
    assert {name for name in topics if name.endswith(".dlq")} == {dead_letter_topic(t) for t in main}


@pytest.mark.parametrize("topic", CONTRACT_TOPICS)
def test_main_topics_are_partitioned_for_parallel_consumers(topics, topic: str):
    assert topics[topic].partitions > 1


@pytest.mark.parametrize("topic", CONTRACT_TOPICS)
def test_dead_letter_topics_keep_messages_long_enough_to_replay(topics, topic: str):
    dlq = topics[dead_letter_topic(topic)]
    assert dlq.partitions >= 1
    assert int(dlq.config["retention.ms"]) >= 7 * 24 * 3600 * 1000
    assert dlq.config.get("cleanup.policy", "delete") == "delete", "poison messages must not be compacted away"


def test_the_profile_topic_is_compacted_and_kept_forever(topics):
    profile = topics[PROFILES_TOPIC]
    assert profile.config["cleanup.policy"] == "compact"
    assert profile.config["retention.ms"] == "-1"


@pytest.mark.parametrize("topic", [t for t in CONTRACT_TOPICS if t != PROFILES_TOPIC])
def test_other_topics_expire_by_time(topics, topic: str):
    config = topics[topic].config
    assert config["cleanup.policy"] == "delete"
    assert int(config["retention.ms"]) > 0


def test_config_values_are_strings_as_the_admin_api_expects(topics):
    for spec in topics.values():
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in spec.config.items()), spec.name
        assert isinstance(spec.partitions, int) and isinstance(spec.replication_factor, int)


def test_replication_factor_defaults_from_the_file_and_can_be_raised_by_environment(topics, monkeypatch):
    assert {t.replication_factor for t in topics.values()} == {1}
    monkeypatch.setenv("KAFKA_REPLICATION_FACTOR", "3")
    assert {t.replication_factor for t in load_topics()} == {3}


def test_load_topics_reads_a_given_file(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("KAFKA_REPLICATION_FACTOR", raising=False)
    path = tmp_path / "topics.toml"
    path.write_text(
        '[defaults]\nreplication_factor = 2\ndlq_partitions = 1\ndlq_retention_ms = 1000\n'
        '[topics."a.b.v1"]\npartitions = 4\nretention_ms = 60000\n'
    )
    assert load_topics(path) == [
        TopicSpec("a.b.v1", 4, 2, {"min.insync.replicas": "2", "retention.ms": "60000",
                                   "cleanup.policy": "delete"}),
        TopicSpec("a.b.v1.dlq", 1, 2, {"min.insync.replicas": "2", "retention.ms": "1000"}),
    ]
    assert TOPICS_FILE.exists()


def test_a_single_broker_does_not_demand_more_in_sync_replicas_than_it_has(monkeypatch):
    monkeypatch.setenv("KAFKA_REPLICATION_FACTOR", "1")
    assert {t.config["min.insync.replicas"] for t in load_topics()} == {"1"}


def test_erased_profiles_leave_the_log_and_its_dead_letters_within_days():
    by_name = {t.name: t for t in load_topics()}
    profiles, dead = by_name["profile.profiles.v1"], by_name["profile.profiles.v1.dlq"]
    assert int(profiles.config["max.compaction.lag.ms"]) <= 86_400_000
    assert int(dead.config["retention.ms"]) <= 7 * 86_400_000
