"""Migrations build the database from empty, and they match the models."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tortoise import Tortoise, connections
from tortoise.cli.cli import tortoise_cli_context
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate as tortoise_migrate
from tortoise.migrations.autodetector import MigrationAutodetector

from api.db import close_db, migrate, tortoise_config
from api.models import MODEL_MODULES
from api.settings import Settings
from tests.pg_server import create_database

MODELS_DIR = Path(__file__).resolve().parent.parent / "api" / "models"


async def test_models_have_no_unmigrated_changes(tmp_path: Path) -> None:
    config = tortoise_config(Settings(data_dir=tmp_path))
    apps = {label: dict(app) for label, app in config["apps"].items()}
    async with tortoise_cli_context(config) as ctx:
        writers = await MigrationAutodetector(ctx.apps, apps).changes()
    assert writers == [], "models changed without a migration: run `tortoise makemigrations`"


async def test_migrations_create_every_table(db: Settings) -> None:
    """`db` was built by running the migrations from an empty database."""
    conn = connections.get("default")
    if db.is_sqlite:
        rows = await conn.execute_query_dict("SELECT name FROM sqlite_master WHERE type='table'")
    else:
        rows = await conn.execute_query_dict(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        )
    tables = {row["name"] for row in rows}
    expected = {m._meta.db_table for app in Tortoise.apps.values() for m in app.values()}
    assert expected <= tables
    assert "tortoise_migrations" in tables
    # Every module of api/models is registered, so none of its tables is left
    # out of the migrations above.
    on_disk = {
        f"api.models.{p.stem}"
        for p in MODELS_DIR.glob("*.py")
        if p.stem not in ("__init__", "enums")
    }
    assert on_disk == set(MODEL_MODULES)


@pytest.fixture
def fresh_database_url(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty database of the kind of `database_url` (the session's is
    migrated already)."""
    if database_url.startswith("sqlite"):
        return f"sqlite://{tmp_path / 'fresh.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return create_database(server, f"sifasuo_mig_{uuid.uuid4().hex[:10]}")


async def test_0007_puts_offices_under_their_bureau(
    fresh_database_url: str, tmp_path: Path
) -> None:
    """Data as 0006 left it, with the demo's upside-down tree (offices under
    the correction centre): after 0007 each office and what is below it sits
    under the bureau, and nothing else changed. In a context of its own, so
    the session's connection stays as it is."""
    settings = Settings(database_url=fresh_database_url, data_dir=tmp_path)
    config = tortoise_config(settings)
    tree = [
        # id, name, kind, parent, path
        (1, "青山县司法局", "JUSTICE_BUREAU", None, "/1/"),
        (2, "青山县社区矫正中心", "CORRECTION_CENTER", 1, "/1/2/"),
        (3, "东关镇司法所", "JUSTICE_OFFICE", 2, "/1/2/3/"),
        (4, "西河乡司法所", "JUSTICE_OFFICE", 2, "/1/2/4/"),
        (5, "东关镇人民调解委员会", "MEDIATION_COMMITTEE", 3, "/1/2/3/5/"),
        (6, "青山县法律援助中心", "LEGAL_AID_CENTER", 1, "/1/6/"),
        (7, "南岭镇司法所", "JUSTICE_OFFICE", 1, "/1/7/"),  # already right
    ]
    marks = ["?"] * 6 if settings.is_sqlite else [f"${n}" for n in range(1, 7)]
    made = datetime(2026, 1, 1, tzinfo=UTC)
    async with TortoiseContext() as ctx:
        await tortoise_migrate(config=config, target="models.0006_documents")
        await ctx.init(config=config)
        conn = ctx.connections.get("default")
        for row in tree:
            await conn.execute_query(
                "INSERT INTO org_unit (id, name, kind, parent_id, path, created_at)"
                f" VALUES ({', '.join(marks)})",
                [*row, made if not settings.is_sqlite else made.isoformat()],
            )
    async with TortoiseContext() as ctx:
        await tortoise_migrate(config=config)
        await ctx.init(config=config)
        rows = await ctx.connections.get("default").execute_query_dict(
            "SELECT id, name, parent_id, path FROM org_unit ORDER BY id"
        )
    assert [(r["id"], r["parent_id"], r["path"]) for r in rows] == [
        (1, None, "/1/"),
        (2, 1, "/1/2/"),
        (3, 1, "/1/3/"),
        (4, 1, "/1/4/"),
        (5, 3, "/1/3/5/"),
        (6, 1, "/1/6/"),
        (7, 1, "/1/7/"),
    ]
    assert [r["name"] for r in rows] == [t[1] for t in tree]


def _index_shape(path: Path) -> dict[str, set[tuple[bool, tuple[str, ...]]]]:
    """Each table's indexes as (unique, columns), whatever their names."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        shape: dict[str, set[tuple[bool, tuple[str, ...]]]] = {}
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'tortoise_migrations'"
        ).fetchall()
        for (table,) in tables:
            shape[table] = {
                (bool(unique), tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{name}')")))
                for _, name, unique, *_ in conn.execute(f"PRAGMA index_list('{table}')")
            }
        return shape
    finally:
        conn.close()


async def test_migrations_keep_every_index_the_models_declare_on_sqlite(tmp_path: Path) -> None:
    """SQLite remakes a table to alter a column, and a remade table had lost its
    indexes (0008, 0009 and 0011 did it to the caseload's): the migrated
    database has the indexes and unique constraints the models make."""
    migrated, generated = tmp_path / "migrated", tmp_path / "generated"
    await migrate(Settings(data_dir=migrated))
    await Tortoise.init(config=tortoise_config(Settings(data_dir=generated)))
    await Tortoise.generate_schemas()
    await close_db()
    want = _index_shape(generated / "sifasuo.sqlite3")
    have = _index_shape(migrated / "sifasuo.sqlite3")
    lost = {t: want[t] - have.get(t, set()) for t in want if want[t] - have.get(t, set())}
    assert lost == {}


async def test_a_database_that_lost_its_indexes_gets_them_back(tmp_path: Path) -> None:
    """A database migrated when 0011 still remade the table: 0021 restores."""
    import sqlite3

    settings = Settings(data_dir=tmp_path)
    await migrate(settings)
    before = _index_shape(tmp_path / "sifasuo.sqlite3")["supervised_person"]
    conn = sqlite3.connect(tmp_path / "sifasuo.sqlite3")
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'supervised_person' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    assert len(names) == 5
    for (name,) in names:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("DELETE FROM tortoise_migrations WHERE name = '0021_restore_sqlite_indexes'")
    conn.commit()
    conn.close()
    assert _index_shape(tmp_path / "sifasuo.sqlite3")["supervised_person"] != before
    await migrate(settings)
    assert _index_shape(tmp_path / "sifasuo.sqlite3")["supervised_person"] == before
