"""Structured JSON logs carrying the event id and correlation id of the work in progress."""
import contextvars
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import orjson

event_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("event_id", default=None)
correlation_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("correlation_id", default=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, so log shippers need no parsing rules."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if (event_id := event_id_var.get()) is not None:
            entry["event_id"] = event_id
        if (correlation_id := correlation_id_var.get()) is not None:
            entry["correlation_id"] = correlation_id
        for key, value in getattr(record, "fields", {}).items():
            entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def clean_correlation_id(raw: str | bytes | None) -> str | None:
    """A caller-supplied correlation id, if it is safe to copy into headers, events and logs."""
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", errors="replace")
    return raw if raw and _CORRELATION_ID.match(raw) else None


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    logging.Formatter.converter = __import__("time").gmtime
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@contextmanager
def event_context(event_id: str | None, correlation_id: str | None) -> Iterator[None]:
    """Tag every log line written while handling one event."""
    event_token = event_id_var.set(event_id)
    correlation_token = correlation_id_var.set(correlation_id)
    try:
        yield
    finally:
        event_id_var.reset(event_token)
        correlation_id_var.reset(correlation_token)
