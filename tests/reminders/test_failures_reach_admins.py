"""A reminder that failed its last attempt is reported to the practice admins by email, once
per failed reminder, without the item's title; a notice that could not go out is tried again."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from coaching import tasks
from coaching.models import FailedReminderReport
from engagements import reminders
from engagements.models import Reminder
from tests.factories import UserFactory
from tests.reminders.conftest import add_action, emails_to, in_days

TITLE = "Book one-to-ones with the finance team"


@pytest.fixture
def failed_for_good(clock, scan, settings, bouncing, active, alice, carol) -> Reminder:
    """carol's reminder, refused by the mail server on each of its REMINDER_MAX_ATTEMPTS (2)."""
    settings.REMINDER_MAX_ATTEMPTS = 2
    add_action(active, alice, title=TITLE, owner=carol, due_on=in_days(1))
    scan()
    clock.shift(reminders.lease() + timedelta(minutes=1))
    scan()
    reminder = Reminder.objects.get(recipient=carol)
    assert reminder.status == "failed"
    return reminder


def test_a_failed_reminder_is_emailed_to_the_admins_once(failed_for_good, ada, carol):
    reported = tasks.report_failed_reminders.run()
    again = tasks.report_failed_reminders.run()

    assert (reported, again) == (1, 0)
    (notice,) = emails_to(ada)
    assert notice.subject == "Tandem: 1 reminder could not be sent"
    assert f"for {carol} <carol@example.com>" in notice.body
    assert "SMTPRecipientsRefused" in notice.body and "mailbox unavailable" in notice.body
    assert "/admin/engagements/reminder/?status__exact=failed" in notice.body
    assert TITLE not in notice.body  # emails carry no coaching content


def test_a_reminder_still_being_retried_is_not_reported(clock, scan, settings, bouncing, ada, active, alice, carol):
    settings.REMINDER_MAX_ATTEMPTS = 2
    add_action(active, alice, title=TITLE, owner=carol, due_on=in_days(1))
    scan()

    reported = tasks.report_failed_reminders.run()

    assert reported == 0 and emails_to(ada) == []
    assert Reminder.objects.get(recipient=carol).status == "pending"


def test_with_no_admin_to_tell_the_report_waits_for_one(failed_for_good, ada):
    ada.is_active = False
    ada.save(update_fields=["is_active"])

    assert tasks.report_failed_reminders.run() == 0
    assert not FailedReminderReport.objects.exists()

    grace = UserFactory(username="grace", role="admin")
    assert tasks.report_failed_reminders.run() == 1
    assert len(emails_to(grace)) == 1 and emails_to(ada) == []


def test_a_notice_the_mail_server_refused_is_sent_at_the_next_run(failed_for_good, ada, monkeypatch):
    send = EmailBackend.send_messages

    def server_down(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", server_down)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        tasks.report_failed_reminders.run()
    assert not FailedReminderReport.objects.exists()
    monkeypatch.setattr(EmailBackend, "send_messages", send)

    assert tasks.report_failed_reminders.run() == 1
    assert len(emails_to(ada)) == 1 and mail.outbox[-1].to == [ada.email]
