"""Leave (外出) and change of residence (迁居) of a supervised person (社区矫正法 Art. 27),
and the figures that decide who approves a leave, a dated table per unit."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson


class LeaveKind(StrEnum):
    LEAVE = "LEAVE"  # 外出: leaving the city or county for a time, then back
    RESIDENCE_CHANGE = "RESIDENCE_CHANGE"  # 迁居: a move, decided by the county body


class LeaveStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"
    # The person reported back (reportReturn).
    RETURNED = "RETURNED"


class LeaveLevel(StrEnum):
    """Who decides (实施办法 Art. 27, see api/domain/corrections/leave_rules.py)."""

    OFFICE = "OFFICE"  # the 司法所, where the county has entrusted it
    COUNTY = "COUNTY"  # the county 社区矫正机构
    ABOVE = "ABOVE"  # the 社区矫正机构 one level above the county


class LeaveRequest(Model):
    id = fields.IntField(primary_key=True)
    # Made on the phone; unique so the outbox's replay stores nothing new.
    client_id = fields.CharField(max_length=36, unique=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="leave_requests", on_delete=fields.RESTRICT
    )
    person_id: int
    kind = fields.CharEnumField(LeaveKind, max_length=16)
    starts_on = fields.DateField()
    # The last day away; none for a move.
    ends_on = fields.DateField(null=True)
    destination = fields.CharField(max_length=200)
    reason = fields.TextField()
    # The days of this request and, with the earlier approved leaves, of the
    # two months that end with it: what the level was computed from.
    days = fields.SmallIntField(null=True)
    window_days = fields.SmallIntField(null=True)
    level = fields.CharEnumField(LeaveLevel, max_length=8)
    status = fields.CharEnumField(LeaveStatus, max_length=16, default="PENDING")
    captured_at = fields.DatetimeField()
    requested_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="leave_requests", on_delete=fields.RESTRICT
    )
    requested_by_id: int
    requested_at = fields.DatetimeField()
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="leave_decisions", null=True, on_delete=fields.RESTRICT
    )
    decided_by_id: int | None
    decided_at = fields.DatetimeField(null=True)
    decision_note = fields.TextField(null=True)
    # A decision of the level above, recorded by the county: that body's name.
    approving_body = fields.CharField(max_length=100, null=True)
    returned_at = fields.DatetimeField(null=True)
    returned_on = fields.DateField(null=True)
    return_late = fields.BooleanField(default=False)

    class Meta:
        table = "leave_request"
        indexes = (
            ("person_id", "starts_on", "id"),
            # The sweep for leaves that ended with no return reported.
            ("status", "ends_on"),
        )


class LeaveEvidence(Model):
    """The photo of a proof the person attached (a ticket, a hospital's letter),
    small, kept in the database so that backups and every process have it."""

    id = fields.IntField(primary_key=True)
    leave: fields.OneToOneRelation[LeaveRequest] = fields.OneToOneField(
        "models.LeaveRequest", related_name="evidence", on_delete=fields.CASCADE
    )
    leave_id: int
    content_type = fields.CharField(max_length=16)
    data = fields.BinaryField()

    class Meta:
        table = "leave_evidence"


class LeaveStandard(Model):
    """Who approves a leave of how many days, from a date, for a unit and the
    units below it. The figures are those usually cited from 实施办法 Art. 27
    (2020), whose text could not be checked here (docs/law/community-corrections.md
    §4), and whether the 司法所 decides at all depends on the county's
    entrustment (法 Art. 9 ¶2): so a table, not constants."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="leave_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    office_entrusted = fields.BooleanField()
    office_max_days = fields.SmallIntField()
    approval_max_days = fields.SmallIntField()
    window_months = fields.SmallIntField()
    window_max_days = fields.SmallIntField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="leave_standards_set", null=True, on_delete=fields.SET_NULL
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "leave_standard"
        unique_together = (("org_unit_id", "effective_from"),)
