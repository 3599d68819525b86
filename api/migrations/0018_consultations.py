from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.consultations import ConsultationCategory, ConsultationChannel, ReferralTarget
from api.models.enums import LegalAidMatter
from api.models.legal_aid_closing import FileGrade, SubsidyCaseType, SubsidyStage, SubsidyStatus
from api.models.legal_aid_referrals import ConfirmationMethod, ReferralSource, ReferralStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0017_aid_procedure')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CaseClosing',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.OneToOneField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='closing', on_delete=OnDelete.CASCADE)),
                ('org_unit_id', fields.IntField()),
                ('assignee_id', fields.IntField(null=True)),
                ('ended_on', fields.DateField()),
                ('end_note', fields.TextField(unique=False)),
                ('end_recorded_by', fields.ForeignKeyField('models.User', source_field='end_recorded_by_id', db_constraint=True, to_field='id', related_name='case_ends_recorded', on_delete=OnDelete.RESTRICT)),
                ('end_recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('materials_due_on', fields.DateField()),
                ('materials_submitted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('materials_submitted_on', fields.DateField(null=True)),
                ('materials_late', fields.BooleanField(null=True)),
                ('materials_note', fields.TextField(null=True, unique=False)),
                ('materials_by', fields.ForeignKeyField('models.User', source_field='materials_by_id', null=True, db_constraint=True, to_field='id', related_name='closing_materials', on_delete=OnDelete.SET_NULL)),
                ('subsidy_status', fields.CharEnumField(null=True, description='COMPUTED: COMPUTED\nAPPROVED: APPROVED\nPAID: PAID', enum_type=SubsidyStatus, max_length=12)),
                ('subsidy_case_type', fields.CharEnumField(null=True, description='CRIMINAL: CRIMINAL\nCIVIL: CIVIL\nADMINISTRATIVE: ADMINISTRATIVE\nSTATE_COMPENSATION: STATE_COMPENSATION\nNON_LITIGATION: NON_LITIGATION', enum_type=SubsidyCaseType, max_length=20)),
                ('subsidy_stage', fields.CharEnumField(null=True, description='INVESTIGATION: INVESTIGATION\nPROSECUTION: PROSECUTION\nFIRST_INSTANCE: FIRST_INSTANCE\nSECOND_INSTANCE: SECOND_INSTANCE\nRETRIAL: RETRIAL\nARBITRATION: ARBITRATION\nMEDIATION: MEDIATION\nNON_LITIGATION: NON_LITIGATION', enum_type=SubsidyStage, max_length=16)),
                ('subsidy_amount', fields.DecimalField(null=True, max_digits=12, decimal_places=2)),
                ('subsidy_standard_id', fields.IntField(null=True)),
                ('subsidy_table_from', fields.DateField(null=True)),
                ('subsidy_computed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('subsidy_approved_by_id', fields.IntField(null=True)),
                ('subsidy_approved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('subsidy_paid_by_id', fields.IntField(null=True)),
                ('subsidy_paid_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('subsidy_payment_reference', fields.CharField(null=True, max_length=60)),
            ],
            options={'table': 'case_closing', 'app': 'models', 'indexes': [Index(fields=['org_unit_id', 'materials_submitted_at', 'materials_due_on']), Index(fields=['assignee_id', 'materials_submitted_at'])], 'pk_attr': 'id', 'table_description': "One aided case's end: when it ended, the materials, the subsidy."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ClosingPeriodStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='closing_periods', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('days', fields.SmallIntField()),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='closing_periods_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'closing_period_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': 'Days after the case ended by which the closing materials are due. The'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Consultation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('channel', fields.CharEnumField(description='WALK_IN: WALK_IN\nPHONE: PHONE\nONLINE: ONLINE', enum_type=ConsultationChannel, max_length=8)),
                ('category', fields.CharEnumField(description='MARRIAGE_FAMILY: MARRIAGE_FAMILY\nLABOR: LABOR\nLAND_PROPERTY: LAND_PROPERTY\nCONTRACT_DEBT: CONTRACT_DEBT\nPERSONAL_INJURY: PERSONAL_INJURY\nTRAFFIC: TRAFFIC\nSOCIAL_SECURITY: SOCIAL_SECURITY\nCRIMINAL: CRIMINAL\nADMINISTRATIVE: ADMINISTRATIVE\nOTHER: OTHER', enum_type=ConsultationCategory, max_length=16)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('asker', fields.ForeignKeyField('models.User', source_field='asker_id', null=True, db_constraint=True, to_field='id', related_name='consultations_asked', on_delete=OnDelete.SET_NULL)),
                ('asker_name', fields.CharField(null=True, max_length=50)),
                ('asker_phone', fields.CharField(null=True, max_length=20)),
                ('question', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='consultations_recorded', on_delete=OnDelete.RESTRICT)),
                ('asked_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('answer', fields.TextField(null=True, unique=False)),
                ('answered_by', fields.ForeignKeyField('models.User', source_field='answered_by_id', null=True, db_constraint=True, to_field='id', related_name='consultations_answered', on_delete=OnDelete.SET_NULL)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('referred_to', fields.CharEnumField(null=True, description='MEDIATION: MEDIATION\nLEGAL_AID: LEGAL_AID\nOTHER_BODY: OTHER_BODY', enum_type=ReferralTarget, max_length=12)),
                ('referred_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('referred_by', fields.ForeignKeyField('models.User', source_field='referred_by_id', null=True, db_constraint=True, to_field='id', related_name='consultations_referred', on_delete=OnDelete.SET_NULL)),
                ('referral_body', fields.CharField(null=True, max_length=100)),
                ('referral_dispute', fields.ForeignKeyField('models.Dispute', source_field='referral_dispute_id', null=True, db_constraint=True, to_field='id', related_name='from_consultations', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'consultation', 'app': 'models', 'indexes': [Index(fields=['org_unit_id', 'asked_at', 'id']), Index(fields=['asker_id', 'asked_at', 'id']), Index(fields=['org_unit_id', 'category'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FileReview',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='file_reviews', on_delete=OnDelete.CASCADE)),
                ('org_unit_id', fields.IntField()),
                ('assignee_id', fields.IntField(null=True)),
                ('reviewed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('reviewed_by', fields.ForeignKeyField('models.User', source_field='reviewed_by_id', db_constraint=True, to_field='id', related_name='file_reviews_made', on_delete=OnDelete.RESTRICT)),
                ('grade', fields.CharEnumField(description='EXCELLENT: EXCELLENT\nGOOD: GOOD\nSATISFACTORY: SATISFACTORY\nFAIL: FAIL', enum_type=FileGrade, max_length=12)),
                ('note', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'file_review', 'app': 'models', 'indexes': [Index(fields=['request_id', 'reviewed_at', 'id']), Index(fields=['assignee_id', 'reviewed_at'])], 'pk_attr': 'id', 'table_description': '案卷检查 (Art. 59): staff review the closed file and grade it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LegalAidReferral',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('source', fields.CharEnumField(description='CORRECTIONS: CORRECTIONS\nMEDIATION: MEDIATION\nCONSULTATION: CONSULTATION', enum_type=ReferralSource, max_length=12)),
                ('source_id', fields.IntField()),
                ('referred_by', fields.ForeignKeyField('models.User', source_field='referred_by_id', db_constraint=True, to_field='id', related_name='legal_aid_referrals_made', on_delete=OnDelete.RESTRICT)),
                ('referred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='legal_aid_referrals', on_delete=OnDelete.RESTRICT)),
                ('person_account', fields.ForeignKeyField('models.User', source_field='person_account_id', null=True, db_constraint=True, to_field='id', related_name='legal_aid_referrals', on_delete=OnDelete.SET_NULL)),
                ('person_name', fields.CharField(max_length=50)),
                ('person_phone', fields.CharField(max_length=20)),
                ('person_id_number', fields.CharField(null=True, max_length=18)),
                ('matter', fields.CharEnumField(description='WAGE_ARREARS: WAGE_ARREARS\nWORK_INJURY: WORK_INJURY\nSOCIAL_INSURANCE: SOCIAL_INSURANCE\nFAMILY_SUPPORT: FAMILY_SUPPORT\nMARRIAGE_FAMILY: MARRIAGE_FAMILY\nDOMESTIC_VIOLENCE: DOMESTIC_VIOLENCE\nPERSONAL_INJURY: PERSONAL_INJURY\nSTATE_COMPENSATION: STATE_COMPENSATION\nCRIMINAL_DEFENSE: CRIMINAL_DEFENSE\nADMINISTRATIVE: ADMINISTRATIVE\nOTHER_CIVIL: OTHER_CIVIL', enum_type=LegalAidMatter, max_length=24)),
                ('special_groups', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('description', fields.TextField(unique=False)),
                ('household_size', fields.SmallIntField()),
                ('monthly_household_income', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('limitation_deadline', fields.DateField(null=True)),
                ('status', fields.CharEnumField(description='AWAITING_CONFIRMATION: AWAITING_CONFIRMATION\nCONFIRMED: CONFIRMED\nDECLINED: DECLINED', enum_type=ReferralStatus, max_length=24)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('answered_by', fields.ForeignKeyField('models.User', source_field='answered_by_id', null=True, db_constraint=True, to_field='id', related_name='legal_aid_referrals_answered', on_delete=OnDelete.SET_NULL)),
                ('method', fields.CharEnumField(null=True, description='IN_APP: IN_APP\nSIGNED_PAPER: SIGNED_PAPER', enum_type=ConfirmationMethod, max_length=12)),
                ('note', fields.TextField(null=True, unique=False)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', null=True, db_constraint=True, to_field='id', related_name='referrals', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'legal_aid_referral', 'app': 'models', 'indexes': [Index(fields=['org_unit_id', 'status', 'referred_at']), Index(fields=['person_account_id', 'referred_at']), Index(fields=['referred_by_id', 'referred_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReturnCall',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('models.LegalAidRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='return_calls', on_delete=OnDelete.CASCADE)),
                ('org_unit_id', fields.IntField()),
                ('assignee_id', fields.IntField(null=True)),
                ('called_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('called_by', fields.ForeignKeyField('models.User', source_field='called_by_id', db_constraint=True, to_field='id', related_name='return_calls_made', on_delete=OnDelete.RESTRICT)),
                ('reached', fields.BooleanField()),
                ('satisfaction', fields.SmallIntField(null=True)),
                ('note', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'return_call', 'app': 'models', 'indexes': [Index(fields=['request_id', 'called_at', 'id']), Index(fields=['assignee_id', 'called_at'])], 'pk_attr': 'id', 'table_description': '回访受援人 (Art. 59): after closing, with a satisfaction score when reached.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SubsidyStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='subsidy_standards', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('amounts', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='subsidy_standards_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'subsidy_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': "The province's subsidy table from a date (Art. 52: set by the provincial"},
            bases=['Model'],
        ),
    ]
