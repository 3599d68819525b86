"""A throwaway PostgreSQL server for the test suite.

Production runs on PostgreSQL, and SQLite does not reproduce its locking, constraint and
transaction behaviour, so the tests talk to a real server.  Rather than depend on one that
happens to be configured on the machine, the suite starts its own: ``temporary_postgres()``
runs ``initdb`` in a fresh temporary directory, starts ``postgres`` on a free localhost port
with trust authentication and durability switched off (fast, and nothing needs to survive),
yields its URL, then stops the server and deletes the directory, even when the body raised.

PostgreSQL refuses to run as root, so when the tests run as root the directory is handed to
the ``postgres`` user and every server command is run as that user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["PostgresUnavailable", "create_database", "find_postgres_bin", "temporary_postgres"]

_SERVER_BINARIES = ("initdb", "pg_ctl", "postgres")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL (or what is needed to run it) is not installed on this machine."""


def _has_binaries(bindir: Path) -> bool:
    return all((bindir / name).is_file() for name in _SERVER_BINARIES)


def find_postgres_bin() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None if there is none."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            )
            candidates.append(Path(out.stdout.strip()))

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in p.parent.name.split(".") if x.isdigit())

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    candidates += [Path(p).parent for p in map(shutil.which, _SERVER_BINARIES) if p]
    return next((c for c in candidates if _has_binaries(c)), None)


def _as_postgres(cmd: list[str]) -> list[str]:
    """``cmd``, wrapped to run as the postgres user when we are root."""
    if os.geteuid() != 0:
        return cmd
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", "postgres", "--", *cmd]
    if su := shutil.which("su"):
        return [su, "postgres", "-s", "/bin/sh", "-c", shlex.join(cmd)]
    raise PostgresUnavailable("running as root but neither runuser nor su is available")


def _run(cmd: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    # cwd="/": the postgres user may not be allowed into our working directory.
    return subprocess.run(
        _as_postgres(cmd), cwd="/", capture_output=True, text=True, check=True, timeout=timeout
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no server log: {exc})"


@contextlib.contextmanager
def temporary_postgres() -> Iterator[str]:
    """Start a throwaway server; yield ``postgres://postgres@127.0.0.1:PORT/postgres``."""
    bindir = find_postgres_bin()
    if bindir is None:
        names = ", ".join(_SERVER_BINARIES)
        raise PostgresUnavailable(f"PostgreSQL binaries ({names}) not found; install postgresql-15")
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable("running as root but there is no 'postgres' user") from None
        _as_postgres([])  # fail early if neither runuser nor su exists
    # Under root the postgres user must be able to reach the directory (our TMPDIR may be
    # private); /tmp is world-traversable, and mkdtemp makes a fresh, unguessable directory.
    tmp = "/tmp" if owner else None  # noqa: S108
    root = Path(tempfile.mkdtemp(prefix="sifasuo-pg-", dir=tmp))
    data, log, pg_ctl = root / "data", root / "log", str(bindir / "pg_ctl")
    started = False
    try:
        root.chmod(0o755)
        if owner is not None:
            os.chown(root, owner.pw_uid, owner.pw_gid)
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
        try:
            _run([*initdb, "--encoding=UTF8", "--no-locale"])
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"initdb failed:\n{exc.stdout}\n{exc.stderr}") from exc
        port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {shlex.quote(str(root))} -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        started = True  # from here on, always try to stop it
        try:
            _run(
                [pg_ctl, "-D", str(data), "-w", "-t", "60", "-l", str(log), "-o", options, "start"]
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"PostgreSQL failed to start:\n{_log_tail(log)}") from exc
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                _run([pg_ctl, "-D", str(data), "stop", "-m", "immediate", "-w"], timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def create_database(url: str, name: str) -> str:
    """Create database ``name`` on the server at ``url``; return the new database's URL."""
    bindir = find_postgres_bin()
    createdb = bindir / "createdb" if bindir else None
    if createdb is None or not createdb.is_file():
        raise PostgresUnavailable("PostgreSQL binary createdb not found; install postgresql-15")
    parts = urlsplit(url)
    host, port, user = parts.hostname or "127.0.0.1", parts.port or 5432, parts.username
    try:
        _run([str(createdb), "-h", host, "-p", str(port), "-U", user or "postgres", "--", name])
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"createdb {name!r} failed: {exc.stderr.strip()}") from exc
    return urlunsplit(parts._replace(path="/" + quote(name, safe="")))
