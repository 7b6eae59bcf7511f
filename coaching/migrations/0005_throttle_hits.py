from django.db import migrations, models


class Migration(migrations.Migration):
    """Rate limits count requests per hashed key (the password reset's, coaching/limits.py)."""

    dependencies = [
        ('coaching', '0004_api_tokens'),
    ]

    operations = [
        migrations.CreateModel(
            name='ThrottleHit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(max_length=40)),
                ('key_digest', models.CharField(max_length=64)),
                ('at', models.DateTimeField()),
            ],
            options={
                'indexes': [models.Index(fields=['scope', 'key_digest', 'at'], name='coaching_th_scope_dfc87b_idx')],
            },
        ),
    ]
