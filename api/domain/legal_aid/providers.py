"""Who may be assigned a legal-aid case (法律援助法 Art. 12-13, 16-17, 26, 36).

- Art. 12, 16-17: lawyers, 基层法律服务工作者 and legal-aid volunteers, the
  accounts of role LAWYER of the centre, each with what it is (AidProvider);
  an account of that role with no profile is taken as a lawyer, as before.
- Art. 13: the centre's own staff (LEGAL_AID_STAFF) who hold 律师资格 or
  法律职业资格 (`qualified`).
- Art. 25, 36: for a notified defence the centre assigns a lawyer (指派律师).
- Art. 26: a defendant who may be sentenced to life imprisonment or death,
  or a death-penalty review: a lawyer with at least 3 years of relevant
  practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.models.accounts import User
from api.models.enums import AidProviderKind, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import AidProvider

# 法律援助法 Art. 26: 三年以上相关执业经历.
SENIOR_PRACTICE_YEARS = 3


@dataclass(frozen=True)
class Provider:
    user: User
    kind: AidProviderKind
    qualified: bool
    practice_since: date | None


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def practised_years(practice_since: date | None, on: date, years: int) -> bool:
    """At least `years` of practice on that day (the anniversary counts)."""
    return practice_since is not None and practice_since <= years_before(on, years)


def _provider_of(user: User, profile: AidProvider | None) -> Provider:
    if profile is None:
        # Accounts from before profiles: a LAWYER account was a lawyer; staff
        # are not assignable until their qualification is recorded (Art. 13).
        kind = AidProviderKind.LAWYER if user.role == Role.LAWYER else AidProviderKind.CENTRE_STAFF
        return Provider(user, kind, False, None)
    return Provider(user, AidProviderKind(profile.kind), profile.qualified, profile.practice_since)


def may_provide(provider: Provider) -> bool:
    """Art. 12-13: anyone of the LAWYER role's kinds, centre staff when qualified."""
    if provider.kind is AidProviderKind.CENTRE_STAFF:
        return provider.qualified
    return True


async def centre_providers(centre_id: int) -> list[Provider]:
    """The active accounts of the centre that may be assigned, by name (two statements)."""
    users = await User.filter(
        org_unit_id=centre_id,
        role__in=[Role.LAWYER, Role.LEGAL_AID_STAFF],
        is_active=True,
    ).order_by("display_name", "id")
    profiles = {p.user_id: p for p in await AidProvider.filter(user_id__in=[u.id for u in users])}
    providers = [_provider_of(u, profiles.get(u.id)) for u in users]
    return [p for p in providers if may_provide(p)]


async def assignable(call: Call) -> list[Provider]:
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    if viewer.org_unit_id is None:
        return []
    return await centre_providers(viewer.org_unit_id)


async def check_assignee(
    request: LegalAidRequest, assignee_id: int, today: date, *, notified: bool
) -> User:
    """The account the request may go to, or BAD_USER_INPUT saying why not."""
    by_id = {p.user.id: p for p in await centre_providers(request.org_unit_id)}
    provider = by_id.get(assignee_id)
    if provider is None:
        raise BadInput("LAWYER_OF_CENTRE", field="assigneeId")
    if (notified or request.life_or_death) and provider.kind is not AidProviderKind.LAWYER:
        # Art. 25, 36: 指派律师担任辩护人.
        raise BadInput("DEFENCE_NEEDS_LAWYER", field="assigneeId")
    if request.life_or_death and not practised_years(
        provider.practice_since, today, SENIOR_PRACTICE_YEARS
    ):
        # Art. 26: 三年以上相关执业经历.
        raise BadInput("SENIOR_LAWYER_REQUIRED", field="assigneeId", years=SENIOR_PRACTICE_YEARS)
    return provider.user


async def set_profile(
    call: Call,
    user_id: int,
    kind: AidProviderKind,
    qualified: bool,
    practice_since: date | None,
) -> AidProvider:
    """The centre's staff (or an ADMIN over the centre) record what an
    account of the centre may be assigned as."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF, Role.ADMIN})
    kind = AidProviderKind(kind)
    user = await User.get_or_none(id=user_id, role__in=[Role.LAWYER, Role.LEGAL_AID_STAFF])
    if user is None or user.org_unit_id is None:
        raise scope.not_found("USER_NOT_FOUND")
    if viewer.role is Role.LEGAL_AID_STAFF:
        if viewer.org_unit_id != user.org_unit_id:
            raise scope.not_found("USER_NOT_FOUND")
    elif not await scope.unit_in_scope(call, user.org_unit_id):
        raise scope.not_found("USER_NOT_FOUND")
    staff_kind = kind is AidProviderKind.CENTRE_STAFF
    if staff_kind != (user.role == Role.LEGAL_AID_STAFF):
        # Centre staff are the centre's LEGAL_AID_STAFF accounts; the others
        # are the LAWYER accounts.
        raise BadInput("PROVIDER_KIND_ROLE", field="kind")
    if practice_since is not None and practice_since > call.now.date():
        raise BadInput("DATE_IN_FUTURE", field="practiceSince")
    async with in_transaction():
        profile = await AidProvider.get_or_none(user_id=user.id)
        values: dict[str, Any] = {
            "kind": kind,
            "qualified": bool(qualified),
            "practice_since": practice_since,
            "updated_by_id": viewer.id or None,
            "updated_at": call.now,
        }
        if profile is None:
            profile = await AidProvider.create(user_id=user.id, **values)
        else:
            profile.update_from_dict(values)
            await profile.save(update_fields=list(values))
        await audit.record(
            call,
            "aid_provider.set",
            target_type="AidProvider",
            target_id=profile.id,
            summary={
                "userId": user.id,
                "kind": kind,
                "qualified": bool(qualified),
                "practiceSince": practice_since,
            },
        )
    return profile
