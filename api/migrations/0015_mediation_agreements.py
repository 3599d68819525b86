from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.agreements import AgreementForm, ConfirmationStatus, SignatureMethod, SignerKind, StatusMatter
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

# Mediation agreements (人民调解法 Art. 28-33): the agreement with its judicial
# confirmation, its terms and their performance, and its signatures.
class Migration(migrations.Migration):
    dependencies = [('models', '0014_checkin_photos')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MediationAgreement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('dispute', fields.OneToOneField('models.Dispute', source_field='dispute_id', db_constraint=True, to_field='id', related_name='agreement', on_delete=OnDelete.RESTRICT)),
                ('form', fields.CharEnumField(description='WRITTEN: WRITTEN\nORAL: ORAL', enum_type=AgreementForm, max_length=8)),
                ('status_matter', fields.CharEnumField(null=True, description='IDENTITY: IDENTITY\nADOPTION: ADOPTION\nMARRIAGE: MARRIAGE', enum_type=StatusMatter, max_length=16)),
                ('parties', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('facts', fields.TextField(unique=False)),
                ('responsibilities', fields.TextField(unique=False)),
                ('agreed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('sealed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('effective_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('effective_on', fields.DateField(null=True)),
                ('confirmation_due_on', fields.DateField(null=True)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='agreements_recorded', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('document', fields.ForeignKeyField('models.Document', source_field='document_id', null=True, db_constraint=True, to_field='id', related_name='agreements', on_delete=OnDelete.RESTRICT)),
                ('confirmation_status', fields.CharEnumField(null=True, description='APPLIED: APPLIED\nACCEPTED: ACCEPTED\nNOT_ACCEPTED: NOT_ACCEPTED\nCONFIRMED: CONFIRMED\nNOT_CONFIRMED: NOT_CONFIRMED', enum_type=ConfirmationStatus, max_length=16)),
                ('confirmation_court', fields.CharField(null=True, max_length=100)),
                ('confirmation_applied_on', fields.DateField(null=True)),
                ('confirmation_accepted_on', fields.DateField(null=True)),
                ('confirmation_extended', fields.BooleanField(default=False)),
                ('confirmation_ruled_on', fields.DateField(null=True)),
                ('confirmation_case_number', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'mediation_agreement', 'app': 'models', 'indexes': [Index(fields=['recorded_at', 'id']), Index(fields=['confirmation_due_on', 'confirmation_status'])], 'pk_attr': 'id', 'table_description': 'One agreement per dispute. Its effective moment is computed from the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AgreementSignature',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('agreement', fields.ForeignKeyField('models.MediationAgreement', source_field='agreement_id', db_constraint=True, to_field='id', related_name='signatures', on_delete=OnDelete.CASCADE)),
                ('slot', fields.CharField(max_length=16)),
                ('signer_kind', fields.CharEnumField(description='PARTY: PARTY\nMEDIATOR: MEDIATOR', enum_type=SignerKind, max_length=8)),
                ('signer_name', fields.CharField(max_length=50)),
                ('method', fields.CharEnumField(description='SIGNATURE: SIGNATURE\nFINGERPRINT: FINGERPRINT', enum_type=SignatureMethod, max_length=12)),
                ('image', fields.BinaryField()),
                ('image_type', fields.CharField(max_length=16)),
                ('signed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='signatures_recorded', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'agreement_signature', 'app': 'models', 'unique_together': (('agreement_id', 'slot'),), 'pk_attr': 'id', 'table_description': "A party's or the mediator's signature, as it happened, sent from the device."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AgreementTerm',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agreement', fields.ForeignKeyField('models.MediationAgreement', source_field='agreement_id', db_constraint=True, to_field='id', related_name='terms', on_delete=OnDelete.CASCADE)),
                ('position', fields.SmallIntField()),
                ('obligor', fields.CharField(max_length=50)),
                ('content', fields.TextField(unique=False)),
                ('way', fields.CharField(max_length=200)),
                ('due_on', fields.DateField()),
                ('performed_on', fields.DateField(null=True)),
                ('performed_note', fields.TextField(null=True, unique=False)),
                ('performed_by', fields.ForeignKeyField('models.User', source_field='performed_by_id', null=True, db_constraint=True, to_field='id', related_name='terms_marked', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'agreement_term', 'app': 'models', 'unique_together': (('agreement_id', 'position'),), 'indexes': [Index(fields=['due_on', 'performed_on'])], 'pk_attr': 'id', 'table_description': 'One thing a party undertakes (人民调解法 Art. 29 (三)): what, how, by when.'},
            bases=['Model'],
        ),
    ]
