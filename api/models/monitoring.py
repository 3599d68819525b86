"""Electronic positioning (电子定位, 社区矫正法 Art. 29): the register of decisions.

The app records who decided what, on which ground and for how long; it
tracks no one and stores no position.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.corrections import SupervisedPerson
from api.models.enums import MonitoringGround


class ElectronicMonitoring(Model):
    """One use of a positioning device, from its approval to its end. `ends_on`
    is the last day in force, moved by each renewal."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="electronic_monitoring", on_delete=fields.RESTRICT
    )
    person_id: int
    ground = fields.CharEnumField(MonitoringGround, max_length=32)
    facts = fields.TextField()
    approved_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="monitoring_approved", on_delete=fields.RESTRICT
    )
    approved_by_id: int
    approved_on = fields.DateField()
    approval_document = fields.CharField(max_length=64)
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="monitoring_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()
    ended_on = fields.DateField(null=True)
    end_reason = fields.TextField(null=True)
    ended_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="monitoring_ended", null=True, on_delete=fields.RESTRICT
    )
    ended_by_id: int | None

    class Meta:
        table = "electronic_monitoring"
        indexes = (("person_id", "id"), ("ended_on", "ends_on"))


class MonitoringRenewal(Model):
    """An extension after an assessment, approved (法 Art. 29 ¶2)."""

    id = fields.IntField(primary_key=True)
    monitoring: fields.ForeignKeyRelation[ElectronicMonitoring] = fields.ForeignKeyField(
        "models.ElectronicMonitoring", related_name="renewals", on_delete=fields.CASCADE
    )
    monitoring_id: int
    previous_ends_on = fields.DateField()
    ends_on = fields.DateField()
    assessment = fields.TextField()
    approved_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="monitoring_renewals_approved", on_delete=fields.RESTRICT
    )
    approved_by_id: int
    approved_on = fields.DateField()
    approval_document = fields.CharField(max_length=64)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="monitoring_renewals_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "monitoring_renewal"
        indexes = (("monitoring_id", "id"),)
