"""Missing materials (法律援助法 Art. 43 ¶2): one notice listing everything
missing (一次性告知), with a deadline; the review clock stands still until
the applicant supplies them from the phone; no answer by the deadline and
the request is deemed withdrawn (视为撤回申请), with a notice.

Also the paperwork after aid started before review (Art. 44 ¶2) and the
evidence an aided person sends later (Art. 47) come in the same way.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import client_uuid, text
from api.domain.legal_aid import access, deadlines
from api.domain.legal_aid.decisions import check_transition
from api.domain.legal_aid.requests import local_date, record_status_change
from api.domain.notices import notices
from api.models.accounts import User
from api.models.enums import LegalAidStatus, MaterialsStatus, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import (
    AidBeforeReview,
    MaterialsPhoto,
    MaterialsRequest,
    MaterialsSupply,
)

ITEM_MAX = 200
MAX_ITEMS = 30
NOTE_MAX = 2000
# The app's bounds, not the law's: a deadline the applicant can meet and a
# request that does not stay open for months.
MIN_DAYS, MAX_DAYS = 1, 60
MAX_PHOTOS = 10
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
BATCH = 500

# While aid runs, the aided person may still send evidence (Art. 47).
OPEN_STATUSES = (
    LegalAidStatus.SUBMITTED,
    LegalAidStatus.INCOMPLETE,
    LegalAidStatus.APPROVED,
    LegalAidStatus.ASSIGNED,
)


async def pauses_of(request_id: int) -> list[deadlines.Pause]:
    rows = await MaterialsRequest.filter(request_id=request_id).order_by("requested_at", "id")
    return [(r.requested_at, r.resolved_at) for r in rows]


async def request_materials(
    call: Call, request_id: int, items: Sequence[str], due_on: date
) -> MaterialsRequest:
    """The centre's staff list everything missing, once, with a deadline (Art. 43 ¶2)."""
    if not 1 <= len(items) <= MAX_ITEMS:
        raise BadInput("MATERIALS_ITEMS", field="items", max=MAX_ITEMS)
    listed = [text(item, f"items.{i}", max_len=ITEM_MAX) for i, item in enumerate(items)]
    today = local_date(call.now, call.settings.timezone)
    if not today + timedelta(days=MIN_DAYS) <= due_on <= today + timedelta(days=MAX_DAYS):
        raise BadInput("MATERIALS_DUE_RANGE", field="dueOn", min=MIN_DAYS, max=MAX_DAYS)
    viewer = scope.require_viewer(call)
    async with in_transaction():
        request = await access.for_staff(call, request_id)
        if await MaterialsRequest.exists(request_id=request.id, status=MaterialsStatus.OPEN):
            raise Conflict("MATERIALS_ALREADY_REQUESTED")
        before = check_transition(request, LegalAidStatus.INCOMPLETE)
        notice = await MaterialsRequest.create(
            request_id=request.id,
            items=listed,
            due_on=due_on,
            requested_at=call.now,
            requested_by_id=viewer.id,
        )
        request.status = LegalAidStatus.INCOMPLETE
        await request.save(update_fields=["status"])
        await record_status_change(
            call, request, before, LegalAidStatus.INCOMPLETE, "；".join(listed)
        )
        await _tell_applicant(
            call, request, "legal_aid.materials", period=str(notice.id), due=due_on.isoformat()
        )
    return notice


async def _tell_applicant(
    call: Call, request: LegalAidRequest, kind: str, *, period: str, **params: str
) -> None:
    if request.applicant_id is None:
        return  # filed at the desk for someone with no account: staff phone them
    applicant = await User.get_or_none(id=request.applicant_id)
    if applicant is not None:
        await notices.enqueue(
            call,
            [applicant],
            kind,
            subject_type="LegalAidRequest",
            subject_id=request.id,
            period=period,
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number, **params},
        )


@dataclass(frozen=True)
class Photo:
    content_type: str
    data: bytes


def photo(value: str, field: str) -> Photo:
    """A JPEG or PNG as base64 (a data: URL's prefix allowed), at most 2 MB."""
    raw = value.split(",", 1)[1] if value.startswith("data:") else value
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput("PHOTO_FORMAT", field=field) from None
    if len(data) > PHOTO_MAX_BYTES:
        raise BadInput(
            "MATERIALS_PHOTO_TOO_LARGE", field=field, max=PHOTO_MAX_BYTES // (1024 * 1024)
        )
    for magic, content_type in PHOTO_TYPES.items():
        if data.startswith(magic):
            return Photo(content_type, data)
    raise BadInput("PHOTO_FORMAT", field=field)


async def supply_materials(
    call: Call, request_id: int, client_id: str, note: str | None, photos: Sequence[str]
) -> MaterialsSupply:
    """The applicant sends what was asked for (or the paperwork of aid given
    before review, or later evidence) from the phone; an open notice closes
    and the review clock runs again from the next day."""
    viewer = scope.require_role(call, {Role.APPLICANT})
    cid = client_uuid(client_id, "clientId")
    if len(photos) > MAX_PHOTOS:
        raise BadInput("PHOTOS_TOO_MANY", field="photos", max=MAX_PHOTOS)
    checked = [photo(p, f"photos.{i}") for i, p in enumerate(photos)]
    words = text(note, "note", min_len=0, max_len=NOTE_MAX) if note else None
    if not checked and not words:
        raise BadInput("MATERIALS_EMPTY", field="photos")
    return await idempotency.store_once(
        MaterialsSupply,
        cid,
        viewer,
        lambda stored: stored.supplied_by_id,
        _supply(call, viewer, request_id, cid, words, checked),
    )


async def _supply(
    call: Call,
    viewer: Viewer,
    request_id: int,
    cid: str,
    note: str | None,
    photos: list[Photo],
) -> MaterialsSupply:
    async with in_transaction():
        request = await access.for_applicant(call, request_id)
        if request.status not in OPEN_STATUSES:
            raise Conflict("MATERIALS_NOT_EXPECTED", current=request.status)
        notice = await MaterialsRequest.filter(
            request_id=request.id, status=MaterialsStatus.OPEN
        ).first()
        supply = await MaterialsSupply.create(
            client_id=cid,
            request_id=request.id,
            materials_request_id=notice.id if notice else None,
            note=note,
            supplied_at=call.now,
            supplied_by_id=viewer.id,
        )
        if photos:
            await MaterialsPhoto.bulk_create(
                [
                    MaterialsPhoto(
                        supply_id=supply.id,
                        content_type=p.content_type,
                        data=p.data,
                        sha256=hashlib.sha256(p.data).hexdigest(),
                        size_bytes=len(p.data),
                    )
                    for p in photos
                ]
            )
        if notice is not None:
            notice.status = MaterialsStatus.SUPPLIED
            notice.resolved_at = call.now
            await notice.save(update_fields=["status", "resolved_at"])
            if request.status == LegalAidStatus.INCOMPLETE:
                await _resume_review(call, request)
        await AidBeforeReview.filter(request_id=request.id, paperwork_received_at=None).update(
            paperwork_received_at=call.now
        )
        await audit.record(
            call,
            "legal_aid.materials_supplied",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"reference": request.reference_number, "photos": len(photos)},
        )
    return supply


async def _resume_review(call: Call, request: LegalAidRequest) -> None:
    """Back to the review, the decision due counted on from the day after (Art. 43)."""
    before = check_transition(request, LegalAidStatus.SUBMITTED)
    due = deadlines.decision_due(
        request.submitted_at, await pauses_of(request.id), call.settings.timezone
    )
    assert due is not None  # every notice of the request is resolved now
    request.status = LegalAidStatus.SUBMITTED
    request.decision_due_at = due
    await request.save(update_fields=["status", "decision_due_at"])
    await record_status_change(call, request, before, LegalAidStatus.SUBMITTED, None)


async def lapse_unanswered(call: Call) -> int:
    """The scheduler's rule: a notice not answered by the end of its deadline
    day (local time) closes, and the request is deemed withdrawn (Art. 43 ¶2),
    the applicant told. Returns how many requests lapsed."""
    today = local_date(call.now, call.settings.timezone)
    overdue = (
        await MaterialsRequest.filter(status=MaterialsStatus.OPEN, due_on__lt=today)
        .order_by("id")
        .limit(BATCH)
    )
    lapsed = 0
    for notice in overdue:
        request = await LegalAidRequest.filter(id=notice.request_id).select_for_update().get()
        notice.status = MaterialsStatus.LAPSED
        notice.resolved_at = call.now
        await notice.save(update_fields=["status", "resolved_at"])
        if request.status != LegalAidStatus.INCOMPLETE:
            continue
        before = check_transition(request, LegalAidStatus.WITHDRAWN)
        request.status = LegalAidStatus.WITHDRAWN
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        await record_status_change(
            call,
            request,
            before,
            LegalAidStatus.WITHDRAWN,
            "申请人未按要求补充材料，视为撤回申请（《法律援助法》第四十三条第二款）。",
        )
        await _tell_applicant(call, request, "legal_aid.materials_lapsed", period=str(notice.id))
        lapsed += 1
    return lapsed


async def notices_of(request_ids: Sequence[int]) -> dict[int, list[MaterialsRequest]]:
    grouped: dict[int, list[MaterialsRequest]] = {i: [] for i in request_ids}
    for row in await MaterialsRequest.filter(request_id__in=list(request_ids)).order_by(
        "requested_at", "id"
    ):
        grouped[row.request_id].append(row)
    return grouped


async def supplies_of(request_ids: Sequence[int]) -> dict[int, list[MaterialsSupply]]:
    grouped: dict[int, list[MaterialsSupply]] = {i: [] for i in request_ids}
    for row in await MaterialsSupply.filter(request_id__in=list(request_ids)).order_by(
        "supplied_at", "id"
    ):
        grouped[row.request_id].append(row)
    return grouped


async def photos_of(supply_ids: Sequence[int]) -> dict[int, list[MaterialsPhoto]]:
    grouped: dict[int, list[MaterialsPhoto]] = {i: [] for i in supply_ids}
    for row in await MaterialsPhoto.filter(supply_id__in=list(supply_ids)).order_by("id"):
        grouped[row.supply_id].append(row)
    return grouped
