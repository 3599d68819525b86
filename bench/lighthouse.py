"""Lighthouse 12 on the PWA: the sign-in page and a signed-in caseload, mobile.

    python -m bench.lighthouse [OUT_DIR]

Starts the app the way the browser tests do (fresh SQLite, demo data). For
the signed-in run, Playwright signs in as the demo officer in a Chromium
profile directory; Lighthouse then opens the caseload in that same profile
(--user-data-dir, with --disable-storage-reset so the session in IndexedDB
stays). Prints the performance and accessibility scores and what lost points.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.browser.live import CHROMIUM, LiveServer, live_server, phone_context, sign_in

LIGHTHOUSE = "lighthouse@12.2.3"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --disable-sync"
)


def run_lighthouse(url: str, out: Path, profile: Path | None = None) -> dict[str, object]:
    flags = CHROME_FLAGS + (f" --user-data-dir={profile}" if profile else "")
    cmd = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        "--screenEmulation.mobile",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={flags}",
        "--quiet",
    ]
    if profile:
        cmd.append("--disable-storage-reset")
    print("$ CHROME_PATH=/usr/bin/chromium " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report: dict[str, object] = json.loads(out.read_text())
    return report


def summary(name: str, report: dict[str, object]) -> None:
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    scores = {k: round(v["score"] * 100) for k, v in categories.items()}
    print(f"{name}: performance {scores['performance']}, accessibility {scores['accessibility']}")
    for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        print(f"    {audits[key]['title']}: {audits[key]['displayValue']}")
    for cat in categories.values():
        for ref in cat["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"    - {cat['id']}: {audit['id']} ({audit['score']}): {audit['title']}")


async def signed_in_profile(server: LiveServer, profile: Path) -> None:
    async with phone_context(profile) as context:
        page = await context.new_page()
        await sign_in(page, server, "officer")
        await page.get_by_test_id("caseload-item").first.wait_for()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)
    with live_server() as server, tempfile.TemporaryDirectory() as tmp:
        signin = run_lighthouse(f"{server.url}/#/signin", out / "signin.json")
        profile = Path(tmp) / "profile"
        asyncio.run(signed_in_profile(server, profile))
        caseload = run_lighthouse(f"{server.url}/#/caseload", out / "caseload.json", profile)
    summary("sign-in", signin)
    summary("caseload (signed in as officer)", caseload)
    print(f"reports: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
