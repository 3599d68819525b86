"""Resettlement of released prisoners (安置帮教): the prison's notice, the
reception, the assistance period with its contacts and help, and the
provincial figures of the hand-over (a dated table per unit)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    ContactMethod,
    ResettlementHelpKind,
    ResettlementSource,
    ResettlementStatus,
    RiskLevel,
)


class ResettlementStandard(Model):
    """The hand-over's figures, from a date, for a unit and the units below it:
    how many days before release the prison's notice should arrive, after how
    many days a person who did not arrive is a loss of contact, and how often a
    high-risk person is contacted. Provinces set them (the 司法部 practice of
    about a month's notice is not a statute), so they are a dated table."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="resettlement_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    notice_days = fields.SmallIntField()
    no_show_days = fields.SmallIntField()
    high_risk_contact_days = fields.SmallIntField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="resettlement_standards_set",
        null=True,
        on_delete=fields.SET_NULL,
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "resettlement_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class ResettlementRecord(Model):
    """One released person in the care of a justice office, from the notice
    to the end of the assistance period."""

    id = fields.IntField(primary_key=True)
    full_name = fields.CharField(max_length=50)
    # Stored whole because the office needs it; only ever returned masked.
    id_number = fields.CharField(max_length=18, db_index=True)
    phone = fields.CharField(max_length=20, null=True)
    source = fields.CharEnumField(ResettlementSource, max_length=24)
    # From corrections: the supervised person whose release opened it, once.
    supervised_person: fields.ForeignKeyNullableRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson",
        related_name="resettlement",
        null=True,
        unique=True,
        on_delete=fields.RESTRICT,
    )
    supervised_person_id: int | None
    prison = fields.CharField(max_length=100, null=True)
    offence = fields.CharField(max_length=200, null=True)
    prison_risk_assessment = fields.TextField(null=True)
    risk_grade = fields.CharEnumField(RiskLevel, max_length=8)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="resettlement_records", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    officer: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resettlement_caseload", null=True, on_delete=fields.SET_NULL
    )
    officer_id: int | None
    # None by default: a released person has no duty to report.
    account: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="resettlement_record",
        null=True,
        unique=True,
        on_delete=fields.SET_NULL,
    )
    account_id: int | None
    # The notice (刑满释放人员通知书) and how far ahead of the release it came.
    notice_received_on = fields.DateField(null=True)
    notice_days_ahead = fields.SmallIntField(null=True)
    notice_late = fields.BooleanField(default=False)
    expected_release_on = fields.DateField()
    # The day the assistance period runs from: the release from prison, or the
    # end of community correction.
    released_on = fields.DateField()
    assistance_ends_on = fields.DateField()
    status = fields.CharEnumField(ResettlementStatus, max_length=16)
    received_on = fields.DateField(null=True)
    not_arrived_on = fields.DateField(null=True)
    # NOT_ARRIVED: when the non-arrival becomes a loss of contact (the table's days).
    lost_contact_due_at = fields.DatetimeField(null=True)
    lost_contact_alerted_at = fields.DatetimeField(null=True)
    # High risk only: the day the next contact is due by.
    next_contact_due_on = fields.DateField(null=True)
    registered_at = fields.DatetimeField()
    registered_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="registered_resettlements", on_delete=fields.RESTRICT
    )
    registered_by_id: int

    class Meta:
        table = "resettlement_record"
        indexes = (
            # The office's list: by unit, the expected release first.
            ("org_unit_id", "expected_release_on", "id"),
            # The reminder rules walk these.
            ("status", "lost_contact_due_at"),
            ("next_contact_due_on", "status"),
        )


class ResettlementReception(Model):
    """Meeting the person on release (or a note that they did not arrive)."""

    id = fields.IntField(primary_key=True)
    # Made on the officer's device; unique so a replay stores nothing new.
    client_id = fields.CharField(max_length=36, unique=True)
    record: fields.ForeignKeyRelation[ResettlementRecord] = fields.ForeignKeyField(
        "models.ResettlementRecord", related_name="receptions", on_delete=fields.RESTRICT
    )
    record_id: int
    met = fields.BooleanField()
    # The day met, or the day the person did not arrive.
    happened_on = fields.DateField()
    met_by = fields.CharField(max_length=200, null=True)
    place = fields.CharField(max_length=200, null=True)
    # 接回: the office fetched the person from the prison.
    picked_up = fields.BooleanField(default=False)
    note = fields.TextField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resettlement_receptions", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "resettlement_reception"
        indexes = (("record_id", "id"),)


class ResettlementContact(Model):
    """A contact with the person during the assistance period."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    record: fields.ForeignKeyRelation[ResettlementRecord] = fields.ForeignKeyField(
        "models.ResettlementRecord", related_name="contacts", on_delete=fields.RESTRICT
    )
    record_id: int
    contacted_on = fields.DateField()
    method = fields.CharEnumField(ContactMethod, max_length=16)
    note = fields.TextField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resettlement_contacts", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "resettlement_contact"
        indexes = (("record_id", "contacted_on", "id"),)


class ResettlementHelp(Model):
    """Help given: employment, housing, subsistence allowance, health."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    record: fields.ForeignKeyRelation[ResettlementRecord] = fields.ForeignKeyField(
        "models.ResettlementRecord", related_name="helps", on_delete=fields.RESTRICT
    )
    record_id: int
    kind = fields.CharEnumField(ResettlementHelpKind, max_length=16)
    given_on = fields.DateField()
    description = fields.TextField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resettlement_helps", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "resettlement_help"
        indexes = (("record_id", "given_on", "id"),)


class ResettlementActivationCode(Model):
    """A one-time code the released person turns into an account, as a
    supervised person's ActivationCode; issued only at the person's request,
    and the row keeps that consent: who recorded it, and when."""

    id = fields.IntField(primary_key=True)
    record: fields.ForeignKeyRelation[ResettlementRecord] = fields.ForeignKeyField(
        "models.ResettlementRecord", related_name="activation_codes", on_delete=fields.CASCADE
    )
    record_id: int
    code_hash = fields.CharField(max_length=64, unique=True)
    # The officer who took the person's request; created_at is when.
    requested_with: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resettlement_codes_issued", on_delete=fields.RESTRICT
    )
    requested_with_id: int
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    voided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "resettlement_activation_code"
        indexes = (("record_id", "used_at", "voided_at"),)


class ResettlementContactRequest(Model):
    """A message from the released person asking the office to get in touch."""

    id = fields.IntField(primary_key=True)
    # Made on the person's phone; unique so a replay from the outbox stores nothing new.
    client_id = fields.CharField(max_length=36, unique=True)
    record: fields.ForeignKeyRelation[ResettlementRecord] = fields.ForeignKeyField(
        "models.ResettlementRecord", related_name="contact_requests", on_delete=fields.RESTRICT
    )
    record_id: int
    message = fields.TextField()
    sent_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resettlement_contact_requests", on_delete=fields.RESTRICT
    )
    sent_by_id: int
    sent_at = fields.DatetimeField()

    class Meta:
        table = "resettlement_contact_request"
        indexes = (("record_id", "sent_at", "id"),)
