"""The end of an aided case: closing materials (法律援助法 Art. 50), the
subsidy (Art. 52) and the quality checks after it (Art. 57-59)."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.legal_aid import LegalAidRequest


class SubsidyCaseType(StrEnum):
    CRIMINAL = "CRIMINAL"
    CIVIL = "CIVIL"
    ADMINISTRATIVE = "ADMINISTRATIVE"
    STATE_COMPENSATION = "STATE_COMPENSATION"
    NON_LITIGATION = "NON_LITIGATION"  # 非诉讼代理, 劳动争议调解与仲裁代理


class SubsidyStage(StrEnum):
    INVESTIGATION = "INVESTIGATION"  # 侦查
    PROSECUTION = "PROSECUTION"  # 审查起诉
    FIRST_INSTANCE = "FIRST_INSTANCE"  # 一审
    SECOND_INSTANCE = "SECOND_INSTANCE"  # 二审
    RETRIAL = "RETRIAL"  # 再审
    ARBITRATION = "ARBITRATION"  # 仲裁
    MEDIATION = "MEDIATION"  # 调解
    NON_LITIGATION = "NON_LITIGATION"  # 其他非诉讼事务


class SubsidyStatus(StrEnum):
    COMPUTED = "COMPUTED"
    APPROVED = "APPROVED"
    PAID = "PAID"


class FileGrade(StrEnum):
    """The file review's grade (案卷检查, Art. 59)."""

    EXCELLENT = "EXCELLENT"  # 优秀
    GOOD = "GOOD"  # 良好
    SATISFACTORY = "SATISFACTORY"  # 合格
    FAIL = "FAIL"  # 不合格


class SubsidyStandard(Model):
    """The province's subsidy table from a date (Art. 52: set by the provincial
    justice and finance departments, adjusted over time): one row is the
    whole table, amounts keyed "CASE_TYPE:STAGE", so a case reads the table
    in force on its date and a later table never changes it."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="subsidy_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    amounts: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="subsidy_standards_set", null=True, on_delete=fields.SET_NULL
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "subsidy_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class ClosingPeriodStandard(Model):
    """Days after the case ended by which the closing materials are due. The
    30 days are 办理法律援助案件程序规定 (2023) as provinces' service guides
    cite it; its text could not be checked here, so the figure is a dated
    table per unit (30 where none is set), not a constant."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="closing_periods", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    days = fields.SmallIntField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="closing_periods_set", null=True, on_delete=fields.SET_NULL
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "closing_period_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class CaseClosing(Model):
    """One aided case's end: when it ended, the materials, the subsidy."""

    id = fields.IntField(primary_key=True)
    request: fields.OneToOneRelation[LegalAidRequest] = fields.OneToOneField(
        "models.LegalAidRequest", related_name="closing", on_delete=fields.CASCADE
    )
    request_id: int
    org_unit_id = fields.IntField()  # the centre, as the request's (for lists by unit)
    assignee_id = fields.IntField(null=True)  # the assignee when the case ended
    ended_on = fields.DateField()
    end_note = fields.TextField()
    end_recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="case_ends_recorded", on_delete=fields.RESTRICT
    )
    end_recorded_by_id: int
    end_recorded_at = fields.DatetimeField()
    materials_due_on = fields.DateField()
    materials_submitted_at = fields.DatetimeField(null=True)
    materials_submitted_on = fields.DateField(null=True)
    materials_late = fields.BooleanField(null=True)
    materials_note = fields.TextField(null=True)
    materials_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="closing_materials", null=True, on_delete=fields.SET_NULL
    )
    materials_by_id: int | None
    subsidy_status = fields.CharEnumField(SubsidyStatus, max_length=12, null=True)
    subsidy_case_type = fields.CharEnumField(SubsidyCaseType, max_length=20, null=True)
    subsidy_stage = fields.CharEnumField(SubsidyStage, max_length=16, null=True)
    subsidy_amount = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    subsidy_standard_id = fields.IntField(null=True)
    subsidy_table_from = fields.DateField(null=True)
    subsidy_computed_at = fields.DatetimeField(null=True)
    subsidy_approved_by_id = fields.IntField(null=True)
    subsidy_approved_at = fields.DatetimeField(null=True)
    subsidy_paid_by_id = fields.IntField(null=True)
    subsidy_paid_at = fields.DatetimeField(null=True)
    subsidy_payment_reference = fields.CharField(max_length=60, null=True)

    class Meta:
        table = "case_closing"
        indexes = (
            ("org_unit_id", "materials_submitted_at", "materials_due_on"),
            ("assignee_id", "materials_submitted_at"),
        )


class ReturnCall(Model):
    """回访受援人 (Art. 59): after closing, with a satisfaction score when reached."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="return_calls", on_delete=fields.CASCADE
    )
    request_id: int
    # The centre and the assignee as the request's, for the figures by scope.
    org_unit_id = fields.IntField()
    assignee_id = fields.IntField(null=True)
    called_at = fields.DatetimeField()
    called_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="return_calls_made", on_delete=fields.RESTRICT
    )
    called_by_id: int
    reached = fields.BooleanField()
    satisfaction = fields.SmallIntField(null=True)
    note = fields.TextField(null=True)

    class Meta:
        table = "return_call"
        indexes = (("request_id", "called_at", "id"), ("assignee_id", "called_at"))


class FileReview(Model):
    """案卷检查 (Art. 59): staff review the closed file and grade it."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="file_reviews", on_delete=fields.CASCADE
    )
    request_id: int
    org_unit_id = fields.IntField()
    assignee_id = fields.IntField(null=True)
    reviewed_at = fields.DatetimeField()
    reviewed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="file_reviews_made", on_delete=fields.RESTRICT
    )
    reviewed_by_id: int
    grade = fields.CharEnumField(FileGrade, max_length=12)
    note = fields.TextField(null=True)

    class Meta:
        table = "file_review"
        indexes = (("request_id", "reviewed_at", "id"), ("assignee_id", "reviewed_at"))
