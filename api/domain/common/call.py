"""Who is asking, from where and when: the first argument of every domain function."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from api.clock import utcnow
from api.domain.common.messages import DEFAULT_LOCALE
from api.models.enums import OrgUnitKind, Role
from api.settings import Settings


@dataclass(frozen=True)
class Viewer:
    """The signed-in account behind a request."""

    id: int
    username: str
    display_name: str
    role: Role
    org_unit_id: int | None
    # Materialised path of the viewer's unit ("/1/4/"), None for no unit.
    unit_path: str | None
    locale: str
    session_id: int | None = None
    # Signed in with the password only, pending the second factor's enrolment.
    mfa_pending: bool = False
    # The kind of the viewer's unit: a supervisor's scope depends on it (scope.py).
    unit_kind: OrgUnitKind | None = None


@dataclass
class Call:
    settings: Settings
    viewer: Viewer | None = None
    ip: str | None = None
    user_agent: str | None = None
    now: datetime = field(default_factory=utcnow)
    # The request's language (its Accept-Language), for a caller not signed in.
    language: str = DEFAULT_LOCALE
    # Per-call memo for scope look-ups (unit ids in scope), so a request
    # asks the database once however many resolvers need it.
    memo: dict[str, object] = field(default_factory=dict)

    @property
    def locale(self) -> str:
        """The language the caller is answered in: the account's, else the request's."""
        return self.viewer.locale if self.viewer is not None else self.language
