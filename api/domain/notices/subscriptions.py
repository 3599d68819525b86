"""Push subscriptions: what a browser hands us, checked, stored per account.

A subscription is the endpoint URL of the browser's push service plus the
two keys the payload is encrypted to (RFC 8291). Only endpoints at known push
services, on the https port, are stored (settings.push_allowed_hosts), so the
server never posts to an address a client chose; the sender checks again
before it dials. An account keeps at most MAX_DEVICES; each register and
unregister is audited, never with the keys.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Final
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.corrections import ending
from api.models.accounts import User
from api.models.notifications import PushSubscription

# A phone, a tablet, a desk browser or two: more than this and the oldest goes.
MAX_DEVICES: Final = 10
MAX_ENDPOINT_LENGTH: Final = 2048
LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "::1", "localhost"})
HTTPS_PORT: Final = 443

_B64URL_RE = re.compile(r"[A-Za-z0-9_-]+={0,2}")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_RE = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}")


def endpoint_hash(endpoint: str) -> str:
    return hashlib.sha256(endpoint.encode("utf-8")).hexdigest()


async def register_subscription(
    call: Call,
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    expiration_time: datetime | None,
) -> PushSubscription:
    """Store the viewer's subscription; the same endpoint again updates it.

    An endpoint held by another account is replaced: that account's row goes
    and the viewer gets a new one, so the answer (a new id, created now) is the
    answer to a first registration and tells nothing of the other account.
    Why replace and not refuse: an endpoint is one browser profile, and the
    account signed in there now is the one its reminders are for; the account
    that held it must stop getting them on a phone it no longer holds (a
    shared phone, or a sign-out offline that could not unregister), and a
    refusal would tell the caller that the endpoint is someone's. Taking one
    needs its URL, which only the browser, its push service and this server
    know (the API shows it to its holder alone); a taker gains nothing to
    read, as the messages go to that browser encrypted to the keys it gave.
    The audit entry names the account replaced, for staff. When the account
    then has more than MAX_DEVICES, the oldest go.
    """
    viewer = scope.require_viewer(call)
    # An account whose supervision has ended gets no reminders: no device either.
    await ending.require_account_writable(call)
    validate_subscription(endpoint, p256dh, auth, call.settings.push_allowed_hosts)
    if expiration_time is not None and expiration_time.tzinfo is None:
        raise BadInput("TIME_OFFSET_REQUIRED", field="expirationTime")
    key = endpoint_hash(endpoint)
    for attempt in range(2):
        try:
            async with in_transaction():
                # The account row is the lock that keeps two concurrent
                # registrations from both slipping under the cap.
                await User.select_for_update().get(id=viewer.id)
                row = await PushSubscription.select_for_update().get_or_none(endpoint_hash=key)
                replaced = None
                if row is not None and row.user_id != viewer.id:
                    replaced = row.user_id
                    await row.delete()
                    row = None
                if row is None:
                    row = await PushSubscription.create(
                        user_id=viewer.id,
                        endpoint=endpoint,
                        endpoint_hash=key,
                        p256dh=p256dh,
                        auth=auth,
                        expiration_time=expiration_time,
                        created_at=call.now,
                    )
                    action = "push.register"
                else:
                    row.p256dh = p256dh
                    row.auth = auth
                    row.expiration_time = expiration_time
                    await row.save(update_fields=["p256dh", "auth", "expiration_time"])
                    action = "push.reregister"
                removed = await _drop_beyond_cap(viewer.id)
                await audit.record(
                    call,
                    action,
                    target_type="PushSubscription",
                    target_id=row.id,
                    summary={
                        "pushService": urlsplit(endpoint).hostname,
                        "replacedUserId": replaced,
                        "removedOldest": removed,
                    },
                )
            return row
        except IntegrityError:
            # A concurrent registration of the same endpoint created it first:
            # the second pass finds the row and updates it.
            if attempt:
                raise
    raise AssertionError("unreachable")


async def _drop_beyond_cap(user_id: int) -> list[int]:
    ids = await (
        PushSubscription.filter(user_id=user_id)
        .order_by("-created_at", "-id")
        .offset(MAX_DEVICES)
        .values_list("id", flat=True)
    )
    if ids:
        await PushSubscription.filter(id__in=list(ids)).delete()
    return [int(i) for i in ids]  # type: ignore[call-overload]


async def unregister_subscription(call: Call, endpoint: str) -> bool:
    """Forget the viewer's subscription at this endpoint; False if it had none."""
    viewer = scope.require_viewer(call)
    async with in_transaction():
        row = await PushSubscription.select_for_update().get_or_none(
            endpoint_hash=endpoint_hash(endpoint), user_id=viewer.id
        )
        if row is None:
            return False
        await row.delete()
        await audit.record(
            call,
            "push.unregister",
            target_type="PushSubscription",
            target_id=row.id,
            summary={"pushService": urlsplit(endpoint).hostname},
        )
    return True


async def devices_of(user_ids: Iterable[int]) -> dict[int, list[PushSubscription]]:
    """Every stored subscription of these accounts, oldest first, by account."""
    ids = sorted(set(user_ids))
    found: dict[int, list[PushSubscription]] = {i: [] for i in ids}
    if ids:
        for row in await PushSubscription.filter(user_id__in=ids).order_by("created_at", "id"):
            found[row.user_id].append(row)
    return found


async def forget_gone(subscription_ids: Sequence[int]) -> None:
    """The push service answered 404/410: the browser dropped the subscription."""
    if subscription_ids:
        await PushSubscription.filter(id__in=list(subscription_ids)).delete()


async def mark_delivered(subscription_ids: Sequence[int], now: datetime) -> None:
    if subscription_ids:
        await PushSubscription.filter(id__in=list(subscription_ids)).update(last_success_at=now)


# ------------------------------------------------------------------ validation


def validate_subscription(
    endpoint: str, p256dh: str, auth: str, allowed_hosts: tuple[str, ...]
) -> None:
    """Raise BadInput (field "endpoint", "p256dh" or "auth") unless the subscription is usable.

    The endpoint must be an https URL whose host is in `allowed_hosts` (exact,
    or "*.example.com" for any subdomain of example.com). Plain http is allowed
    only for a loopback host (127.0.0.1, ::1, localhost) named in the list
    itself — that is how tests point at a local push receiver.
    """
    check_endpoint(endpoint, allowed_hosts)
    key = _b64url_field(p256dh, "p256dh")
    if len(key) != 65 or key[0] != 0x04:
        raise BadInput("PUSH_KEY_NOT_UNCOMPRESSED", field="p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key)
    except ValueError:
        raise BadInput("PUSH_KEY_NOT_ON_CURVE", field="p256dh") from None
    if len(_b64url_field(auth, "auth")) != 16:
        raise BadInput("PUSH_AUTH_LENGTH", field="auth")


def check_endpoint(endpoint: str, allowed_hosts: tuple[str, ...]) -> None:
    """Raise BadInput (field "endpoint") unless the server may post to this URL.

    Registration stores only such endpoints, and the sender checks each again
    before it dials (a row stored before a check was added, or a host since
    taken off the list, is never contacted).
    """

    def bad(reason: str, **params: object) -> BadInput:
        return BadInput(reason, field="endpoint", **params)

    if not isinstance(endpoint, str) or not endpoint:
        raise bad("ENDPOINT_REQUIRED")
    if len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise bad("ENDPOINT_TOO_LONG", max=MAX_ENDPOINT_LENGTH)
    if not endpoint.isascii() or any(c <= " " or c in "\\\x7f" for c in endpoint):
        raise bad("ENDPOINT_NOT_PLAIN")
    try:
        parts = urlsplit(endpoint)
        port = parts.port  # raises on a bad port
    except ValueError:
        raise bad("ENDPOINT_INVALID") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise bad("ENDPOINT_NOT_HTTPS")
    if "@" in parts.netloc:
        raise bad("ENDPOINT_USERINFO")
    host = parts.hostname or ""  # lower case, IPv6 without brackets
    if not host or not (_HOST_RE.fullmatch(host) or host == "::1"):
        raise bad("ENDPOINT_NO_HOST")
    exact, wildcards = _allowed(allowed_hosts)
    if not (host in exact or any(host.endswith(suffix) for suffix in wildcards)):
        raise bad("ENDPOINT_UNKNOWN_SERVICE")
    if scheme == "http" and not (host in LOOPBACK_HOSTS and host in exact):
        raise bad("ENDPOINT_NOT_HTTPS")
    # Push services listen on 443; any other port of a listed host is some
    # other service there. (A loopback test receiver over http has its own.)
    if scheme == "https" and port not in (None, HTTPS_PORT):
        raise bad("ENDPOINT_PORT", port=HTTPS_PORT)


def _allowed(allowed_hosts: Iterable[str]) -> tuple[set[str], list[str]]:
    exact: set[str] = set()
    wildcards: list[str] = []
    for entry in allowed_hosts:
        name = entry.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")
        if name.startswith("*.") and len(name) > 2:
            wildcards.append(name[1:])  # ".example.com": subdomains only
        elif name:
            exact.add(name)
    return exact, wildcards


def _b64url_field(value: str, field: str) -> bytes:
    if not isinstance(value, str) or len(value) > 256 or not _B64URL_RE.fullmatch(value):
        raise BadInput("BASE64URL_REQUIRED", field=field, name=field)
    data = value.rstrip("=")
    if len(data) % 4 == 1:
        raise BadInput("BASE64URL_REQUIRED", field=field, name=field)
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        raise BadInput("BASE64URL_REQUIRED", field=field, name=field) from None
