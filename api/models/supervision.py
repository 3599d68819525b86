"""Community corrections' provincial figures, kept as dated tables per unit."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User


class CheckInIntervalStandard(Model):
    """How often a person of each grade (分类管理) reports, from a date, for a
    unit and the units below it.

    Neither 社区矫正法 nor 实施办法 sets these figures (法 Art. 23-24 leave
    reporting to the individual plan); provinces and counties do, and change
    them, so they are a table with effective dates, like the hardship
    standards of legal aid.
    """

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="check_in_interval_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    strict_days = fields.SmallIntField()
    normal_days = fields.SmallIntField()
    lenient_days = fields.SmallIntField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="check_in_interval_standards_set",
        null=True,
        on_delete=fields.SET_NULL,
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "check_in_interval_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class DistanceLimitStandard(Model):
    """How far from the residence (or the office) a check-in may be before it
    is flagged as outside the county, from a date, for a unit and the units
    below it.

    The data hold no county boundaries: this local figure stands in for the
    boundary (a person may not leave the county without leave, 社区矫正法
    Art. 27), so counties set and change it, like the intervals above.
    """

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="distance_limit_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    limit_meters = fields.IntField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="distance_limit_standards_set",
        null=True,
        on_delete=fields.SET_NULL,
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "distance_limit_standard"
        unique_together = (("org_unit_id", "effective_from"),)
