"""A local stand-in for Alibaba Cloud's SendSms endpoint, as strict as the real one.

It checks what a real gateway checks before it sends: the access key, the
signature (version 1.0, recomputed here from the secret with the standard
library's own encoding, not with the app's code), a fresh timestamp and an
unused nonce, the template and signature names; then it records the text.
Tests read `received`, and can make the next answers fail (`fail_next`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from urllib.parse import urlencode

from aiohttp import web

KEY_ID = "LTAI-test-key"
SECRET = "test-secret-of-the-gateway"
SIGN_NAME = "青山司法所"
TEMPLATE = "SMS_000001"


@dataclass
class Received:
    phone: str
    text: str
    sign_name: str
    template: str


@dataclass
class SmsGateway:
    received: list[Received] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failures: deque[tuple[int, str]] = field(default_factory=deque)
    nonces: set[str] = field(default_factory=set)
    url: str = ""

    def fail_next(self, status: int, code: str, times: int = 1) -> None:
        self.failures.extend([(status, code)] * times)

    def texts_to(self, phone: str) -> list[str]:
        return [r.text for r in self.received if r.phone == phone]

    @staticmethod
    def expected_signature(query: dict[str, str]) -> str:
        rest = {k: v for k, v in query.items() if k != "Signature"}
        # urlencode with quote_via=quote percent-encodes as RFC 3986 asks,
        # except "~", which Python's quote already leaves alone.
        canonical = urlencode(sorted(rest.items()), quote_via=_quote)
        to_sign = "GET&%2F&" + _quote(canonical)
        mac = hmac.new((SECRET + "&").encode(), to_sign.encode(), hashlib.sha1)
        return base64.b64encode(mac.digest()).decode()

    def _refuse(self, status: int, code: str) -> web.Response:
        self.refused.append(code)
        body = {"Code": code, "Message": code, "RequestId": uuid.uuid4().hex}
        return web.json_response(body, status=status)

    async def handle(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        if q.get("AccessKeyId") != KEY_ID:
            return self._refuse(404, "InvalidAccessKeyId.NotFound")
        if not hmac.compare_digest(q.get("Signature", ""), self.expected_signature(q)):
            return self._refuse(400, "SignatureDoesNotMatch")
        stamp = datetime.strptime(q["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        if abs(datetime.now(UTC) - stamp) > timedelta(minutes=15):
            return self._refuse(400, "InvalidTimeStamp.Expired")
        if q["SignatureNonce"] in self.nonces:
            return self._refuse(400, "SignatureNonceUsed")
        self.nonces.add(q["SignatureNonce"])
        if (q.get("Action"), q.get("Version")) != ("SendSms", "2017-05-25"):
            return self._refuse(400, "InvalidAction")
        if q.get("SignName") != SIGN_NAME:
            return self._refuse(400, "isv.SMS_SIGNATURE_ILLEGAL")
        if q.get("TemplateCode") != TEMPLATE:
            return self._refuse(400, "isv.SMS_TEMPLATE_ILLEGAL")
        if self.failures:
            status, code = self.failures.popleft()
            return self._refuse(status, code)
        text = json.loads(q["TemplateParam"])["text"]
        self.received.append(Received(q["PhoneNumbers"], text, q["SignName"], q["TemplateCode"]))
        return web.json_response(
            {"Code": "OK", "Message": "OK", "BizId": uuid.uuid4().hex[:20], "RequestId": "r"}
        )

    async def __aenter__(self) -> SmsGateway:
        app = web.Application()
        app.router.add_get("/", self.handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._runner.cleanup()


def _quote(
    value: str, safe: str = "", encoding: str | None = None, errors: str | None = None
) -> str:
    from urllib.parse import quote

    return quote(value, safe="~")
