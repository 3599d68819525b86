"""Database connection and migrations (Tortoise ORM's built-in migration tool)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.migrations.api import migrate as tortoise_migrate

from api.models import MODEL_MODULES
from api.settings import Settings


def tortoise_config(settings: Settings) -> dict[str, Any]:
    url = settings.resolved_database_url
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
        # WAL and foreign keys are Tortoise's SQLite defaults; synchronous=FULL
        # makes every acknowledged commit survive a power cut, not only a
        # process crash.
        connection: dict[str, Any] = {
            "engine": "tortoise.backends.sqlite",
            "credentials": {
                "file_path": url.removeprefix("sqlite://"),
                "journal_mode": "WAL",
                "foreign_keys": "ON",
                "synchronous": "FULL",
                "busy_timeout": 10000,
            },
        }
        return _config(connection)
    return _config(url)


def _config(connection: str | dict[str, Any]) -> dict[str, Any]:
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "api.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(settings: Settings) -> None:
    # The global fallback makes the ORM reachable from every task, not only
    # from the one that ran the lifespan: uvicorn serves requests in tasks
    # that do not inherit its context (Tortoise's own Starlette helper does
    # the same).
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_db() -> None:
    """Close the connections and forget the models' bindings, so the ORM can
    be set up again on another database in the same process (the tests do)."""
    await Tortoise.close_connections()
    await Tortoise._reset_apps()


async def migrate(settings: Settings) -> None:
    """Apply every migration not yet applied."""
    await tortoise_migrate(config=tortoise_config(settings))
    await close_db()
