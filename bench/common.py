"""Shared pieces of the benchmarks: servers in subprocesses, a load loop, percentiles."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from tests.live_server import stop_server

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(args: list[str], env: dict[str, str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    """A server process on 127.0.0.1:port, stopped on exit."""
    log = tempfile.NamedTemporaryFile(prefix="sifasuo-bench-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        args, env={**os.environ, **env}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if proc.poll() is not None:
                raise RuntimeError(Path(log.name).read_text()[-3000:])
            time.sleep(0.1)
        yield proc
    finally:
        stop_server(proc)
        log.close()
        print(f"  (server log: {log.name})", file=sys.stderr)


def uvicorn_cmd(app: str, port: int, *, factory: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--log-level", "warning"]
    cmd += ["--no-access-log"]
    return cmd + (["--factory"] if factory else [])


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def line(self, label: str) -> str:
        return (
            f"{label:<24} {self.throughput:8.1f} req/s   p50 {self.percentile(50):7.2f} ms   "
            f"p99 {self.percentile(99):7.2f} ms   ({self.requests} requests, {self.errors} errors)"
        )


Request = Callable[[aiohttp.ClientSession, int], Awaitable[bool]]


def graphql_request(url: str, query: str, token_of: Callable[[int], str]) -> Request:
    """POST `query` as client n (signed in with token_of(n)); ok when it has no errors."""

    async def request(session: aiohttp.ClientSession, n: int) -> bool:
        async with session.post(
            url, json={"query": query}, headers={"Authorization": f"Bearer {token_of(n)}"}
        ) as response:
            body = await response.json()
            return response.status == 200 and not body.get("errors")

    return request


async def run_load(
    clients: int,
    seconds: float,
    make_request: Request,
    warmup: float = 1.0,
) -> LoadResult:
    """`clients` loops calling make_request(session, client_no) for `seconds` after a warm-up."""
    latencies: list[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=clients * 2)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        measure_from = start + warmup
        stop_at = measure_from + seconds

        async def loop(n: int) -> None:
            nonlocal errors
            while (now := time.perf_counter()) < stop_at:
                ok = await make_request(session, n)
                done = time.perf_counter()
                if now >= measure_from:
                    latencies.append(done - now)
                    if not ok:
                        errors += 1

        await asyncio.gather(*(loop(n) for n in range(clients)))
    return LoadResult(len(latencies), errors, seconds, latencies)


def load_on_factory(
    app: str,
    env: dict[str, str],
    request_for: Callable[[str], Request],
    *,
    clients: int,
    seconds: float,
) -> LoadResult:
    """Start `uvicorn app --factory` and put it under load; `request_for`
    makes the request from the server's base URL."""
    port = free_port()
    with server(uvicorn_cmd(app, port, factory=True), env, port):
        return asyncio.run(run_load(clients, seconds, request_for(f"http://127.0.0.1:{port}")))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
