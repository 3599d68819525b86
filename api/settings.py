"""Every SIFASUO_* setting, read from the environment in this one place.

`Settings.from_env()` is called by the command line and by tests; nothing
reads `os.environ` anywhere else, so the README's list of settings is this
file.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Literal

from api.clock import Clock, utcnow
from api.models.enums import Role

Env = Literal["development", "production"]

# The push services of the major browsers (Chrome/Edge via FCM, Firefox via
# Mozilla autopush, Safari via Apple, Windows via WNS). Only these hosts may
# be the endpoint of a subscription, so the server never requests an address
# a client chose.
DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
    "*.notify.windows.com",
)


class SettingsError(ValueError):
    """A SIFASUO_* variable holds a value that cannot be used."""


def _bool(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, not {value!r}") from exc


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Rate:
    """At most `count` requests per `window` (a fixed window, counted in the database)."""

    count: int
    window: timedelta

    @property
    def window_seconds(self) -> int:
        return int(self.window.total_seconds())


def _rate(value: str, name: str) -> Rate:
    """ "COUNT/SECONDS", e.g. "10/900" for ten per fifteen minutes."""
    count, _, seconds = value.partition("/")
    try:
        rate = Rate(int(count), timedelta(seconds=int(seconds)))
    except ValueError as exc:
        raise SettingsError(f"{name} must be COUNT/SECONDS, e.g. 10/900, not {value!r}") from exc
    if rate.count < 1 or rate.window_seconds < 1:
        raise SettingsError(f"{name} needs a count and a window of at least 1")
    return rate


def _proxies(value: str, name: str) -> tuple[str, ...]:
    """Addresses or networks (CIDR) of the proxies whose X-Forwarded-* headers count."""
    entries = _list(value)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as exc:
            raise SettingsError(
                f"{name}: {entry!r} is not an IP address or a network such as 10.0.0.0/8"
            ) from exc
    return entries


# Roles that must sign in with a second factor whatever the setting says.
ALWAYS_2FA_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


def _staff_roles(value: str, name: str) -> frozenset[Role]:
    roles = set(ALWAYS_2FA_ROLES)
    for part in _list(value):
        try:
            role = Role(part.upper())
        except ValueError as exc:
            raise SettingsError(f"{name}: {part!r} is not a role") from exc
        if role.is_public:
            raise SettingsError(f"{name}: {role} is not a staff role")
        roles.add(role)
    return frozenset(roles)


SMS_PROVIDERS = ("", "console", "aliyun")


def _sms(get: Callable[[str], str | None], env: str) -> dict[str, object]:
    """The SIFASUO_SMS_* variables; development writes texts to the log unless told otherwise."""
    provider = get("SIFASUO_SMS_PROVIDER")
    if provider is None:
        provider = "console" if env == "development" else ""
    provider = provider.strip().lower()
    if provider not in SMS_PROVIDERS:
        raise SettingsError(
            f"SIFASUO_SMS_PROVIDER must be aliyun, console or empty, not {provider!r}"
        )
    if provider == "console" and env != "development":
        raise SettingsError(
            "SIFASUO_SMS_PROVIDER=console writes codes to the log: development only"
        )
    values: dict[str, object] = {"sms_provider": provider}
    for var, name in (
        ("SIFASUO_SMS_ENDPOINT", "sms_endpoint"),
        ("SIFASUO_SMS_ACCESS_KEY_ID", "sms_access_key_id"),
        ("SIFASUO_SMS_ACCESS_KEY_SECRET", "sms_access_key_secret"),
        ("SIFASUO_SMS_SIGN_NAME", "sms_sign_name"),
        ("SIFASUO_SMS_TEMPLATE_CODE", "sms_template_code"),
    ):
        if (value := get(var)) is not None:
            values[name] = value.strip()
    if provider == "aliyun":
        missing = [
            var
            for var, name in (
                ("SIFASUO_SMS_ACCESS_KEY_ID", "sms_access_key_id"),
                ("SIFASUO_SMS_ACCESS_KEY_SECRET", "sms_access_key_secret"),
                ("SIFASUO_SMS_SIGN_NAME", "sms_sign_name"),
                ("SIFASUO_SMS_TEMPLATE_CODE", "sms_template_code"),
            )
            if not values.get(name)
        ]
        if missing:
            raise SettingsError(f"SIFASUO_SMS_PROVIDER=aliyun needs {', '.join(missing)}")
    if (cap := get("SIFASUO_SMS_DAILY_CAP")) is not None:
        values["sms_daily_cap"] = _int(cap, "SIFASUO_SMS_DAILY_CAP")
    if (rate := get("SIFASUO_RATE_LIMIT_PHONE_CHECKS")) is not None:
        values["phone_check_rate"] = _rate(rate, "SIFASUO_RATE_LIMIT_PHONE_CHECKS")
    return values


@dataclass(frozen=True)
class Settings:
    env: Env = "production"
    data_dir: Path = Path("var")
    database_url: str = ""
    timezone: str = "Asia/Shanghai"
    # Sessions: staff tokens idle out after 30 minutes and end after 12 hours;
    # supervised persons and applicants stay signed in on their own phones.
    staff_idle_timeout: timedelta = timedelta(minutes=30)
    staff_max_session: timedelta = timedelta(hours=12)
    public_max_session: timedelta = timedelta(days=30)
    # Sign-in lockout (api/domain/accounts/lockout.py): at most this many
    # sign-in attempts per username are checked in any window of this length; the
    # next waits until the oldest of them is a window old.
    login_max_failures: int = 5
    login_failure_window: timedelta = timedelta(minutes=15)
    # Rate limits (OWASP ASVS 5.0 V2.4 anti-automation), counted in the
    # database so they hold across processes. Off only for load tests.
    rate_limits_enabled: bool = True
    # Per client address: new applicant accounts, and activation-code guesses.
    sign_up_rate: Rate = Rate(5, timedelta(hours=1))
    activation_rate: Rate = Rate(10, timedelta(minutes=15))
    # Per client address: sign-ins, against guessing one password across many
    # usernames (the lockout above is per username). Generous, since a whole
    # office signs in from behind one address.
    login_rate: Rate = Rate(60, timedelta(minutes=15))
    # Per account: every mutation. Generous: an officer syncing an outbox
    # after a day offline must not hit it.
    write_rate: Rate = Rate(120, timedelta(minutes=1))
    # Per account: `enrollPerson` refused because the ID number is already
    # under supervision (possibly in another office). Past it, the account
    # enrols no one until the window ends, so the answer cannot be used to
    # probe who is supervised where.
    enrolment_duplicate_rate: Rate = Rate(10, timedelta(hours=24))
    # Per client address: refused requests without an account that are written
    # to the audit log; past it they are still refused, but not recorded.
    anonymous_refusal_rate: Rate = Rate(60, timedelta(minutes=15))
    # Staff roles that must enrol a TOTP second factor (ADMIN and SUPERVISOR always).
    require_2fa_roles: frozenset[Role] = ALWAYS_2FA_ROLES
    vapid_subject: str = "mailto:admin@sifasuo.invalid"
    push_allowed_hosts: tuple[str, ...] = DEFAULT_PUSH_HOSTS
    allowed_origins: tuple[str, ...] = ()
    # Peers whose X-Forwarded-For/-Proto are believed (uvicorn's
    # ProxyHeadersMiddleware): the client is the rightmost address in
    # X-Forwarded-For that is not one of them. None by default, so a client
    # cannot choose the address its rate limits and audit rows are counted by.
    trusted_proxies: tuple[str, ...] = ()
    run_workers: bool = True
    # Text messages, the second channel behind the notification outbox
    # (api/domain/notices/sms.py): "" sends none, "aliyun" sends through
    # Alibaba Cloud SMS (workers/sms_sender.py), "console" writes each text
    # to the log instead (development only, so that phone checks can be
    # finished on a laptop).
    sms_provider: str = ""
    sms_endpoint: str = "https://dysmsapi.aliyuncs.com/"
    sms_access_key_id: str = ""
    sms_access_key_secret: str = field(default="", repr=False)
    sms_sign_name: str = ""
    sms_template_code: str = ""
    # Per recipient and calendar day: texts cost money and a loop must not
    # flood anyone's phone. Past it a notice goes by push only.
    sms_daily_cap: int = 10
    # Per account: codes sent to prove a phone number.
    phone_check_rate: Rate = Rate(5, timedelta(hours=24))
    # Days the photos of identity at check-in are kept after the term ends
    # (api/domain/corrections/identity.py). Not law but policy: 个人信息保护法
    # Art. 19 asks for the shortest time the purpose needs; the days after the
    # term leave room for a complaint about a decision taken during it.
    photo_retention_days: int = 90
    # Cost of argon2id; tests lower it, production keeps the library's default.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536
    # Where every request's time comes from; tests put a clock they move here.
    clock: Clock = field(default=utcnow, compare=False, repr=False)

    @property
    def development(self) -> bool:
        return self.env == "development"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite://{(self.data_dir / 'sifasuo.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, default_env: Env = "production"
    ) -> Settings:
        env_vars = os.environ if environ is None else environ
        get = env_vars.get
        env = get("SIFASUO_ENV", default_env)
        if env not in ("development", "production"):
            raise SettingsError(f"SIFASUO_ENV must be development or production, not {env!r}")
        values: dict[str, object] = {"env": env}
        if (data_dir := get("SIFASUO_DATA_DIR")) is not None:
            values["data_dir"] = Path(data_dir)
        if (url := get("SIFASUO_DATABASE_URL")) is not None:
            values["database_url"] = url
        if (tz := get("SIFASUO_TIMEZONE")) is not None:
            values["timezone"] = tz
        if (limits := get("SIFASUO_RATE_LIMITS")) is not None:
            values["rate_limits_enabled"] = limits.strip().lower() != "off"
        for rate_var, rate_field in (
            ("SIFASUO_RATE_LIMIT_SIGN_UP", "sign_up_rate"),
            ("SIFASUO_RATE_LIMIT_ACTIVATION", "activation_rate"),
            ("SIFASUO_RATE_LIMIT_LOGIN", "login_rate"),
            ("SIFASUO_RATE_LIMIT_WRITES", "write_rate"),
            ("SIFASUO_RATE_LIMIT_ENROLMENT_DUPLICATES", "enrolment_duplicate_rate"),
            ("SIFASUO_RATE_LIMIT_REFUSALS", "anonymous_refusal_rate"),
        ):
            if (rate := get(rate_var)) is not None:
                values[rate_field] = _rate(rate, rate_var)
        if (roles := get("SIFASUO_REQUIRE_2FA_ROLES")) is not None:
            values["require_2fa_roles"] = _staff_roles(roles, "SIFASUO_REQUIRE_2FA_ROLES")
        if (subject := get("SIFASUO_VAPID_SUBJECT")) is not None:
            if not subject.startswith(("mailto:", "https://")):
                raise SettingsError("SIFASUO_VAPID_SUBJECT must be a mailto: or https:// URL")
            values["vapid_subject"] = subject
        if (hosts := get("SIFASUO_PUSH_ALLOWED_HOSTS")) is not None:
            values["push_allowed_hosts"] = _list(hosts)
        if (origins := get("SIFASUO_ALLOWED_ORIGINS")) is not None:
            values["allowed_origins"] = _list(origins)
        if (run_workers := get("SIFASUO_RUN_WORKERS")) is not None:
            values["run_workers"] = _bool(run_workers, "SIFASUO_RUN_WORKERS")
        values.update(_sms(get, env))
        if get("SIFASUO_TRUST_PROXY") is not None:
            # Trusting any peer let a client name its own address; say so
            # rather than quietly trusting nobody after an upgrade.
            raise SettingsError(
                "SIFASUO_TRUST_PROXY is gone: list the proxy addresses in SIFASUO_TRUSTED_PROXIES"
            )
        if (proxies := get("SIFASUO_TRUSTED_PROXIES")) is not None:
            values["trusted_proxies"] = _proxies(proxies, "SIFASUO_TRUSTED_PROXIES")
        if (minutes := get("SIFASUO_STAFF_IDLE_MINUTES")) is not None:
            values["staff_idle_timeout"] = timedelta(
                minutes=_int(minutes, "SIFASUO_STAFF_IDLE_MINUTES")
            )
        if (hours := get("SIFASUO_STAFF_SESSION_HOURS")) is not None:
            values["staff_max_session"] = timedelta(
                hours=_int(hours, "SIFASUO_STAFF_SESSION_HOURS")
            )
        if (days := get("SIFASUO_PUBLIC_SESSION_DAYS")) is not None:
            values["public_max_session"] = timedelta(days=_int(days, "SIFASUO_PUBLIC_SESSION_DAYS"))
        if (days := get("SIFASUO_PHOTO_RETENTION_DAYS")) is not None:
            retention = _int(days, "SIFASUO_PHOTO_RETENTION_DAYS")
            if retention < 0:
                raise SettingsError("SIFASUO_PHOTO_RETENTION_DAYS must be 0 or more")
            values["photo_retention_days"] = retention
        return cls(**values)  # type: ignore[arg-type]
