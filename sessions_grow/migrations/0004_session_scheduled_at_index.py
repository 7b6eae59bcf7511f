from django.db import migrations, models

from kit.operations import AddIndexQuietly


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY runs outside a transaction: sessions are written meanwhile.
    atomic = False

    dependencies = [
        ("sessions_grow", "0003_session_invitation_sequence"),
    ]

    operations = [
        AddIndexQuietly(
            model_name="coachingsession",
            index=models.Index(fields=["scheduled_at"], name="coaching_session_scheduled_at"),
        ),
    ]
