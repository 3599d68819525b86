from tortoise import migrations

from api.migration_ops import AlterDescription
from tortoise.migrations import operations as ops
from api.models.enums import DecidingBodyType, NoticeMethod, NoticeRecipient, ReleaseGround, RevocationKind, RulingDecision, SupervisionStatus, TerminationReason
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# Release, termination, revocation proposals and rulings (法 Art. 44-51), and
# RELEASED in the supervision status.
class Migration(migrations.Migration):
    dependencies = [('models', '0008_pending_intake')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RevocationProposal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='revocation_proposals', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='REVOKE_PROBATION: REVOKE_PROBATION\nREVOKE_PAROLE: REVOKE_PAROLE\nIMPRISONMENT: IMPRISONMENT', enum_type=RevocationKind, max_length=24)),
                ('facts', fields.TextField(unique=False)),
                ('deciding_body_type', fields.CharEnumField(description='COURT: COURT\nPRISON_ADMIN: PRISON_ADMIN\nPUBLIC_SECURITY: PUBLIC_SECURITY', enum_type=DecidingBodyType, max_length=16)),
                ('deciding_body', fields.CharField(max_length=100)),
                ('proposed_on', fields.DateField()),
                ('received_on', fields.DateField()),
                ('procuratorate_copied_on', fields.DateField(null=True)),
                ('proposed_by', fields.ForeignKeyField('models.User', source_field='proposed_by_id', db_constraint=True, to_field='id', related_name='revocation_proposals', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided', fields.BooleanField(default=False)),
            ],
            options={'table': 'revocation_proposal', 'app': 'models', 'indexes': [Index(fields=['person_id', 'id'])], 'pk_attr': 'id', 'table_description': "The office's proposal to revoke 缓刑/假释 (法 Art. 46 ¶3) or to 收监 a"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CourtRuling',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='court_rulings', on_delete=OnDelete.RESTRICT)),
                ('proposal', fields.ForeignKeyField('models.RevocationProposal', source_field='proposal_id', null=True, unique=True, db_constraint=True, to_field='id', related_name='ruling', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='REVOKE_PROBATION: REVOKE_PROBATION\nREVOKE_PAROLE: REVOKE_PAROLE\nIMPRISONMENT: IMPRISONMENT', enum_type=RevocationKind, max_length=24)),
                ('decision', fields.CharEnumField(description='REVOKE: REVOKE\nREFUSE: REFUSE', enum_type=RulingDecision, max_length=8)),
                ('deciding_body_type', fields.CharEnumField(description='COURT: COURT\nPRISON_ADMIN: PRISON_ADMIN\nPUBLIC_SECURITY: PUBLIC_SECURITY', enum_type=DecidingBodyType, max_length=16)),
                ('deciding_body', fields.CharField(max_length=100)),
                ('document_number', fields.CharField(max_length=64)),
                ('decided_on', fields.DateField()),
                ('overdue', fields.BooleanField(default=False)),
                ('note', fields.TextField(null=True, unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='recorded_rulings', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'court_ruling', 'app': 'models', 'indexes': [Index(fields=['person_id', 'id'])], 'pk_attr': 'id', 'table_description': "The deciding body's ruling or decision on revocation or 收监 (法 Art. 48-49),"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SupervisionEnd',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='supervision_end', on_delete=OnDelete.RESTRICT)),
                ('outcome', fields.CharEnumField(description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nRELEASED: RELEASED\nTERMINATED: TERMINATED\nREVOKED: REVOKED', enum_type=SupervisionStatus, max_length=16)),
                ('release_ground', fields.CharEnumField(null=True, description='TERM_ENDED: TERM_ENDED\nPARDON: PARDON\nCOURT_DECISION: COURT_DECISION', enum_type=ReleaseGround, max_length=16)),
                ('termination_reason', fields.CharEnumField(null=True, description='REVOCATION: REVOCATION\nIMPRISONMENT: IMPRISONMENT\nDEATH: DEATH', enum_type=TerminationReason, max_length=16)),
                ('ground_document', fields.CharField(null=True, max_length=100)),
                ('ended_on', fields.DateField()),
                ('certificate', fields.ForeignKeyField('models.Document', source_field='certificate_id', null=True, db_constraint=True, to_field='id', related_name='supervision_ends', on_delete=OnDelete.RESTRICT)),
                ('ruling', fields.ForeignKeyField('models.CourtRuling', source_field='ruling_id', null=True, db_constraint=True, to_field='id', related_name='supervision_ends', on_delete=OnDelete.RESTRICT)),
                ('note', fields.TextField(null=True, unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='recorded_ends', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'supervision_end', 'app': 'models', 'pk_attr': 'id', 'table_description': "How one person's supervision ended: released or terminated, once."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EndNotice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('end', fields.ForeignKeyField('models.SupervisionEnd', source_field='end_id', db_constraint=True, to_field='id', related_name='notices', on_delete=OnDelete.RESTRICT)),
                ('recipient', fields.CharEnumField(description='DECIDING_BODY: DECIDING_BODY\nPROCURATORATE: PROCURATORATE\nPOLICE: POLICE', enum_type=NoticeRecipient, max_length=16)),
                ('recipient_name', fields.CharField(max_length=100)),
                ('sent_on', fields.DateField()),
                ('method', fields.CharEnumField(description='DELIVERED: DELIVERED\nPOST: POST\nELECTRONIC: ELECTRONIC\nOTHER: OTHER', enum_type=NoticeMethod, max_length=16)),
            ],
            options={'table': 'end_notice', 'app': 'models', 'unique_together': (('end_id', 'recipient'),), 'pk_attr': 'id', 'table_description': 'One notice of a release or a death to the deciding body, the'},
            bases=['Model'],
        ),
        AlterDescription(
            model_name='SupervisedPerson',
            name='status',
            field=fields.CharEnumField(default='ACTIVE', description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nRELEASED: RELEASED\nTERMINATED: TERMINATED\nREVOKED: REVOKED', enum_type=SupervisionStatus, max_length=16),
        ),
    ]
