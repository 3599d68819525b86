"""The push dispatcher against the local push service: delivery, retries, removal, claims."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta

import aiohttp
import pytest

from api.app import create_app
from api.domain.common.call import Call
from api.domain.corrections import enrolment
from api.domain.notices import notices, outbox
from api.domain.notices.push_keys import VapidKeyring
from api.models.enums import CorrectionType, NotificationStatus, SupervisionLevel
from api.models.notifications import Notification, PushSubscription
from api.settings import Settings
from tests.conftest import GraphQLClient, World
from tests.push_helpers import Clock, add_device, make_dispatcher, payload_of, utc
from tests.push_receiver import BrowserKeys, PushReceiver
from tests.test_corrections import rid
from workers.push_sender import MAX_ATTEMPTS

# 10:00 in Shanghai: outside the quiet hours, so every notice is due at once.
T = utc(2026, 3, 2, 2, 0)


async def notify(world: World, who: str, *, when: datetime = T, subject: int = 1) -> Notification:
    """One staff alert queued for `who` (goes out at once)."""
    call = Call(settings=world.settings, now=when)
    await notices.enqueue(
        call,
        [world.users[who]],
        "checkin.overdue",
        subject_type="SupervisedPerson",
        subject_id=subject,
        period=when.isoformat(),
        url=f"/#/person/{subject}",
        alert=True,
        urgency="high",
    )
    return await Notification.get(recipient_id=world.users[who].id, subject_id=str(subject))


# ------------------------------------------------------------------ end to end

SET_STATUS = """
mutation($id: ID!) {
  setSupervisionStatus(personId: $id, status: ABSCONDED, note: "三次联系未果") { status }
}"""
REGISTER = """
mutation($input: PushSubscriptionInput!) {
  registerPushSubscription(input: $input) { id endpoint createdAt }
}"""


async def test_absconded_alert_reaches_the_officers_phone(
    world: World, gql: GraphQLClient, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    """GraphQL subscription → domain event → outbox → dispatcher → decrypted at the push service."""
    keys = BrowserKeys.generate()
    receiver.register("officer-phone", keys)
    served_key = (await gql.ok("{ vapidPublicKey }"))["vapidPublicKey"]
    device = (
        await gql.ok(
            REGISTER,
            {
                "input": {
                    "endpoint": receiver.endpoint("officer-phone"),
                    "p256dh": keys.p256dh_b64url,
                    "auth": keys.auth_b64url,
                }
            },
            token=world.tokens["officer_a"],
        )
    )["registerPushSubscription"]
    assert device["endpoint"] == receiver.endpoint("officer-phone")

    id_number = rid(7)
    enrolled = await enrolment.enroll_person(
        world.call("officer_a"),
        full_name="李四",
        id_number=id_number,
        phone=None,
        correction_type=CorrectionType.PAROLE,
        supervision_level=SupervisionLevel.STRICT,
        term_start=date(2026, 1, 1),
        term_end=date(2027, 1, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
    )
    await gql.ok(SET_STATUS, {"id": str(enrolled.person.id)}, token=world.tokens["supervisor"])
    now = datetime.now(UTC)

    report = await make_dispatcher(world.settings, session, Clock(now)).run_once(10)

    # The officer's phone got it; the supervisor above has no device.
    assert report.claimed == 2
    assert report.statuses == {"SENT": 1, "NO_DEVICE": 1}
    [got] = receiver.for_name("officer-phone")
    assert got.vapid_ok, got.vapid_error
    assert got.vapid_k == served_key
    body = payload_of(got)
    row = await Notification.get(recipient_id=world.users["officer_a"].id)
    assert body == {
        "title": "脱管警报",
        "body": "一名社区矫正对象已被标记为脱管，请立即组织查找。",
        "url": row.url,
        "kind": "person.absconded",
        "id": str(row.id),
    }
    assert id_number not in got.payload.decode()  # type: ignore[union-attr]
    assert (got.urgency, got.ttl, got.topic) == ("high", "3600", row.topic)
    assert row.status == NotificationStatus.SENT
    assert (row.attempts, row.last_status, row.last_error) == (1, 201, None)
    assert row.sent_at is not None
    sub = await PushSubscription.get(id=int(device["id"]))
    assert sub.last_success_at is not None
    # Nothing is sent twice.
    assert (await make_dispatcher(world.settings, session, Clock(now)).run_once(10)).claimed == 0
    assert len(receiver.received) == 1


async def test_message_is_in_the_recipients_language(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    officer = world.users["officer_b"]
    officer.locale = "en"
    await officer.save(update_fields=["locale"])
    await add_device(world.settings, receiver, officer, "b", when=T)
    await notify(world, "officer_b")
    await make_dispatcher(world.settings, session, Clock(T)).run_once()
    body = payload_of(receiver.for_name("b")[0])
    assert (body["title"], body["body"]) == (
        "Missed check-in",
        "A person under supervision has missed a check-in.",
    )


# ------------------------------------------------------------------ outcomes


@pytest.mark.parametrize("status", [404, 410])
async def test_gone_subscription_is_deleted(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession, status: int
) -> None:
    user = world.users["officer_a"]
    old = await add_device(world.settings, receiver, user, "old", when=T)
    new = await add_device(world.settings, receiver, user, "new", when=T)
    receiver.respond("old", [status])
    notice = await notify(world, "officer_a")

    report = await make_dispatcher(world.settings, session, Clock(T)).run_once()

    assert report.statuses == {"SENT": 1}
    assert not await PushSubscription.exists(id=old.id)
    assert await PushSubscription.exists(id=new.id)
    await notice.refresh_from_db()
    assert notice.status == NotificationStatus.SENT

    # With its only device gone, the next notice finds nobody to tell.
    receiver.respond("new", [status])
    second = await notify(world, "officer_a", subject=2)
    await make_dispatcher(world.settings, session, Clock(T)).run_once()
    await second.refresh_from_db()
    assert (second.status, second.last_status) == (NotificationStatus.NO_DEVICE, status)
    assert not await PushSubscription.filter(user_id=user.id).exists()


async def test_429_waits_for_retry_after(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    await add_device(world.settings, receiver, world.users["officer_a"], "busy", when=T)
    receiver.respond("busy", [429], retry_after="600")
    notice = await notify(world, "officer_a")
    clock = Clock(T)
    dispatcher = make_dispatcher(world.settings, session, clock)

    await dispatcher.run_once()
    await notice.refresh_from_db()
    assert notice.status == NotificationStatus.PENDING
    assert (notice.attempts, notice.last_status) == (1, 429)
    # Retry-After (600 s) is longer than the first backoff (at most 30 s).
    assert notice.next_attempt_at == T + timedelta(seconds=600)

    clock.now = T + timedelta(seconds=599)
    assert (await dispatcher.run_once()).claimed == 0
    clock.now = T + timedelta(seconds=600)
    assert (await dispatcher.run_once()).statuses == {"SENT": 1}
    await notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.sent_at) == (
        NotificationStatus.SENT,
        2,
        T + timedelta(seconds=600),
    )
    assert len(receiver.for_name("busy")) == 2


async def test_server_error_is_retried_with_backoff_then_sent(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    await add_device(world.settings, receiver, world.users["officer_a"], "flaky", when=T)
    receiver.respond("flaky", [500, 503])
    notice = await notify(world, "officer_a")
    clock = Clock(T)
    dispatcher = make_dispatcher(world.settings, session, clock)

    await dispatcher.run_once()
    await notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.last_status) == ("PENDING", 1, 500)
    assert notice.last_error == "500 Internal Server Error"
    # rng pinned at 1.0: the full first backoff step, 30 s; then 60 s.
    assert notice.next_attempt_at == T + timedelta(seconds=30)
    clock.now = notice.next_attempt_at
    await dispatcher.run_once()
    await notice.refresh_from_db()
    assert (notice.attempts, notice.last_status) == (2, 503)
    assert notice.next_attempt_at == clock.now + timedelta(seconds=60)
    clock.now = notice.next_attempt_at
    await dispatcher.run_once()
    await notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.last_status) == ("SENT", 3, 201)
    assert notice.last_error is None
    ids = {payload_of(r)["id"] for r in receiver.for_name("flaky")}
    assert ids == {str(notice.id)} and len(receiver.for_name("flaky")) == 3


async def test_gives_up_after_max_attempts(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    await add_device(world.settings, receiver, world.users["officer_a"], "down", when=T)
    receiver.respond("down", [502] * (MAX_ATTEMPTS + 2))
    notice = await notify(world, "officer_a")
    clock = Clock(T)
    dispatcher = make_dispatcher(world.settings, session, clock)
    for _ in range(MAX_ATTEMPTS + 2):
        await dispatcher.run_once()
        clock.now += timedelta(hours=2)  # past any backoff
    await notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.last_status) == ("FAILED", MAX_ATTEMPTS, 502)
    assert len(receiver.for_name("down")) == MAX_ATTEMPTS


async def test_client_error_fails_at_once(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    await add_device(world.settings, receiver, world.users["officer_a"], "bad", when=T)
    receiver.respond("bad", [400])
    notice = await notify(world, "officer_a")
    await make_dispatcher(world.settings, session, Clock(T)).run_once()
    await notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.last_status) == ("FAILED", 1, 400)
    assert notice.last_error is not None and "400" in notice.last_error


async def test_recipient_without_devices(world: World, session: aiohttp.ClientSession) -> None:
    notice = await notify(world, "officer_a")
    report = await make_dispatcher(world.settings, session, Clock(T)).run_once()
    assert report.statuses == {"NO_DEVICE": 1}
    await notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("NO_DEVICE", 0)


async def test_one_device_accepting_is_enough(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    user = world.users["officer_a"]
    for name in ("phone", "tablet", "desk"):
        await add_device(world.settings, receiver, user, name, when=T)
    receiver.respond("phone", [500])
    receiver.respond("tablet", [403])
    notice = await notify(world, "officer_a")
    await make_dispatcher(world.settings, session, Clock(T)).run_once()
    await notice.refresh_from_db()
    assert (notice.status, notice.last_status) == ("SENT", 201)
    assert len(receiver.received) == 3


# ------------------------------------------------------------------ quiet hours


async def test_quiet_hours_hold_public_notices_not_staff_alerts(
    world: World, receiver: PushReceiver, session: aiohttp.ClientSession
) -> None:
    late = utc(2026, 3, 2, 15, 0)  # 23:00 in Shanghai
    morning = utc(2026, 3, 2, 23, 0)  # 07:00 the next day
    await add_device(world.settings, receiver, world.users["applicant"], "applicant", when=late)
    await add_device(world.settings, receiver, world.users["officer_a"], "officer", when=late)
    call = Call(settings=world.settings, now=late)
    await notices.enqueue(
        call,
        [world.users["applicant"]],
        "legal_aid.status",
        subject_type="LegalAidRequest",
        subject_id=1,
        period="APPROVED",
        url="/#/request/1",
        params={"reference": "援〔2026〕1号", "status": "APPROVED"},
    )
    await notify(world, "officer_a", when=late)
    clock = Clock(late)
    dispatcher = make_dispatcher(world.settings, session, clock)

    await dispatcher.run_once()
    assert [r.name for r in receiver.received] == ["officer"]
    clock.now = morning - timedelta(seconds=1)
    assert (await dispatcher.run_once()).claimed == 0
    clock.now = morning
    await dispatcher.run_once()
    assert [r.name for r in receiver.received] == ["officer", "applicant"]
    body = payload_of(receiver.for_name("applicant")[0])
    assert body["body"] == "您的申请 援〔2026〕1号 状态：已批准。"


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ((2026, 3, 2, 6, 59), (2026, 3, 2, 7, 0)),
        ((2026, 3, 2, 7, 0), (2026, 3, 2, 7, 0)),
        ((2026, 3, 2, 21, 59), (2026, 3, 2, 21, 59)),
        ((2026, 3, 2, 22, 0), (2026, 3, 3, 7, 0)),
        ((2026, 3, 2, 0, 30), (2026, 3, 2, 7, 0)),
    ],
)
def test_after_quiet_hours(local: tuple[int, ...], expected: tuple[int, ...]) -> None:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Shanghai")
    now = datetime(*local, tzinfo=tz).astimezone(UTC)  # type: ignore[misc]
    got = notices.after_quiet_hours(now, "Asia/Shanghai")
    assert got == datetime(*expected, tzinfo=tz)  # type: ignore[misc]
    assert got.tzinfo == UTC


# ------------------------------------------------------------------ claims


async def test_concurrent_claims_never_share_a_row(world: World) -> None:
    for subject in range(40):
        await notify(world, "officer_a", subject=subject)
    claims = await asyncio.gather(
        *(outbox.claim_due(f"w{i}", T, limit=7, lease=timedelta(minutes=5)) for i in range(8))
    )
    ids = [n.id for claim in claims for n in claim]
    assert len(ids) == len(set(ids)) == 40
    for i, claim in enumerate(claims):
        assert all(n.claimed_by == f"w{i}" and n.status == "SENDING" for n in claim)


async def test_an_expired_claim_is_taken_over(world: World) -> None:
    notice = await notify(world, "officer_a")
    lease = timedelta(minutes=5)
    [mine] = await outbox.claim_due("a", T, limit=10, lease=lease)
    assert mine.claimed_until == T + lease
    early = T + lease - timedelta(seconds=1)
    assert await outbox.claim_due("b", early, limit=10, lease=lease) == []
    [theirs] = await outbox.claim_due("b", T + lease, limit=10, lease=lease)
    assert theirs.id == notice.id and theirs.claimed_by == "b"
    # The first claimer, back from its stall, may no longer write the outcome.
    lost = await outbox.record_outcome(notice.id, "a", status=NotificationStatus.SENT, attempts=1)
    assert not lost
    assert await outbox.record_outcome(
        notice.id, "b", status=NotificationStatus.SENT, attempts=1, sent_at=T
    )


async def test_not_due_rows_are_not_claimed(world: World) -> None:
    await notify(world, "officer_a", when=T + timedelta(minutes=1))
    assert await outbox.claim_due("a", T, limit=10, lease=timedelta(minutes=5)) == []


def test_payload_fields() -> None:
    row = Notification(
        id=5, title="t", body="b", url="/#/x", kind="checkin.due_now", recipient_id=1
    )
    assert json.loads(outbox.payload(row)) == {
        "title": "t",
        "body": "b",
        "url": "/#/x",
        "kind": "checkin.due_now",
        "id": "5",
    }


# ------------------------------------------------------------------ in-process


async def test_serve_runs_the_workers_in_its_lifespan(world: World, receiver: PushReceiver) -> None:
    settings: Settings = world.settings.with_(run_workers=True)
    keyring = VapidKeyring(settings.data_dir)
    await add_device(settings, receiver, world.users["officer_a"], "live", when=T)
    notice = await notify(world, "officer_a", when=datetime.now(UTC))
    app = create_app(settings, manage_db=False, vapid=keyring)
    before = asyncio.all_tasks()
    async with app.router.lifespan_context(app):
        [got] = await receiver.wait_for(1, name="live", timeout=10)
        assert got.vapid_k == keyring.public_key
    # Stopped cleanly: no task of the workers is left behind.
    await asyncio.sleep(0)
    assert {t for t in asyncio.all_tasks() - before if not t.done()} == set()
    await notice.refresh_from_db()
    assert notice.status == NotificationStatus.SENT
