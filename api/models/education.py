"""Education and help (教育帮扶, 社区矫正法 Art. 35-43), the monthly report and
the wellbeing answers of a check-in."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import ActivityKind, HelpKind


class EducationActivity(Model):
    """A session of education (法 Art. 36) or public-interest work (法 Art. 42)
    an office holds on a day, with the persons it is set for."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="education_activities", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    kind = fields.CharEnumField(ActivityKind, max_length=16)
    title = fields.CharField(max_length=100)
    held_on = fields.DateField()
    hours = fields.DecimalField(max_digits=4, decimal_places=1)
    # 法 Art. 52 ¶3: minors' corrections are carried out apart from adults'.
    for_minors = fields.BooleanField(default=False)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="education_activities_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "education_activity"
        indexes = (("org_unit_id", "held_on", "id"),)


class ActivityAttendance(Model):
    """A person set for an activity (a task of the month), and whether and for
    how long the person attended, once recorded."""

    id = fields.IntField(primary_key=True)
    activity: fields.ForeignKeyRelation[EducationActivity] = fields.ForeignKeyField(
        "models.EducationActivity", related_name="attendance", on_delete=fields.CASCADE
    )
    activity_id: int
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="activity_attendance", on_delete=fields.RESTRICT
    )
    person_id: int
    # Copied from the activity so a person's month is one index range.
    held_on = fields.DateField()
    attended = fields.BooleanField(null=True)
    hours = fields.DecimalField(max_digits=4, decimal_places=1, null=True)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="attendance_recorded", null=True, on_delete=fields.RESTRICT
    )
    recorded_by_id: int | None
    recorded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "activity_attendance"
        unique_together = (("activity_id", "person_id"),)
        indexes = (("person_id", "held_on", "id"),)


class EducationHoursStandard(Model):
    """Hours of education and public-interest work a month, from a date, for a
    unit and the units below it. The 法 sets no figure (Art. 36, 42: 根据需要,
    可以); the 每月不少于八小时 often cited is the repealed 2012 办法 or
    provincial practice, so it is a dated table, never a constant."""

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="education_hours_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    effective_from = fields.DateField()
    monthly_hours = fields.DecimalField(max_digits=4, decimal_places=1)
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="education_hours_set", null=True, on_delete=fields.SET_NULL
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "education_hours_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class HelpRecord(Model):
    """Help given (帮扶): what, by whom, and how it turned out."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="help_records", on_delete=fields.RESTRICT
    )
    person_id: int
    kind = fields.CharEnumField(HelpKind, max_length=16)
    helped_on = fields.DateField()
    helper = fields.CharField(max_length=100)
    description = fields.TextField()
    outcome = fields.TextField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="help_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "help_record"
        indexes = (("person_id", "helped_on", "id"),)


class ThoughtReport(Model):
    """The person's monthly report (思想汇报), one a month, and the officer's reply."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="thought_reports", on_delete=fields.RESTRICT
    )
    person_id: int
    month = fields.CharField(max_length=7)  # YYYY-MM, the month of capturedAt in China
    body = fields.TextField()
    captured_at = fields.DatetimeField()
    received_at = fields.DatetimeField()
    submitted_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="thought_reports_submitted", on_delete=fields.RESTRICT
    )
    submitted_by_id: int
    reply = fields.TextField(null=True)
    replied_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="thought_reports_replied", null=True, on_delete=fields.RESTRICT
    )
    replied_by_id: int | None
    replied_at = fields.DatetimeField(null=True)

    class Meta:
        table = "thought_report"
        unique_together = (("person_id", "month"),)


class CheckInWellbeing(Model):
    """The optional answers given with a self check-in: how the person is (a
    1-5 scale), what has changed, a message to the officer. A low answer or a
    change needs the officer's attention until acknowledged."""

    id = fields.IntField(primary_key=True)
    check_in: fields.OneToOneRelation[CheckIn] = fields.OneToOneField(
        "models.CheckIn", related_name="wellbeing", on_delete=fields.CASCADE
    )
    check_in_id: int
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="wellbeing_answers", on_delete=fields.RESTRICT
    )
    person_id: int
    mood = fields.SmallIntField(null=True)
    # The CircumstanceChange values, comma-separated, in the enum's order.
    changes = fields.CharField(max_length=64, default="")
    change_details = fields.TextField(null=True)
    message = fields.TextField(null=True)
    needs_attention = fields.BooleanField()
    captured_at = fields.DatetimeField()
    acknowledged_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="wellbeing_acknowledged", null=True, on_delete=fields.RESTRICT
    )
    acknowledged_by_id: int | None
    acknowledged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "check_in_wellbeing"
        indexes = (("needs_attention", "acknowledged_at", "captured_at"),)
