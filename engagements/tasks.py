"""Celery tasks: interfaces that take ids and make one call into engagements.reminders."""

from __future__ import annotations

from celery import shared_task

from engagements import reminders


@shared_task(acks_late=True, ignore_result=True)
def scan_reminders() -> None:
    """Plan, claim and enqueue the reminders due now (beat runs it every REMINDER_SCAN_SECONDS)."""
    reminders.scan_reminders(dispatch=enqueue_send)


@shared_task(acks_late=True, ignore_result=True)
def send_reminders(*, recipient_id: int, reminder_ids: list[int], claim: str) -> None:
    """Send one claimed email of reminders; a no-op if it was already sent (safe to redeliver)."""
    reminders.send_reminder_batch(recipient_id=recipient_id, reminder_ids=reminder_ids, claim=claim)


def enqueue_send(claim: reminders.Claim) -> None:
    """Queue the sending of a claim (scan_reminders calls this after the claim commits)."""
    send_reminders.delay(recipient_id=claim.recipient_id, reminder_ids=list(claim.reminder_ids), claim=str(claim.token))
