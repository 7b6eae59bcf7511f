from django.db import migrations


class Migration(migrations.Migration):
    """The double-submit tokens now live in kit (kit 0001 makes their new table)."""

    dependencies = [
        ("coaching", "0001_initial"),
        ("kit", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="SubmissionToken"),
    ]
