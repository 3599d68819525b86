"""Browser tests: the real PWA served by the real app, driven in headless Chromium.

The server is `sifasuo serve` in a subprocess on a fresh SQLite database with
the demo data. Chromium is Debian's (/usr/bin/chromium), driven by Playwright
for Python with a persistent profile (installability is not reported in
incognito). With CI=true a missing Chromium fails the run; elsewhere it is a
loud skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    data_dir: Path
    env: dict[str, str]

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )
        body: dict[str, Any] = response.json()
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def login(self, username: str, password: str = "sifasuo-demo-2026") -> str:
        data = self.graphql(
            "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
            {"u": username, "p": password},
        )
        token: str = data["login"]["token"]
        return token


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="sifasuo-browser-"))
    port = _free_port()
    env = {
        **os.environ,
        "SIFASUO_DATA_DIR": str(data_dir),
        "SIFASUO_ENV": "production",
        "SIFASUO_RATE_LIMITS": "off",
        "SIFASUO_PUSH_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("SIFASUO_DATABASE_URL", None)
    cli = [sys.executable, "-m", "api.cli"]
    subprocess.run([*cli, "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*cli, "seed-demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [*cli, "serve", "--no-workers", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((data_dir / "server.log").read_text()[-3000:])
        time.sleep(0.2)
    try:
        yield LiveServer(url=url, data_dir=data_dir, env=env)
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"browser tests cannot run: {CHROMIUM} is missing (apt-get install chromium)"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    warnings.warn(message, stacklevel=1)
    pytest.skip(message)


@pytest.fixture
async def browser_context(tmp_path: Path) -> AsyncIterator[Any]:
    """A persistent Chromium profile at phone size (360×740), zh-CN."""
    _require_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        context = await p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 360, "height": 740},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            service_workers="allow",
        )
        try:
            yield context
        finally:
            await context.close()
