"""Reminders by push: a push delivered to the service worker shows a
notification, and a push service that never answers is given up with words
saying where reminders go instead."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from tests import sms_gateway
from tests.browser.helpers import wait_for_service_worker
from tests.browser.live import LiveServer, sign_in
from tests.browser.live import live_server as start_live_server
from tests.browser.test_a11y_layout import RUN_AXE
from tests.live_server import run_cli
from tests.sms_gateway import SmsGateway

TITLES = (
    "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.map(x => x.title))"
)


def sms_env(gateway: SmsGateway) -> dict[str, str]:
    return {
        "SIFASUO_SMS_PROVIDER": "aliyun",
        "SIFASUO_SMS_ENDPOINT": gateway.url,
        "SIFASUO_SMS_ACCESS_KEY_ID": sms_gateway.KEY_ID,
        "SIFASUO_SMS_ACCESS_KEY_SECRET": sms_gateway.SECRET,
        "SIFASUO_SMS_SIGN_NAME": sms_gateway.SIGN_NAME,
        "SIFASUO_SMS_TEMPLATE_CODE": sms_gateway.TEMPLATE,
    }


DATA = "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.map(x => x.data))"


async def test_push_message_shows_notification(
    live_server: LiveServer, browser_context: Any
) -> None:
    await browser_context.grant_permissions(["notifications"], origin=live_server.url)
    page = await browser_context.new_page()
    await sign_in(page, live_server, "mediator")
    await wait_for_service_worker(page)

    cdp = await browser_context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    await cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not [r for r in registrations if r["scopeURL"].startswith(live_server.url)]:
        assert time.monotonic() < deadline, "no service worker registration reported"
        await asyncio.sleep(0.1)
    registration = next(r for r in registrations if r["scopeURL"].startswith(live_server.url))

    payload = {
        "title": "回访提醒：张家宅基地纠纷",
        "body": "明天 10:00 回访",
        "url": "/#/dispute/1",
        "kind": "FOLLOW_UP_DUE",
        "id": "1",
    }
    await cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": live_server.url,
            "registrationId": registration["registrationId"],
            "data": json.dumps(payload),  # ASCII (\u escapes): CDP mangles non-ASCII push data
        },
    )
    deadline = time.monotonic() + 10
    while payload["title"] not in await page.evaluate(TITLES):
        assert time.monotonic() < deadline, "the notification was not shown"
        await asyncio.sleep(0.1)
    assert {"url": "/#/dispute/1"} in await page.evaluate(DATA)


# The push service never answers (Chrome's is out of reach from mainland China).
HANGING_PUSH_SERVICE = "PushManager.prototype.subscribe = () => new Promise(() => {});"


async def test_an_unreachable_push_service_times_out_and_points_to_text_messages(
    csp_free_context: Any, axe: Path
) -> None:
    context = csp_free_context
    await context.add_init_script(path=str(axe))
    await context.add_init_script(HANGING_PUSH_SERVICE)
    async with SmsGateway() as gateway:
        servers = start_live_server(extra_env=sms_env(gateway))
        server = await asyncio.to_thread(servers.__enter__)
        try:
            await context.grant_permissions(["notifications"], origin=server.url)
            page = await context.new_page()
            await sign_in(page, server, "mediator")
            await wait_for_service_worker(page)
            await page.get_by_test_id("nav-settings").click()
            card = page.get_by_test_id("settings-reminders")
            # A mediator is told what reminders bring a mediator, not a supervised person.
            await expect(card.get_by_test_id("reminders-state")).to_contain_text("回访到期")
            await expect(card.get_by_test_id("reminders-state")).not_to_contain_text("报到")

            # No number proven yet: the message says how texts can take over.
            started = time.monotonic()
            await card.get_by_test_id("reminders-on").click()
            fallback = card.get_by_test_id("reminders-fallback")
            await expect(fallback).to_contain_text("无法连接推送服务", timeout=15000)
            assert time.monotonic() - started < 15
            await expect(fallback).to_contain_text("验证手机号")
            await expect(card.get_by_test_id("reminders-on")).to_be_enabled()
            assert await page.evaluate(RUN_AXE) == []
            assert await page.evaluate("document.documentElement.scrollWidth") <= 360

            # A proven number: reminders come by text message to it.
            texts = page.get_by_test_id("settings-texts")
            await texts.get_by_test_id("phone-number").fill("13800138000")
            await texts.get_by_test_id("phone-send").click()
            await texts.get_by_test_id("phone-code").wait_for()
            await asyncio.to_thread(run_cli, ["worker", "--once-until-empty"], server.env)
            (text,) = gateway.texts_to("13800138000")
            await texts.get_by_test_id("phone-code").fill(text.removeprefix("验证码：")[:6])
            await texts.get_by_test_id("phone-confirm").click()
            await expect(texts.get_by_test_id("phone-state")).to_contain_text("138****8000")
            await card.get_by_test_id("reminders-on").click()
            await expect(fallback).to_contain_text("发送短信到 138****8000", timeout=15000)

            # The same in English.
            await page.get_by_test_id("settings-language").select_option("en")
            await expect(card.get_by_test_id("reminders-state")).to_contain_text("return visit")
            await card.get_by_test_id("reminders-on").click()
            await expect(fallback).to_contain_text("by text message to 138****8000", timeout=15000)
        finally:
            await asyncio.to_thread(servers.__exit__, None, None, None)
