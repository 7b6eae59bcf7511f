"""By default each person gets at most one email a day: a digest of all their items, sent at
or after the digest hour of their own time zone."""

from datetime import UTC, datetime, time, timedelta

from django.core import mail

from engagements.models import Reminder
from tests.reminders.conftest import TODAY, add_action, emails_to, in_days


def test_the_digest_gathers_every_item_of_a_person_into_one_email(clock, scan, active, bobs, alice, bob, carol, dave):
    add_action(active, alice, title="Hand over the sales section", owner=carol, due_on=in_days(1))
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(7))
    add_action(active, alice, title="Ask for feedback", owner=carol, due_on=in_days(-2))
    add_action(bobs, bob, title="Write the decision down", owner=dave, due_on=in_days(1))

    scan()

    (digest,) = emails_to(carol)
    assert digest.subject == "Tandem: 3 items due soon (1 overdue)"
    overdue, coming = digest.body.split("Coming due")
    assert "Ask for feedback" in overdue
    assert coming.index("Hand over the sales section") < coming.index("Book one-to-ones")
    assert "Write the decision down" not in digest.body
    assert len(emails_to(alice)) == 1 and len(emails_to(dave)) == 1 and len(emails_to(bob)) == 1


def test_the_digest_waits_for_the_digest_hour(clock, scan, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    clock.move_to(datetime.combine(TODAY, time(7, 59), tzinfo=UTC))

    scan()
    early = len(mail.outbox)
    clock.move_to(datetime.combine(TODAY, time(8, 0), tzinfo=UTC))
    scan()

    assert early == 0
    assert len(emails_to(carol)) == 1


def test_the_digest_hour_is_the_persons_own(clock, scan, active, alice, carol):
    carol.time_zone = "America/New_York"  # 09:00 UTC is 05:00 there (EDT starts 8 March)
    carol.save()
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(2))

    scan()
    before = len(emails_to(carol))
    clock.move_to(datetime.combine(TODAY, time(12, 0), tzinfo=UTC))  # 08:00 in New York
    scan()

    assert before == 0
    assert len(emails_to(carol)) == 1


def test_at_most_one_digest_a_day_then_the_next_day_the_next(clock, scan, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(5))
    scan()
    add_action(active, alice, title="Call Sam", owner=carol, due_on=in_days(1))

    clock.shift(timedelta(hours=10))  # 19:00, same day
    scan()
    same_day = len(emails_to(carol))
    clock.move_to(datetime.combine(in_days(1), time(8, 30), tzinfo=UTC))
    scan()

    assert same_day == 1
    first, second = emails_to(carol)
    assert "Book one-to-ones" in first.body and "Call Sam" not in first.body
    assert "Call Sam" in second.body
    assert not Reminder.objects.filter(recipient=carol, status="pending").exists()


def test_tomorrow_is_read_in_the_recipients_time_zone(clock, scan, active, alice, carol):
    # 12:00 UTC on 10 March is 01:00 on 11 March in Auckland (UTC+13): an item due on
    # 12 March is due "tomorrow" for carol there, and in two days for alice (UTC).
    clock.move_to(datetime.combine(TODAY, time(12, 0), tzinfo=UTC))
    carol.time_zone, carol.reminder_mode = "Pacific/Auckland", "immediate"
    carol.save()
    alice.reminder_mode = "immediate"
    alice.save()
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(2))

    scan()

    (to_carol,) = emails_to(carol)
    (to_alice,) = emails_to(alice)
    assert "due tomorrow (Thu 12 Mar 2026)" in to_carol.body
    assert "due in 2 days (Thu 12 Mar 2026)" in to_alice.body
    assert Reminder.objects.get(recipient=carol).lead_days == 1
    assert Reminder.objects.get(recipient=alice).lead_days == 7
