"""Celery tasks: interfaces that take ids and make one call into sessions_grow.invitations."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from sessions_grow import invitations


# A mail server that is down or refuses for a while is tried again, later and later; a
# message sent twice is harmless (calendars match it by UID and SEQUENCE).
@shared_task(acks_late=True, ignore_result=True, autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def send_session_invitation(*, session_id: int, sequence: int, recipient_id: int, by_id: int | None, change: str = "") -> None:
    """Email one participant the invitation or cancellation of a session's latest change
    (`change`: "joined" or "left" when it is the person who joined or left the engagement)."""
    invitations.send_invitation(session_id=session_id, sequence=sequence, recipient_id=recipient_id, by_id=by_id, change=change)


def queue_invitations(*, session_id: int, engagement_id: int, sequence: int, by_id: int | None) -> None:
    """Queue one invitation task per participant (the services call this once their change commits)."""
    for person in invitations.participants(engagement_id):
        send_session_invitation.delay(session_id=session_id, sequence=sequence, recipient_id=person.pk, by_id=by_id)
