"""The engagement report's versions: filing a new one, the coachee's approval or request
for changes, and the emails that follow (titles and links, never the report's content)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagements.models import (
    Engagement,
    EngagementReport,
    Sponsor,
    User,
)
from engagements.services.guards import (
    RuleBroken,
    ensure_coach_of,
    ensure_coachee_of,
    ensure_state,
    lock,
    record_event,
)
from kit.languages import speaking_to


@transaction.atomic
def file_report(*, engagement: Engagement, content: dict, by: User) -> EngagementReport:
    """The rules of a new version (coaching.reports.produce_report gives its content): the
    coach files it once the skills assessment is written; it replaces a version still
    awaiting an answer; an answered version stays as it was."""
    ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_state(engagement, Engagement.State.ASSESSMENT, Engagement.State.CLOSED, doing=_("produce the report"))
    if gaps := engagement.assessment_gaps():
        raise RuleBroken.first_of(gaps)
    awaiting = EngagementReport.objects.filter(engagement=engagement, status=EngagementReport.Status.PRODUCED)
    awaiting.update(status=EngagementReport.Status.SUPERSEDED)
    version = (EngagementReport.objects.filter(engagement=engagement).aggregate(n=Max("version"))["n"] or 0) + 1
    report = EngagementReport.objects.create(
        engagement=engagement, version=version, content=content, produced_by=by, produced_at=timezone.now()
    )
    record_event(engagement=engagement, by=by, action="report.produced", subject=f"report version {version}", to_state=report.status)
    return report


def _answerable(report: EngagementReport, by: User) -> EngagementReport:
    """The report re-read under a lock, if `by` may answer it now."""
    ensure_coachee_of(report.engagement, by, doing=_("answer the report"))
    report = EngagementReport.objects.select_for_update().select_related("engagement").get(pk=report.pk)
    if report.status != EngagementReport.Status.PRODUCED:
        raise RuleBroken(
            "report_answered",
            _("version %(version)s of the report is %(status)s: it does not change")
            % {"version": report.version, "status": report.get_status_display().lower()},
        )
    return report


@transaction.atomic
def approve_report(*, report: EngagementReport, by: User) -> EngagementReport:
    """A coachee approves the report; once every coachee has, it is approved and the
    sponsors who asked for it (and may read it) are emailed."""
    report = _answerable(report, by)
    if report.approved_by.filter(pk=by.pk).exists():
        raise RuleBroken("already_approved", _("you have already approved this version"))
    report.approved_by.add(by)
    engagement = report.engagement
    if engagement.coachees.exclude(user__in=report.approved_by.all()).exists():
        record_event(engagement=engagement, by=by, action="report.approved_by_member", subject=f"report version {report.version}")
        return report
    report.status, report.decided_at = EngagementReport.Status.APPROVED, timezone.now()
    report.save(update_fields=["status", "decided_at"])
    record_event(
        engagement=engagement, by=by, action="report.approved", subject=f"report version {report.version}",
        from_state=EngagementReport.Status.PRODUCED, to_state=report.status,
    )
    _email_on_commit(_report_readers(engagement), lambda: (
        _("Report approved: %(title)s") % {"title": engagement.title},
        _("The report of %(title)s is approved. Read it here:\n%(link)s\n")
        % {"title": engagement.title, "link": _link("sponsor_engagement", engagement)},
    ))
    return report


@transaction.atomic
def ask_for_changes(*, report: EngagementReport, changes: str, by: User) -> EngagementReport:
    """A coachee asks the coach to change the report (what, in their words); the coach
    then produces a new version."""
    if not changes.strip():
        raise ValidationError({"changes": _("Say what should change in the report.")})
    report = _answerable(report, by)
    report.status, report.decided_at, report.changes_asked = EngagementReport.Status.CHANGES_ASKED, timezone.now(), changes
    report.full_clean(exclude=["engagement", "approved_by", "produced_by"])
    report.save(update_fields=["status", "decided_at", "changes_asked"])
    engagement = report.engagement
    record_event(
        engagement=engagement, by=by, action="report.changes_asked", subject=f"report version {report.version}",
        from_state=EngagementReport.Status.PRODUCED, to_state=report.status,
    )
    _email_on_commit([engagement.coach.user], lambda: (
        _("Changes asked to the report: %(title)s") % {"title": engagement.title},
        _("Your client asked for changes to version %(version)s of the report of %(title)s.\nRead their request here:\n%(link)s\n")
        % {"version": report.version, "title": engagement.title, "link": _link("report", engagement)},
    ))
    return report


def _report_readers(engagement: Engagement) -> list[User]:
    """The sponsor contacts who opted in and may read the approved report now (with an email)."""
    if not Engagement.objects.filter(pk=engagement.pk).annotate_consent().get().consented:
        return []
    sponsors = Sponsor.objects.filter(
        seats__engagement=engagement, organisation_id=engagement.organisation_id, notify_on_report=True, user__is_active=True
    )
    return [sponsor.user for sponsor in sponsors.select_related("user") if sponsor.user.email]


def _link(name: str, engagement: Engagement) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[engagement.public_id])


def _email_on_commit(recipients: list[User], compose: Callable[[], tuple[str, str]]) -> None:
    """One email each, once the transaction commits (titles and links only): `compose` writes
    its subject and body in each recipient's language."""
    def send() -> None:
        for person in recipients:
            with speaking_to(person):
                subject, body = compose()
            send_mail(subject, body, None, [person.email])

    if recipients:
        transaction.on_commit(send)
