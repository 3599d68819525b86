"""The quality of aided cases (法律援助法 Art. 57-59).

Art. 59: the centre checks the files (案卷检查) and calls the aided person
back (回访受援人), among other means, to make the assignees do better; Art.
57-58: the bureau sets quality standards, assesses them and publishes the
results. Here: after closing, a return call with a satisfaction score (1 to
5) when the person was reached, a file review with a grade, and the figures
per assignee.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from api.domain.common import audit, periods, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import int_range, text
from api.domain.legal_aid.closing import case_for, closing_scope
from api.models.enums import LegalAidStatus, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_closing import CaseClosing, FileGrade, FileReview, ReturnCall

NOTE_MAX = 2000
SATISFACTION_MIN, SATISFACTION_MAX = 1, 5


async def _closed_case(call: Call, request_id: int) -> tuple[int, LegalAidRequest]:
    viewer, request = await case_for(call, request_id, staff_only=True, lock=True)
    # Art. 59's checks look back on a case that is over.
    if LegalAidStatus(request.status) is not LegalAidStatus.CLOSED:
        raise Conflict("CASE_NOT_CLOSED")
    return viewer.id, request


async def record_return_call(
    call: Call,
    request_id: int,
    *,
    reached: bool,
    satisfaction: int | None,
    note: str | None,
) -> ReturnCall:
    """Staff call the aided person back after closing (回访, Art. 59)."""
    if reached and satisfaction is None:
        raise BadInput("SATISFACTION_REQUIRED", field="satisfaction")
    if not reached and satisfaction is not None:
        raise BadInput("SATISFACTION_UNREACHED", field="satisfaction")
    score = (
        int_range(satisfaction, "satisfaction", SATISFACTION_MIN, SATISFACTION_MAX)
        if satisfaction is not None
        else None
    )
    words = text(note, "note", max_len=NOTE_MAX) if note else None
    async with in_transaction():
        by, request = await _closed_case(call, request_id)
        row = await ReturnCall.create(
            request_id=request.id,
            org_unit_id=request.org_unit_id,
            assignee_id=request.assignee_id,
            called_at=call.now,
            called_by_id=by,
            reached=reached,
            satisfaction=score,
            note=words,
        )
        await audit.record(
            call,
            "legal_aid.return_call",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"reached": reached, "satisfaction": score},
        )
    return row


async def record_file_review(
    call: Call, request_id: int, grade: FileGrade, note: str | None
) -> FileReview:
    """Staff review the closed file and grade it (案卷检查, Art. 59)."""
    words = text(note, "note", max_len=NOTE_MAX) if note else None
    async with in_transaction():
        by, request = await _closed_case(call, request_id)
        row = await FileReview.create(
            request_id=request.id,
            org_unit_id=request.org_unit_id,
            assignee_id=request.assignee_id,
            reviewed_at=call.now,
            reviewed_by_id=by,
            grade=FileGrade(grade),
            note=words,
        )
        await audit.record(
            call,
            "legal_aid.file_review",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"grade": grade},
        )
    return row


async def return_calls_of(request_ids: Sequence[int]) -> dict[int, list[ReturnCall]]:
    out: dict[int, list[ReturnCall]] = {i: [] for i in request_ids}
    for row in await ReturnCall.filter(request_id__in=list(request_ids)).order_by(
        "request_id", "called_at", "id"
    ):
        out[row.request_id].append(row)
    return out


async def file_reviews_of(request_ids: Sequence[int]) -> dict[int, list[FileReview]]:
    out: dict[int, list[FileReview]] = {i: [] for i in request_ids}
    for row in await FileReview.filter(request_id__in=list(request_ids)).order_by(
        "request_id", "reviewed_at", "id"
    ):
        out[row.request_id].append(row)
    return out


@dataclass(frozen=True)
class AssigneeFigures:
    assignee_id: int
    closed: int
    closed_late: int
    return_calls: int
    reached: int
    average_satisfaction: Decimal | None
    file_reviews: int
    failed_reviews: int


def _period(query: Q, field: str, since: date | None, until: date | None) -> Q:
    bounds: dict[str, Any] = {}
    if since is not None:
        bounds[f"{field}__gte"] = periods.start_of(since)
    if until is not None:
        bounds[f"{field}__lt"] = periods.end_of(until)
    return query & Q(**bounds) if bounds else query


async def quality_figures(
    call: Call, *, since: date | None, until: date | None
) -> list[AssigneeFigures]:
    """Per assignee, in the viewer's scope and period (by the day the materials
    came in, the call was made, the file was reviewed): a GROUP BY each."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF, Role.SUPERVISOR})
    if since and until and since > until:
        raise BadInput("CONSULTATION_PERIOD", field="until")
    where = await closing_scope(call)
    if where is None or viewer.role not in (Role.LEGAL_AID_STAFF, Role.SUPERVISOR):
        return []
    closings = CaseClosing.filter(
        _period(Q(materials_submitted_at__isnull=False), "materials_submitted_at", since, until),
        where,
        assignee_id__isnull=False,
    )
    closed = {
        r["assignee_id"]: r
        for r in await closings.annotate(n=Count("id"))
        .group_by("assignee_id")
        .values("assignee_id", "n")
    }
    late = {
        r["assignee_id"]: r["n"]
        for r in await closings.filter(materials_late=True)
        .annotate(n=Count("id"))
        .group_by("assignee_id")
        .values("assignee_id", "n")
    }
    # Calls and reviews carry the centre and the assignee too: the same filter.
    in_scope = where
    calls = {
        r["assignee_id"]: r
        for r in await ReturnCall.filter(
            _period(in_scope, "called_at", since, until), assignee_id__isnull=False
        )
        .annotate(
            n=Count("id"),
            # A sum and a count, not AVG: Tortoise reads an aggregate back as
            # the column's type, and the mean of small integers is not one.
            scored=Count("satisfaction"),
            total=Sum("satisfaction"),
            reached_n=Count("id", _filter=Q(reached=True)),
        )
        .group_by("assignee_id")
        .values("assignee_id", "n", "scored", "total", "reached_n")
    }
    reviews = {
        r["assignee_id"]: r
        for r in await FileReview.filter(
            _period(in_scope, "reviewed_at", since, until), assignee_id__isnull=False
        )
        .annotate(n=Count("id"), failed=Count("id", _filter=Q(grade=FileGrade.FAIL)))
        .group_by("assignee_id")
        .values("assignee_id", "n", "failed")
    }
    out = []
    for assignee in sorted(set(closed) | set(calls) | set(reviews)):
        c = calls.get(assignee)
        avg = Decimal(c["total"]) / c["scored"] if c and c["scored"] else None
        out.append(
            AssigneeFigures(
                assignee_id=assignee,
                closed=closed[assignee]["n"] if assignee in closed else 0,
                closed_late=late.get(assignee, 0),
                return_calls=c["n"] if c else 0,
                reached=c["reached_n"] if c else 0,
                average_satisfaction=(
                    avg.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                    if avg is not None
                    else None
                ),
                file_reviews=reviews[assignee]["n"] if assignee in reviews else 0,
                failed_reviews=reviews[assignee]["failed"] if assignee in reviews else 0,
            )
        )
    return out
