"""The engagement report: what the coach hands over at the skills assessment. It spans the
apps (objectives and ratings, GROW sessions held and their shared summaries, MPC
milestones), so it is put together here, in the glue; its versions' rules are
engagements.services' (file_report, approve_report, ask_for_changes).

What goes in: the objectives with baseline and final ratings (and each coachee's own), the
written evaluation, hours, sessions held, milestones reached and the summaries the coach
shared. What never does: private notes, the GROW record (goals, reality, options, will),
summaries not shared."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from engagements import services
from engagements.models import Engagement, EngagementReport, SelfRating, User
from mpc.models import Milestone
from sessions_grow.models import CoachingSession


@transaction.atomic
def produce_report(*, engagement: Engagement, by: User) -> EngagementReport:
    """Produce a new version of the engagement's report from what is recorded now."""
    services.ensure_coach_of(engagement, by)
    engagement = services.lock(engagement)
    return services.file_report(engagement=engagement, content=report_content(engagement), by=by)


def report_content(engagement: Engagement) -> dict:
    """The report as it stands today, in plain JSON types (it is stored as it was produced)."""
    coachees = list(engagement.coachees.select_related("user").order_by("user__last_name", "user__first_name"))
    held = CoachingSession.objects.filter(engagement=engagement).held()
    return {
        "title": engagement.title,
        "kind": engagement.get_kind_display(),
        "coach": str(engagement.coach),
        "coachees": [str(c) for c in coachees],
        "organisation": str(engagement.organisation) if engagement.organisation_id else "",
        "opened_on": engagement.opened_on.isoformat(),
        "assessed_on": engagement.assessed_on.isoformat() if engagement.assessed_on else "",
        "objectives": _objectives(engagement),
        "evaluation": engagement.evaluation,
        "hours_used": f"{engagement.hours_used:f}",
        "hours_planned": f"{engagement.planned_hours:f}" if engagement.planned_hours is not None else "",
        "sessions_held": held.count(),
        "milestones": _milestones(engagement),
        "summaries": _shared_summaries(engagement, held),
    }


def _objectives(engagement: Engagement) -> list[dict]:
    own = SelfRating.objects.filter(objective__engagement=engagement).select_related("person").order_by("person__last_name")
    by_objective: dict[int, dict[str, dict]] = {}
    for rating in own:
        person = by_objective.setdefault(rating.objective_id, {}).setdefault(str(rating.person), {"person": str(rating.person), "start": None, "final": None})
        person["start" if rating.moment == SelfRating.Moment.START else "final"] = rating.rating
    return [
        {
            "position": o.position,
            "statement": o.statement,
            "success_measure": o.success_measure,
            "baseline": o.baseline_rating,
            "final": o.final_rating,
            "change": o.rating_change,
            "outcome": o.get_outcome_display(),
            "own": list(by_objective.get(o.pk, {}).values()),
        }
        for o in engagement.objectives.all()
    ]


def _milestones(engagement: Engagement) -> dict | None:
    if not engagement.uses_mpc:
        return None
    milestones = Milestone.objects.filter(goal__engagement=engagement).exclude(status=Milestone.Status.DROPPED)
    reached = milestones.filter(status=Milestone.Status.REACHED).order_by("reached_at")
    return {
        "total": milestones.count(),
        "reached": [{"title": m.title, "reached_on": m.reached_at.date().isoformat()} for m in reached],
    }


def _shared_summaries(engagement: Engagement, held) -> list[dict]:
    """The summaries the coach shared with the coachee: the exploratory session's and each
    held session's (the sessions' GROW record and private notes stay out)."""
    shared = []
    if engagement.has_exploratory and engagement.exploratory.summary_shared and engagement.exploratory.summary.strip():
        shared.append({"label": _("Exploratory session"), "date": engagement.exploratory.held_on.isoformat(), "text": engagement.exploratory.summary})
    for session in held.filter(summary_shared=True).exclude(summary="").order_by("number"):
        shared.append({"label": _("Session %(number)s") % {"number": session.number}, "date": session.held_at.date().isoformat(), "text": session.summary})
    return shared


def report_pdf(report: EngagementReport) -> bytes:
    """The report as a PDF (WeasyPrint), from the same template as its page."""
    from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

    html = render_to_string("coaching/report_pdf.html", {"report": report, "content": report.content})
    stylesheet = CSS(filename=finders.find("css/report-print.css"))
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(stylesheets=[stylesheet])
