"""Which reminders a scan plans: lead times, overdue, and who is reminded."""

from datetime import UTC, datetime, time, timedelta

from engagements import reminders, services
from engagements.models import Engagement, Reminder
from tests.reminders.conftest import TODAY, add_action, in_days, statuses


def test_item_due_in_seven_days_reminds_its_owner_and_its_coach(clock, active, alice, carol):
    item = add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(7))

    reminders.plan_reminders()

    assert statuses(object_id=item.pk) == [("alice", "due", 7, "pending"), ("carol", "due", 7, "pending")]


def test_item_added_late_gets_only_its_most_urgent_reminder(clock, active, alice, carol):
    item = add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(3))

    reminders.plan_reminders()
    clock.move_to(datetime.combine(in_days(2), time(9), tzinfo=UTC))
    reminders.plan_reminders()

    assert statuses(object_id=item.pk, recipient=carol) == [("carol", "due", 1, "pending"), ("carol", "due", 7, "pending")]


def test_an_item_owned_by_the_coach_reminds_one_person(clock, active, alice):
    item = add_action(active, alice, title="Send the article", owner=alice, due_on=in_days(1))

    reminders.plan_reminders()

    assert statuses(object_id=item.pk) == [("alice", "due", 1, "pending")]


def test_an_overdue_item_gets_one_overdue_reminder_however_often_we_scan(clock, active, alice, carol):
    item = add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=TODAY)
    clock.move_to(datetime.combine(in_days(1), time(9), tzinfo=UTC))

    for _ in range(3):
        reminders.plan_reminders()
        clock.shift(timedelta(days=1))

    assert statuses(object_id=item.pk, kind="overdue") == [("alice", "overdue", 0, "pending"), ("carol", "overdue", 0, "pending")]


def test_planning_twice_creates_nothing_new(clock, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    first = reminders.plan_reminders()
    second = reminders.plan_reminders()

    assert (first, second, Reminder.objects.count()) == (2, 0, 2)


def test_a_paused_engagement_reminds_no_one(clock, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    services.transition_engagement(engagement=active, to=Engagement.State.PAUSED, by=alice)

    reminders.plan_reminders()

    assert not Reminder.objects.exists()


def test_lead_times_come_from_the_settings(clock, settings, active, alice, carol):
    settings.REMINDER_LEAD_DAYS = (14, 3)
    seven = add_action(active, alice, title="In a week", owner=carol, due_on=in_days(7))
    three = add_action(active, alice, title="In three days", owner=carol, due_on=in_days(3))

    reminders.plan_reminders()

    assert statuses(object_id=seven.pk, recipient=carol) == [("carol", "due", 14, "pending")]
    assert statuses(object_id=three.pk, recipient=carol) == [("carol", "due", 3, "pending")]


def test_something_not_due_yet_is_not_planned(clock, active, alice, carol):
    add_action(active, alice, title="Next month", owner=carol, due_on=in_days(30))

    reminders.plan_reminders()

    assert not Reminder.objects.exists()
