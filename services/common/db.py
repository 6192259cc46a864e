"""asyncpg pool lifecycle and ordered SQL migrations recorded in a table."""
import logging
import re
from pathlib import Path

import asyncpg

log = logging.getLogger(__name__)

COMMON_MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


async def create_pool(dsn: str, schema: str, *, min_size: int = 2, max_size: int = 10) -> asyncpg.Pool:
    """A pool whose connections see only this service's schema (plus `public` for extensions)."""
    await ensure_schema(dsn, schema)
    return await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        server_settings={"search_path": f"{schema},public", "application_name": schema},
    )


async def ensure_schema(dsn: str, schema: str) -> None:
    """Create the service's schema; replicas starting together take turns (IF NOT EXISTS can race)."""
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext('mentornet:schema:' || $1))", schema)
            await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {_identifier(schema)}")
    except asyncpg.InsufficientPrivilegeError:
        log.info("schema %s not created here; expecting it to exist", schema)
    finally:
        await conn.close()


def _identifier(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not a safe SQL identifier: {name!r}")
    return name


def migration_files(directory: Path) -> list[tuple[str, Path]]:
    """Migrations in apply order; a badly named file is an error, not something to skip."""
    files = []
    numbers: set[str] = set()
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name must look like 0001_name.sql: {path}")
        if match.group(1) in numbers:
            raise ValueError(f"two migrations numbered {match.group(1)} in {directory}")
        numbers.add(match.group(1))
        files.append((path.stem, path))
    return files


async def migrate(pool: asyncpg.Pool, component_dirs: dict[str, Path]) -> list[str]:
    """Apply pending migrations of each component in order, each in its own transaction.

    An advisory lock serialises replicas that start together, so each file runs exactly once.
    """
    applied_now: list[str] = []
    async with pool.acquire() as conn:
        lock_key = await conn.fetchval("SELECT hashtext(current_schema() || ':migrations')")
        await conn.execute("SELECT pg_advisory_lock($1)", lock_key)
        try:
            await conn.execute(
                """CREATE TABLE IF NOT EXISTS schema_migrations (
                       component text NOT NULL,
                       version text NOT NULL,
                       applied_at timestamptz NOT NULL DEFAULT now(),
                       PRIMARY KEY (component, version))"""
            )
            for component, directory in component_dirs.items():
                done = {
                    r["version"]
                    for r in await conn.fetch("SELECT version FROM schema_migrations WHERE component = $1", component)
                }
                for version, path in migration_files(directory):
                    if version in done:
                        continue
                    async with conn.transaction():
                        await conn.execute(path.read_text())
                        await conn.execute(
                            "INSERT INTO schema_migrations (component, version) VALUES ($1, $2)", component, version
                        )
                    applied_now.append(f"{component}/{version}")
                    log.info("applied migration %s/%s", component, version)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", lock_key)
    return applied_now
