"""The progress check-ins recorded before milestone updates had a day and a status of their
own: each takes its check-in's day, and the status its progress meant. A migration of its
own, so it holds no schema lock while it runs."""

from django.db import migrations
from django.db.models import Case, OuterRef, Subquery, Value, When


def date_and_status(apps, schema_editor) -> None:
    MilestoneUpdate = apps.get_model("mpc", "MilestoneUpdate")
    CheckIn = apps.get_model("mpc", "CheckIn")
    held_on = CheckIn.objects.filter(pk=OuterRef("check_in_id")).values("held_on")[:1]
    MilestoneUpdate.objects.filter(check_in__isnull=False, status="").update(
        recorded_on=Subquery(held_on),
        status=Case(
            When(progress=100, then=Value("reached")),
            When(progress__gt=0, then=Value("in_progress")),
            default=Value("pending"),
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("mpc", "0004_method_as_described")]

    operations = [migrations.RunPython(date_and_status, migrations.RunPython.noop)]
