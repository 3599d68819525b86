"""A phone number proven from the settings screen with the code texted to it,
through the real server, its worker and a strict local SMS gateway."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from tests import sms_gateway
from tests.browser.live import live_server, sign_in
from tests.browser.test_a11y_layout import RUN_AXE
from tests.live_server import run_cli
from tests.sms_gateway import SmsGateway


async def test_a_number_is_verified_from_settings(csp_free_context: Any, axe: Path) -> None:
    await csp_free_context.add_init_script(path=str(axe))
    async with SmsGateway() as gateway:
        env = {
            "SIFASUO_SMS_PROVIDER": "aliyun",
            "SIFASUO_SMS_ENDPOINT": gateway.url,
            "SIFASUO_SMS_ACCESS_KEY_ID": sms_gateway.KEY_ID,
            "SIFASUO_SMS_ACCESS_KEY_SECRET": sms_gateway.SECRET,
            "SIFASUO_SMS_SIGN_NAME": sms_gateway.SIGN_NAME,
            "SIFASUO_SMS_TEMPLATE_CODE": sms_gateway.TEMPLATE,
        }
        # The server starts in a thread: the gateway answers on this loop.
        servers = live_server(extra_env=env)
        server = await asyncio.to_thread(servers.__enter__)
        try:
            page = await csp_free_context.new_page()
            await sign_in(page, server, "mediator")
            await page.get_by_test_id("nav-settings").click()
            card = page.get_by_test_id("settings-texts")
            await expect(card.get_by_test_id("phone-state")).to_have_text(
                "尚未验证手机号，通知只通过推送发送。"
            )
            # The server's phone rule, checked before any text is paid for.
            await card.get_by_test_id("phone-number").fill("1380013")
            await card.get_by_test_id("phone-send").click()
            await expect(card.locator(".field-error")).to_contain_text("手机号")
            assert gateway.received == []

            await card.get_by_test_id("phone-number").fill("138 0013 8000")
            await card.get_by_test_id("phone-send").click()
            await expect(card.get_by_test_id("phone-sent")).to_contain_text("138****8000")
            assert await page.evaluate(RUN_AXE) == []
            assert await page.evaluate("document.documentElement.scrollWidth") <= 360

            await asyncio.to_thread(run_cli, ["worker", "--once-until-empty"], server.env)
            (text,) = gateway.texts_to("13800138000")
            code = text.removeprefix("验证码：")[:6]

            await card.get_by_test_id("phone-code").fill("000000" if code != "000000" else "1")
            await card.get_by_test_id("phone-confirm").click()
            await expect(card.locator(".field-error")).to_contain_text("验证码不正确")
            await card.get_by_test_id("phone-code").fill(code)
            await card.get_by_test_id("phone-confirm").click()
            await expect(card.get_by_test_id("phone-state")).to_contain_text("138****8000")
            assert await page.evaluate(RUN_AXE) == []
        finally:
            await asyncio.to_thread(servers.__exit__, None, None, None)
