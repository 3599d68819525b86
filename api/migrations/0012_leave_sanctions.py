from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.leave import LeaveKind, LeaveLevel, LeaveStatus
from api.models.sanctions import SanctionMeasure, SanctionStatus, ViolationKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0011_supervision_status_values')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LeaveRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='leave_requests', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='LEAVE: LEAVE\nRESIDENCE_CHANGE: RESIDENCE_CHANGE', enum_type=LeaveKind, max_length=16)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField(null=True)),
                ('destination', fields.CharField(max_length=200)),
                ('reason', fields.TextField(unique=False)),
                ('days', fields.SmallIntField(null=True)),
                ('window_days', fields.SmallIntField(null=True)),
                ('level', fields.CharEnumField(description='OFFICE: OFFICE\nCOUNTY: COUNTY\nABOVE: ABOVE', enum_type=LeaveLevel, max_length=8)),
                ('status', fields.CharEnumField(default='PENDING', description='PENDING: PENDING\nAPPROVED: APPROVED\nREFUSED: REFUSED\nRETURNED: RETURNED', enum_type=LeaveStatus, max_length=16)),
                ('captured_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('requested_by', fields.ForeignKeyField('models.User', source_field='requested_by_id', db_constraint=True, to_field='id', related_name='leave_requests', on_delete=OnDelete.RESTRICT)),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='leave_decisions', on_delete=OnDelete.RESTRICT)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decision_note', fields.TextField(null=True, unique=False)),
                ('approving_body', fields.CharField(null=True, max_length=100)),
                ('returned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('returned_on', fields.DateField(null=True)),
                ('return_late', fields.BooleanField(default=False)),
            ],
            options={'table': 'leave_request', 'app': 'models', 'indexes': [Index(fields=['person_id', 'starts_on', 'id']), Index(fields=['status', 'ends_on'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LeaveEvidence',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('leave', fields.OneToOneField('models.LeaveRequest', source_field='leave_id', db_constraint=True, to_field='id', related_name='evidence', on_delete=OnDelete.CASCADE)),
                ('content_type', fields.CharField(max_length=16)),
                ('data', fields.BinaryField()),
            ],
            options={'table': 'leave_evidence', 'app': 'models', 'pk_attr': 'id', 'table_description': "The photo of a proof the person attached (a ticket, a hospital's letter),"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LeaveStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='leave_standards', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('office_entrusted', fields.BooleanField()),
                ('office_max_days', fields.SmallIntField()),
                ('approval_max_days', fields.SmallIntField()),
                ('window_months', fields.SmallIntField()),
                ('window_max_days', fields.SmallIntField()),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='leave_standards_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'leave_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': 'Who approves a leave of how many days, from a date, for a unit and the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Praise',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='praises', on_delete=OnDelete.RESTRICT)),
                ('praised_on', fields.DateField()),
                ('facts', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='praises_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'praise', 'app': 'models', 'indexes': [Index(fields=['person_id', 'praised_on', 'id'])], 'pk_attr': 'id', 'table_description': '表扬: 法 Art. 28 ¶1 「表现突出的，应当给予表扬」.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Sanction',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='sanctions', on_delete=OnDelete.RESTRICT)),
                ('measure', fields.CharEnumField(description='ADMONITION: ADMONITION\nWARNING: WARNING\nREVOCATION_PROPOSAL: REVOCATION_PROPOSAL', enum_type=SanctionMeasure, max_length=24)),
                ('suggested_measure', fields.CharEnumField(description='ADMONITION: ADMONITION\nWARNING: WARNING\nREVOCATION_PROPOSAL: REVOCATION_PROPOSAL', enum_type=SanctionMeasure, max_length=24)),
                ('override_reason', fields.TextField(null=True, unique=False)),
                ('facts', fields.TextField(unique=False)),
                ('status', fields.CharEnumField(default='PROPOSED', description='PROPOSED: PROPOSED\nAPPROVED: APPROVED\nREFUSED: REFUSED', enum_type=SanctionStatus, max_length=16)),
                ('proposed_by', fields.ForeignKeyField('models.User', source_field='proposed_by_id', db_constraint=True, to_field='id', related_name='sanctions_proposed', on_delete=OnDelete.RESTRICT)),
                ('proposed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='sanctions_decided', on_delete=OnDelete.RESTRICT)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_on', fields.DateField(null=True)),
                ('decision_note', fields.TextField(null=True, unique=False)),
                ('document', fields.ForeignKeyField('models.Document', source_field='document_id', null=True, db_constraint=True, to_field='id', related_name='sanctions', on_delete=OnDelete.RESTRICT)),
                ('revocation_proposal', fields.ForeignKeyField('models.RevocationProposal', source_field='revocation_proposal_id', null=True, db_constraint=True, to_field='id', related_name='sanctions', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'sanction', 'app': 'models', 'indexes': [Index(fields=['person_id', 'id']), Index(fields=['person_id', 'status', 'measure'])], 'pk_attr': 'id', 'table_description': "The office's proposal of a measure and the county body's decision on it."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Violation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='violations', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='LATE_REPORT: LATE_REPORT\nABSCONDED: ABSCONDED\nMISSED_REPORT: MISSED_REPORT\nLATE_RETURN: LATE_RETURN\nMINOR_BREACH: MINOR_BREACH\nSERIOUS_BREACH: SERIOUS_BREACH\nGRAVE_BREACH: GRAVE_BREACH', enum_type=ViolationKind, max_length=16)),
                ('occurred_on', fields.DateField()),
                ('facts', fields.TextField(unique=False)),
                ('days', fields.SmallIntField(null=True)),
                ('leave', fields.ForeignKeyField('models.LeaveRequest', source_field='leave_id', null=True, db_constraint=True, to_field='id', related_name='violations', on_delete=OnDelete.RESTRICT)),
                ('search_record', fields.ForeignKeyField('models.SearchRecord', source_field='search_record_id', null=True, db_constraint=True, to_field='id', related_name='violations', on_delete=OnDelete.RESTRICT)),
                ('source_key', fields.CharField(null=True, unique=True, max_length=80)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='violations_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('suggested_measure', fields.CharEnumField(description='ADMONITION: ADMONITION\nWARNING: WARNING\nREVOCATION_PROPOSAL: REVOCATION_PROPOSAL', enum_type=SanctionMeasure, max_length=24)),
                ('suggestion_basis', fields.CharField(max_length=24)),
                ('sanction', fields.ForeignKeyField('models.Sanction', source_field='sanction_id', null=True, db_constraint=True, to_field='id', related_name='violations', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'violation', 'app': 'models', 'indexes': [Index(fields=['person_id', 'occurred_on', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
