"""Migrations build the database from empty, and they match the models."""

from __future__ import annotations

from pathlib import Path

from tortoise import Tortoise, connections
from tortoise.cli.cli import tortoise_cli_context
from tortoise.migrations.autodetector import MigrationAutodetector

from api.db import tortoise_config
from api.models import MODEL_MODULES
from api.settings import Settings

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
