"""Sending one text message through the provider's signed HTTP API.

The provider is Alibaba Cloud SMS (短信服务, `SendSms`), called through its
RPC API with signature version 1.0 (HMAC-SHA1 over the sorted, percent-
encoded query), on the one aiohttp session the workers share. Its Python
SDK would bring a synchronous HTTP stack and a code generator's runtime into
the worker for one GET; the signing is a dozen lines and the test gateway
checks it independently.

    sender = AliyunSms(session, credentials)
    result = await sender.send("13800000000", "报到提醒：请在 10:00 前完成报到。")

Mainland providers send only text registered in advance as a template under
a registered signature: the app uses one template whose single variable is
the whole text (`${text}`, configured as SIFASUO_SMS_TEMPLATE_CODE), and keeps
every text short (sms_policy.text_of).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol
from urllib.parse import quote

import aiohttp

Outcome = Literal["sent", "retry", "failed"]

# Answers of SendSms that waiting can help: the provider's flow control, and
# its own trouble. Anything else (a bad number, a template not approved, a
# signature refused) will not get better by sending again.
RETRY_CODES = frozenset(
    {"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "Throttling", "ServiceUnavailable"}
)


@dataclass(frozen=True)
class SmsResult:
    outcome: Outcome
    provider_ref: str | None = None
    detail: str | None = None


class SmsSender(Protocol):
    async def send(self, phone: str, text: str) -> SmsResult: ...


@dataclass(frozen=True)
class AliyunCredentials:
    access_key_id: str
    access_key_secret: str
    sign_name: str
    template_code: str
    endpoint: str = "https://dysmsapi.aliyuncs.com/"
    region: str = "cn-hangzhou"


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as the signature wants it: only A-Z a-z 0-9 - _ . ~ stay."""
    return quote(value, safe="-_.~")


def signature(secret: str, method: str, params: Mapping[str, str]) -> str:
    """Signature version 1.0 of a query (everything but Signature itself)."""
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(params[k])}" for k in sorted(params))
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSms:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        credentials: AliyunCredentials,
        *,
        timeout_seconds: float = 10.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        nonce: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self.session = session
        self.credentials = credentials
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self.clock = clock
        self.nonce = nonce

    def query(self, phone: str, text: str) -> dict[str, str]:
        c = self.credentials
        params = {
            "AccessKeyId": c.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": c.region,
            "SignName": c.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": self.nonce(),
            "SignatureVersion": "1.0",
            "TemplateCode": c.template_code,
            "TemplateParam": json.dumps({"text": text}, ensure_ascii=False),
            "Timestamp": self.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = signature(c.access_key_secret, "GET", params)
        return params

    async def send(self, phone: str, text: str) -> SmsResult:
        try:
            async with self.session.get(
                self.credentials.endpoint,
                params=self.query(phone, text),
                timeout=self.timeout,
                allow_redirects=False,
            ) as response:
                status = response.status
                raw = await response.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            return SmsResult("retry", detail=f"network: {type(exc).__name__}")
        try:
            body = json.loads(raw)
        except ValueError:
            body = {}
        code = str(body.get("Code", "")) if isinstance(body, dict) else ""
        if status == 200 and code == "OK":
            return SmsResult("sent", provider_ref=str(body.get("BizId") or "") or None)
        detail = f"{status} {code} {body.get('Message', '') if isinstance(body, dict) else ''}"
        if status >= 500 or status == 429 or code in RETRY_CODES:
            return SmsResult("retry", detail=detail.strip()[:300])
        return SmsResult("failed", detail=detail.strip()[:300])


class ConsoleSms:
    """Development only (Settings refuses it elsewhere): each text goes to the log,
    so a phone check can be finished without a provider account."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log

    async def send(self, phone: str, text: str) -> SmsResult:
        self.log(f"SMS to {phone}: {text}")
        return SmsResult("sent", provider_ref="console")
