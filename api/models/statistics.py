"""The monthly report (月报): a unit's figures of a month, frozen when submitted."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User


class MonthlyReport(Model):
    """One submitted version of a unit's month: the figures as computed then,
    their sha256 (also written in the audit log), and for a correction the
    reason. Never updated; a correction is the next version."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="monthly_reports", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    month = fields.CharField(max_length=7)
    version = fields.SmallIntField()
    figures: fields.Field[dict[str, Any]] = fields.JSONField()
    sha256 = fields.CharField(max_length=64)
    reason = fields.TextField(null=True)
    submitted_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="monthly_reports", on_delete=fields.RESTRICT
    )
    submitted_by_id: int
    submitted_at = fields.DatetimeField()

    class Meta:
        table = "monthly_report"
        unique_together = (("org_unit_id", "month", "version"),)
