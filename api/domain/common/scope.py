"""Who may see and change what: the one place for the access rules of DESIGN.md.

Every domain function asks here. What is out of scope reads as NOT_FOUND,
so the answer for "exists but not yours" is the answer for "does not exist".
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from tortoise.expressions import Q
from tortoise.filters import escape_like
from tortoise.models import Model

from api.domain.common import sql
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import Forbidden, NotFound, Unauthenticated
from api.models.enums import DocumentArea, Role

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
    call.memo.pop(_UNITS_MEMO, None)


# ------------------------------------------------------------------ mediation
#
# DESIGN.md: "a mediator the disputes of its unit"; officers and supervisors
# oversee the units below their own, so they see those units' disputes. A
# mediator also sees a dispute of another unit once it is assigned to them.
# Nobody else (administrators, legal-aid staff, the public) sees any.


async def dispute_scope(call: Call) -> Q | None:
    """A filter on Dispute for what the viewer may see and work on; None for nothing."""
    viewer = require_viewer(call)
    if viewer.role is Role.MEDIATOR:
        mine = Q(mediator_id=viewer.id)
        if viewer.org_unit_id is None:
            return mine
        return Q(org_unit_id=viewer.org_unit_id) | mine
    if viewer.role in CORRECTIONS_STAFF:
        ids = await unit_ids_in_scope(call)
        return Q(org_unit_id__in=ids) if ids else None
    return None


async def may_register_dispute_in(call: Call, unit_id: int) -> bool:
    """A mediator registers in its own unit; officers and supervisors in any unit in scope."""
    viewer = require_role(call, MEDIATION_STAFF)
    if viewer.role is Role.MEDIATOR:
        return viewer.org_unit_id == unit_id
    return await unit_in_scope(call, unit_id)


# ------------------------------------------------------------------ legal aid
#
# An applicant sees only its own requests; legal-aid staff those of their
# centre; a lawyer those assigned to them. Everyone else sees none.


def legal_aid_scope(call: Call) -> Q | None:
    """A filter on LegalAidRequest for what the viewer may see; None for nothing."""
    viewer = require_viewer(call)
    if viewer.role is Role.APPLICANT:
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
# legal-aid requests by assignment, not by unit: a legal-aid kind that a
# lawyer must read names the lawyer through the request, not yet here.

SUBJECT_ROLES = {
    DocumentArea.CORRECTIONS: Role.SUPERVISED_PERSON,
    DocumentArea.LEGAL_AID: Role.APPLICANT,
}


async def may_see_area_records(call: Call, area: DocumentArea, unit_id: int) -> bool:
    """Whether the viewer's role and unit let it see `area`'s records of the unit."""
    viewer = require_viewer(call)
    if area is DocumentArea.CORRECTIONS:
        return viewer.role in CORRECTIONS_STAFF and await unit_in_scope(call, unit_id)
    if area is DocumentArea.MEDIATION:
        if viewer.role is Role.MEDIATOR:
            return viewer.org_unit_id == unit_id
        return viewer.role in CORRECTIONS_STAFF and await unit_in_scope(call, unit_id)
    return is_staff_of_centre(viewer, unit_id)


async def may_read_document(
    call: Call, area: DocumentArea, unit_id: int, subject_id: int | None
) -> bool:
    viewer = require_viewer(call)
    about_viewer = subject_id is not None and subject_id == viewer.id
    if about_viewer and SUBJECT_ROLES.get(area) is viewer.role:
        return True
    return await may_see_area_records(call, area, unit_id)
