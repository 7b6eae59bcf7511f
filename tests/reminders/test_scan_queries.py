"""The reminder scan's cost does not grow with what is due: planning is one INSERT … SELECT
per source and local date, claiming one UPDATE … RETURNING, whatever the number of reminders."""

from __future__ import annotations

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from engagements import reminders, services
from engagements.models import ActionItem, ActionPlan, Reminder, User
from tests.reminders.conftest import in_days

BUDGET = 50


class Rollback(Exception):
    pass


def add_due_items(engagement, people, count: int) -> None:
    """`count` pending action items due over the coming week and the last few days, owned in turn."""
    plan = services.plan_for(engagement, ActionPlan.Kind.SESSIONS)
    ActionItem.objects.bulk_create(
        ActionItem(plan=plan, title=f"Item {n}", owner=people[n % len(people)], due_on=in_days(n % 12 - 4))
        for n in range(count)
    )


def scan_counting() -> tuple[int, int, int]:
    """One scan, undone afterwards: (queries, reminders planned, reminders claimed)."""
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            claims = reminders.scan_reminders(dispatch=lambda claim: None)
            planned = Reminder.objects.count()
            raise Rollback((len(queries), planned, sum(len(c.reminder_ids) for c in claims)))
    except Rollback as done:
        return done.args[0]


def test_the_scan_makes_as_many_queries_with_5000_due_as_with_500(clock, active, alice, carol, dave):
    # dave is a day behind carol (23:00 yesterday in Honolulu) and has each reminder on its own.
    dave.time_zone, dave.reminder_mode = "Pacific/Honolulu", User.ReminderMode.IMMEDIATE
    dave.save()
    add_due_items(active, [carol, dave], 500)
    scan_counting()  # the content types, read once per process
    few = scan_counting()

    add_due_items(active, [carol, dave], 4_500)
    many = scan_counting()

    (few_queries, few_planned, few_claimed), (many_queries, many_planned, many_claimed) = few, many
    assert few_planned > 500 and many_planned > 5_000  # the owner and the coach, per item
    assert few_claimed == few_planned and many_claimed == many_planned
    assert few_queries == many_queries <= BUDGET
