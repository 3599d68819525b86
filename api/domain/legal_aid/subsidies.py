"""Legal-aid subsidies (法律援助补贴, 法律援助法 Art. 52).

Art. 52: the centre pays the assignee a subsidy in time; its standard is set
by the provincial justice department with the finance department, by the
type of service, its cost and the basic labour, and adjusted over time. So
the standard is a dated table per unit (SubsidyStandard), one row the whole
table from a date, and a case reads the table in force on the day it ended:
a table dated later never changes an earlier case. The amount is computed
from it after the closing materials are in, then approved, then recorded as
paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from tortoise.transactions import in_transaction

from api.domain.common import audit, dated_tables, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import money, text
from api.domain.legal_aid.closing import audit_closing, case_for, closing_for_update
from api.models.accounts import OrgUnit
from api.models.enums import Role
from api.models.legal_aid_closing import (
    CaseClosing,
    SubsidyCaseType,
    SubsidyStage,
    SubsidyStandard,
    SubsidyStatus,
)

REFERENCE_MAX = 60
MAX_ROWS = 100


def rate_key(case_type: SubsidyCaseType, stage: SubsidyStage) -> str:
    return f"{case_type}:{stage}"


@dataclass(frozen=True)
class Rate:
    case_type: SubsidyCaseType
    stage: SubsidyStage
    amount: Decimal


def rates_of(standard: SubsidyStandard) -> list[Rate]:
    out = []
    for key, amount in sorted(standard.amounts.items()):
        case_type, stage = key.split(":")
        out.append(Rate(SubsidyCaseType(case_type), SubsidyStage(stage), Decimal(amount)))
    return out


async def table_in_force(unit: OrgUnit, on: date) -> SubsidyStandard | None:
    return await dated_tables.in_force(SubsidyStandard, unit.path, on)


async def set_subsidy_standard(
    call: Call, org_unit_id: int, effective_from: date, rates: Sequence[Rate]
) -> SubsidyStandard:
    """ADMIN sets (or corrects) a unit's whole table from a date; units below inherit it."""
    scope.require_role(call, {Role.ADMIN})
    if not rates or len(rates) > MAX_ROWS:
        raise BadInput("SUBSIDY_RATES", field="rates", max=MAX_ROWS)
    amounts: dict[str, str] = {}
    for i, rate in enumerate(rates):
        amount = money(rate.amount, f"rates.{i}.amount")
        if amount <= 0:
            raise BadInput("STANDARD_POSITIVE", field=f"rates.{i}.amount")
        key = rate_key(SubsidyCaseType(rate.case_type), SubsidyStage(rate.stage))
        if key in amounts:
            raise BadInput("SUBSIDY_RATE_TWICE", field=f"rates.{i}.stage")
        amounts[key] = str(amount)
    if not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    viewer = scope.require_viewer(call)
    values = {"amounts": amounts, "set_by_id": viewer.id or None, "created_at": call.now}
    return await dated_tables.set_row(
        SubsidyStandard, org_unit_id, effective_from, values, partial(_audit_standard, call)
    )


async def _audit_standard(call: Call, row: SubsidyStandard) -> None:
    await audit.record(
        call,
        "subsidy_standard.set",
        target_type="SubsidyStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "amounts": row.amounts,
        },
    )


async def subsidy_standards(call: Call, org_unit_id: int) -> list[SubsidyStandard]:
    """A unit's tables, newest first: its administrators and the centre's staff."""
    viewer = scope.require_role(call, {Role.ADMIN, Role.LEGAL_AID_STAFF})
    if viewer.role is Role.ADMIN and not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    unit = await OrgUnit.get_or_none(id=org_unit_id)
    if unit is None:
        raise scope.not_found("UNIT_NOT_FOUND")
    if viewer.role is Role.LEGAL_AID_STAFF:
        # The centre's staff read the tables their centre inherits.
        centre = await OrgUnit.get_or_none(id=viewer.org_unit_id) if viewer.org_unit_id else None
        if centre is None or not centre.path.startswith(unit.path):
            raise scope.not_found("UNIT_NOT_FOUND")
    return await SubsidyStandard.filter(org_unit_id=org_unit_id).order_by("-effective_from")


async def compute_subsidy(
    call: Call, request_id: int, case_type: SubsidyCaseType, stage: SubsidyStage
) -> CaseClosing:
    """The centre's staff compute the subsidy from the table in force on the
    day the case ended, once the closing materials are in (Art. 50, 52).
    Computed again (another stage), it replaces the amount until approved."""
    async with in_transaction():
        _, request = await case_for(call, request_id, staff_only=True, lock=True)
        closing = await closing_for_update(request.id)
        if closing.materials_submitted_at is None:
            raise Conflict("CLOSING_MATERIALS_MISSING")
        if closing.subsidy_status not in (None, SubsidyStatus.COMPUTED):
            raise Conflict("SUBSIDY_APPROVED")
        centre = await OrgUnit.get(id=request.org_unit_id)
        table = await table_in_force(centre, closing.ended_on)
        key = rate_key(SubsidyCaseType(case_type), SubsidyStage(stage))
        if table is None or key not in table.amounts:
            raise BadInput("SUBSIDY_RATE_MISSING", field="stage", on=closing.ended_on)
        closing.subsidy_status = SubsidyStatus.COMPUTED
        closing.subsidy_case_type = SubsidyCaseType(case_type)
        closing.subsidy_stage = SubsidyStage(stage)
        closing.subsidy_amount = Decimal(table.amounts[key])
        closing.subsidy_standard_id = table.id
        closing.subsidy_table_from = table.effective_from
        closing.subsidy_computed_at = call.now
        await closing.save(
            update_fields=[
                "subsidy_status",
                "subsidy_case_type",
                "subsidy_stage",
                "subsidy_amount",
                "subsidy_standard_id",
                "subsidy_table_from",
                "subsidy_computed_at",
            ]
        )
        await audit_closing(call, "legal_aid.subsidy_computed", closing)
    return closing


async def approve_subsidy(call: Call, request_id: int) -> CaseClosing:
    """The centre's staff approve the computed amount."""
    async with in_transaction():
        viewer, request = await case_for(call, request_id, staff_only=True, lock=True)
        closing = await closing_for_update(request.id)
        if closing.subsidy_status != SubsidyStatus.COMPUTED:
            raise Conflict("SUBSIDY_NOT_COMPUTED")
        closing.subsidy_status = SubsidyStatus.APPROVED
        closing.subsidy_approved_by_id = viewer.id
        closing.subsidy_approved_at = call.now
        await closing.save(
            update_fields=["subsidy_status", "subsidy_approved_by_id", "subsidy_approved_at"]
        )
        await audit_closing(call, "legal_aid.subsidy_approved", closing)
    return closing


async def record_subsidy_paid(call: Call, request_id: int, payment_reference: str) -> CaseClosing:
    """The approved subsidy paid (Art. 52: in time), with the payment's reference."""
    reference = text(payment_reference, "paymentReference", max_len=REFERENCE_MAX)
    async with in_transaction():
        viewer, request = await case_for(call, request_id, staff_only=True, lock=True)
        closing = await closing_for_update(request.id)
        if closing.subsidy_status != SubsidyStatus.APPROVED:
            raise Conflict("SUBSIDY_NOT_APPROVED")
        closing.subsidy_status = SubsidyStatus.PAID
        closing.subsidy_paid_by_id = viewer.id
        closing.subsidy_paid_at = call.now
        closing.subsidy_payment_reference = reference
        await closing.save(
            update_fields=[
                "subsidy_status",
                "subsidy_paid_by_id",
                "subsidy_paid_at",
                "subsidy_payment_reference",
            ]
        )
        await audit_closing(call, "legal_aid.subsidy_paid", closing)
    return closing
