"""A real `sifasuo serve` process for tests that need one (crash safety, fuzzing)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sifasuo_env(data_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a `sifasuo` process: none of this one's SIFASUO_*
    settings, the data directory, and the database (SQLite in it by default)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIFASUO_")}
    env["SIFASUO_DATA_DIR"] = str(data_dir)
    if database_url is not None:
        env["SIFASUO_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def cli_process(
    args: list[str], env: Mapping[str, str], *, stdin: str = "", check: bool = True
) -> subprocess.CompletedProcess[str]:
    """`sifasuo ARGS` run to the end; with `check`, it must exit 0."""
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(env),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def run_cli(args: list[str], env: Mapping[str, str]) -> str:
    return cli_process(args, env).stdout


def start_server(env: Mapping[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """`sifasuo serve --no-workers` on 127.0.0.1:port, once /healthz answers."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--no-workers", "--port", str(port)],
            env=dict(env),
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server did not start:\n{log.read_text(errors='replace')[-3000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
