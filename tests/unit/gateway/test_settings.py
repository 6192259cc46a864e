"""Configuration fails fast on bad values and never echoes secrets while doing so."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from gateway.settings import GatewaySettings
from tests.unit.gateway.conftest import INTERNAL_TOKEN, JWT_SECRET, make_settings

REPO_ROOT = Path(__file__).resolve().parents[3]
SHORT_SECRET = "too-short-but-secret-value"


def test_reads_the_documented_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "GATEWAY_HOST": "0.0.0.0", "GATEWAY_PORT": "9000",
        "PROFILE_URL": "http://127.0.0.1:8101", "MATCHING_URL": "http://127.0.0.1:8102",
        "SCHEDULING_URL": "http://127.0.0.1:8103", "NOTIFICATION_URL": "http://127.0.0.1:8104",
        "INTERNAL_TOKEN": "t" * 16, "JWT_SECRET": "s" * 32, "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
        "MENTORNET_ENV": "dev", "LOG_LEVEL": "debug",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    settings = GatewaySettings()

    assert (settings.gateway_host, settings.gateway_port, settings.is_dev) == ("0.0.0.0", 9000, True)
    assert settings.service_urls()["notification"] == "http://127.0.0.1:8104"
    assert (settings.jwt_issuer, settings.jwt_audience, settings.log_level) == ("mentornet", "mentornet-api", "DEBUG")


def test_short_jwt_secret_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValidationError) as refused:
        make_settings(jwt_secret=SHORT_SECRET)

    assert "jwt_secret" in str(refused.value)
    assert SHORT_SECRET not in str(refused.value)


def test_secrets_are_hidden_from_repr() -> None:
    shown = repr(make_settings()) + str(make_settings().model_dump())

    assert JWT_SECRET not in shown
    assert INTERNAL_TOKEN not in shown


def test_unknown_environment_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        make_settings(mentornet_env="staging")


def test_gateway_exits_at_startup_on_missing_settings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gateway"],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO_ROOT), "JWT_SECRET": SHORT_SECRET},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert "profile_url" in result.stderr
    assert SHORT_SECRET not in result.stderr + result.stdout
