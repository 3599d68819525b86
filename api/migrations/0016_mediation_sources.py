from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.mediation_sources import CourtProcedure, DisputeSourceKind, ScreeningKind
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index
from datetime import date, datetime

from api.domain.common.periods import last_day, local_day
from api.domain.mediation.deadlines import UNSET_PERIOD_DAYS, UNSET_REMIND_AFTER_DAYS


async def sources_of_earlier_disputes(apps, schema_editor):
    """Disputes registered before sources were recorded came by application
    (registration required an applicant): each gets that source, and the
    month (人民调解工作若干规定 Art. 33, the defaults: no unit had set one yet)
    from its registration day."""
    client = schema_editor.client
    _, rows = await client.execute_query("SELECT id, registered_at FROM dispute")
    sqlite = client.capabilities.dialect == "sqlite"
    marks = ", ".join("?" if sqlite else f"${n}" for n in range(1, 6))
    for row in rows:
        at = row["registered_at"]
        at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        day = local_day(at)
        end = last_day(day, UNSET_PERIOD_DAYS)
        values = [row["id"], "APPLICATION", end, last_day(day, UNSET_REMIND_AFTER_DAYS), end]
        await client.execute_query(
            "INSERT INTO dispute_source (dispute_id, kind, normal_end_on, normal_remind_on, due_on)"
            f" VALUES ({marks})",
            [v.isoformat() if sqlite and isinstance(v, date) else v for v in values],
        )


async def drop_sources(apps, schema_editor):
    """The table goes with the migration's other operations: nothing to undo."""


class Migration(migrations.Migration):
    dependencies = [('models', '0015_mediation_agreements')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DeadlineExtension',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('dispute', fields.ForeignKeyField('models.Dispute', source_field='dispute_id', db_constraint=True, to_field='id', related_name='deadline_extensions', on_delete=OnDelete.CASCADE)),
                ('from_on', fields.DateField()),
                ('to_on', fields.DateField()),
                ('note', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='deadline_extensions', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'dispute_deadline_extension', 'app': 'models', 'indexes': [Index(fields=['dispute_id', 'recorded_at'])], 'pk_attr': 'id', 'table_description': "A court-referred case's period extended with both parties' consent (Art. 27)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DisputeRefusal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('dispute', fields.OneToOneField('models.Dispute', source_field='dispute_id', db_constraint=True, to_field='id', related_name='refusal', on_delete=OnDelete.CASCADE)),
                ('party_name', fields.CharField(max_length=50)),
                ('refused_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('note', fields.TextField(null=True, unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='dispute_refusals', on_delete=OnDelete.RESTRICT)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'dispute_refusal', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A party clearly refused mediation (人民调解法 Art. 17): it ends there.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MediationFailure',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('dispute', fields.OneToOneField('models.Dispute', source_field='dispute_id', db_constraint=True, to_field='id', related_name='failure', on_delete=OnDelete.CASCADE)),
                ('failed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('routes_told', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('note', fields.TextField(null=True, unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='mediation_failures', on_delete=OnDelete.RESTRICT)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'mediation_failure', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Mediation ended without agreement, and the routes the parties were told of (Art. 26).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MediationPeriodStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='mediation_periods', on_delete=OnDelete.CASCADE)),
                ('effective_from', fields.DateField()),
                ('period_days', fields.SmallIntField()),
                ('remind_after_days', fields.SmallIntField()),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='mediation_periods_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'mediation_period_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': 'How long a mediation normally takes and when the mediator is reminded:'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PoliceReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('dispute', fields.ForeignKeyField('models.Dispute', source_field='dispute_id', db_constraint=True, to_field='id', related_name='police_reports', on_delete=OnDelete.CASCADE)),
                ('reported_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('police_body', fields.CharField(max_length=100)),
                ('reference', fields.CharField(null=True, max_length=64)),
                ('note', fields.TextField(null=True, unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='police_reports', on_delete=OnDelete.RESTRICT)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'police_report', 'app': 'models', 'indexes': [Index(fields=['dispute_id', 'reported_at'])], 'pk_attr': 'id', 'table_description': 'A dispute likely to become a public-order or criminal case, reported (Art. 25).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ScreeningCampaign',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=100)),
                ('kind', fields.CharEnumField(description='CONCENTRATED: CONCENTRATED\nROUTINE: ROUTINE', enum_type=ScreeningKind, max_length=16)),
                ('focus', fields.TextField(unique=False)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('report_due_on', fields.DateField()),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='screening_campaigns', on_delete=OnDelete.RESTRICT)),
                ('started_by', fields.ForeignKeyField('models.User', source_field='started_by_id', db_constraint=True, to_field='id', related_name='screening_campaigns', on_delete=OnDelete.RESTRICT)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'screening_campaign', 'app': 'models', 'indexes': [Index(fields=['report_due_on'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ScreeningReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('campaign', fields.ForeignKeyField('models.ScreeningCampaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.CASCADE)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='screening_reports', on_delete=OnDelete.RESTRICT)),
                ('villages_covered', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('zero_report', fields.BooleanField()),
                ('note', fields.TextField(null=True, unique=False)),
                ('filed_by', fields.ForeignKeyField('models.User', source_field='filed_by_id', db_constraint=True, to_field='id', related_name='screening_reports', on_delete=OnDelete.RESTRICT)),
                ('filed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'screening_report', 'app': 'models', 'unique_together': (('campaign_id', 'org_unit_id'),), 'pk_attr': 'id', 'table_description': "A unit's findings in a campaign, or its zero report (零报告): one per unit."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DisputeSource',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('dispute', fields.OneToOneField('models.Dispute', source_field='dispute_id', db_constraint=True, to_field='id', related_name='source_record', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='APPLICATION: APPLICATION\nCOMMITTEE_INITIATIVE: COMMITTEE_INITIATIVE\nSCREENING: SCREENING\nCOURT_DELEGATED: COURT_DELEGATED\nCOURT_ENTRUSTED: COURT_ENTRUSTED\nPOLICE: POLICE\nPETITION_OFFICE: PETITION_OFFICE', enum_type=DisputeSourceKind, max_length=24)),
                ('referring_body', fields.CharField(null=True, max_length=100)),
                ('referring_reference', fields.CharField(null=True, max_length=64)),
                ('procedure', fields.CharEnumField(null=True, description='ORDINARY: ORDINARY\nSUMMARY: SUMMARY', enum_type=CourtProcedure, max_length=8)),
                ('received_on', fields.DateField(null=True)),
                ('court_due_on', fields.DateField(null=True)),
                ('normal_end_on', fields.DateField()),
                ('normal_remind_on', fields.DateField()),
                ('due_on', fields.DateField()),
                ('screening_report', fields.ForeignKeyField('models.ScreeningReport', source_field='screening_report_id', null=True, db_constraint=True, to_field='id', related_name='disputes_found', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'dispute_source', 'app': 'models', 'indexes': [Index(fields=['due_on']), Index(fields=['normal_remind_on']), Index(fields=['court_due_on'])], 'pk_attr': 'id', 'table_description': 'One per dispute: its source, the referring body, and its deadlines as days.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ScreeningUnit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('models.ScreeningCampaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='units', on_delete=OnDelete.CASCADE)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='screening_units', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'screening_unit', 'app': 'models', 'unique_together': (('campaign_id', 'org_unit_id'),), 'indexes': [Index(fields=['org_unit_id', 'campaign_id'])], 'pk_attr': 'id', 'table_description': 'A unit asked to report in a campaign.'},
            bases=['Model'],
        ),
        ops.RunPython(sources_of_earlier_disputes, drop_sources),
    ]
