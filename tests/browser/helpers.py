"""Small helpers for the browser tests: data made through the API as the right
role, and waits on the service worker."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from api.domain.common.validators import resident_id_check_char
from tests.browser.live import LiveServer
from tests.days import office_today

ENROLL = """mutation Enroll($input: EnrollPersonInput!) { enrollPerson(input: $input) {
  activationCode person { id fullName } } }"""


def new_resident_id() -> str:
    first17 = f"110101{random.randint(1960, 2000)}0{random.randint(1, 9)}1{random.randint(0, 9)}"
    first17 += f"{random.randint(0, 999):03d}"
    return first17 + resident_id_check_char(first17)


def enrol_person(
    server: LiveServer, officer: str = "officer", name: str = "测试对象"
) -> dict[str, Any]:
    """Enrols a person in the officer's office: {id, fullName, activationCode}."""
    login = server.login_payload(officer)
    today = office_today()
    data = server.graphql(
        ENROLL,
        {
            "input": {
                "fullName": name,
                "idNumber": new_resident_id(),
                "correctionType": "PROBATION",
                "supervisionLevel": "NORMAL",
                "termStart": (today - timedelta(days=3)).isoformat(),
                "termEnd": (today + timedelta(days=365)).isoformat(),
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
            }
        },
        token=login["token"],
    )["enrollPerson"]
    return {**data["person"], "activationCode": data["activationCode"]}


def new_username(prefix: str) -> str:
    return f"{prefix}{random.randint(100000, 999999)}"


async def wait_for_service_worker(page: Any) -> None:
    """Until the worker is active and controls the page (the shell is precached)."""
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    await page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=15000)


async def activate_in_browser(page: Any, server: LiveServer, code: str, username: str) -> None:
    """The person's first sign-in: #/activate with the intake code."""
    await page.goto(f"{server.url}/#/activate?code={code}")
    await page.get_by_test_id("activate-form").wait_for()
    code_input = page.get_by_test_id("activate-code")
    if not await code_input.input_value():
        await code_input.fill(code)
    await page.get_by_test_id("activate-username").fill(username)
    await page.get_by_test_id("activate-password").fill("a-long-password-2026")
    await page.get_by_test_id("activate-password2").fill("a-long-password-2026")
    await page.get_by_test_id("activate-submit").click()
    await page.get_by_test_id("checkin-now").wait_for()
