"""`make run` against given servers: starts the network, seeds the demo, and Ctrl-C leaves nothing behind."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import httpx
import psutil

READY = "Stop: Ctrl-C"


def test_launcher_uses_the_given_servers_serves_the_demo_and_stops_cleanly(infra, tmp_path):
    env = {**os.environ, "DATABASE_URL": infra.database_url, "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap_servers}
    launcher = subprocess.Popen([sys.executable, "-m", "deploy.local"], cwd=tmp_path, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any(READY in line for line in output):
            line = launcher.stdout.readline()
            if not line:
                break
            output.append(line)
        printed = "".join(output)
        assert READY in printed, printed
        assert "using PostgreSQL from DATABASE_URL" in printed and "embedded" not in printed
        children = psutil.Process(launcher.pid).children(recursive=True)
        assert len(children) == 5, "four services and the gateway"

        curl = re.search(r"curl -s (\S+) \\\n\s+-H '(Authorization: Bearer \S+)'", printed)
        query = re.search(r"-d '(\{.*\})'", printed)
        response = httpx.post(curl.group(1), content=query.group(1),
                              headers={"Authorization": curl.group(2).split(": ", 1)[1],
                                       "Content-Type": "application/json"}, timeout=10)
        body = response.json()
        assert body.get("errors") is None, body
        assert body["data"]["me"]["displayName"]
    finally:
        launcher.send_signal(signal.SIGINT)
        rest, _ = launcher.communicate(timeout=60)
    assert launcher.returncode == 0, rest
    assert "stopped" in rest
    assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    assert not (tmp_path / ".run" / "jwt_secret").exists(), "the development signing key is removed"
