from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import ActivityKind, HelpKind, MonitoringGround
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0012_leave_sanctions')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CheckInWellbeing',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('check_in', fields.OneToOneField('models.CheckIn', source_field='check_in_id', db_constraint=True, to_field='id', related_name='wellbeing', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='wellbeing_answers', on_delete=OnDelete.RESTRICT)),
                ('mood', fields.SmallIntField(null=True)),
                ('changes', fields.CharField(default='', max_length=64)),
                ('change_details', fields.TextField(null=True, unique=False)),
                ('message', fields.TextField(null=True, unique=False)),
                ('needs_attention', fields.BooleanField()),
                ('captured_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('acknowledged_by', fields.ForeignKeyField('models.User', source_field='acknowledged_by_id', null=True, db_constraint=True, to_field='id', related_name='wellbeing_acknowledged', on_delete=OnDelete.RESTRICT)),
                ('acknowledged_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'check_in_wellbeing', 'app': 'models', 'indexes': [Index(fields=['needs_attention', 'acknowledged_at', 'captured_at'])], 'pk_attr': 'id', 'table_description': 'The optional answers given with a self check-in: how the person is (a'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EducationActivity',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='education_activities', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='EDUCATION: EDUCATION\nPUBLIC_SERVICE: PUBLIC_SERVICE', enum_type=ActivityKind, max_length=16)),
                ('title', fields.CharField(max_length=100)),
                ('held_on', fields.DateField()),
                ('hours', fields.DecimalField(max_digits=4, decimal_places=1)),
                ('for_minors', fields.BooleanField(default=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='education_activities_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'education_activity', 'app': 'models', 'indexes': [Index(fields=['org_unit_id', 'held_on', 'id'])], 'pk_attr': 'id', 'table_description': 'A session of education (法 Art. 36) or public-interest work (法 Art. 42)'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ActivityAttendance',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('activity', fields.ForeignKeyField('models.EducationActivity', source_field='activity_id', db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='activity_attendance', on_delete=OnDelete.RESTRICT)),
                ('held_on', fields.DateField()),
                ('attended', fields.BooleanField(null=True)),
                ('hours', fields.DecimalField(null=True, max_digits=4, decimal_places=1)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='attendance_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'activity_attendance', 'app': 'models', 'unique_together': (('activity_id', 'person_id'),), 'indexes': [Index(fields=['person_id', 'held_on', 'id'])], 'pk_attr': 'id', 'table_description': 'A person set for an activity (a task of the month), and whether and for'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EducationHoursStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='education_hours_standards', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('monthly_hours', fields.DecimalField(max_digits=4, decimal_places=1)),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='education_hours_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'education_hours_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': 'Hours of education and public-interest work a month, from a date, for a'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ElectronicMonitoring',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='electronic_monitoring', on_delete=OnDelete.RESTRICT)),
                ('ground', fields.CharEnumField(description='PROHIBITION_ORDER_BREACH: PROHIBITION_ORDER_BREACH\nLEFT_AREA_WITHOUT_APPROVAL: LEFT_AREA_WITHOUT_APPROVAL\nREFUSED_TO_REPORT_WARNED: REFUSED_TO_REPORT_WARNED\nPUBLIC_SECURITY_PENALTY: PUBLIC_SECURITY_PENALTY\nREVOCATION_PLANNED: REVOCATION_PLANNED', enum_type=MonitoringGround, max_length=32)),
                ('facts', fields.TextField(unique=False)),
                ('approved_by', fields.ForeignKeyField('models.User', source_field='approved_by_id', db_constraint=True, to_field='id', related_name='monitoring_approved', on_delete=OnDelete.RESTRICT)),
                ('approved_on', fields.DateField()),
                ('approval_document', fields.CharField(max_length=64)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='monitoring_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ended_on', fields.DateField(null=True)),
                ('end_reason', fields.TextField(null=True, unique=False)),
                ('ended_by', fields.ForeignKeyField('models.User', source_field='ended_by_id', null=True, db_constraint=True, to_field='id', related_name='monitoring_ended', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'electronic_monitoring', 'app': 'models', 'indexes': [Index(fields=['person_id', 'id']), Index(fields=['ended_on', 'ends_on'])], 'pk_attr': 'id', 'table_description': 'One use of a positioning device, from its approval to its end. `ends_on`'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HelpRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='help_records', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='EMPLOYMENT: EMPLOYMENT\nHOUSING: HOUSING\nSUBSISTENCE: SUBSISTENCE\nSCHOOLING: SCHOOLING', enum_type=HelpKind, max_length=16)),
                ('helped_on', fields.DateField()),
                ('helper', fields.CharField(max_length=100)),
                ('description', fields.TextField(unique=False)),
                ('outcome', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='help_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'help_record', 'app': 'models', 'indexes': [Index(fields=['person_id', 'helped_on', 'id'])], 'pk_attr': 'id', 'table_description': 'Help given (帮扶): what, by whom, and how it turned out.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MonitoringRenewal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('monitoring', fields.ForeignKeyField('models.ElectronicMonitoring', source_field='monitoring_id', db_constraint=True, to_field='id', related_name='renewals', on_delete=OnDelete.CASCADE)),
                ('previous_ends_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('assessment', fields.TextField(unique=False)),
                ('approved_by', fields.ForeignKeyField('models.User', source_field='approved_by_id', db_constraint=True, to_field='id', related_name='monitoring_renewals_approved', on_delete=OnDelete.RESTRICT)),
                ('approved_on', fields.DateField()),
                ('approval_document', fields.CharField(max_length=64)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='monitoring_renewals_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'monitoring_renewal', 'app': 'models', 'indexes': [Index(fields=['monitoring_id', 'id'])], 'pk_attr': 'id', 'table_description': 'An extension after an assessment, approved (法 Art. 29 ¶2).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ThoughtReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='thought_reports', on_delete=OnDelete.RESTRICT)),
                ('month', fields.CharField(max_length=7)),
                ('body', fields.TextField(unique=False)),
                ('captured_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('submitted_by', fields.ForeignKeyField('models.User', source_field='submitted_by_id', db_constraint=True, to_field='id', related_name='thought_reports_submitted', on_delete=OnDelete.RESTRICT)),
                ('reply', fields.TextField(null=True, unique=False)),
                ('replied_by', fields.ForeignKeyField('models.User', source_field='replied_by_id', null=True, db_constraint=True, to_field='id', related_name='thought_reports_replied', on_delete=OnDelete.RESTRICT)),
                ('replied_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'thought_report', 'app': 'models', 'unique_together': (('person_id', 'month'),), 'pk_attr': 'id', 'table_description': "The person's monthly report (思想汇报), one a month, and the officer's reply."},
            bases=['Model'],
        ),
    ]
