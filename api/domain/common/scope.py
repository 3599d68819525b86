"""Who may see and change what: the one place for the access rules of DESIGN.md.

Every domain function asks here. What is out of scope reads as NOT_FOUND,
so the answer for "exists but not yours" is the answer for "does not exist".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeVar

from tortoise.expressions import Q
from tortoise.filters import escape_like
from tortoise.models import Model

from api.domain.common import sql
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import Forbidden, NotFound, Unauthenticated
from api.models.accounts import User
from api.models.enums import DocumentArea, OrgUnitKind, Role
from api.models.legal_aid import LegalAidRequest

# Staff who work inside their own unit and the units below it.
CORRECTIONS_STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR})
# ...and who reads a caseload: the staff, and a person their own record.
CORRECTIONS_READERS = CORRECTIONS_STAFF | {Role.SUPERVISED_PERSON}
MEDIATION_STAFF = frozenset({Role.MEDIATOR, Role.OFFICER, Role.SUPERVISOR})
LEGAL_AID_STAFF = frozenset({Role.LEGAL_AID_STAFF, Role.LAWYER})
OVERSEERS = frozenset({Role.ADMIN, Role.SUPERVISOR})


def require_viewer(call: Call) -> Viewer:
    if call.viewer is None:
        raise Unauthenticated("SIGN_IN_REQUIRED")
    return call.viewer


def require_role(call: Call, roles: Collection[Role]) -> Viewer:
    """The viewer, if its role may use the operation at all.

    A role that never may is FORBIDDEN (nothing about any object leaks from
    that); a role that may, but not on this object, gets NOT_FOUND later.
    """
    viewer = require_viewer(call)
    if viewer.role not in roles:
        raise Forbidden("ROLE_FORBIDDEN")
    return viewer


def may_see_username(call: Call, user_id: int) -> bool:
    """A username is half of what signs an account in: staff see every one
    they reach (to help the public sign in, to tell colleagues apart); a
    member of the public sees only its own, and staff by their display names."""
    viewer = call.viewer
    return viewer is not None and (viewer.id == user_id or not viewer.role.is_public)


_UNITS_MEMO = "unit_ids_in_scope"


async def unit_ids_in_scope(call: Call) -> list[int]:
    """Ids of the viewer's unit and every unit below it (empty with no unit)."""
    viewer = require_viewer(call)
    cached = call.memo.get(_UNITS_MEMO)
    if cached is None:
        conn = sql.connection()
        bind = sql.Binder(conn)
        text = "SELECT id FROM org_unit"
        if viewer.unit_path is not None:
            # The subtree by materialised path; asked on every scoped request.
            text += f" WHERE path LIKE {bind(escape_like(viewer.unit_path) + '%')} ESCAPE '\\'"
        elif viewer.role is not Role.ADMIN:
            # Only an administrator without a unit administers the whole tree.
            return []
        cached = [row["id"] for row in (await conn.execute_query(text, bind.values))[1]]
        call.memo[_UNITS_MEMO] = cached
    return list(cached)  # type: ignore[call-overload]


async def unit_in_scope(call: Call, unit_id: int) -> bool:
    return unit_id in await unit_ids_in_scope(call)


# ------------------------------------------------------------------ areas
#
# The org tree (DESIGN.md): the county 司法局 with its 司法所 (its outposts)
# below it, and the county 社区矫正机构 (the correction centre) beside them.
# The centre carries corrections out and entrusts the offices with daily
# work (社区矫正法 Art. 9), so its supervisors oversee the corrections of
# every office of the county, and nothing of mediation or legal aid. A
# bureau's supervisors (its 基层 section) oversee mediation and legal aid of
# the units below it, not corrections. The office's own staff (officers, a
# supervisor heading the office) work both of the office's areas.
#
# `area_root` is that rule, the one place for it: the materialised path of
# the subtree whose records of an area an account oversees. Reading
# (area_unit_ids) and alerting (area_supervisors) both ask it.

Area = DocumentArea
_ROOT = "/"


def _parent_path(path: str) -> str:
    parts = path.strip("/").split("/")
    return "/" + "".join(f"{p}/" for p in parts[:-1]) if len(parts) > 1 else path


def area_root(
    area: Area, role: Role, unit_kind: OrgUnitKind | None, unit_path: str | None
) -> str | None:
    """The path whose subtree's `area` records an account of this role and
    unit oversees; None for none. An ADMIN oversees its whole subtree (the
    whole tree with no unit) for the figures of the dashboard."""
    if role is Role.ADMIN:
        return unit_path or _ROOT
    if unit_path is None or role not in (Role.SUPERVISOR, Role.OFFICER):
        return None
    if role is Role.SUPERVISOR and unit_kind is OrgUnitKind.CORRECTION_CENTER:
        # The county: the centre's parent (a bureau) and every office below it.
        return _parent_path(unit_path) if area is Area.CORRECTIONS else None
    if role is Role.SUPERVISOR and unit_kind is OrgUnitKind.JUSTICE_BUREAU:
        return None if area is Area.CORRECTIONS else unit_path
    return unit_path if area is not Area.LEGAL_AID else None


def _viewer_area_root(viewer: Viewer, area: Area) -> str | None:
    return area_root(area, viewer.role, viewer.unit_kind, viewer.unit_path)


# The roles whose own list of an area's records is exactly the records of
# area_unit_ids (the caseload, dispute_scope, legal_aid_scope read it from
# here): for them a dashboard figure of the area may open that list. An
# ADMIN's figures span the areas, but it reads no area's records.
AREA_LIST_READERS: dict[Area, frozenset[Role]] = {
    Area.CORRECTIONS: CORRECTIONS_STAFF,
    Area.MEDIATION: CORRECTIONS_STAFF,
    Area.LEGAL_AID: frozenset({Role.SUPERVISOR}),
}


async def area_unit_ids(call: Call, area: Area) -> list[int]:
    """Ids of the units whose `area` records the viewer oversees (area_root)."""
    viewer = require_viewer(call)
    key = f"area_units:{area}"
    cached = call.memo.get(key)
    if cached is None:
        root = _viewer_area_root(viewer, area)
        cached = [] if root is None else await _subtree_ids(root)
        call.memo[key] = cached
    return list(cached)  # type: ignore[call-overload]


async def _subtree_ids(root: str) -> list[int]:
    conn = sql.connection()
    bind = sql.Binder(conn)
    text = "SELECT id FROM org_unit"
    if root != _ROOT:
        text += f" WHERE path LIKE {bind(escape_like(root) + '%')} ESCAPE '\\'"
    return [row["id"] for row in (await conn.execute_query(text, bind.values))[1]]


async def area_unit_in_scope(call: Call, area: Area, unit_id: int) -> bool:
    return unit_id in await area_unit_ids(call, area)


async def area_supervisors(area: Area, unit_path: str) -> list[User]:
    """The active SUPERVISOR accounts that oversee `area` at the unit of this
    path, by area_root: who is alerted of what happens there."""
    return await _supervisors_by(
        lambda role, kind, path: area_root(area, role, kind, path), unit_path
    )


RootOf = Callable[[Role, OrgUnitKind | None, str | None], str | None]


async def _supervisors_by(root_of: RootOf, unit_path: str) -> list[User]:
    ancestors = [int(part) for part in unit_path.strip("/").split("/") if part]
    # Candidates: supervisors of the unit and the units above it, and of the
    # correction centres beside those; area_root decides.
    candidates = await User.filter(
        Q(org_unit_id__in=ancestors)
        | Q(org_unit__kind=OrgUnitKind.CORRECTION_CENTER, org_unit__parent_id__in=ancestors),
        role=Role.SUPERVISOR,
        is_active=True,
    ).prefetch_related("org_unit")
    chosen = []
    for user in candidates:
        unit = user.org_unit
        if unit is None:
            continue
        root = root_of(Role.SUPERVISOR, OrgUnitKind(unit.kind), unit.path)
        if root is not None and unit_path.startswith(root):
            chosen.append(user)
    return chosen


# The audit entries of an area's records, by their target type: what a
# supervisor overseeing the area outside its own subtree sees of the trail.
AREA_AUDIT_TARGETS: dict[Area, tuple[str, ...]] = {
    Area.CORRECTIONS: (
        "SupervisedPerson",
        "CheckIn",
        "CheckInIntervalStandard",
        "LeaveStandard",
    ),
    Area.MEDIATION: (
        "Dispute",
        "MediationVisit",
        "MediationAgreement",
        "ScreeningCampaign",
        "MediationPeriodStandard",
    ),
    Area.LEGAL_AID: ("LegalAidRequest",),
}


def audit_scope(viewer: Viewer) -> Q | None:
    """A filter on AuditEntry for a SUPERVISOR or ADMIN: what was done from its
    unit and below (an ADMIN also what was done with no unit: sign-in
    attempts, the public's accounts), but nothing done to the records of an
    area it does not oversee; and what was done to the records of its areas
    from the units it oversees them in (a county's corrections for its
    correction centre). None: the whole log (an ADMIN of no unit)."""
    if viewer.unit_path is None:
        return None if viewer.role is Role.ADMIN else Q(id__in=[])
    seen = Q(org_unit_path__startswith=viewer.unit_path)
    if viewer.role is Role.ADMIN:
        return seen | Q(org_unit_path=None)
    for area, targets in AREA_AUDIT_TARGETS.items():
        root = _viewer_area_root(viewer, area)
        if root is None:
            # Not its area: none of those records, even from its own units.
            seen &= ~Q(target_type__in=list(targets))
        elif not root.startswith(viewer.unit_path):
            seen |= Q(org_unit_path__startswith=root, target_type__in=list(targets))
    return seen


async def units_seen(call: Call) -> list[int]:
    """The viewer's own subtree and every unit of its areas: the units it may
    name (a person's office, a dispute's committee) and sees in orgUnits."""
    if require_viewer(call).role in RESETTLEMENT_OWN:
        return []  # its office's name and phone are in its own record: nothing more
    seen = dict.fromkeys(await unit_ids_in_scope(call))
    for area in Area:
        seen.update(dict.fromkeys(await area_unit_ids(call, area)))
    return list(seen)


def path_in_scope(viewer: Viewer, path: str | None) -> bool:
    return bool(viewer.unit_path and path and path.startswith(viewer.unit_path))


def not_found(reason: str) -> NotFound:
    """NOT_FOUND with the reason key that names what was not found (DISPUTE_NOT_FOUND)."""
    return NotFound(reason)


M = TypeVar("M", bound=Model)


async def one_in_scope(
    model: type[M], where: Q | None, object_id: int, reason: str, *, lock: bool = False
) -> M:
    """The row `object_id` if the viewer's scope filter `where` lets it through
    (locked for the transaction with `lock`); NOT_FOUND otherwise, the same
    answer as for a row that does not exist."""
    if where is None:
        raise not_found(reason)
    query = model.filter(where, id=object_id)
    if lock:
        query = query.select_for_update()
    row = await query.first()
    if row is None:
        raise not_found(reason)
    return row


def forget_units(call: Call) -> None:
    """After the org tree changed: the next unit_ids_in_scope reads it again."""
    forgotten = (_UNITS_MEMO, _RESETTLEMENT_MEMO)
    for key in [k for k in call.memo if k in forgotten or k.startswith("area_units:")]:
        call.memo.pop(key, None)


# ------------------------------------------------------------------ corrections
#
# Officers the persons of their office; the county centre's supervisors
# those of every office of the county (area_root); a person only self.


async def corrections_unit_ids(call: Call) -> list[int]:
    return await area_unit_ids(call, Area.CORRECTIONS)


async def corrections_unit_in_scope(call: Call, unit_id: int) -> bool:
    return await area_unit_in_scope(call, Area.CORRECTIONS, unit_id)


# ------------------------------------------------------------------ mediation
#
# DESIGN.md: "a mediator the disputes of its unit"; officers and the
# supervisors of mediation (area_root) see the disputes of the units below
# them. A mediator also sees a dispute of another unit once it is assigned to
# them. Nobody else (administrators, legal-aid staff, the public) sees any.


async def dispute_scope(call: Call) -> Q | None:
    """A filter on Dispute for what the viewer may see and work on; None for nothing."""
    viewer = require_viewer(call)
    if viewer.role is Role.MEDIATOR:
        mine = Q(mediator_id=viewer.id)
        if viewer.org_unit_id is None:
            return mine
        return Q(org_unit_id=viewer.org_unit_id) | mine
    if viewer.role in AREA_LIST_READERS[Area.MEDIATION]:
        ids = await area_unit_ids(call, Area.MEDIATION)
        return Q(org_unit_id__in=ids) if ids else None
    return None


async def may_register_dispute_in(call: Call, unit_id: int) -> bool:
    """A mediator registers in its own unit; officers and supervisors in any
    unit whose mediation they oversee."""
    viewer = require_role(call, MEDIATION_STAFF)
    if viewer.role is Role.MEDIATOR:
        return viewer.org_unit_id == unit_id
    return await area_unit_in_scope(call, Area.MEDIATION, unit_id)


# ------------------------------------------------------------------ legal aid
#
# An applicant sees only its own requests; legal-aid staff those of their
# centre; a lawyer those assigned to them; the supervisors of a bureau
# (area_root) those of the centres below it. Everyone else sees none.


async def legal_aid_scope(call: Call) -> Q | None:
    """A filter on LegalAidRequest for what the viewer may see; None for nothing."""
    viewer = require_viewer(call)
    if viewer.role in AREA_LIST_READERS[Area.LEGAL_AID]:
        # A bureau's supervisors oversee the legal aid of the units below it (area_root).
        ids = await area_unit_ids(call, Area.LEGAL_AID)
        return Q(org_unit_id__in=ids) if ids else None
    if viewer.role in (Role.APPLICANT, Role.SUPERVISED_PERSON):
        # An applicant's own requests; a supervised person's, confirmed from
        # a referral by the officer (社区矫正法 Art. 43).
        return Q(applicant_id=viewer.id)
    if viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id is not None:
        return Q(org_unit_id=viewer.org_unit_id)
    if viewer.role is Role.LAWYER:
        return Q(assignee_id=viewer.id)
    return None


def is_staff_of_centre(viewer: Viewer, centre_id: int) -> bool:
    """LEGAL_AID_STAFF of this legal-aid centre: may decide, assign and close."""
    return viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id == centre_id


# ------------------------------------------------------------------ documents
#
# A printable document (api/domain/documents/) is read by whoever may see its
# area's records of the issuing unit, as the rules above say for that area;
# and by the account it is about where the area lets the public read its
# own papers: a supervised person its corrections documents, an applicant
# its legal-aid ones. Mediation's parties have no accounts. A lawyer sees
# legal-aid requests by assignment, not by unit: it reads the documents about
# a request assigned to it (the 指派通知书 first of all).

SUBJECT_ROLES = {
    DocumentArea.CORRECTIONS: Role.SUPERVISED_PERSON,
    DocumentArea.LEGAL_AID: Role.APPLICANT,
}


async def may_see_area_records(call: Call, area: DocumentArea, unit_id: int) -> bool:
    """Whether the viewer's role and unit let it see `area`'s records of the unit."""
    viewer = require_viewer(call)
    if area is DocumentArea.CORRECTIONS:
        return viewer.role in CORRECTIONS_STAFF and await corrections_unit_in_scope(call, unit_id)
    if area is DocumentArea.MEDIATION:
        if viewer.role is Role.MEDIATOR:
            return viewer.org_unit_id == unit_id
        return viewer.role in CORRECTIONS_STAFF and await area_unit_in_scope(
            call, Area.MEDIATION, unit_id
        )
    if viewer.role is Role.SUPERVISOR:
        return await area_unit_in_scope(call, Area.LEGAL_AID, unit_id)
    return is_staff_of_centre(viewer, unit_id)


async def may_read_document(
    call: Call,
    area: DocumentArea,
    unit_id: int,
    subject_id: int | None,
    target: tuple[str | None, str | None] = (None, None),
) -> bool:
    viewer = require_viewer(call)
    about_viewer = subject_id is not None and subject_id == viewer.id
    if about_viewer and SUBJECT_ROLES.get(area) is viewer.role:
        return True
    target_type, target_id = target
    if (
        viewer.role is Role.LAWYER
        and area is DocumentArea.LEGAL_AID
        and target_type == "LegalAidRequest"
        and target_id is not None
        and target_id.isdigit()
    ):
        return await LegalAidRequest.exists(id=int(target_id), assignee_id=viewer.id)
    return await may_see_area_records(call, area, unit_id)


# ------------------------------------------------------------------ resettlement
#
# 安置帮教 (the care of released prisoners) is the justice office's own work:
# its officers (and a supervisor heading it) do it, the supervisors of the
# bureaus above oversee it. It is not corrections (the sentence is served),
# so the correction centre's supervisors see none of it; mediators, legal-aid
# staff, administrators and the public none either. Its own rule, so that a
# change to the corrections rule does not move it.

RESETTLEMENT_STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR})
# A released person with an account (only at their own request) sees the one
# record it is linked to, and of that only its help and the office: no other
# area's data at all.
RESETTLEMENT_OWN = frozenset({Role.RELEASED_PERSON})
_RESETTLEMENT_MEMO = "resettlement_units"


def resettlement_root(
    role: Role, unit_kind: OrgUnitKind | None, unit_path: str | None
) -> str | None:
    """The path whose subtree's resettlement records an account works on or
    oversees; None for none."""
    if unit_path is None or role not in RESETTLEMENT_STAFF:
        return None
    if unit_kind is OrgUnitKind.CORRECTION_CENTER:
        return None
    return unit_path


async def resettlement_unit_ids(call: Call) -> list[int]:
    viewer = require_viewer(call)
    cached = call.memo.get(_RESETTLEMENT_MEMO)
    if cached is None:
        root = resettlement_root(viewer.role, viewer.unit_kind, viewer.unit_path)
        cached = [] if root is None else await _subtree_ids(root)
        call.memo[_RESETTLEMENT_MEMO] = cached
    return list(cached)  # type: ignore[call-overload]


async def resettlement_supervisors(unit_path: str) -> list[User]:
    """The supervisors who hear of a resettlement alert at this unit (the bureau's)."""
    return await _supervisors_by(resettlement_root, unit_path)
