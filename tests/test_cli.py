"""The `sifasuo` command line, run as a real process on a fresh SQLite database."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.live_server import cli_process, sifasuo_env

COMMANDS = [
    "serve",
    "worker",
    "migrate",
    "create-admin",
    "seed-demo",
    "export-schema",
    "audit",
    "backup",
    "restore",
    "standards",
    "two-step",
]


def run(
    args: list[str], data_dir: Path, stdin: str = "", check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = sifasuo_env(data_dir, SIFASUO_ENV="development")
    return cli_process(args, env, stdin=stdin, check=check)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, tmp_path: Path) -> None:
    assert "usage: sifasuo" in run([command, "--help"], tmp_path).stdout


def test_fresh_machine_flow(tmp_path: Path) -> None:
    run(["migrate"], tmp_path)
    run(["migrate"], tmp_path)  # idempotent
    db = tmp_path / "sifasuo.sqlite3"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    first = run(["seed-demo", "--if-empty"], tmp_path)
    assert "created" in first.stdout
    again = run(["seed-demo", "--if-empty"], tmp_path)
    assert "already" in again.stdout
    run(["seed-demo"], tmp_path)  # idempotent without the flag too
    with sqlite3.connect(db) as conn:
        roles = {r for (r,) in conn.execute("SELECT DISTINCT role FROM account")}
        names = [n for (n,) in conn.execute("SELECT display_name FROM account")]
    assert {"ADMIN", "SUPERVISOR", "OFFICER", "MEDIATOR", "LEGAL_AID_STAFF", "LAWYER"} <= roles
    assert len(names) == len(set(names))

    made = run(["create-admin", "root.admin"], tmp_path, stdin="a very long password\n")
    assert "created ADMIN root.admin" in made.stdout
    short = run(["create-admin", "root2"], tmp_path, stdin="short\n", check=False)
    assert short.returncode != 0

    # An administrator who lost the phone and the recovery codes.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE account SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE username = 'root.admin'"
        )
    reset = run(["two-step", "reset", "root.admin"], tmp_path)
    assert "reset for root.admin" in reset.stdout
    with sqlite3.connect(db) as conn:
        (secret,) = conn.execute(
            "SELECT totp_secret FROM account WHERE username = 'root.admin'"
        ).fetchone()
    assert secret is None
    unknown = run(["two-step", "reset", "nobody"], tmp_path, check=False)
    assert unknown.returncode == 1 and "No account" in unknown.stderr

    assert "intact" in run(["audit", "verify"], tmp_path).stdout
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_entry SET action = 'forged' WHERE id = 3")
    broken = run(["audit", "verify"], tmp_path, check=False)
    assert broken.returncode != 0
    assert "entry 3" in broken.stderr


def test_export_schema_prints_sdl(tmp_path: Path) -> None:
    sdl = run(["export-schema"], tmp_path).stdout
    assert "type Query" in sdl
    assert "login(\n    username: String!\n    password: String!\n" in sdl
    assert "otp: String = null" in sdl
