from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import Role
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

from api.migration_ops import AlterDescription

# A released person's own account (安置帮教), at their request: the one-time
# codes, the requests to be contacted, and the role's new value (its stored
# description only, so SQLite does not remake the user table).

class Migration(migrations.Migration):
    dependencies = [('models', '0021_restore_sqlite_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ResettlementActivationCode',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('record', fields.ForeignKeyField('models.ResettlementRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='activation_codes', on_delete=OnDelete.CASCADE)),
                ('code_hash', fields.CharField(unique=True, max_length=64)),
                ('requested_with', fields.ForeignKeyField('models.User', source_field='requested_with_id', db_constraint=True, to_field='id', related_name='resettlement_codes_issued', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('voided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'resettlement_activation_code', 'app': 'models', 'indexes': [Index(fields=['record_id', 'used_at', 'voided_at'])], 'pk_attr': 'id', 'table_description': 'A one-time code the released person turns into an account, as a'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResettlementContactRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('record', fields.ForeignKeyField('models.ResettlementRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='contact_requests', on_delete=OnDelete.RESTRICT)),
                ('message', fields.TextField(unique=False)),
                ('sent_by', fields.ForeignKeyField('models.User', source_field='sent_by_id', db_constraint=True, to_field='id', related_name='resettlement_contact_requests', on_delete=OnDelete.RESTRICT)),
                ('sent_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'resettlement_contact_request', 'app': 'models', 'indexes': [Index(fields=['record_id', 'sent_at', 'id'])], 'pk_attr': 'id', 'table_description': 'A message from the released person asking the office to get in touch.'},
            bases=['Model'],
        ),
        AlterDescription(
            model_name='User',
            name='role',
            field=fields.CharEnumField(description='ADMIN: ADMIN\nSUPERVISOR: SUPERVISOR\nOFFICER: OFFICER\nMEDIATOR: MEDIATOR\nLEGAL_AID_STAFF: LEGAL_AID_STAFF\nLAWYER: LAWYER\nSUPERVISED_PERSON: SUPERVISED_PERSON\nAPPLICANT: APPLICANT\nRELEASED_PERSON: RELEASED_PERSON', enum_type=Role, max_length=24),
        ),
    ]
