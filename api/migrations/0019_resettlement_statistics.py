from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import ContactMethod, ResettlementHelpKind, ResettlementSource, ResettlementStatus, RiskLevel
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0018_consultations')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MonthlyReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='monthly_reports', on_delete=OnDelete.RESTRICT)),
                ('month', fields.CharField(max_length=7)),
                ('version', fields.SmallIntField()),
                ('figures', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('sha256', fields.CharField(max_length=64)),
                ('reason', fields.TextField(null=True, unique=False)),
                ('submitted_by', fields.ForeignKeyField('models.User', source_field='submitted_by_id', db_constraint=True, to_field='id', related_name='monthly_reports', on_delete=OnDelete.RESTRICT)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'monthly_report', 'app': 'models', 'unique_together': (('org_unit_id', 'month', 'version'),), 'pk_attr': 'id', 'table_description': "One submitted version of a unit's month: the figures as computed then,"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResettlementRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('full_name', fields.CharField(max_length=50)),
                ('id_number', fields.CharField(db_index=True, max_length=18)),
                ('phone', fields.CharField(null=True, max_length=20)),
                ('source', fields.CharEnumField(description='PRISON: PRISON\nCOMMUNITY_CORRECTION: COMMUNITY_CORRECTION', enum_type=ResettlementSource, max_length=24)),
                ('supervised_person', fields.ForeignKeyField('models.SupervisedPerson', source_field='supervised_person_id', null=True, unique=True, db_constraint=True, to_field='id', related_name='resettlement', on_delete=OnDelete.RESTRICT)),
                ('prison', fields.CharField(null=True, max_length=100)),
                ('offence', fields.CharField(null=True, max_length=200)),
                ('prison_risk_assessment', fields.TextField(null=True, unique=False)),
                ('risk_grade', fields.CharEnumField(description='LOW: LOW\nMEDIUM: MEDIUM\nHIGH: HIGH', enum_type=RiskLevel, max_length=8)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='resettlement_records', on_delete=OnDelete.RESTRICT)),
                ('officer', fields.ForeignKeyField('models.User', source_field='officer_id', null=True, db_constraint=True, to_field='id', related_name='resettlement_caseload', on_delete=OnDelete.SET_NULL)),
                ('account', fields.ForeignKeyField('models.User', source_field='account_id', null=True, unique=True, db_constraint=True, to_field='id', related_name='resettlement_record', on_delete=OnDelete.SET_NULL)),
                ('notice_received_on', fields.DateField(null=True)),
                ('notice_days_ahead', fields.SmallIntField(null=True)),
                ('notice_late', fields.BooleanField(default=False)),
                ('expected_release_on', fields.DateField()),
                ('released_on', fields.DateField()),
                ('assistance_ends_on', fields.DateField()),
                ('status', fields.CharEnumField(description='NOTIFIED: NOTIFIED\nNOT_ARRIVED: NOT_ARRIVED\nIN_ASSISTANCE: IN_ASSISTANCE', enum_type=ResettlementStatus, max_length=16)),
                ('received_on', fields.DateField(null=True)),
                ('not_arrived_on', fields.DateField(null=True)),
                ('lost_contact_due_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('lost_contact_alerted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('next_contact_due_on', fields.DateField(null=True)),
                ('registered_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('registered_by', fields.ForeignKeyField('models.User', source_field='registered_by_id', db_constraint=True, to_field='id', related_name='registered_resettlements', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'resettlement_record', 'app': 'models', 'indexes': [Index(fields=['org_unit_id', 'expected_release_on', 'id']), Index(fields=['status', 'lost_contact_due_at']), Index(fields=['next_contact_due_on', 'status'])], 'pk_attr': 'id', 'table_description': 'One released person in the care of a justice office, from the notice'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResettlementContact',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('record', fields.ForeignKeyField('models.ResettlementRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='contacts', on_delete=OnDelete.RESTRICT)),
                ('contacted_on', fields.DateField()),
                ('method', fields.CharEnumField(description='VISIT: VISIT\nPHONE: PHONE\nAT_OFFICE: AT_OFFICE', enum_type=ContactMethod, max_length=16)),
                ('note', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='resettlement_contacts', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'resettlement_contact', 'app': 'models', 'indexes': [Index(fields=['record_id', 'contacted_on', 'id'])], 'pk_attr': 'id', 'table_description': 'A contact with the person during the assistance period.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResettlementHelp',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('record', fields.ForeignKeyField('models.ResettlementRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='helps', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='EMPLOYMENT: EMPLOYMENT\nHOUSING: HOUSING\nSUBSISTENCE: SUBSISTENCE\nHEALTH: HEALTH\nOTHER: OTHER', enum_type=ResettlementHelpKind, max_length=16)),
                ('given_on', fields.DateField()),
                ('description', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='resettlement_helps', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'resettlement_help', 'app': 'models', 'indexes': [Index(fields=['record_id', 'given_on', 'id'])], 'pk_attr': 'id', 'table_description': 'Help given: employment, housing, subsistence allowance, health.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResettlementReception',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('record', fields.ForeignKeyField('models.ResettlementRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='receptions', on_delete=OnDelete.RESTRICT)),
                ('met', fields.BooleanField()),
                ('happened_on', fields.DateField()),
                ('met_by', fields.CharField(null=True, max_length=200)),
                ('place', fields.CharField(null=True, max_length=200)),
                ('picked_up', fields.BooleanField(default=False)),
                ('note', fields.TextField(null=True, unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='resettlement_receptions', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'resettlement_reception', 'app': 'models', 'indexes': [Index(fields=['record_id', 'id'])], 'pk_attr': 'id', 'table_description': 'Meeting the person on release (or a note that they did not arrive).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResettlementStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='resettlement_standards', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('notice_days', fields.SmallIntField()),
                ('no_show_days', fields.SmallIntField()),
                ('high_risk_contact_days', fields.SmallIntField()),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='resettlement_standards_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'resettlement_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': "The hand-over's figures, from a date, for a unit and the units below it:"},
            bases=['Model'],
        ),
    ]
