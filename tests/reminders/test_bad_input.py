"""Bad input is skipped, recorded or dropped — never crashed on, never lost."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from engagements import reminders, services
from engagements.models import ActionItem, Reminder
from tests.reminders.conftest import add_action, emails_to, in_days


def test_an_item_without_owner_is_skipped_and_logged(clock, scan, caplog, active, alice):
    item = add_action(active, alice, title="Someone should call Sam", owner=None, due_on=in_days(1))

    with caplog.at_level(logging.INFO, logger="engagements.reminders"):
        scan()

    assert not Reminder.objects.exists() and mail.outbox == []
    assert f"reminder skipped: engagements.actionitem {item.pk} has no owner" in caplog.text


def test_an_item_without_due_date_is_never_reminded(clock, scan, active, alice, carol):
    add_action(active, alice, title="Some day", owner=carol, due_on=None)

    scan()
    clock.shift(timedelta(days=8))
    scan()

    assert not Reminder.objects.exists() and mail.outbox == []


def test_an_undeliverable_address_is_recorded_with_the_reason_and_retried_a_bounded_number_of_times(
    clock, scan, settings, bouncing, active, alice, carol
):
    settings.REMINDER_MAX_ATTEMPTS = 3
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    scan()
    after_first = Reminder.objects.get(recipient=carol)
    for _ in range(5):
        clock.shift(reminders.lease() + timedelta(minutes=1))
        scan()

    assert (after_first.status, after_first.attempts) == ("pending", 1)
    assert "SMTPRecipientsRefused" in after_first.last_error and "mailbox unavailable" in after_first.last_error
    final = Reminder.objects.get(recipient=carol)
    assert (final.status, final.attempts) == ("failed", 3)
    assert "mailbox unavailable" in final.last_error
    assert emails_to(carol) == [] and len(emails_to(alice)) == 1


def test_a_retry_that_succeeds_is_sent_once(clock, scan, monkeypatch, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    send = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(OSError("timed out")))
    scan()
    monkeypatch.setattr(EmailBackend, "send_messages", send)

    clock.shift(reminders.lease() + timedelta(minutes=1))
    scan()
    scan()

    assert len(emails_to(carol)) == 1
    assert Reminder.objects.get(recipient=carol).status == "sent"


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda item, by: item.delete(), "subject deleted, done or no longer pending"),
        (lambda item, by: services.update_action_progress(item=item, status="done", by=by), "subject deleted, done or no longer pending"),
        (lambda item, by: services.update_action_progress(item=item, status="dropped", by=by), "subject deleted, done or no longer pending"),
        (lambda item, by: ActionItem.objects.filter(pk=item.pk).update(due_on=in_days(5)), "due date moved"),
    ],
    ids=["deleted", "done", "dropped", "moved"],
)
def test_a_claimed_reminder_whose_item_changed_is_dropped(clock, active, alice, carol, change, reason):
    item = add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    claims = reminders.scan_reminders(dispatch=lambda claim: None)
    change(item, alice)

    for claim in claims:
        reminders.send_reminder_batch(recipient_id=claim.recipient_id, reminder_ids=claim.reminder_ids, claim=claim.token)

    assert mail.outbox == []
    assert set(Reminder.objects.values_list("status", "last_error")) == {("dropped", reason)}


def test_a_moved_due_date_is_reminded_for_its_new_date(clock, scan, active, alice, carol):
    item = add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    scan()
    ActionItem.objects.filter(pk=item.pk).update(due_on=in_days(3))

    clock.shift(timedelta(days=2))
    scan()

    first, second = emails_to(carol)
    assert "Wed 11 Mar" in first.body and "Fri 13 Mar" in second.body


def test_an_unknown_time_zone_falls_back_to_the_practices(clock, scan, active, alice, carol):
    carol.time_zone = "Mars/Olympus_Mons"
    carol.save()
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    scan()

    assert len(emails_to(carol)) == 1


def test_a_line_break_stored_in_a_title_still_makes_a_one_line_subject(clock, scan, active, alice, carol):
    item = add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    ActionItem.objects.filter(pk=item.pk).update(title="Book\r\none-to-ones")  # stored before titles were one-line

    scan()

    (email,) = emails_to(carol)
    assert email.subject.startswith("Tandem: Book  one-to-ones")
    assert Reminder.objects.get(recipient=carol).status == "sent"


def test_a_row_that_cannot_be_sent_is_recorded_and_the_batch_goes_on(clock, scan, active, bobs, alice, bob, carol, dave):
    from engagements.models import User

    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    add_action(bobs, bob, title="Call the supplier", owner=dave, due_on=in_days(1))
    User.objects.filter(pk=dave.pk).update(email="dave@example.com\nBcc: everyone@example.com")

    scan()

    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1 and len(emails_to(bob)) == 1
    failed = Reminder.objects.get(recipient=dave)
    assert (failed.status, failed.attempts) == ("pending", 1) and "ValueError" in failed.last_error
