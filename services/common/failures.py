"""Which failures are the infrastructure's (wait them out) and which are the event's (dead-letter it)."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

# SQLSTATE classes and codes that describe the database's state, not the statement or its data:
# connection exceptions, insufficient resources, operator intervention (shutdown, restart),
# read-only replica after a failover, serialization failure and deadlock.
_TRANSIENT_SQLSTATE_PREFIXES = ("08", "53", "57P", "25006", "40001", "40P01")


def is_transient(exc: BaseException) -> bool:
    """True when retrying the same work later can succeed without anything about it changing."""
    if isinstance(exc, ConnectionError | asyncio.TimeoutError | asyncpg.InterfaceError):
        return True
    if isinstance(exc, asyncpg.PostgresError):
        return (exc.sqlstate or "").startswith(_TRANSIENT_SQLSTATE_PREFIXES)
    return False


@asynccontextmanager
async def connection(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """`pool.acquire()` whose failure to reach the server reads as a ConnectionError.

    Socket failures surface as plain OSError (a missing Unix socket is FileNotFoundError), which
    handler code raises too; naming them here keeps is_transient from guessing.
    """
    try:
        conn = await pool.acquire()
    except OSError as exc:
        if isinstance(exc, ConnectionError):
            raise
        raise ConnectionError(f"database unreachable: {exc}") from exc
    try:
        yield conn
    finally:
        await pool.release(conn)
