"""`sifasuo backup` and `sifasuo restore`, as real processes, on both databases."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import uuid
from pathlib import Path

import asyncpg
import pytest

from tests.live_server import cli_process, sifasuo_env
from tests.pg_server import create_database

Rows = dict[str, list[str]]


def cli(
    args: list[str], data_dir: Path, url: str, check: bool = True, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = sifasuo_env(data_dir, url, SIFASUO_ENV="development")
    return cli_process(args, env, stdin=stdin, check=check)


def sqlite_rows(path: Path) -> Rows:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}


async def _pg_rows(url: str) -> Rows:
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        tables = [
            r[0]
            for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {
            t: sorted(repr(tuple(r)) for r in await conn.fetch(f'SELECT * FROM "{t}"'))
            for t in tables
        }
    finally:
        await conn.close()


def pg_rows(url: str) -> Rows:
    return asyncio.run(_pg_rows(url))


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_backup_and_restore_into_an_empty_database(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if kind == "sqlite":
        source_dir, target_dir = tmp_path / "source", tmp_path / "target"
        source_url = f"sqlite://{source_dir / 'sifasuo.sqlite3'}"
        target_url = f"sqlite://{target_dir / 'sifasuo.sqlite3'}"

        def rows(url: str) -> Rows:
            return sqlite_rows(Path(url.removeprefix("sqlite://")))
    else:
        server = request.getfixturevalue("postgres_server")
        source_dir = target_dir = tmp_path
        source_url = create_database(server, f"sifasuo_bk_{uuid.uuid4().hex[:8]}")
        target_url = create_database(server, f"sifasuo_rs_{uuid.uuid4().hex[:8]}")
        rows = pg_rows

    cli(["migrate"], source_dir, source_url)
    cli(["seed-demo"], source_dir, source_url)
    before = rows(source_url)
    assert before["audit_entry"] and before["check_in"] and before["account"]

    backup = tmp_path / "backups" / "sifasuo.backup"
    cli(["backup", str(backup)], source_dir, source_url)
    assert backup.stat().st_size > 0
    again = cli(["backup", str(backup)], source_dir, source_url, check=False)
    assert again.returncode != 0  # never overwrites a backup

    refused = cli(["restore", str(backup)], source_dir, source_url, check=False)
    assert refused.returncode != 0 and "not empty" in refused.stderr

    cli(["restore", str(backup)], target_dir, target_url)
    assert rows(target_url) == before
    assert "intact" in cli(["audit", "verify"], target_dir, target_url).stdout

    # A restore over data with --force replaces it with the backup's.
    cli(["create-admin", "later.admin"], target_dir, target_url, stdin="a long password\n")
    assert rows(target_url) != before
    cli(["restore", "--force", str(backup)], target_dir, target_url)
    assert rows(target_url) == before
