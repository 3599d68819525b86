"""Text messages behind the outbox: the provider's signed API against a strict local
gateway, when a notice also goes by text, the daily cap, quiet hours, retries, and
proving a phone number before any text goes to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import httpx
import pytest

from api.app import create_app
from api.domain.accounts import phone as phone_check
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, DomainError
from api.domain.notices import notices
from api.domain.notices.sms import MAX_TEXT, text_of
from api.models.accounts import User
from api.models.enums import NotificationStatus
from api.models.notifications import Notification
from api.models.sms import PhoneCheck, SmsMessage
from api.settings import Settings, SettingsError
from tests import sms_gateway
from tests.conftest import GraphQLClient, World
from tests.push_helpers import Clock, add_device, make_dispatcher, utc
from tests.push_receiver import PushReceiver
from tests.sms_gateway import SmsGateway
from workers.push_sender import MAX_ATTEMPTS
from workers.runner import sms_sender_for
from workers.sms_dispatcher import SmsDispatcher
from workers.sms_sender import AliyunCredentials, AliyunSms

# 10:00 in Shanghai: outside the quiet hours.
T = utc(2026, 3, 2, 2, 0)
NUMBER = "13800138000"


@contextmanager
def refused(reason: str) -> Iterator[None]:
    with pytest.raises(DomainError) as caught:
        yield
    assert caught.value.reason == reason, caught.value.reason


@pytest.fixture
async def gateway() -> AsyncIterator[SmsGateway]:
    async with SmsGateway() as g:
        yield g


def with_sms(settings: Settings, gateway: SmsGateway, **more: Any) -> Settings:
    return settings.with_(
        sms_provider="aliyun",
        sms_endpoint=gateway.url,
        sms_access_key_id=sms_gateway.KEY_ID,
        sms_access_key_secret=sms_gateway.SECRET,
        sms_sign_name=sms_gateway.SIGN_NAME,
        sms_template_code=sms_gateway.TEMPLATE,
        **more,
    )


def texts(settings: Settings, session: aiohttp.ClientSession, clock: Clock) -> SmsDispatcher:
    """The SMS dispatcher as the workers build it from the settings."""
    sender = sms_sender_for(settings, session)
    assert sender is not None
    return SmsDispatcher(sender, clock, "test:1", rng=lambda: 1.0)


async def proven(user: User, number: str = NUMBER) -> None:
    user.sms_phone = number
    user.sms_phone_verified_at = T
    await user.save()


async def notify(
    settings: Settings, user: User, kind: str, *, when: datetime = T, subject: int = 1
) -> Notification:
    params = {"title": "邻里纠纷", "reference": "青山援字〔2026〕第1号", "status": "APPROVED"}
    await notices.enqueue(
        Call(settings=settings, now=when),
        [user],
        kind,
        subject_type="Test",
        subject_id=subject,
        period=when.isoformat(),
        url="/#/home",
        params=params,
        alert=not user.role.is_public,
    )
    return await Notification.get(recipient_id=user.id, kind=kind, subject_id=str(subject))


async def push_and_text(
    settings: Settings, session: aiohttp.ClientSession, clock: Clock
) -> tuple[dict[str, int], dict[str, int]]:
    push = make_dispatcher(settings, session, clock)
    push.sms_settings = settings
    pushed = await push.run_once(50)
    sent = await texts(settings, session, clock).run_once(50)
    return pushed.statuses, sent.statuses


# ------------------------------------------------------------------ the provider


async def test_the_gateway_takes_the_signed_request_and_refuses_a_wrong_secret(
    gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    good = AliyunCredentials(
        sms_gateway.KEY_ID,
        sms_gateway.SECRET,
        sms_gateway.SIGN_NAME,
        sms_gateway.TEMPLATE,
        endpoint=gateway.url,
    )
    # Characters the signature's encoding treats specially: space, *, ~, +, Chinese.
    result = await AliyunSms(session, good).send(NUMBER, "报到提醒：a*b ~c+d")
    assert result.outcome == "sent" and result.provider_ref
    assert gateway.texts_to(NUMBER) == ["报到提醒：a*b ~c+d"]

    wrong = AliyunCredentials(
        sms_gateway.KEY_ID,
        "not-the-secret",
        sms_gateway.SIGN_NAME,
        sms_gateway.TEMPLATE,
        endpoint=gateway.url,
    )
    refused = await AliyunSms(session, wrong).send(NUMBER, "x")
    assert refused.outcome == "failed" and "SignatureDoesNotMatch" in (refused.detail or "")
    assert gateway.refused == ["SignatureDoesNotMatch"]


async def test_flow_control_is_retried_and_a_bad_template_is_not(
    gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    creds = AliyunCredentials(
        sms_gateway.KEY_ID,
        sms_gateway.SECRET,
        sms_gateway.SIGN_NAME,
        sms_gateway.TEMPLATE,
        endpoint=gateway.url,
    )
    gateway.fail_next(200, "isv.BUSINESS_LIMIT_CONTROL")
    assert (await AliyunSms(session, creds).send(NUMBER, "x")).outcome == "retry"
    gateway.fail_next(500, "isp.SYSTEM_ERROR")
    assert (await AliyunSms(session, creds).send(NUMBER, "x")).outcome == "retry"
    bad = AliyunCredentials(
        sms_gateway.KEY_ID,
        sms_gateway.SECRET,
        sms_gateway.SIGN_NAME,
        "SMS_NOT_MINE",
        endpoint=gateway.url,
    )
    assert (await AliyunSms(session, bad).send(NUMBER, "x")).outcome == "failed"


# ------------------------------------------------------------------ when a notice goes by text


async def test_a_notice_with_no_device_goes_by_text_once(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    officer = world.users["officer_a"]
    await proven(officer)
    notice = await notify(settings, officer, "dispute.follow_up_due")

    pushed, sent = await push_and_text(settings, session, Clock(T))
    assert pushed == {"NO_DEVICE": 1} and sent == {"SENT": 1}
    (text,) = gateway.texts_to(NUMBER)
    assert text == text_of(notice.title, notice.body) == "回访到期：纠纷「邻里纠纷」需要回访。"
    row = await SmsMessage.get(notification_id=notice.id)
    assert row.status == NotificationStatus.SENT and row.provider_ref

    # Offered again (a second dispatcher, a redelivery), it is not texted twice.
    from api.domain.notices import sms

    assert await sms.offer(settings, notice, NotificationStatus.NO_DEVICE, T) is None
    assert await SmsMessage.filter(notification_id=notice.id).count() == 1


async def test_a_delivered_push_is_enough_unless_the_notice_must_arrive(
    world: World, gateway: SmsGateway, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    applicant = world.users["applicant"]
    await proven(applicant)
    await add_device(settings, receiver, applicant, "applicant-phone", when=T)
    await notify(settings, applicant, "dispute.follow_up_due", subject=1)
    # A legal-aid decision starts the time to object (法律援助法 Art. 49): it must arrive.
    await notify(settings, applicant, "legal_aid.status", subject=2)

    pushed, sent = await push_and_text(settings, session, Clock(T))
    assert pushed == {"SENT": 2} and sent == {"SENT": 1}
    (text,) = gateway.texts_to(NUMBER)
    assert text.startswith("法律援助申请进展")


async def test_a_failed_push_falls_back_to_a_text(
    world: World, gateway: SmsGateway, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    officer = world.users["officer_a"]
    await proven(officer)
    await add_device(settings, receiver, officer, "officer-phone", when=T)
    receiver.respond("officer-phone", [400])
    await notify(settings, officer, "dispute.follow_up_due")

    pushed, sent = await push_and_text(settings, session, Clock(T))
    assert pushed == {"FAILED": 1} and sent == {"SENT": 1}


async def test_no_text_to_a_number_not_proven_or_with_sms_off(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    officer = world.users["officer_a"]
    officer.phone = NUMBER  # given at account creation: not proven
    await officer.save()
    settings = with_sms(world.settings, gateway)
    await notify(settings, officer, "dispute.follow_up_due", subject=1)
    await push_and_text(settings, session, Clock(T))
    await proven(officer)
    off = world.settings.with_(sms_provider="")
    await notify(off, officer, "dispute.follow_up_due", subject=2)
    push = make_dispatcher(off, session, Clock(T))
    push.sms_settings = off
    await push.run_once(10)
    assert await SmsMessage.all().count() == 0 and gateway.received == []


async def test_the_daily_cap_counts_per_recipient_and_day(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway, sms_daily_cap=2)
    officer = world.users["officer_a"]
    await proven(officer)
    for subject in (1, 2, 3):
        await notify(settings, officer, "dispute.follow_up_due", subject=subject)
    _, sent = await push_and_text(settings, session, Clock(T))
    assert sent == {"SENT": 2} and len(gateway.texts_to(NUMBER)) == 2

    # The next day (in Shanghai) counts afresh: 16:00 UTC is midnight there.
    tomorrow = utc(2026, 3, 2, 16, 0)
    await notify(settings, officer, "dispute.follow_up_due", when=tomorrow, subject=4)
    _, sent = await push_and_text(settings, session, Clock(tomorrow))
    assert sent == {"SENT": 1}


async def test_a_text_to_the_public_waits_for_the_end_of_the_quiet_hours(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    applicant = world.users["applicant"]
    await proven(applicant)
    late = utc(2026, 3, 2, 15, 0)  # 23:00 in Shanghai
    await notify(settings, applicant, "legal_aid.status", when=late)
    clock = Clock(late)
    push = make_dispatcher(settings, session, clock)
    push.sms_settings = settings
    assert (await push.run_once(10)).claimed == 0  # the notice itself waits
    clock.now = utc(2026, 3, 2, 22, 59)  # 06:59
    assert (await push.run_once(10)).claimed == 0
    clock.now = utc(2026, 3, 2, 23, 0)  # 07:00
    await push.run_once(10)
    sent = await texts(settings, session, clock).run_once(10)
    assert sent.statuses == {"SENT": 1}


async def test_flow_control_is_retried_with_backoff_then_given_up(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    officer = world.users["officer_a"]
    await proven(officer)
    await notify(settings, officer, "dispute.follow_up_due")
    clock = Clock(T)
    push = make_dispatcher(settings, session, clock)
    push.sms_settings = settings
    await push.run_once(10)
    gateway.fail_next(200, "isv.BUSINESS_LIMIT_CONTROL", times=MAX_ATTEMPTS)
    sender = texts(settings, session, clock)
    assert (await sender.run_once(10)).statuses == {"PENDING": 1}
    row = await SmsMessage.get()
    assert row.attempts == 1 and row.next_attempt_at == T + timedelta(seconds=30)
    assert (await sender.run_once(10)).claimed == 0  # not before its time
    for _ in range(MAX_ATTEMPTS - 1):
        clock.now = (await SmsMessage.get()).next_attempt_at
        await sender.run_once(10)
    row = await SmsMessage.get()
    assert row.status == NotificationStatus.FAILED and row.attempts == MAX_ATTEMPTS
    assert gateway.received == []


def test_texts_are_one_segment() -> None:
    assert len(text_of("标题", "长" * 200)) == MAX_TEXT
    assert text_of("标题", "短") == "标题：短"


# ------------------------------------------------------------------ proving a number


async def test_a_number_is_proven_by_the_code_texted_to_it(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    user = world.users["applicant"]
    call = world.call("applicant")
    call.settings = settings
    call.now = T
    masked, expires = await phone_check.request_code(call, "138 0013 8000")
    assert masked == "138****8000" and expires == T + timedelta(minutes=10)
    await texts(settings, session, Clock(T)).run_once(10)
    (text,) = gateway.texts_to(NUMBER)
    code = text.removeprefix("验证码：")[:6]
    assert code.isdigit() and "10分钟" in text

    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(BadInput) as wrong_code:
        await phone_check.confirm_code(call, wrong)
    assert wrong_code.value.reason == "PHONE_CODE_WRONG" and wrong_code.value.params == {"left": 4}
    assert (await User.get(id=user.id)).sms_phone is None

    done = await phone_check.confirm_code(call, code)
    assert done.sms_phone == NUMBER and done.sms_phone_verified_at == T
    # A code is good once.
    with refused("PHONE_CODE_NONE"):
        await phone_check.confirm_code(call, code)


async def test_a_code_expires_at_ten_minutes_and_allows_five_tries(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    call = world.call("officer_a")
    call.settings = settings
    call.now = T
    await phone_check.request_code(call, NUMBER)
    await texts(settings, session, Clock(T)).run_once(10)
    code = gateway.texts_to(NUMBER)[0].removeprefix("验证码：")[:6]

    call.now = T + timedelta(minutes=10)
    with refused("PHONE_CODE_NONE"):
        await phone_check.confirm_code(call, code)

    call.now = T + timedelta(minutes=11)
    await phone_check.request_code(call, NUMBER)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(BadInput) as wrong_code:
            await phone_check.confirm_code(call, wrong)
        assert wrong_code.value.params == {"left": left}
    # Even the right code is refused now.
    await texts(settings, session, Clock(call.now)).run_once(10)
    fresh = gateway.texts_to(NUMBER)[-1].removeprefix("验证码：")[:6]
    call.now += timedelta(minutes=9, seconds=59)
    with refused("PHONE_CODE_TRIES"):
        await phone_check.confirm_code(call, fresh)
    assert await PhoneCheck.filter(confirmed_at__isnull=False).count() == 0


async def test_a_new_code_ends_the_one_before(world: World, gateway: SmsGateway) -> None:
    settings = with_sms(world.settings, gateway)
    call = world.call("officer_a")
    call.settings = settings
    call.now = T
    await phone_check.request_code(call, NUMBER)
    await phone_check.request_code(call, "13900139000")
    live = await PhoneCheck.filter(expires_at__gt=T).values_list("phone", flat=True)
    assert live == ["13900139000"]


async def test_codes_are_refused_when_sms_is_off_or_the_cap_is_spent(
    world: World, gateway: SmsGateway
) -> None:
    call = world.call("officer_a")
    call.now = T
    with refused("SMS_OFF"):
        await phone_check.request_code(call, NUMBER)
    call.settings = with_sms(world.settings, gateway, sms_daily_cap=1)
    await phone_check.request_code(call, NUMBER)
    with refused("SMS_DAILY_CAP"):
        await phone_check.request_code(call, NUMBER)
    # The refused request left nothing behind.
    assert await PhoneCheck.all().count() == 1 and await SmsMessage.all().count() == 1
    with refused("PHONE_FORMAT"):
        await phone_check.request_code(call, "12345")


async def test_the_api_asks_confirms_shows_and_stops(
    world: World, gateway: SmsGateway, session: aiohttp.ClientSession
) -> None:
    settings = with_sms(world.settings, gateway)
    app = create_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 4711))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        gql = GraphQLClient(http)
        token = world.tokens["applicant"]
        shown = "{ textMessages { available phone verifiedAt } }"
        assert (await gql.ok(shown, token=token))["textMessages"] == {
            "available": True,
            "phone": None,
            "verifiedAt": None,
        }
        sent = await gql.ok(
            'mutation { requestPhoneCheck(phoneNumber: "+86 138-0013-8000") { phone expiresAt } }',
            token=token,
        )
        assert sent["requestPhoneCheck"]["phone"] == "138****8000"
        await texts(settings, session, Clock(datetime.now(T.tzinfo))).run_once(10)
        code = gateway.texts_to(NUMBER)[0].removeprefix("验证码：")[:6]
        wrong = await gql.refusal(
            'mutation { confirmPhoneCheck(code: "abc") { phone } }', token=token
        )
        assert wrong["code"] == "BAD_USER_INPUT" and wrong["field"] == "code"
        done = await gql.ok(
            "mutation($c: String!) { confirmPhoneCheck(code: $c) { phone verifiedAt } }",
            {"c": code},
            token=token,
        )
        assert done["confirmPhoneCheck"]["phone"] == "138****8000"
        stopped = await gql.ok("mutation { stopTextMessages { phone } }", token=token)
        assert stopped["stopTextMessages"]["phone"] is None
        assert (await gql.refusal(shown))["code"] == "UNAUTHENTICATED"


# ------------------------------------------------------------------ settings


def test_settings_name_what_the_provider_needs() -> None:
    with pytest.raises(SettingsError, match="SIFASUO_SMS_SIGN_NAME"):
        Settings.from_env(
            {
                "SIFASUO_SMS_PROVIDER": "aliyun",
                "SIFASUO_SMS_ACCESS_KEY_ID": "k",
                "SIFASUO_SMS_ACCESS_KEY_SECRET": "s",
                "SIFASUO_SMS_TEMPLATE_CODE": "SMS_1",
            }
        )
    with pytest.raises(SettingsError, match="development only"):
        Settings.from_env({"SIFASUO_SMS_PROVIDER": "console"})
    assert Settings.from_env({}, default_env="development").sms_provider == "console"
    assert Settings.from_env({}).sms_provider == ""
    assert "s3cret" not in repr(Settings(sms_access_key_secret="s3cret"))
