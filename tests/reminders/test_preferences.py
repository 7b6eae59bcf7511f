"""Each person chooses: a daily digest (the default), each reminder at once, or none."""

from django.core import mail

from engagements.models import Reminder, User
from tests.reminders.conftest import add_action, emails_to, in_days


def test_immediate_sends_each_reminder_on_its_own(clock, scan, active, alice, carol):
    carol.reminder_mode = User.ReminderMode.IMMEDIATE
    carol.save()
    add_action(active, alice, title="Hand over the sales section", owner=carol, due_on=in_days(1))
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(7))

    scan()

    subjects = sorted(m.subject for m in emails_to(carol))
    assert subjects == [
        "Tandem: Book one-to-ones — due in 7 days (Tue 17 Mar 2026)",
        "Tandem: Hand over the sales section — due tomorrow (Wed 11 Mar 2026)",
    ]


def test_immediate_does_not_wait_for_the_digest_hour(clock, scan, settings, active, alice, carol):
    settings.REMINDER_DIGEST_HOUR = 23
    carol.reminder_mode = User.ReminderMode.IMMEDIATE
    carol.save()
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    scan()

    assert len(emails_to(carol)) == 1
    assert emails_to(alice) == []  # alice keeps the digest, due at 23:00


def test_off_sends_nothing_and_drops_the_reminders(clock, scan, active, alice, carol):
    carol.reminder_mode = User.ReminderMode.OFF
    carol.save()
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    scan()
    scan()

    assert emails_to(carol) == []
    assert list(Reminder.objects.filter(recipient=carol).values_list("status", "last_error")) == [
        ("dropped", "reminder emails turned off")
    ]
    assert len(emails_to(alice)) == 1


def test_turning_reminders_off_after_a_claim_still_sends_nothing(clock, active, alice, carol):
    from engagements import reminders

    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    (claim, *_) = [c for c in reminders.scan_reminders(dispatch=lambda c: None) if c.recipient_id == carol.pk]
    carol.reminder_mode = User.ReminderMode.OFF
    carol.save()

    sent = reminders.send_reminder_batch(recipient_id=carol.pk, reminder_ids=claim.reminder_ids, claim=claim.token)

    assert sent is None and mail.outbox == []
    assert Reminder.objects.get(recipient=carol).status == "dropped"
