"""A unit's monthly report: computed from the records, summed up the tree,
frozen when the unit head submits it.

The report of a unit has a row for each unit directly below it (its whole
subtree's figures), one for the unit's own records where it keeps any, and
the total. Submitting stores the figures as they are then, with the sha256
of their canonical JSON, also written in the audit log: later records (a
release recorded late, a help entered after the month) change what the
month computes to, never what was submitted. A correction is a new version
with a reason.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden
from api.domain.common.validators import text
from api.domain.statistics import registry
from api.domain.statistics.month import Month
from api.models.accounts import OrgUnit
from api.models.enums import Role
from api.models.statistics import MonthlyReport

READERS = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})
REASON_MAX = 2000
MAX_MONTHS = 24


@dataclass(frozen=True)
class Column:
    area: registry.AreaStatistics
    figure: registry.Figure

    @property
    def key(self) -> str:
        return f"{self.area.name}.{self.figure.key}"


@dataclass(frozen=True)
class Row:
    unit_id: int
    unit_name: str
    # The unit's own records only, not those below it.
    own: bool
    values: dict[str, int]


@dataclass(frozen=True)
class Report:
    unit: OrgUnit
    month: Month
    rows: list[Row]
    total: dict[str, int]
    frozen: MonthlyReport | None
    versions: list[MonthlyReport]
    columns: list[Column]

    def value(self, values: dict[str, int], column: Column) -> int:
        return values.get(column.key, 0)


def all_columns() -> list[Column]:
    return [Column(a, f) for a in registry.areas() for f in a.figures]


async def compute(unit: OrgUnit, month: Month, as_of: datetime) -> dict[str, Any]:
    """The figures of the month for `unit`, as plain JSON (what is frozen)."""
    counts: dict[int, dict[str, int]] = {}
    for area in registry.areas():
        for unit_id, values in (await area.compute(unit.path, month, as_of)).items():
            mine = counts.setdefault(unit_id, {})
            for key, value in values.items():
                mine[f"{area.name}.{key}"] = value
    children = await OrgUnit.filter(parent_id=unit.id).order_by("id")
    paths = {u.id: u.path for u in await OrgUnit.filter(id__in=list(counts))} if counts else {}
    keys = [c.key for c in all_columns()]

    def summed(prefix: str | None, unit_id: int | None) -> dict[str, int]:
        out = dict.fromkeys(keys, 0)
        for counted, values in counts.items():
            if (unit_id is not None and counted == unit_id) or (
                prefix is not None and paths[counted].startswith(prefix)
            ):
                for key, value in values.items():
                    out[key] = out.get(key, 0) + value
        return out

    rows = [
        {"unitId": c.id, "unitName": c.name, "own": False, "values": summed(c.path, None)}
        for c in children
    ]
    if unit.id in counts:
        rows.insert(
            0,
            {
                "unitId": unit.id,
                "unitName": unit.name,
                "own": True,
                "values": summed(None, unit.id),
            },
        )
    return {
        "unitId": unit.id,
        "unitName": unit.name,
        "month": str(month),
        "rows": rows,
        "total": summed(unit.path, None),
    }


def canonical(figures: dict[str, Any]) -> bytes:
    return json.dumps(figures, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_of(figures: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(figures)).hexdigest()


async def _visible_columns(call: Call, unit_id: int) -> list[Column]:
    shown = {a.name for a in registry.areas() if await a.visible(call, unit_id)}
    return [c for c in all_columns() if c.area.name in shown]


async def _readable_unit(call: Call, unit_id: int) -> tuple[OrgUnit, list[Column]]:
    scope.require_role(call, READERS)
    columns = await _visible_columns(call, unit_id)
    if not columns:
        raise scope.not_found("UNIT_NOT_FOUND")
    return await OrgUnit.get(id=unit_id), columns


def _not_ahead(call: Call, month: Month) -> None:
    if month.starts_at > call.now:
        raise BadInput("MONTH_IN_FUTURE", field="month")


async def monthly_report(call: Call, unit_id: int, month: str) -> Report:
    """The unit's month: its latest submitted version, or else computed now.
    Only the areas the viewer sees at the unit are shown (each area's `visible`)."""
    wanted = Month.parse(month)
    _not_ahead(call, wanted)
    unit, columns = await _readable_unit(call, unit_id)
    return await _report(call, unit, wanted, columns)


async def _report(call: Call, unit: OrgUnit, month: Month, columns: list[Column]) -> Report:
    versions = await MonthlyReport.filter(org_unit_id=unit.id, month=str(month)).order_by("version")
    frozen = versions[-1] if versions else None
    figures = frozen.figures if frozen is not None else await compute(unit, month, call.now)
    rows = [Row(r["unitId"], r["unitName"], r["own"], r["values"]) for r in figures["rows"]]
    return Report(unit, month, rows, figures["total"], frozen, list(versions), columns)


async def monthly_reports(call: Call, unit_id: int, first: str, last: str) -> list[Report]:
    """The months from `first` to `last` (at most MAX_MONTHS), for the charts."""
    start, end = Month.parse(first, "fromMonth"), Month.parse(last, "toMonth")
    if end < start:
        raise BadInput("MONTH_RANGE_ORDER", field="toMonth")
    _not_ahead(call, end)
    months = [start]
    while months[-1] < end:
        months.append(months[-1].next())
        if len(months) > MAX_MONTHS:
            raise BadInput("MONTH_RANGE_TOO_LONG", field="toMonth", max=MAX_MONTHS)
    unit, columns = await _readable_unit(call, unit_id)
    return [await _report(call, unit, m, columns) for m in months]


async def submit_monthly_report(call: Call, unit_id: int, month: str, reason: str | None) -> Report:
    """The unit head (a SUPERVISOR of the unit itself) submits a month once it
    is over; submitting again is a correction, the next version, with a reason."""
    viewer = scope.require_role(call, {Role.SUPERVISOR})
    wanted = Month.parse(month)
    if viewer.org_unit_id != unit_id:
        if await scope.unit_in_scope(call, unit_id):
            raise Forbidden("REPORT_UNIT_HEAD_ONLY")
        raise scope.not_found("UNIT_NOT_FOUND")
    if call.now < wanted.ends_at:
        raise BadInput("MONTH_NOT_OVER", field="month", month=str(wanted))
    why = text(reason, "reason", max_len=REASON_MAX) if reason and reason.strip() else None
    unit = await OrgUnit.get(id=unit_id)
    figures = await compute(unit, wanted, call.now)
    digest = sha256_of(figures)
    try:
        async with in_transaction():
            last = (
                await MonthlyReport.filter(org_unit_id=unit.id, month=str(wanted))
                .order_by("-version")
                .first()
            )
            if last is not None and why is None:
                raise BadInput("REPORT_CORRECTION_REASON", field="reason")
            version = 1 if last is None else last.version + 1
            row = await MonthlyReport.create(
                org_unit_id=unit.id,
                month=str(wanted),
                version=version,
                figures=figures,
                sha256=digest,
                reason=why,
                submitted_by_id=viewer.id,
                submitted_at=call.now,
            )
            await audit.record(
                call,
                "monthly_report.submit",
                target_type="MonthlyReport",
                target_id=row.id,
                summary={
                    "orgUnitId": unit.id,
                    "month": str(wanted),
                    "version": version,
                    "sha256": digest,
                    "reason": why,
                },
            )
    except IntegrityError as exc:
        # Two heads at once: the other one's version stands.
        raise Conflict("REPORT_SUBMITTED_MEANWHILE", field="month") from exc
    return await _report(call, unit, wanted, await _visible_columns(call, unit.id))
