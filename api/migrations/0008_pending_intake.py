from tortoise import migrations

from api.migration_ops import AlterDescription
from tortoise.migrations import operations as ops
from api.models.enums import DecidingBodyType, SupervisionStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0007_org_tree_and_intervals')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PendingIntake',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='intake', on_delete=OnDelete.RESTRICT)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='intakes', on_delete=OnDelete.RESTRICT)),
                ('deciding_body_type', fields.CharEnumField(description='COURT: COURT\nPRISON_ADMIN: PRISON_ADMIN\nPUBLIC_SECURITY: PUBLIC_SECURITY', enum_type=DecidingBodyType, max_length=16)),
                ('deciding_body', fields.CharField(max_length=100)),
                ('document_number', fields.CharField(max_length=64)),
                ('effective_on', fields.DateField()),
                ('decision_received_on', fields.DateField(null=True)),
                ('report_due_on', fields.DateField()),
                ('report_due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('notice_due_on', fields.DateField()),
                ('documents_due_on', fields.DateField()),
                ('notified_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('documents_received_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('registered_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('registered_by', fields.ForeignKeyField('models.User', source_field='registered_by_id', db_constraint=True, to_field='id', related_name='registered_intakes', on_delete=OnDelete.RESTRICT)),
                ('missed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('client_id', fields.CharField(null=True, unique=True, max_length=36)),
                ('arrived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('confirmed_by', fields.ForeignKeyField('models.User', source_field='confirmed_by_id', null=True, db_constraint=True, to_field='id', related_name='confirmed_intakes', on_delete=OnDelete.RESTRICT)),
                ('arrived_late', fields.BooleanField(null=True)),
                ('identity_checked', fields.BooleanField(default=False)),
                ('documents_checked', fields.BooleanField(default=False)),
                ('file_opened', fields.BooleanField(default=False)),
                ('announced_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('announcement_attendees', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('announced_items', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'pending_intake', 'app': 'models', 'indexes': [Index(fields=['confirmed_at', 'org_unit_id', 'report_due_at', 'id']), Index(fields=['confirmed_at', 'report_due_at'])], 'pk_attr': 'id', 'table_description': "One person's intake, from the notice (法 Art. 20) to the 宣告 (法 Art. 22)."},
            bases=['Model'],
        ),
        AlterDescription(
            model_name='SupervisedPerson',
            name='status',
            field=fields.CharEnumField(default='ACTIVE', description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nTERMINATED: TERMINATED\nREVOKED: REVOKED\nPENDING_INTAKE: PENDING_INTAKE', enum_type=SupervisionStatus, max_length=16),
        ),
    ]
