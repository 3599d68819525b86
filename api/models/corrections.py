"""Community corrections (社区矫正): supervised persons, activation codes, check-ins."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    PlaceReference,
    SupervisionLevel,
    SupervisionStatus,
)


class SupervisedPerson(Model):
    id = fields.IntField(primary_key=True)
    full_name = fields.CharField(max_length=50)
    # Stored whole because the office needs it; only ever returned masked.
    id_number = fields.CharField(max_length=18, db_index=True)
    # The ID number while the person is under supervision, NULL after: a
    # plain unique index then means "unique among active persons" on both
    # databases, without partial indexes.
    active_id_number = fields.CharField(max_length=18, null=True, unique=True)
    phone = fields.CharField(max_length=20, null=True)
    correction_type = fields.CharEnumField(CorrectionType, max_length=32)
    supervision_level = fields.CharEnumField(SupervisionLevel, max_length=16)
    status = fields.CharEnumField(SupervisionStatus, max_length=16, default="ACTIVE")
    term_start = fields.DateField()
    term_end = fields.DateField()
    # A minor case for the whole term (社区矫正法 Art. 58): under 18 when the
    # term started, decided once at enrolment and never recomputed.
    minor_at_start = fields.BooleanField(default=False)
    # The registered residence's coordinates, recorded at enrolment or later
    # (api/domain/corrections/places.py): what a check-in's distance is from.
    residence_latitude = fields.FloatField(null=True)
    residence_longitude = fields.FloatField(null=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="supervised_persons", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    officer: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="caseload", null=True, on_delete=fields.SET_NULL
    )
    officer_id: int | None
    account: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="supervised_person",
        null=True,
        unique=True,
        on_delete=fields.SET_NULL,
    )
    account_id: int | None
    check_in_interval_days = fields.SmallIntField()
    grace_hours = fields.SmallIntField(default=24)
    enrolled_at = fields.DatetimeField()
    enrolled_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="enrolled_persons", null=True, on_delete=fields.SET_NULL
    )
    enrolled_by_id: int | None
    # Derived from the plan and the last accepted check-in, kept on the row so
    # the caseload can be filtered and ordered by an index.
    last_check_in_at = fields.DatetimeField(null=True)
    next_due_at = fields.DatetimeField()
    overdue_at = fields.DatetimeField()

    class Meta:
        table = "supervised_person"
        indexes = (
            ("org_unit_id", "status", "next_due_at", "id"),
            ("officer_id", "status", "next_due_at", "id"),
            ("status", "overdue_at"),
            # A supervisor's caseload spans many offices: walked in due order,
            # filtered by office.
            ("status", "next_due_at", "id"),
        )


class ActivationCode(Model):
    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="activation_codes", on_delete=fields.CASCADE
    )
    person_id: int
    code_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    voided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "activation_code"


class CheckIn(Model):
    id = fields.BigIntField(primary_key=True)
    # Made on the device; unique so a replay stores nothing new.
    client_id = fields.CharField(max_length=36, unique=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="check_ins", on_delete=fields.RESTRICT
    )
    person_id: int
    kind = fields.CharEnumField(CheckInKind, max_length=16)
    captured_at = fields.DatetimeField()
    received_at = fields.DatetimeField()
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    accuracy_meters = fields.FloatField(null=True)
    # Worked out once, when the check-in is stored (places.py): the distance
    # from the residence (else the office) and the limit in force that day;
    # NULL with no location or no point to measure from.
    distance_meters = fields.FloatField(null=True)
    distance_from = fields.CharEnumField(PlaceReference, max_length=16, null=True)
    distance_limit_meters = fields.IntField(null=True)
    note = fields.TextField(null=True)
    late = fields.BooleanField()
    status = fields.CharEnumField(CheckInStatus, max_length=16, default="PENDING_REVIEW")
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recorded_check_ins", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    reviewed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reviewed_check_ins", null=True, on_delete=fields.RESTRICT
    )
    reviewed_by_id: int | None
    reviewed_at = fields.DatetimeField(null=True)
    review_note = fields.TextField(null=True)

    class Meta:
        table = "check_in"
        indexes = (
            ("person_id", "captured_at", "id"),
            # Covers the dashboard's 30-day figures: an index-only range scan.
            ("captured_at", "person_id", "late", "status"),
        )
