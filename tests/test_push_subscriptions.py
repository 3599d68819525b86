"""Push subscriptions through GraphQL: VAPID key, register/unregister, allow-list, cap, audit."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest

from api.domain import accounts
from api.domain.call import Call
from api.domain.push_keys import KEY_FILE_NAME, VapidKey
from api.domain.subscriptions import MAX_DEVICES, register_subscription
from api.models.audit import AuditEntry
from api.models.notifications import PushSubscription
from tests.conftest import GraphQLClient, World
from tests.push_receiver import BrowserKeys

REGISTER = """
mutation($input: PushSubscriptionInput!) {
  registerPushSubscription(input: $input) { id endpoint createdAt }
}"""
UNREGISTER = "mutation($e: String!) { unregisterPushSubscription(endpoint: $e) }"
ENDPOINT = "http://127.0.0.1:9/push/"  # tests allow 127.0.0.1 over http (fast_settings)


def subscription(name: str, keys: BrowserKeys | None = None) -> dict[str, Any]:
    keys = keys or BrowserKeys.generate()
    return {"endpoint": ENDPOINT + name, "p256dh": keys.p256dh_b64url, "auth": keys.auth_b64url}


async def test_vapid_public_key_is_the_stored_key(world: World, gql: GraphQLClient) -> None:
    served = (await gql.ok("{ vapidPublicKey }"))["vapidPublicKey"]
    pem = (world.settings.data_dir / KEY_FILE_NAME).read_text()
    assert served == VapidKey.from_pem(pem).public_key_b64url
    point = base64.urlsafe_b64decode(served + "=" * (-len(served) % 4))
    assert len(point) == 65 and point[0] == 4 and "=" not in served
    assert (await gql.ok("{ vapidPublicKey }"))["vapidPublicKey"] == served


async def test_register_and_unregister(world: World, gql: GraphQLClient) -> None:
    token = world.tokens["applicant"]
    sub = subscription("a")
    device = (await gql.ok(REGISTER, {"input": sub}, token=token))["registerPushSubscription"]
    assert device["endpoint"] == sub["endpoint"]
    row = await PushSubscription.get(id=int(device["id"]))
    assert (row.user_id, row.p256dh, row.auth) == (
        world.users["applicant"].id,
        sub["p256dh"],
        sub["auth"],
    )
    # Someone else cannot remove it.
    other = await gql.ok(UNREGISTER, {"e": sub["endpoint"]}, token=world.tokens["applicant2"])
    assert other == {"unregisterPushSubscription": False}
    assert (await gql.ok(UNREGISTER, {"e": sub["endpoint"]}, token=token)) == {
        "unregisterPushSubscription": True
    }
    assert not await PushSubscription.exists(id=row.id)
    assert (await gql.ok(UNREGISTER, {"e": sub["endpoint"]}, token=token)) == {
        "unregisterPushSubscription": False
    }
    actions = [e.action for e in await AuditEntry.filter(target_type="PushSubscription")]
    assert actions == ["push.register", "push.unregister"]
    for entry in await AuditEntry.filter(target_type="PushSubscription"):
        text = str(entry.summary)
        assert sub["p256dh"] not in text and sub["auth"] not in text
        assert entry.summary["pushService"] == "127.0.0.1"  # type: ignore[index]


async def test_signed_in_only(gql: GraphQLClient) -> None:
    ext = await gql.error(REGISTER, {"input": subscription("x")})
    assert ext["code"] == "UNAUTHENTICATED"
    assert not await PushSubscription.exists()


async def test_same_endpoint_updates_and_moves_to_the_current_account(
    world: World, gql: GraphQLClient
) -> None:
    first = subscription("shared")
    a = await gql.ok(REGISTER, {"input": first}, token=world.tokens["officer_a"])
    again = {**subscription("shared"), "expirationTime": "2030-01-01T00:00:00+00:00"}
    b = await gql.ok(REGISTER, {"input": again}, token=world.tokens["officer_b"])
    assert a["registerPushSubscription"]["id"] == b["registerPushSubscription"]["id"]
    [row] = await PushSubscription.all()
    assert row.user_id == world.users["officer_b"].id
    assert (row.p256dh, row.auth) == (again["p256dh"], again["auth"])
    assert row.expiration_time is not None and row.expiration_time.year == 2030
    entry = await AuditEntry.get(action="push.reregister")
    assert entry.summary["movedFromUserId"] == world.users["officer_a"].id  # type: ignore[index]


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://169.254.169.254/",
        "http://169.254.169.254/latest/meta-data/",
        "https://localhost/",
        "file:///etc/passwd",
        "https://fcm.googleapis.com/fcm/send/abc",  # not on this server's list
        "http://127.0.0.1@169.254.169.254/",
    ],
)
async def test_allow_list_refuses(world: World, gql: GraphQLClient, endpoint: str) -> None:
    sub = {**subscription("x"), "endpoint": endpoint}
    ext = await gql.error(REGISTER, {"input": sub}, token=world.tokens["officer_a"])
    assert (ext["code"], ext["field"]) == ("BAD_USER_INPUT", "endpoint")
    assert not await PushSubscription.exists()


async def test_bad_keys_are_refused(world: World, gql: GraphQLClient) -> None:
    sub = {**subscription("x"), "p256dh": "AAAA"}
    ext = await gql.error(REGISTER, {"input": sub}, token=world.tokens["officer_a"])
    assert (ext["code"], ext["field"]) == ("BAD_USER_INPUT", "p256dh")


async def test_at_most_ten_devices_the_oldest_goes(world: World, gql: GraphQLClient) -> None:
    token = world.tokens["officer_a"]
    ids = []
    for n in range(MAX_DEVICES + 2):
        device = await gql.ok(REGISTER, {"input": subscription(f"d{n}")}, token=token)
        ids.append(int(device["registerPushSubscription"]["id"]))
    left = await PushSubscription.filter(user_id=world.users["officer_a"].id).order_by("id")
    assert [r.id for r in left] == ids[2:]
    assert len(left) == MAX_DEVICES
    # Another account's devices are not counted against this one.
    await gql.ok(REGISTER, {"input": subscription("b")}, token=world.tokens["officer_b"])
    assert await PushSubscription.filter(user_id=world.users["officer_a"].id).count() == 10


async def test_concurrent_registrations_keep_the_cap(world: World) -> None:
    user = world.users["officer_a"]
    call = Call(settings=world.settings, viewer=accounts.viewer_of(user, None))

    async def register(n: int) -> None:
        keys = BrowserKeys.generate()
        await register_subscription(
            call,
            endpoint=ENDPOINT + f"c{n}",
            p256dh=keys.p256dh_b64url,
            auth=keys.auth_b64url,
            expiration_time=None,
        )

    await asyncio.gather(*(register(n) for n in range(15)))
    assert await PushSubscription.filter(user_id=user.id).count() == MAX_DEVICES
