"""Where a dispute came from and how its mediation ended short of an agreement;
the mediation deadlines; screening campaigns (矛盾纠纷排查).

Beside api/models/mediation.py rather than in it: a dispute's source, its
deadlines and its endings are rows of their own, one per dispute, so the
dispute's own table stays as it is.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.mediation import Dispute


class DisputeSourceKind(StrEnum):
    """How a dispute came to the committee."""

    APPLICATION = "APPLICATION"  # the parties applied (人民调解法 Art. 17)
    COMMITTEE_INITIATIVE = "COMMITTEE_INITIATIVE"  # 主动调解 (Art. 17)
    SCREENING = "SCREENING"  # found in a screening campaign (矛盾纠纷排查)
    COURT_DELEGATED = "COURT_DELEGATED"  # 委派: by a court before filing (特邀调解规定 Art. 11)
    COURT_ENTRUSTED = "COURT_ENTRUSTED"  # 委托: by a court after filing (Art. 11)
    POLICE = "POLICE"  # referred by the police (人民调解法 Art. 18)
    PETITION_OFFICE = "PETITION_OFFICE"  # referred by the petition office (信访)


class CourtProcedure(StrEnum):
    """The procedure of an entrusted (委托) case: its mediation period depends on it."""

    ORDINARY = "ORDINARY"
    SUMMARY = "SUMMARY"


class LegalRoute(StrEnum):
    """What the parties are told they may turn to when mediation fails (人民调解法 Art. 26)."""

    ARBITRATION = "ARBITRATION"
    ADMINISTRATIVE = "ADMINISTRATIVE"
    LITIGATION = "LITIGATION"


class ScreeningKind(StrEnum):
    """The seed plan asks for both: concentrated campaigns and routine screening."""

    CONCENTRATED = "CONCENTRATED"
    ROUTINE = "ROUTINE"


class DisputeSource(Model):
    """One per dispute: its source, the referring body, and its deadlines as days."""

    id = fields.IntField(primary_key=True)
    dispute: fields.OneToOneRelation[Dispute] = fields.OneToOneField(
        "models.Dispute", related_name="source_record", on_delete=fields.CASCADE
    )
    dispute_id: int
    kind = fields.CharEnumField(DisputeSourceKind, max_length=24)
    referring_body = fields.CharField(max_length=100, null=True)
    referring_reference = fields.CharField(max_length=64, null=True)
    procedure = fields.CharEnumField(CourtProcedure, max_length=8, null=True)
    # The day the committee signed for the court's materials (特邀调解规定 Art. 27 ¶3).
    received_on = fields.DateField(null=True)
    # The court's deadline, as extended with both parties' consent.
    court_due_on = fields.DateField(null=True)
    # 人民调解工作若干规定 Art. 33: normally finished within a month.
    normal_end_on = fields.DateField()
    normal_remind_on = fields.DateField()
    # The earlier of the two: when the dispute is overdue if still open.
    due_on = fields.DateField()
    screening_report: fields.ForeignKeyNullableRelation[ScreeningReport] = fields.ForeignKeyField(
        "models.ScreeningReport",
        related_name="disputes_found",
        null=True,
        on_delete=fields.RESTRICT,
    )
    screening_report_id: int | None

    class Meta:
        table = "dispute_source"
        indexes = (("due_on",), ("normal_remind_on",), ("court_due_on",))


class DeadlineExtension(Model):
    """A court-referred case's period extended with both parties' consent (Art. 27)."""

    id = fields.IntField(primary_key=True)
    dispute: fields.ForeignKeyRelation[Dispute] = fields.ForeignKeyField(
        "models.Dispute", related_name="deadline_extensions", on_delete=fields.CASCADE
    )
    dispute_id: int
    from_on = fields.DateField()
    to_on = fields.DateField()
    note = fields.TextField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="deadline_extensions", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "dispute_deadline_extension"
        indexes = (("dispute_id", "recorded_at"),)


class DisputeRefusal(Model):
    """A party clearly refused mediation (人民调解法 Art. 17): it ends there."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    dispute: fields.OneToOneRelation[Dispute] = fields.OneToOneField(
        "models.Dispute", related_name="refusal", on_delete=fields.CASCADE
    )
    dispute_id: int
    party_name = fields.CharField(max_length=50)
    refused_at = fields.DatetimeField()
    note = fields.TextField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="dispute_refusals", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    received_at = fields.DatetimeField()

    class Meta:
        table = "dispute_refusal"


class MediationFailure(Model):
    """Mediation ended without agreement, and the routes the parties were told of (Art. 26)."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    dispute: fields.OneToOneRelation[Dispute] = fields.OneToOneField(
        "models.Dispute", related_name="failure", on_delete=fields.CASCADE
    )
    dispute_id: int
    failed_at = fields.DatetimeField()
    routes_told: fields.Field[list[str]] = fields.JSONField(default=list)
    note = fields.TextField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="mediation_failures", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    received_at = fields.DatetimeField()

    class Meta:
        table = "mediation_failure"


class PoliceReport(Model):
    """A dispute likely to become a public-order or criminal case, reported (Art. 25)."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    dispute: fields.ForeignKeyRelation[Dispute] = fields.ForeignKeyField(
        "models.Dispute", related_name="police_reports", on_delete=fields.CASCADE
    )
    dispute_id: int
    reported_at = fields.DatetimeField()
    police_body = fields.CharField(max_length=100)
    reference = fields.CharField(max_length=64, null=True)
    note = fields.TextField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="police_reports", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    received_at = fields.DatetimeField()

    class Meta:
        table = "police_report"
        indexes = (("dispute_id", "reported_at"),)


class MediationPeriodStandard(Model):
    """How long a mediation normally takes and when the mediator is reminded:
    a dated table per unit (dated_tables), inherited down the org tree."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="mediation_periods", on_delete=fields.CASCADE
    )
    org_unit_id: int
    effective_from = fields.DateField()
    period_days = fields.SmallIntField()
    remind_after_days = fields.SmallIntField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="mediation_periods_set", null=True, on_delete=fields.SET_NULL
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "mediation_period_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class ScreeningCampaign(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=100)
    kind = fields.CharEnumField(ScreeningKind, max_length=16)
    focus = fields.TextField()
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    # The cut-off: a unit without a report after this day is flagged and reminded.
    report_due_on = fields.DateField()
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="screening_campaigns", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    started_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="screening_campaigns", on_delete=fields.RESTRICT
    )
    started_by_id: int
    started_at = fields.DatetimeField()

    class Meta:
        table = "screening_campaign"
        indexes = (("report_due_on",),)


class ScreeningUnit(Model):
    """A unit asked to report in a campaign."""

    id = fields.IntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[ScreeningCampaign] = fields.ForeignKeyField(
        "models.ScreeningCampaign", related_name="units", on_delete=fields.CASCADE
    )
    campaign_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="screening_units", on_delete=fields.RESTRICT
    )
    org_unit_id: int

    class Meta:
        table = "screening_unit"
        unique_together = (("campaign_id", "org_unit_id"),)
        indexes = (("org_unit_id", "campaign_id"),)


class ScreeningReport(Model):
    """A unit's findings in a campaign, or its zero report (零报告): one per unit."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    campaign: fields.ForeignKeyRelation[ScreeningCampaign] = fields.ForeignKeyField(
        "models.ScreeningCampaign", related_name="reports", on_delete=fields.CASCADE
    )
    campaign_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="screening_reports", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    villages_covered: fields.Field[list[str]] = fields.JSONField(default=list)
    zero_report = fields.BooleanField()
    note = fields.TextField(null=True)
    filed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="screening_reports", on_delete=fields.RESTRICT
    )
    filed_by_id: int
    filed_at = fields.DatetimeField()

    class Meta:
        table = "screening_report"
        unique_together = (("campaign_id", "org_unit_id"),)
