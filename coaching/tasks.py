"""Scheduled work that spans the apps."""

from celery import shared_task

from coaching import accounts, failures, privacy, sign_in_links, tokens


@shared_task(acks_late=True)
def purge_ended_engagements() -> int:
    """Purge engagements past the retention period (idempotent: a re-run finds none)."""
    return privacy.purge_ended_engagements()


@shared_task(acks_late=True)
def report_failed_reminders() -> int:
    """Email the admins about reminders that failed for good, each once (safe to re-run)."""
    return failures.report_failed_reminders()


@shared_task(acks_late=True)
def purge_expired_tokens() -> int:
    """Delete expired API tokens (idempotent)."""
    return tokens.purge_expired_tokens()


@shared_task(acks_late=True, ignore_result=True)
def send_password_reset(*, email: str) -> None:
    """Email the password reset link for `email`, if it is anyone's (the page answered already)."""
    accounts.send_password_reset(email=email)


@shared_task(acks_late=True, ignore_result=True)
def send_sign_in_link(*, email: str, language: str = "", next_page: str = "") -> None:
    """Email a sign-in link (or, to an admin or coach, a reminder to use their password)
    to whoever has `email`, if anyone (the page answered already)."""
    sign_in_links.send_sign_in_link(email=email, language=language, next_page=next_page)
