"""Who may act on a request in the procedure, on top of scope.legal_aid_scope:
the centre's staff, the applicant, the assignee. NOT_FOUND for the rest, as
for a request that does not exist."""

from __future__ import annotations

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.legal_aid.requests import request_in_scope
from api.models.enums import Role
from api.models.legal_aid import LegalAidRequest


async def for_staff(call: Call, request_id: int, *, lock: bool = True) -> LegalAidRequest:
    """A request of the viewer's own centre, for its LEGAL_AID_STAFF."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    request = await request_in_scope(call, request_id, lock=lock)
    if not scope.is_staff_of_centre(viewer, request.org_unit_id):
        raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
    return request


async def for_applicant(call: Call, request_id: int, *, lock: bool = True) -> LegalAidRequest:
    """One of the APPLICANT's own requests (its scope is nothing else)."""
    scope.require_role(call, {Role.APPLICANT})
    return await request_in_scope(call, request_id, lock=lock)


async def for_assignee(call: Call, request_id: int, *, lock: bool = True) -> LegalAidRequest:
    """A request assigned to the viewer (a LAWYER account, or qualified centre staff)."""
    viewer = scope.require_role(call, {Role.LAWYER, Role.LEGAL_AID_STAFF})
    request = await request_in_scope(call, request_id, lock=lock)
    if request.assignee_id != viewer.id:
        raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
    return request
