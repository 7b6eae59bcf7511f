"""With the default lease and backoff, what a crashed worker or a mail outage held up goes out
within five minutes of its end, once, without spending every attempt during the outage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend

from engagements import reminders
from engagements.models import Reminder
from tests.reminders.conftest import add_action, emails_to, in_days

FIVE_MINUTES = timedelta(minutes=5)


def every_scan(clock, scan, *, until, step=None):
    """Scan as beat does, every REMINDER_SCAN_SECONDS, until `until()` holds; the time it took."""
    step = step or timedelta(seconds=settings.REMINDER_SCAN_SECONDS)
    waited = timedelta()
    while not until():
        assert waited <= timedelta(hours=1), "nothing went out within an hour"
        clock.shift(step)
        waited += step
        scan()
    return waited


def test_reminders_claimed_by_a_crashed_worker_go_out_within_five_minutes_of_its_restart(clock, scan, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    # The worker is down for twenty minutes: every claim the scans make meanwhile is lost.
    for _ in range(20 * 60 // settings.REMINDER_SCAN_SECONDS):
        reminders.scan_reminders(dispatch=lambda claim: None)
        clock.shift(timedelta(seconds=settings.REMINDER_SCAN_SECONDS))

    waited = every_scan(clock, scan, until=lambda: emails_to(carol) and emails_to(alice))

    assert waited <= FIVE_MINUTES
    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1
    # Claims no sender took are not attempts: the outage of the worker spent none.
    assert set(Reminder.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.parametrize("outage", [timedelta(seconds=60), timedelta(minutes=15)])
def test_reminders_held_up_by_a_mail_outage_go_out_within_five_minutes_of_its_end(
    clock, scan, monkeypatch, active, alice, carol, outage
):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    send = EmailBackend.send_messages
    down = {"on": True}

    def flaky(self, messages):
        if down["on"]:
            raise OSError("Connection refused")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    scan()  # the first attempt fails
    spent = timedelta()
    while spent < outage:
        step = timedelta(seconds=settings.REMINDER_SCAN_SECONDS)
        clock.shift(step)
        spent += step
        scan()
    attempts_during_outage = max(Reminder.objects.values_list("attempts", flat=True))
    down["on"] = False

    waited = every_scan(clock, scan, until=lambda: emails_to(carol) and emails_to(alice))

    assert waited <= FIVE_MINUTES
    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    # Backoff: a scan a minute, but far fewer attempts than scans during the outage.
    scans = outage // timedelta(seconds=settings.REMINDER_SCAN_SECONDS) + 1
    assert attempts_during_outage < settings.REMINDER_MAX_ATTEMPTS
    assert outage < timedelta(minutes=5) or attempts_during_outage <= scans // 2
