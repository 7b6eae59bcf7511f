"""Each reminder goes out once: under a re-run, a worker killed mid-batch, a redelivered
task, and two scans at once (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection

from engagements import reminders
from engagements.models import Reminder, User
from tests.conftest import activate, open_for
from tests.factories import CoacheeFactory
from tests.reminders.conftest import add_action, emails_to, in_days


def send_now(claim: reminders.Claim) -> None:
    reminders.send_reminder_batch(recipient_id=claim.recipient_id, reminder_ids=claim.reminder_ids, claim=claim.token)


def test_a_rerun_sends_nothing_twice(clock, scan, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))

    scan()
    scan()
    clock.shift(timedelta(hours=1))
    scan()

    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


def test_a_claim_whose_sender_died_is_sent_once_after_the_lease(clock, scan, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    lost = reminders.scan_reminders(dispatch=lambda claim: None)  # claimed; the worker died before sending

    scan()
    within_lease = len(mail.outbox)
    clock.shift(reminders.lease() + timedelta(seconds=1))
    scan()

    assert lost and within_lease == 0
    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1
    # A claim no sender took (its worker died first) is not an attempt: the one send is.
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {1}


def test_a_redelivered_task_sends_nothing_again(clock, active, alice, carol):
    carol.reminder_mode = User.ReminderMode.IMMEDIATE
    carol.save()
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    claims = reminders.scan_reminders(dispatch=lambda claim: None)
    (claim,) = [c for c in claims if c.recipient_id == carol.pk]

    send_now(claim)
    send_now(claim)  # acks_late: the worker died after sending, before acknowledging

    assert len(emails_to(carol)) == 1


def test_a_late_task_of_a_lapsed_claim_sends_nothing(clock, scan, active, alice, carol):
    add_action(active, alice, title="Book one-to-ones", owner=carol, due_on=in_days(1))
    stale = reminders.scan_reminders(dispatch=lambda claim: None)
    clock.shift(reminders.lease() + timedelta(seconds=1))
    scan()  # re-claims and sends

    for claim in stale:  # the first claim's task finally runs
        send_now(claim)

    assert len(emails_to(carol)) == 1 and len(emails_to(alice)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_scans_send_each_reminder_once(needs_postgres, clock, alice):
    coachees = [CoacheeFactory(user__username=f"client{n}").user for n in range(6)]
    for n, coachee in enumerate(coachees):
        engagement = activate(open_for(alice, coachee, title=f"Engagement {n}"), alice)
        add_action(engagement, alice, title=f"Action {n} soon", owner=coachee, due_on=in_days(1))
        add_action(engagement, alice, title=f"Action {n} later", owner=coachee, due_on=in_days(7))
    User.objects.filter(username__in=["client0", "client1"]).update(reminder_mode=User.ReminderMode.IMMEDIATE)
    start, errors = threading.Barrier(2), []

    def one_scan() -> None:
        try:
            start.wait(timeout=10)
            reminders.scan_reminders(dispatch=send_now)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    sent = Reminder.objects.filter(status="sent")
    assert sent.count() == Reminder.objects.count() == 2 * 6 + 12  # each coachee's and alice's
    assert len(emails_to(alice)) == 1  # her digest: twelve items
    for coachee in coachees:
        expected = 2 if coachee.username in ("client0", "client1") else 1
        assert len(emails_to(coachee)) == expected
    assert len(mail.outbox) == 1 + 2 * 2 + 4
