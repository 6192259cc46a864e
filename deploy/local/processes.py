"""Start, watch and stop the service and gateway processes of one network."""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from deploy.local.embedded import free_port, port_is_free

SERVICES = ("profile", "matching", "scheduling", "notification")
DEFAULT_PORTS = {"gateway": 8000, "profile": 8101, "matching": 8102, "scheduling": 8103, "notification": 8104}


@dataclass
class NetworkConfig:
    """Addresses and secrets every process of one network shares."""

    database_url: str
    kafka_bootstrap_servers: str
    ports: dict[str, int]
    internal_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    log_dir: Path | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def with_ports(cls, database_url: str, kafka: str, *, prefer_defaults: bool, **kwargs) -> NetworkConfig:
        ports = {name: (port if prefer_defaults and port_is_free(port) else free_port())
                 for name, port in DEFAULT_PORTS.items()}
        return cls(database_url, kafka, ports, **kwargs)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def env(self, name: str) -> dict[str, str]:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.kafka_bootstrap_servers,
            "INTERNAL_TOKEN": self.internal_token,
            "MENTORNET_ENV": "dev",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        if name == "gateway":
            env.update({
                "GATEWAY_PORT": str(self.ports["gateway"]), "JWT_SECRET": self.jwt_secret,
                **{f"{s.upper()}_URL": self.url(s) for s in SERVICES},
            })
        else:
            env["HTTP_PORT"] = str(self.ports[name])
        return env


class ManagedProcess:
    """One service process in its own process group, so stopping it stops all it started."""

    def __init__(self, name: str, config: NetworkConfig) -> None:
        self.name = name
        self.config = config
        self.process: subprocess.Popen | None = None

    @property
    def module(self) -> str:
        return "gateway" if self.name == "gateway" else f"services.{self.name}"

    def start(self) -> None:
        output = subprocess.DEVNULL
        if self.config.log_dir is not None:
            self.config.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.config.log_dir / f"{self.name}.log", "ab")
        self.process = subprocess.Popen([sys.executable, "-m", self.module], env=self.config.env(self.name),
                                        stdout=output, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.config.url(self.name)}/readyz"
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process and self.process.returncode}"
                                   f"{self._log_tail()}")
            try:
                if httpx.get(url, timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.name} not ready after {timeout}s{self._log_tail()}")

    def _log_tail(self) -> str:
        if self.config.log_dir is None:
            return ""
        path = self.config.log_dir / f"{self.name}.log"
        return "\n--- last log lines ---\n" + "\n".join(path.read_text().splitlines()[-30:]) if path.exists() else ""

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the crash the network must survive."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = 15.0) -> None:
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Network:
    """All services and the gateway of one network, started in order and stopped together."""

    def __init__(self, config: NetworkConfig, names: tuple[str, ...] = (*SERVICES, "gateway")) -> None:
        self.config = config
        self.processes = {name: ManagedProcess(name, config) for name in names}

    def start(self) -> None:
        for process in self.processes.values():
            process.start()
        try:
            for process in self.processes.values():
                process.wait_ready()
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        for process in self.processes.values():
            if process.alive():
                os.killpg(process.process.pid, signal.SIGTERM)
        for process in self.processes.values():
            process.stop()
