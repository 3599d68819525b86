"""Phone-sized screenshots of the main screens: `make screenshots`.

    python -m tests.browser.screenshots docs/screenshots

Starts the app the way the browser tests do (tests/browser/live.py), signs in
as each demo role and writes one 360×740 PNG per screen.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tests.browser.live import LiveServer, live_server, phone_context
from tests.browser.screens import demo_ids, open_screen, sign_in_as

# (file, role, route[#testid to scroll to]); "" is signed out.
SHOTS = [
    ("01-signin", "", "/signin"),
    ("02-person-home", "person", "/me"),
    ("03-officer-caseload", "officer", "/caseload"),
    ("04-person-page", "officer", "/person/{person}"),
    ("05-settings", "officer", "/settings"),
    ("06-mediator-disputes", "mediator", "/disputes"),
    ("07-dispute-page", "mediator", "/dispute/{dispute}"),
    ("08-legal-aid-apply", "applicant", "/apply"),
    ("09-request-timeline", "applicant", "/request/{request}#request-history"),
    ("10-staff-queue", "legalaid", "/queue"),
    ("11-supervisor-dashboard", "supervisor", "/dashboard"),
    ("12-audit-log", "supervisor", "/audit"),
    ("13-monthly-report", "supervisor", "/statistics"),
    ("14-admin-accounts", "admin", "/accounts"),
    ("15-resettlement-record", "officer", "/resettlement/{resettlement}"),
    ("16-released-person", "released", "/my-help"),
    ("17-agreements", "mediator", "/agreements"),
]


async def shoot(server: LiveServer, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    ids = demo_ids(server)
    written = []
    by_role: dict[str, list[tuple[str, str]]] = {}
    for name, role, route in SHOTS:
        by_role.setdefault(role, []).append((name, route))
    for role, shots in by_role.items():
        with tempfile.TemporaryDirectory() as profile:
            async with phone_context(Path(profile) / "p", scale=1) as context:
                page = await context.new_page()
                try:
                    if role:
                        await sign_in_as(page, server, role)
                    else:
                        await page.goto(f"{server.url}/#/signin")
                except Exception as err:  # e.g. a second factor now required
                    print(f"skipped {role}: {err}", file=sys.stderr)
                    continue
                for name, shot in shots:
                    route, _, part = shot.partition("#")
                    if "{request}" in route and not ids["request"]:
                        continue
                    await open_screen(page, server, route.format(**ids))
                    # A cached list is drawn first and the server's answer after.
                    await page.wait_for_load_state("networkidle")
                    if part:  # a part further down the screen
                        await page.get_by_test_id(part).scroll_into_view_if_needed()
                    # No blinking caret or focus ring in the picture.
                    await page.evaluate("document.activeElement?.blur()")
                    path = out / f"{name}.png"
                    await page.screenshot(path=str(path), animations="disabled", caret="hide")
                    written.append(path)
    return written


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    with live_server() as server:
        written = asyncio.run(shoot(server, out))
    for path in written:
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
