from tortoise import migrations

from api.migration_ops import AlterDescription
from tortoise.migrations import operations as ops
from api.models.enums import AidBeforeReviewGround, AidProviderKind, ComplaintKind, ComplaintStatus, HardshipArea, LegalAidStatus, MaterialsStatus, NotifiedGround, NotifyingBody, ObjectionAgainst, ObjectionStatus, ProgressKind, TerminationGround
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index


async def rural_amount_as_before(apps, schema_editor):
    """A standard set before it had two amounts applied to everyone: it is
    both the urban and the rural amount until the unit sets them apart."""
    await schema_editor.client.execute_query(
        "UPDATE hardship_standard SET rural_monthly_income_per_capita = monthly_income_per_capita"
    )


async def keep_rural_amount(apps, schema_editor):
    """The column goes with the migration's other operations: nothing to undo."""


# The legal-aid procedure (法律援助法 Art. 12-13, 25-26, 32, 34, 41-49, 55):
# assignable providers, missing materials, aid before review, notified cases,
# termination, objections, progress and complaints; urban and rural standards.
class Migration(migrations.Migration):
    dependencies = [('models', '0016_mediation_sources')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AidBeforeReview',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.OneToOneField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='aid_before_review', on_delete=OnDelete.CASCADE)),
                ('ground', fields.CharEnumField(description='DEADLINE_NEAR: DEADLINE_NEAR\nURGENT_PRESERVATION: URGENT_PRESERVATION\nOTHER_STATUTORY: OTHER_STATUTORY', enum_type=AidBeforeReviewGround, max_length=24)),
                ('note', fields.TextField(unique=False)),
                ('decided_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', db_constraint=True, to_field='id', related_name='aid_before_review_decided', on_delete=OnDelete.RESTRICT)),
                ('paperwork_received_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'aid_before_review', 'app': 'models', 'pk_attr': 'id', 'table_description': '先行提供 (Art. 44): aid started before the review ended, the paperwork'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AidProvider',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.OneToOneField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='aid_provider', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='LAWYER: LAWYER\nGRASSROOTS_WORKER: GRASSROOTS_WORKER\nVOLUNTEER: VOLUNTEER\nCENTRE_STAFF: CENTRE_STAFF', enum_type=AidProviderKind, max_length=20)),
                ('qualified', fields.BooleanField(default=False)),
                ('practice_since', fields.DateField(null=True)),
                ('updated_by', fields.ForeignKeyField('models.User', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='aid_providers_set', on_delete=OnDelete.SET_NULL)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'aid_provider', 'app': 'models', 'pk_attr': 'id', 'table_description': 'What an account may be assigned as (Art. 12-13, 16-17, 26).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AidTermination',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='terminations', on_delete=OnDelete.CASCADE)),
                ('ground', fields.CharEnumField(description='DECEPTION: DECEPTION\nCONCEALMENT: CONCEALMENT\nUNLAWFUL_USE: UNLAWFUL_USE\nMEANS_CHANGED: MEANS_CHANGED\nCASE_ENDED: CASE_ENDED\nOWN_COUNSEL: OWN_COUNSEL\nAIDED_REQUEST: AIDED_REQUEST\nOTHER_STATUTORY: OTHER_STATUTORY', enum_type=TerminationGround, max_length=20)),
                ('reason', fields.TextField(unique=False)),
                ('previous_status', fields.CharEnumField(description='SUBMITTED: SUBMITTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nASSIGNED: ASSIGNED\nCLOSED: CLOSED\nWITHDRAWN: WITHDRAWN\nINCOMPLETE: INCOMPLETE\nTERMINATED: TERMINATED', enum_type=LegalAidStatus, max_length=20)),
                ('decided_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', db_constraint=True, to_field='id', related_name='aid_terminations', on_delete=OnDelete.RESTRICT)),
                ('document', fields.ForeignKeyField('models.Document', source_field='document_id', null=True, db_constraint=True, to_field='id', related_name='aid_terminations', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'aid_termination', 'app': 'models', 'indexes': [Index(fields=['request_id', 'decided_at'])], 'pk_attr': 'id', 'table_description': '终止法律援助 (Art. 48), with its ground and written decision.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Complaint',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='complaints', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='COMPLAINT: COMPLAINT\nCHANGE_ASSIGNEE: CHANGE_ASSIGNEE', enum_type=ComplaintKind, max_length=16)),
                ('reason', fields.TextField(unique=False)),
                ('filed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('filed_by', fields.ForeignKeyField('models.User', source_field='filed_by_id', db_constraint=True, to_field='id', related_name='complaints_filed', on_delete=OnDelete.RESTRICT)),
                ('assignee', fields.ForeignKeyField('models.User', source_field='assignee_id', null=True, db_constraint=True, to_field='id', related_name='complaints_about', on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(default=ComplaintStatus.PENDING, description='PENDING: PENDING\nUPHELD: UPHELD\nDISMISSED: DISMISSED', enum_type=ComplaintStatus, max_length=12)),
                ('outcome', fields.TextField(null=True, unique=False)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='complaints_decided', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'complaint', 'app': 'models', 'indexes': [Index(fields=['request_id', 'filed_at'])], 'pk_attr': 'id', 'table_description': '投诉 or a request to change the assignee (Art. 55), and its outcome.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MaterialsRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='materials_requests', on_delete=OnDelete.CASCADE)),
                ('items', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('due_on', fields.DateField()),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('requested_by', fields.ForeignKeyField('models.User', source_field='requested_by_id', db_constraint=True, to_field='id', related_name='materials_requested', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(default=MaterialsStatus.OPEN, description='OPEN: OPEN\nSUPPLIED: SUPPLIED\nLAPSED: LAPSED', enum_type=MaterialsStatus, max_length=12)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'materials_request', 'app': 'models', 'indexes': [Index(fields=['request_id', 'requested_at']), Index(fields=['status', 'due_on'])], 'pk_attr': 'id', 'table_description': 'One notice of everything missing (一次性告知, Art. 43 ¶2): while it is'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MaterialsSupply',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='materials_supplied', on_delete=OnDelete.CASCADE)),
                ('materials_request', fields.ForeignKeyField('models.MaterialsRequest', source_field='materials_request_id', null=True, db_constraint=True, to_field='id', related_name='supplies', on_delete=OnDelete.SET_NULL)),
                ('note', fields.TextField(null=True, unique=False)),
                ('supplied_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('supplied_by', fields.ForeignKeyField('models.User', source_field='supplied_by_id', db_constraint=True, to_field='id', related_name='materials_supplies', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'materials_supply', 'app': 'models', 'indexes': [Index(fields=['request_id', 'supplied_at'])], 'pk_attr': 'id', 'table_description': 'What the applicant sent from the phone: a note and photos.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MaterialsPhoto',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('supply', fields.ForeignKeyField('models.MaterialsSupply', source_field='supply_id', db_constraint=True, to_field='id', related_name='photos', on_delete=OnDelete.CASCADE)),
                ('content_type', fields.CharField(max_length=20)),
                ('data', fields.BinaryField()),
                ('sha256', fields.CharField(max_length=64)),
                ('size_bytes', fields.IntField()),
            ],
            options={'table': 'materials_photo', 'app': 'models', 'indexes': [Index(fields=['supply_id', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotifiedCase',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.OneToOneField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='notified_case', on_delete=OnDelete.CASCADE)),
                ('body_type', fields.CharEnumField(description='COURT: COURT\nPROCURATORATE: PROCURATORATE\nPOLICE: POLICE', enum_type=NotifyingBody, max_length=16)),
                ('body_name', fields.CharField(max_length=100)),
                ('body_reference', fields.CharField(max_length=64)),
                ('ground', fields.CharEnumField(description='MINOR: MINOR\nSENSORY_DISABILITY: SENSORY_DISABILITY\nDIMINISHED_CAPACITY: DIMINISHED_CAPACITY\nLIFE_OR_DEATH: LIFE_OR_DEATH\nDEATH_REVIEW: DEATH_REVIEW\nABSENTIA: ABSENTIA\nOTHER_STATUTORY: OTHER_STATUTORY\nORDINARY_PROCEDURE: ORDINARY_PROCEDURE\nCOMPULSORY_TREATMENT: COMPULSORY_TREATMENT', enum_type=NotifiedGround, max_length=24)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notified_case', 'app': 'models', 'unique_together': (('body_name', 'body_reference'),), 'pk_attr': 'id', 'table_description': 'A court, procuratorate or police notice to assign defence counsel (Art. 25, 35-36).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Objection',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='objections', on_delete=OnDelete.CASCADE)),
                ('centre', fields.ForeignKeyField('models.OrgUnit', source_field='centre_id', db_constraint=True, to_field='id', related_name='objections_to_centre', on_delete=OnDelete.RESTRICT)),
                ('bureau', fields.ForeignKeyField('models.OrgUnit', source_field='bureau_id', db_constraint=True, to_field='id', related_name='objections', on_delete=OnDelete.RESTRICT)),
                ('against', fields.CharEnumField(description='REFUSAL: REFUSAL\nTERMINATION: TERMINATION', enum_type=ObjectionAgainst, max_length=12)),
                ('reasons', fields.TextField(unique=False)),
                ('filed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('filed_by', fields.ForeignKeyField('models.User', source_field='filed_by_id', db_constraint=True, to_field='id', related_name='objections_filed', on_delete=OnDelete.RESTRICT)),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=ObjectionStatus.PENDING, description='PENDING: PENDING\nUPHELD: UPHELD\nCORRECTION_ORDERED: CORRECTION_ORDERED', enum_type=ObjectionStatus, max_length=20)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='objections_decided', on_delete=OnDelete.SET_NULL)),
                ('decision_reason', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'objection', 'app': 'models', 'indexes': [Index(fields=['bureau_id', 'status', 'due_at']), Index(fields=['centre_id', 'status', 'due_at']), Index(fields=['request_id', 'filed_at'])], 'pk_attr': 'id', 'table_description': '异议 (Art. 49) to a refusal or a termination, to the justice bureau.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProgressEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='progress', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='HEARING: HEARING\nMEETING: MEETING\nFILING: FILING\nEVIDENCE: EVIDENCE\nNEGOTIATION: NEGOTIATION\nOTHER: OTHER', enum_type=ProgressKind, max_length=12)),
                ('happened_on', fields.DateField()),
                ('hearing_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('note', fields.TextField(unique=False)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='progress_recorded', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'progress_entry', 'app': 'models', 'indexes': [Index(fields=['request_id', 'happened_on', 'id'])], 'pk_attr': 'id', 'table_description': 'What the assignee did or has set (Art. 46 ¶2), seen by the aided person.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='HardshipStandard',
            name='rural_monthly_income_per_capita',
            field=fields.DecimalField(null=True, max_digits=12, decimal_places=2),
        ),
        ops.RunPython(rural_amount_as_before, keep_rural_amount),
        AlterDescription(
            model_name='LegalAidRequest',
            name='status',
            field=fields.CharEnumField(default='SUBMITTED', description='SUBMITTED: SUBMITTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nASSIGNED: ASSIGNED\nCLOSED: CLOSED\nWITHDRAWN: WITHDRAWN\nINCOMPLETE: INCOMPLETE\nTERMINATED: TERMINATED', enum_type=LegalAidStatus, max_length=16),
        ),
        ops.AddField(
            model_name='LegalAidRequest',
            name='exemption_evidence',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='LegalAidRequest',
            name='exemption_grounds',
            field=fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='LegalAidRequest',
            name='hardship_area',
            field=fields.CharEnumField(default=HardshipArea.URBAN, description='URBAN: URBAN\nRURAL: RURAL', db_default='URBAN', enum_type=HardshipArea, max_length=8),
        ),
        ops.AddField(
            model_name='LegalAidRequest',
            name='life_or_death',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='LegalAidRequest',
            name='pledge',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        AlterDescription(
            model_name='LegalAidStatusChange',
            name='from_status',
            field=fields.CharEnumField(null=True, description='SUBMITTED: SUBMITTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nASSIGNED: ASSIGNED\nCLOSED: CLOSED\nWITHDRAWN: WITHDRAWN\nINCOMPLETE: INCOMPLETE\nTERMINATED: TERMINATED', enum_type=LegalAidStatus, max_length=16),
        ),
        AlterDescription(
            model_name='LegalAidStatusChange',
            name='to_status',
            field=fields.CharEnumField(description='SUBMITTED: SUBMITTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nASSIGNED: ASSIGNED\nCLOSED: CLOSED\nWITHDRAWN: WITHDRAWN\nINCOMPLETE: INCOMPLETE\nTERMINATED: TERMINATED', enum_type=LegalAidStatus, max_length=16),
        ),
    ]
