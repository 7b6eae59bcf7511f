"""Failures that must reach a person: reminders that failed for good are emailed to the
practice admins, each failed reminder once (a `FailedReminderReport` row marks it told)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from coaching.models import FailedReminderReport
from engagements.models import Reminder, User
from engagements.reminders import practice_admins
from kit.languages import grouped_by_language

logger = logging.getLogger(__name__)

# One email lists at most this many; the rest are counted and found through the admin's link.
LISTED = 50


@transaction.atomic
def report_failed_reminders(*, now: datetime | None = None) -> int:
    """Email the practice admins about reminders that failed for good and were not reported yet;
    return how many were reported. Safe to re-run: a reported reminder is never reported again."""
    now = now or timezone.now()
    # skip_locked: a concurrent run holds those rows and reports them itself.
    failed = list(
        Reminder.objects.filter(status=Reminder.Status.FAILED)
        .exclude(pk__in=FailedReminderReport.objects.values("reminder_id"))
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient", "content_type")
        .order_by("pk")
    )
    if not failed:
        return 0
    admins = list(practice_admins())
    if not admins:
        logger.warning("%s reminders failed for good and no active admin has an email address to tell", len(failed))
        return 0
    FailedReminderReport.objects.bulk_create([FailedReminderReport(reminder=r, reported_at=now) for r in failed])
    # Sent inside the transaction: if the mail server refuses, nothing is recorded and the next
    # run tries again. The one duplicate window is a crash between the send and the commit.
    for language, alike in grouped_by_language(admins).items():  # one email per language
        with translation.override(language):
            failure_email(failed, alike).send()
    logger.warning("reported %s failed reminders to %s admins", len(failed), len(admins))
    return len(failed)


def failure_email(failed: list[Reminder], admins: list[User]) -> EmailMessage:
    """The admins' notice: who was not reminded, of what kind of item, and the last error — no titles."""
    admin_list = reverse("admin:engagements_reminder_changelist") + "?status__exact=failed"
    context = {
        "reminders": failed[:LISTED],
        "unlisted": max(0, len(failed) - LISTED),
        "link": settings.SITE_URL.rstrip("/") + admin_list,
        "max_attempts": settings.REMINDER_MAX_ATTEMPTS,
    }
    subject = ngettext(
        "Tandem: %(count)s reminder could not be sent", "Tandem: %(count)s reminders could not be sent", len(failed)
    ) % {"count": len(failed)}
    return EmailMessage(subject, render_to_string("emails/failed_reminders.txt", context), None, [a.email for a in admins])
