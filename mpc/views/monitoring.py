"""Monitoring as the pages show it: milestones, every measure with its chart, what comes
next — on stage 7 for the coach, in the portal for the coachee, who reads the control
indicators they own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.utils.translation import gettext as _

from engagements.models import Engagement, User
from kit.forms import run_form
from mpc import forms, progress, services
from mpc.models import ControlIndicator, Goal, Milestone, Mission
from mpc.views.common import goals_of


def monitoring(engagement: Engagement, *, row_bound=None) -> dict:
    """Stage 7's content: goals and milestones with their progress forms, every measure
    with its chart and (a control indicator) its reading form, the check-ins, and for each
    reached milestone the proposal of the next goal."""
    goals = list(goals_of(engagement))
    milestones = [m for goal in goals for m in goal.milestones.all()]
    bound = dict([row_bound]) if row_bound else {}
    last = progress.last_check_in(engagement)
    measures = progress.measures(engagement)
    for milestone in milestones:
        milestone.progress_form = bound.pop(("milestone", milestone.public_id), None) or forms.milestone_progress_form(milestone)
    next_steps = [
        {"milestone": m, "form": bound.pop(("next-goal", m.public_id), None) or forms.next_goal_form(m)}
        for m in milestones if m.is_reached and not any(g.follows_id == m.pk for g in goals)
    ]
    for measure in measures:
        measure.review = measure.since(last.held_on if last else None)
        if isinstance(measure.record, ControlIndicator):
            measure.form = bound.pop(("indicator", measure.record.public_id), None) or forms.reading_form(measure.record)
    # A refused row form the page no longer shows (a next goal on a milestone not reached):
    # its reasons go on top.
    refusals = [message for form in bound.values() for messages in form.errors.values() for message in messages]
    return {
        "refusals": refusals,
        "goals": goals, "milestones": milestones, "measures": measures, "next_steps": next_steps, "last_check_in": last,
        "milestone_chart": progress.milestone_chart(milestones),
        "check_ins": engagement.mpc_check_ins.prefetch_related("readings__goal", "goal_ratings__goal", "control_readings__indicator__item"),
        "pending": any(not (m.is_reached or m.status == Milestone.Status.DROPPED) for m in milestones),
        "mission": Mission.objects.filter(engagement=engagement).first(),
    }



def portal_monitoring(engagement: Engagement, user: User, goals: list[Goal], *, bound: tuple[object, object] | None = None) -> dict:
    """What the portal shows of monitoring: the milestones' chart, every measure's chart,
    and a reading form on each control indicator `user` owns. (The portal lists the
    milestones themselves.) `goals`: the engagement's, with their milestones and what
    `progress.goal_prefetches` reads."""
    milestones = [m for goal in goals for m in goal.milestones.all()]
    measures = progress.measures(engagement, goals)
    for measure in measures:
        record = measure.record
        if isinstance(record, ControlIndicator) and record.item.owner_id == user.pk:
            measure.form = bound[1] if bound and bound[0] == record.pk else forms.reading_form(record)
    return {"milestone_chart": progress.milestone_chart(milestones, key=f"m-{engagement.public_id.hex[:8]}"), "measures": measures}


@login_required
@require_POST
def read_indicator(request: HttpRequest, public_id) -> HttpResponse:
    """A control indicator's owner reads it from their portal (in place with htmx)."""
    indicator = get_object_or_404(ControlIndicator.objects.visible_to(request.user).select_related("item__plan__engagement"), public_id=public_id)
    if request.user.role != User.Role.COACHEE:
        raise PermissionDenied(_("This is a client's own page: coaches read indicators on the monitoring stage."))
    form = forms.reading_form(indicator, request.POST)
    done = run_form(form, lambda data: services.record_reading(indicator=indicator, by=request.user, **data))[0]
    engagement = indicator.item.plan.engagement
    if request.htmx:
        goals = list(engagement.mpc_goals.prefetch_related("milestones", *progress.goal_prefetches()))
        shown = portal_monitoring(engagement, request.user, goals, bound=None if done else (indicator.pk, form))
        measure = next(m for m in shown["measures"] if m.record.pk == indicator.pk)
        context = {"measure": measure, "saved": done, "reader": True}
        return render(request, "mpc/_measure.html", context, status=200 if done else 422)
    if done:
        messages.success(request, _("Saved: %(indicator)s.") % {"indicator": indicator})
    else:
        messages.error(request, _("Not saved: %(indicator)s. %(reasons)s") % {
            "indicator": indicator, "reasons": " ".join(m for ms in form.errors.values() for m in ms),
        })
    return redirect("portal")
