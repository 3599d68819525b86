"""The real app for browser work: `sifasuo serve` on a fresh SQLite database with
the demo data, and a Playwright Chromium profile at phone size.

Plain functions (no pytest), shared by the browser tests' fixtures, the
screenshot script (`python -m tests.browser.screenshots`) and the Lighthouse
benchmark (`python -m bench.lighthouse`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyotp

from api.domain.seeding import DEMO_PASSWORD as PASSWORD
from tests.live_server import (
    free_port,
    run_cli,
    sifasuo_env,
    start_server,
    stop_server,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    url: str
    data_dir: Path
    env: dict[str, str]
    two_step_sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The unused recovery codes of each account enrolled here: a sign-in after
    # the kept session was signed out spends one (a TOTP code works only once).
    recovery_codes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def database(self) -> Path:
        return self.data_dir / "sifasuo.sqlite3"

    def graphql_raw(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )
        body: dict[str, Any] = response.json()
        return body

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = self.graphql_raw(query, variables, token)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def login_payload(self, username: str, password: str = PASSWORD) -> dict[str, Any]:
        """The login answer as the PWA stores it: {token, expiresAt, viewer}.

        An account that must use two-step sign-in (ADMIN, SUPERVISOR) is
        enrolled through the API on its first sign-in here, and its full
        session is kept for the rest of the run: each TOTP code works once.
        A kept session that was signed out (the PWA's sign-out revokes it) is
        replaced by a sign-in with one of the account's recovery codes.
        """
        kept = self.two_step_sessions.get(username)
        if kept and self.graphql("{ viewer { id } }", token=kept["token"])["viewer"]:
            return kept
        otp = self.recovery_codes[username].pop() if kept else None
        data = self.graphql(
            """mutation($u: String!, $p: String!, $o: String) {
              login(username: $u, password: $p, otp: $o) {
              token expiresAt mfaEnrolmentRequired
              viewer { id username displayName role locale orgUnit { id name kind } } } }""",
            {"u": username, "p": password, "o": otp},
        )
        payload: dict[str, Any] = data["login"]
        if payload.pop("mfaEnrolmentRequired"):
            token = payload["token"]
            secret = self.graphql("mutation { beginTotpEnrolment { secret } }", token=token)[
                "beginTotpEnrolment"
            ]["secret"]
            self.recovery_codes[username] = self.graphql(
                "mutation($c: String!) { confirmTotpEnrolment(code: $c) }",
                {"c": pyotp.TOTP(secret).now()},
                token=token,
            )["confirmTotpEnrolment"]
        if username in self.recovery_codes:
            self.two_step_sessions[username] = payload
        return payload

    def login(self, username: str, password: str = PASSWORD) -> str:
        token: str = self.login_payload(username, password)["token"]
        return token


@contextmanager
def live_server(
    data_dir: Path | None = None, extra_env: dict[str, str] | None = None
) -> Iterator[LiveServer]:
    """Migrate, seed the demo data, serve (no workers) on a free port; stop after."""
    own_dir = data_dir is None
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="sifasuo-browser-"))
    port = free_port()
    env = sifasuo_env(
        data_dir,
        SIFASUO_ENV="production",
        SIFASUO_RATE_LIMITS="off",
        SIFASUO_PUSH_ALLOWED_HOSTS="127.0.0.1",
        **(extra_env or {}),
    )
    run_cli(["migrate"], env)
    run_cli(["seed-demo"], env)
    proc = start_server(env, port, data_dir / "server.log")
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", data_dir=data_dir, env=env)
    finally:
        stop_server(proc)
        if own_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


@asynccontextmanager
async def phone_context(
    profile: Path,
    *,
    scale: float = 2,
    locale: str = "zh-CN",
    extra_args: tuple[str, ...] = (),
    service_workers: str = "allow",
    **extra: Any,
) -> AsyncIterator[Any]:
    """A persistent Chromium profile at phone size (360×740).

    Persistent, because Chromium reports no installability in incognito.
    """
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        context = await p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, *extra_args],
            viewport={"width": 360, "height": 740},
            device_scale_factor=scale,
            is_mobile=True,
            has_touch=True,
            locale=locale,
            timezone_id="Asia/Shanghai",
            service_workers=service_workers,
            **extra,
        )
        try:
            yield context
        finally:
            await context.close()


async def sign_in(page: Any, server: LiveServer, username: str) -> None:
    """Signs in through the sign-in screen and waits for the role's home."""
    await page.goto(f"{server.url}/#/signin")
    await page.get_by_test_id("signin-username").fill(username)
    await page.get_by_test_id("signin-password").fill(PASSWORD)
    await page.get_by_test_id("signin-submit").click()
    await page.get_by_test_id("nav-settings").wait_for()


async def sign_in_with_token(page: Any, server: LiveServer, payload: dict[str, Any]) -> None:
    """Signs in with a session made on the server (e.g. an account with 2FA).

    Writes {token, expiresAt, viewer} where the PWA keeps it (IndexedDB
    `sifasuo`/`kv`, key `session`) and reloads.
    """
    await page.goto(f"{server.url}/#/signin")
    await page.get_by_test_id("signin-form").wait_for()
    await page.evaluate(
        """async (session) => {
          await new Promise((resolve, reject) => {
            const open = indexedDB.open('sifasuo');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('kv', 'readwrite');
              tx.objectStore('kv').put(session, 'session');
              tx.oncomplete = () => { open.result.close(); resolve(); };
              tx.onerror = () => reject(tx.error);
            };
          });
        }""",
        {
            "token": payload["token"],
            "expiresAt": payload["expiresAt"],
            "viewer": payload["viewer"],
        },
    )
    await page.goto(f"{server.url}/#/home")
    await page.reload()
    await page.get_by_test_id("nav-settings").wait_for()
