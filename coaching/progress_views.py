"""Progress you can show: the engagement report's pages, the sponsor's read-only view, the
coachee's consent to it, and the admin's practice overview. They span the apps (sessions,
MPC), so they sit in the glue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching import forms as glue_forms
from coaching import overview, progress, reports
from engagements import services
from engagements.models import Engagement, EngagementReport, Sponsor, User
from kit.errors import RuleBroken
from kit.forms import run_form, sentence

# ---------------------------------------------------------------------------
# The engagement report
# ---------------------------------------------------------------------------


@login_required
@require_POST
def produce_report(request: HttpRequest, public_id) -> HttpResponse:
    """The coach produces a new version of the report at the skills assessment."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    if not Engagement.objects.coached_by(request.user).filter(pk=engagement.pk).exists():
        raise PermissionDenied(_("The engagement's coach produces its report."))
    try:
        report = reports.produce_report(engagement=engagement, by=request.user)
    except RuleBroken as error:
        messages.error(request, _("Not produced: %(reason)s.") % {"reason": error.detail})
        return redirect("engagements:assessment", engagement.public_id)
    messages.success(
        request,
        _("Version %(number)s of the report is produced: your client reads it and approves it.") % {"number": report.version},
    )
    return redirect("report", report.public_id)


def _report(request: HttpRequest, public_id) -> EngagementReport:
    return get_object_or_404(
        EngagementReport.objects.visible_to(request.user).select_related("engagement__coach__user"), public_id=public_id
    )


@login_required
def report(request: HttpRequest, public_id, *, changes_form=None) -> HttpResponse:
    """One version of the report: its content as produced, its status, and for a coachee
    whose answer it awaits, approving it or asking for changes."""
    shown = _report(request, public_id)
    engagement = shown.engagement
    services.record_view(engagement=engagement, by=request.user, subject=f"report version {shown.version}")
    is_coachee = engagement.coachees.filter(user=request.user).exists()
    may_answer = is_coachee and shown.status == EngagementReport.Status.PRODUCED and not shown.approved_by.filter(pk=request.user.pk).exists()
    context = {
        "report": shown,
        "content": shown.content,
        "may_answer": may_answer,
        "changes_form": changes_form or glue_forms.ChangesForm(),
        "is_coach": Engagement.objects.coached_by(request.user).filter(pk=engagement.pk).exists(),
        "is_sponsor": request.user.role == User.Role.SPONSOR,
        "versions": EngagementReport.objects.visible_to(request.user).filter(engagement=engagement),
    }
    return render(request, "coaching/report.html", context, status=422 if changes_form else 200)


@login_required
def report_pdf(request: HttpRequest, public_id) -> HttpResponse:
    """The same version as a PDF."""
    shown = _report(request, public_id)
    services.record_view(engagement=shown.engagement, by=request.user, subject=f"report version {shown.version} (PDF)")
    response = HttpResponse(reports.report_pdf(shown), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tandem-report-{shown.engagement.public_id.hex[:8]}-v{shown.version}.pdf"'
    return response


@login_required
@require_POST
def approve_report(request: HttpRequest, public_id) -> HttpResponse:
    """A coachee approves the version they read."""
    shown = _report(request, public_id)
    try:
        services.approve_report(report=shown, by=request.user)
    except RuleBroken as error:
        messages.error(request, _("Not approved: %(reason)s.") % {"reason": error.detail})
    else:
        messages.success(request, _("You approved version %(number)s of the report.") % {"number": shown.version})
    return redirect("report", shown.public_id)


@login_required
@require_POST
def ask_for_changes(request: HttpRequest, public_id) -> HttpResponse:
    """A coachee asks the coach to change the version they read."""
    shown = _report(request, public_id)
    form = glue_forms.ChangesForm(request.POST)
    if run_form(form, lambda data: services.ask_for_changes(report=shown, by=request.user, **data))[0]:
        messages.success(request, _("Your coach has your request; they will produce a new version."))
        return redirect("report", shown.public_id)
    return report(request, public_id, changes_form=form)


# ---------------------------------------------------------------------------
# The coachee's consent to what the sponsors see
# ---------------------------------------------------------------------------


def _consent(request: HttpRequest, public_id, act) -> HttpResponse:
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    try:
        act(engagement=engagement, by=request.user)
    except RuleBroken as error:
        messages.error(request, sentence(error.detail))
    else:
        messages.success(request, _("Saved: from now on the sponsor contacts see what the page says."))
    return redirect("portal")


@login_required
@require_POST
def give_consent(request: HttpRequest, public_id) -> HttpResponse:
    """A coachee consents that the sponsors see ratings, progress and the approved report."""
    return _consent(request, public_id, services.give_consent)


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, public_id) -> HttpResponse:
    """A coachee withdraws that consent: it holds from the sponsors' next request."""
    return _consent(request, public_id, services.withdraw_consent)


# ---------------------------------------------------------------------------
# The sponsor's read-only view
# ---------------------------------------------------------------------------


def _sponsored(user: User):
    return (
        Engagement.objects.sponsored_for(user).with_hours_used()
        .select_related("coach__user", "organisation")
        .prefetch_related("coachees__user", "objectives")
        .order_by("-opened_on", "title")
    )


@login_required
def sponsor_home(request: HttpRequest, *, notice_form=None) -> HttpResponse:
    """A sponsor contact's engagements: state, terms, hours; whether the coachees consent."""
    if request.user.role != User.Role.SPONSOR:
        return redirect("dashboard")
    contact = get_object_or_404(Sponsor, user=request.user)
    context = {
        "engagements": _sponsored(request.user),
        "contact": contact,
        "notice_form": notice_form or glue_forms.ReportNoticeForm(initial={"notify_on_report": contact.notify_on_report}),
    }
    return render(request, "coaching/sponsor_home.html", context)


@login_required
def sponsor_engagement(request: HttpRequest, public_id) -> HttpResponse:
    """One engagement as its sponsor contact may read it: by default its state, terms, hours
    and objectives' titles; with every coachee's consent the ratings, progress and the
    approved report. Never session content."""
    found = get_object_or_404(_sponsored(request.user), public_id=public_id)
    services.record_view(engagement=found, by=request.user, subject="sponsor's view")
    charted = progress.chart_prefetches(None, ratings=found.consented)
    engagement = _sponsored(request.user).prefetch_related(*charted).get(pk=found.pk)
    approved = EngagementReport.objects.visible_to(request.user).filter(engagement=engagement).first()
    return render(request, "coaching/sponsor_engagement.html", {"engagement": engagement, "report": approved})


@login_required
@require_POST
def sponsor_notice(request: HttpRequest) -> HttpResponse:
    """A sponsor contact opts in (or out) of an email when a report is approved."""
    contact = get_object_or_404(Sponsor, user=request.user)
    form = glue_forms.ReportNoticeForm(request.POST)
    if run_form(form, lambda data: services.set_report_notice(sponsor=contact, by=request.user, **data))[0]:
        messages.success(request, _("Saved."))
        return redirect("sponsor_home")
    return sponsor_home(request, notice_form=form)


# ---------------------------------------------------------------------------
# The practice overview (admins)
# ---------------------------------------------------------------------------


@login_required
def practice_overview(request: HttpRequest) -> HttpResponse:
    """Engagements by state, hours per coach per month, the average rating change over
    closed engagements, certification renewals due; `?csv=<table>` downloads one table."""
    services.ensure_admin(request.user)
    tables = overview.tables()
    if name := request.GET.get("csv"):
        if name not in tables:
            raise Http404(_("No such table."))
        return overview.as_csv(tables[name])
    return render(request, "coaching/overview.html", {"tables": tables.values()})
