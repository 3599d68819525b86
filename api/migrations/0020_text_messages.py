from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import NotificationStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0019_resettlement_statistics')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PhoneCheck',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='phone_checks', on_delete=OnDelete.CASCADE)),
                ('phone', fields.CharField(max_length=20)),
                ('code_hash', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'phone_check', 'app': 'models', 'indexes': [Index(fields=['user_id', 'created_at'])], 'pk_attr': 'id', 'table_description': "A code sent by text to prove a number is the account's before notices go to it."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SmsMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('recipient', fields.ForeignKeyField('models.User', source_field='recipient_id', db_constraint=True, to_field='id', related_name='sms_messages', on_delete=OnDelete.CASCADE)),
                ('notification', fields.OneToOneField('models.Notification', source_field='notification_id', null=True, db_constraint=True, to_field='id', related_name='sms', on_delete=OnDelete.CASCADE)),
                ('purpose', fields.CharField(max_length=12)),
                ('phone', fields.CharField(max_length=20)),
                ('text', fields.CharField(max_length=200)),
                ('local_day', fields.CharField(max_length=10)),
                ('status', fields.CharEnumField(default='PENDING', description='PENDING: PENDING\nSENDING: SENDING\nSENT: SENT\nFAILED: FAILED\nNO_DEVICE: NO_DEVICE', enum_type=NotificationStatus, max_length=12)),
                ('attempts', fields.SmallIntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('not_before', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('claimed_by', fields.CharField(null=True, max_length=64)),
                ('claimed_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('provider_ref', fields.CharField(null=True, max_length=64)),
                ('last_error', fields.CharField(null=True, max_length=300)),
            ],
            options={'table': 'sms_message', 'app': 'models', 'indexes': [Index(fields=['status', 'next_attempt_at']), Index(fields=['recipient_id', 'local_day'])], 'pk_attr': 'id', 'table_description': 'One text to one phone, claimed and sent like a notice (workers/sms_dispatcher.py).'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='User',
            name='sms_phone',
            field=fields.CharField(null=True, max_length=20),
        ),
        ops.AddField(
            model_name='User',
            name='sms_phone_verified_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
