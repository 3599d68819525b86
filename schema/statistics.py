"""The monthly report (月报) in the GraphQL schema."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.domain.statistics import report as domain
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.ids import require_id


@strawberry.type
class StatisticsColumn:
    key: str = strawberry.field(description="area.figure, e.g. corrections.on_register_end.")
    area: str
    area_label: str = strawberry.field(description="In the viewer's language.")
    label: str = strawberry.field(description="In the viewer's language.")
    label_zh: str = strawberry.field(description="The Chinese heading of the exports.")


@strawberry.type
class MonthlyReportRow:
    unit_name: str
    own: bool = strawberry.field(
        description="The unit's own records only; else the unit and all below it."
    )
    values: list[int] = strawberry.field(description="One per column, in the columns' order.")
    unit_id: strawberry.Private[int]

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType | None:
        return await org_unit_of(info, self.unit_id)


@strawberry.type
class MonthlyReportVersion:
    version: int
    sha256: str
    reason: str | None
    submitted_at: datetime
    submitted_by_id: strawberry.Private[int]

    @strawberry.field
    async def submitted_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.submitted_by_id)


@strawberry.type
class MonthlyReport:
    month: str
    frozen: bool = strawberry.field(
        description="Submitted: the figures are the latest version's, as they were then."
    )
    version: int | None
    sha256: str | None = strawberry.field(
        description="SHA-256 of the version's canonical figures, also in the audit log."
    )
    columns: list[StatisticsColumn]
    rows: list[MonthlyReportRow] = strawberry.field(
        description="Each unit directly below (with all below it), and the unit's own records."
    )
    total: list[int]
    versions: list[MonthlyReportVersion]
    unit_id: strawberry.Private[int]

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.unit_id)
        assert unit is not None  # the report's own unit
        return unit

    @classmethod
    def of(cls, r: domain.Report, locale: str) -> MonthlyReport:
        english = locale != "zh-CN"
        columns = [
            StatisticsColumn(
                key=c.key,
                area=c.area.name,
                area_label=c.area.en if english else c.area.zh,
                label=c.figure.en if english else c.figure.zh,
                label_zh=c.figure.zh,
            )
            for c in r.columns
        ]
        return cls(
            month=str(r.month),
            frozen=r.frozen is not None,
            version=r.frozen.version if r.frozen else None,
            sha256=r.frozen.sha256 if r.frozen else None,
            columns=columns,
            rows=[
                MonthlyReportRow(
                    unit_name=row.unit_name,
                    own=row.own,
                    values=[r.value(row.values, c) for c in r.columns],
                    unit_id=row.unit_id,
                )
                for row in r.rows
            ],
            total=[r.value(r.total, c) for c in r.columns],
            versions=[
                MonthlyReportVersion(
                    version=v.version,
                    sha256=v.sha256,
                    reason=v.reason,
                    submitted_at=v.submitted_at,
                    submitted_by_id=v.submitted_by_id,
                )
                for v in r.versions
            ],
            unit_id=r.unit.id,
        )


@strawberry.type
class StatisticsQuery:
    @strawberry.field(
        description="A unit's month (YYYY-MM): the submitted version if any, else computed "
        "from the records now; the areas the viewer sees at the unit."
    )
    async def monthly_report(self, info: Info, unit_id: strawberry.ID, month: str) -> MonthlyReport:
        call = info.context.call
        found = await domain.monthly_report(call, require_id(unit_id, "unitId"), month)
        return MonthlyReport.of(found, call.locale)

    @strawberry.field(
        description="The months from fromMonth to toMonth (at most 24), for the charts."
    )
    async def monthly_reports(
        self,
        info: Info,
        unit_id: strawberry.ID,
        from_month: str,
        to_month: str,
    ) -> list[MonthlyReport]:
        call = info.context.call
        found = await domain.monthly_reports(
            call, require_id(unit_id, "unitId"), from_month, to_month
        )
        return [MonthlyReport.of(r, call.locale) for r in found]


@strawberry.type
class StatisticsMutation:
    @strawberry.mutation(
        description="The unit head submits (freezes) a month that is over; again, with a "
        "reason, for a correction (the next version)."
    )
    async def submit_monthly_report(
        self, info: Info, unit_id: strawberry.ID, month: str, reason: str | None = None
    ) -> MonthlyReport:
        call = info.context.call
        found = await domain.submit_monthly_report(
            call, require_id(unit_id, "unitId"), month, reason
        )
        return MonthlyReport.of(found, call.locale)
