"""Every service's SQL migrations are named so they apply in order, with no gaps; bad names are errors."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from services.common.db import COMMON_MIGRATIONS, migration_files

ROOT = Path(__file__).resolve().parents[2]
MIGRATION_DIRS = sorted(p for p in (ROOT / "services").glob("*/migrations") if p.is_dir())
SERVICE_APPS = sorted(p.parent.name for p in (ROOT / "services").glob("*/app.py"))


def test_the_shared_migrations_are_among_those_checked():
    assert COMMON_MIGRATIONS in MIGRATION_DIRS


@pytest.mark.parametrize("service", SERVICE_APPS)
def test_every_service_applies_its_own_checked_migrations(service: str):
    definition = importlib.import_module(f"services.{service}.app").definition
    assert definition.name == service
    assert definition.migrations in MIGRATION_DIRS


@pytest.mark.parametrize("directory", MIGRATION_DIRS, ids=[d.parent.name for d in MIGRATION_DIRS])
def test_migrations_are_well_named_and_numbered_without_gaps(directory: Path):
    files = migration_files(directory)
    assert files, f"{directory} has no migrations"
    numbers = [int(version.split("_", 1)[0]) for version, _ in files]
    assert numbers == list(range(1, len(files) + 1)), f"{directory}: numbers must be 1..n without gaps or repeats"
    assert all(path.parent == directory and path.read_text().strip() for _, path in files)


@pytest.mark.parametrize("directory", MIGRATION_DIRS, ids=[d.parent.name for d in MIGRATION_DIRS])
def test_no_stray_files_that_look_like_migrations(directory: Path):
    """A file the glob misses (wrong extension or case) would silently never be applied."""
    strays = [p.name for p in directory.iterdir() if p.is_file() and p.suffix != ".sql" and p.name[:4].isdigit()]
    assert strays == []


def test_migration_files_come_in_numeric_order_with_their_version(tmp_path: Path):
    for name in ("0010_ten.sql", "0002_two.sql", "0001_one.sql"):
        (tmp_path / name).write_text("SELECT 1;")
    (tmp_path / "README.md").write_text("not a migration")
    files = migration_files(tmp_path)
    assert [version for version, _ in files] == ["0001_one", "0002_two", "0010_ten"]
    assert [path for _, path in files] == [tmp_path / "0001_one.sql", tmp_path / "0002_two.sql",
                                            tmp_path / "0010_ten.sql"]


def test_an_empty_directory_has_no_migrations(tmp_path: Path):
    assert migration_files(tmp_path) == []


@pytest.mark.parametrize("bad_name", ["1_init.sql", "init.sql", "0001-init.sql", "0001_Init.sql", "0001_.sql",
                                      "00001_init.sql", "0001_add table.sql", "0001init.sql"])
def test_a_badly_named_migration_is_an_error(tmp_path: Path, bad_name: str):
    (tmp_path / "0001_ok.sql").write_text("SELECT 1;")
    (tmp_path / bad_name).write_text("SELECT 1;")
    with pytest.raises(ValueError, match="0001_name.sql"):
        migration_files(tmp_path)
