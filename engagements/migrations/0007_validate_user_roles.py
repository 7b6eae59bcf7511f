"""The role check that 0006 added NOT VALID now checks the users who existed before it,
holding no lock that stops reads or writes (PostgreSQL; elsewhere 0006 checked them)."""

from django.db import migrations

from kit.operations import ValidateCheck


class Migration(migrations.Migration):

    dependencies = [
        ("engagements", "0006_sponsors_reports_progress"),
    ]

    operations = [
        ValidateCheck(model_name="user", name="user_role_with_sponsor_valid"),
    ]
