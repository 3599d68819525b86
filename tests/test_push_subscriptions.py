"""Push subscriptions through GraphQL: VAPID key, register/unregister, allow-list, cap, audit."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest

from api.domain.accounts import sign_in
from api.domain.common.call import Call
from api.domain.notices.push_keys import KEY_FILE_NAME, VapidKey
from api.domain.notices.subscriptions import MAX_DEVICES, register_subscription
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
    assert (row.user_id, row.p256dh, row.auth) == (  # type: ignore[attr-defined]
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


async def test_same_endpoint_again_updates_it(world: World, gql: GraphQLClient) -> None:
    token = world.tokens["officer_a"]
    a = await gql.ok(REGISTER, {"input": subscription("same")}, token=token)
    again = {**subscription("same"), "expirationTime": "2030-01-01T00:00:00+00:00"}
    b = await gql.ok(REGISTER, {"input": again}, token=token)
    assert a == b
    [row] = await PushSubscription.all()
    assert (row.p256dh, row.auth) == (again["p256dh"], again["auth"])
    assert row.expiration_time is not None and row.expiration_time.year == 2030
    assert await AuditEntry.filter(action="push.reregister").count() == 1


async def test_endpoint_of_another_account_is_replaced_without_a_trace(
    world: World, gql: GraphQLClient
) -> None:
    """The browser's current account takes the endpoint as if it were new.

    Nothing in the answer tells that another account held it (not its row's
    id, not its time): the same answer as a first registration. The other
    account stops getting reminders on a phone it no longer holds.
    """
    held = await gql.ok(
        REGISTER, {"input": subscription("shared")}, token=world.tokens["officer_a"]
    )
    fresh = await gql.ok(REGISTER, {"input": subscription("new")}, token=world.tokens["officer_b"])
    await PushSubscription.filter(id=int(fresh["registerPushSubscription"]["id"])).delete()

    taken = await gql.ok(
        REGISTER, {"input": subscription("shared")}, token=world.tokens["officer_b"]
    )

    old, new = held["registerPushSubscription"], taken["registerPushSubscription"]
    assert new.keys() == fresh["registerPushSubscription"].keys()
    assert int(new["id"]) > int(fresh["registerPushSubscription"]["id"]) > int(old["id"])
    assert new["createdAt"] > old["createdAt"]
    [row] = await PushSubscription.filter(endpoint=ENDPOINT + "shared")
    assert row.id == int(new["id"])
    assert row.user_id == world.users["officer_b"].id  # type: ignore[attr-defined]
    assert not await PushSubscription.filter(user_id=world.users["officer_a"].id).exists()
    # Staff reading the audit log can still tell what happened.
    entry = await AuditEntry.get(action="push.register", target_id=str(row.id))
    assert entry.summary["replacedUserId"] == world.users["officer_a"].id  # type: ignore[index]


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://169.254.169.254/",
        "http://169.254.169.254/latest/meta-data/",
        "https://localhost/",
        "file:///etc/passwd",
        "https://fcm.googleapis.com/fcm/send/abc",  # not on this server's list
        "http://127.0.0.1@169.254.169.254/",
        # An allowed host, but not at the https port.
        "https://127.0.0.1:8443/push/x",
        "https://127.0.0.1:80/push/x",
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
    call = Call(settings=world.settings, viewer=sign_in.viewer_of(user, None))

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
