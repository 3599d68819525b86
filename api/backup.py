"""`sifasuo backup` and `sifasuo restore`: a consistent copy of the whole database.

SQLite: the online backup API of the sqlite3 module, a consistent snapshot
even while the server writes. PostgreSQL: pg_dump's custom format, restored
with pg_restore; the client programs are found on PATH, through pg_config or
under /usr/lib/postgresql/<version>/bin (the newest first).
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

from api.settings import Settings

# Tables that exist in a database nobody has used yet.
_BOOKKEEPING_TABLES = frozenset({"tortoise_migrations", "sqlite_sequence"})


class BackupError(RuntimeError):
    """The backup or restore cannot be done; the message says why."""


def find_pg_tool(name: str) -> Path:
    candidates: list[Path] = []
    if found := shutil.which(name):
        candidates.append(Path(found))
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(  # noqa: S603
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            )
            candidates.append(Path(out.stdout.strip()) / name)

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in p.parent.parent.name.split(".") if x.isdigit())

    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=version, reverse=True
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise BackupError(f"{name} not found; install the PostgreSQL client programs")


def _sqlite_path(settings: Settings) -> Path:
    return Path(settings.resolved_database_url.removeprefix("sqlite://"))


def _pg_url(settings: Settings) -> str:
    # pg_dump speaks postgresql:// (Tortoise's postgres:// and asyncpg:// name the same thing).
    url = settings.resolved_database_url
    for prefix in ("asyncpg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url.removeprefix(prefix)
    return url


def _run(cmd: list[str]) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {result.stderr.strip()}")


def backup(settings: Settings, target: Path) -> None:
    """Write a copy of the database to `target` (which must not exist)."""
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    if settings.is_sqlite:
        source_path = _sqlite_path(settings)
        if not source_path.is_file():
            raise BackupError(f"no database at {source_path}")
        with (
            contextlib.closing(sqlite3.connect(source_path)) as source,
            contextlib.closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
        return
    pg_dump = find_pg_tool("pg_dump")
    _run([str(pg_dump), "--format=custom", "--no-owner", f"--file={target}", _pg_url(settings)])


def _sqlite_has_rows(path: Path) -> bool:
    if not path.is_file():
        return False
    with contextlib.closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return any(
            conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()  # noqa: S608
            for t in tables
            if t not in _BOOKKEEPING_TABLES
        )


async def _pg_table_has_rows(url: str) -> bool:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        tables = await conn.fetch(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name"
            " FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            " AND tablename <> 'tortoise_migrations'"
        )
        for table in tables:
            if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table['name']})"):  # noqa: S608
                return True
        return False
    finally:
        await conn.close()


def _pg_has_rows(settings: Settings) -> bool:
    return asyncio.run(_pg_table_has_rows(_pg_url(settings)))


def restore(settings: Settings, source: Path, *, force: bool = False) -> None:
    """Replace the database with the copy in `source`.

    Refused when the database holds any row (beyond the record of applied
    migrations) unless `force`: a restore over live data loses what was
    written since the backup. Stop the server first.
    """
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    if settings.is_sqlite:
        path = _sqlite_path(settings)
        if _sqlite_has_rows(path) and not force:
            raise BackupError("the database is not empty; use --force to replace it")
        path.parent.mkdir(parents=True, exist_ok=True)
        with (
            contextlib.closing(sqlite3.connect(source)) as copy,
            contextlib.closing(sqlite3.connect(path)) as live,
        ):
            copy.backup(live)
            live.execute("PRAGMA journal_mode=WAL")
        return
    if _pg_has_rows(settings) and not force:
        raise BackupError("the database is not empty; use --force to replace it")
    pg_restore = find_pg_tool("pg_restore")
    _run(
        [
            str(pg_restore),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_pg_url(settings)}",
            str(source),
        ]
    )
