"""People's mediation (人民调解): disputes, parties, field visits."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.enums import (
    DisputeCategory,
    DisputeStatus,
    PartyRole,
    RiskLevel,
    VisitOutcome,
)


class Dispute(Model):
    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    reference_number = fields.CharField(max_length=40)
    reference_year = fields.SmallIntField()
    reference_seq = fields.IntField()
    title = fields.CharField(max_length=100)
    category = fields.CharEnumField(DisputeCategory, max_length=16)
    description = fields.TextField()
    risk_level = fields.CharEnumField(RiskLevel, max_length=8)
    status = fields.CharEnumField(DisputeStatus, max_length=16, default="OPEN")
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="disputes", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    mediator: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="mediated_disputes", null=True, on_delete=fields.SET_NULL
    )
    mediator_id: int | None
    registered_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="registered_disputes", on_delete=fields.RESTRICT
    )
    registered_by_id: int
    registered_at = fields.DatetimeField()
    next_follow_up_at = fields.DatetimeField(null=True)
    judicial_confirmation_due_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "dispute"
        unique_together = (("org_unit_id", "reference_year", "reference_seq"),)
        indexes = (
            ("org_unit_id", "status", "risk_level", "next_follow_up_at"),
            ("mediator_id", "status"),
        )


class DisputeParty(Model):
    id = fields.IntField(primary_key=True)
    dispute: fields.ForeignKeyRelation[Dispute] = fields.ForeignKeyField(
        "models.Dispute", related_name="parties", on_delete=fields.CASCADE
    )
    dispute_id: int
    position = fields.SmallIntField()
    name = fields.CharField(max_length=50)
    role = fields.CharEnumField(PartyRole, max_length=16)
    phone = fields.CharField(max_length=20, null=True)

    class Meta:
        table = "dispute_party"
        unique_together = (("dispute_id", "position"),)


class MediationVisit(Model):
    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    dispute: fields.ForeignKeyRelation[Dispute] = fields.ForeignKeyField(
        "models.Dispute", related_name="visits", on_delete=fields.RESTRICT
    )
    dispute_id: int
    mediator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="mediation_visits", on_delete=fields.RESTRICT
    )
    mediator_id: int
    visited_at = fields.DatetimeField()
    received_at = fields.DatetimeField()
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    accuracy_meters = fields.FloatField(null=True)
    participants: fields.Field[list[str]] = fields.JSONField(default=list)
    summary = fields.TextField()
    outcome = fields.CharEnumField(VisitOutcome, max_length=24)
    next_follow_up_at = fields.DatetimeField(null=True)

    class Meta:
        table = "mediation_visit"
        indexes = (("dispute_id", "visited_at", "id"),)


class ReferenceCounter(Model):
    """The last reference number given per kind, unit and year (调〔2026〕17号)."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=16)
    org_unit_id = fields.IntField()
    year = fields.SmallIntField()
    last_value = fields.IntField(default=0)

    class Meta:
        table = "reference_counter"
        unique_together = (("kind", "org_unit_id", "year"),)
