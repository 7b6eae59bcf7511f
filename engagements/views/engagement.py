"""The engagement page: its lifecycle, details, coaches and action plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from engagements import forms, services
from engagements.models import (
    ActionItem,
    Engagement,
    EngagementEvent,
    EngagementReport,
    Sponsor,
)
from engagements.services import RuleBroken
from engagements.views.common import is_coach_of
from kit.forms import error_text, run_form
from kit.views import Row, delete_row, edit_row

TIMELINE = [
    (Engagement.State.EXPLORATORY, gettext_lazy("Exploratory session")),
    (Engagement.State.ACTIVE, gettext_lazy("Coaching sessions")),
    (Engagement.State.ASSESSMENT, gettext_lazy("Skills assessment")),
    (Engagement.State.CLOSED, gettext_lazy("Closed")),
]
# Each move's button, named by the act; a few read differently by where they start from.
BUTTON = {
    "active": gettext_lazy("Start the coaching"),
    "paused": gettext_lazy("Pause the coaching"),
    "assessment": gettext_lazy("Move to the skills assessment"),
    "closed": gettext_lazy("Close the engagement"),
    "declined": gettext_lazy("Decline: no work follows"),
    "cancelled": gettext_lazy("Cancel the engagement"),
}
BUTTON_FROM = {("paused", "active"): gettext_lazy("Resume the coaching"), ("assessment", "active"): gettext_lazy("Back to coaching sessions")}
# What a person is told once the move is done.
DONE = {
    "active": gettext_lazy("The coaching has started."),
    "paused": gettext_lazy("The engagement is paused."),
    "assessment": gettext_lazy("The engagement moved to its skills assessment."),
    "closed": gettext_lazy("The engagement is closed."),
    "declined": gettext_lazy("The engagement is closed as declined."),
    "cancelled": gettext_lazy("The engagement is cancelled."),
}
DONE_FROM = {("paused", "active"): gettext_lazy("The coaching resumes."), ("assessment", "active"): gettext_lazy("Back to the coaching sessions.")}
# Moves that cannot be undone ask first, saying what follows.
ENDS = {
    "closed": gettext_lazy("Closing ends the engagement: its record can no longer change."),
    "declined": gettext_lazy("Declining ends the engagement before any coaching: its record can no longer change."),
    "cancelled": gettext_lazy("Cancelling ends the engagement for good: its record can no longer change."),
}


def _ends(engagement: Engagement, to: str) -> str:
    """What a move that cannot be undone ends, in words; "" for any other move. Once
    coaching has begun, it says what is still open in it (its action plans are prefetched)."""
    if to not in ENDS:
        return ""
    if to == Engagement.State.DECLINED:
        return str(ENDS[to])
    actions = sum(1 for plan in engagement.action_plans.all() for item in plan.items.all() if item.status in ("todo", "in_progress"))
    if actions and engagement.uses_mpc:
        left = ngettext(
            "Its %(count)s open action and pending milestones stay as they are, and nobody is reminded of them any more.",
            "Its %(count)s open actions and pending milestones stay as they are, and nobody is reminded of them any more.",
            actions,
        )
    elif actions:
        left = ngettext(
            "Its %(count)s open action stays as it is, and nobody is reminded of it any more.",
            "Its %(count)s open actions stay as they are, and nobody is reminded of them any more.",
            actions,
        )
    elif engagement.uses_mpc:
        left = _("Its actions and pending milestones stay as they are, and nobody is reminded of them any more.")
    else:
        left = _("Its actions stay as they are, and nobody is reminded of them any more.")
    return f"{ENDS[to]} {left % {'count': actions}}"


def _timeline(engagement: Engagement) -> list[dict]:
    order = [state for state, _label in TIMELINE]
    here = engagement.state if engagement.state in order else None
    if engagement.state == Engagement.State.PAUSED:
        here = Engagement.State.ACTIVE
    reached = order.index(here) if here else -1
    return [
        {"label": label, "state": state, "done": i < reached, "current": i == reached}
        for i, (state, label) in enumerate(TIMELINE)
    ]


# ---------------------------------------------------------------------------
# Engagement
# ---------------------------------------------------------------------------


HISTORY_PAGE = 100  # acts of the history shown at a time, newest first


@login_required
def engagement_detail(request: HttpRequest, public_id, *, assign_form=None, co_coach_form=None, sponsor_form=None) -> HttpResponse:
    """One engagement: lifecycle timeline, transitions with their reasons, objectives,
    terms, sessions, action plans, MPC stages and history."""
    engagement = get_object_or_404(
        Engagement.objects.visible_to(request.user)
        .with_hours_used()
        .select_related("coach__user", "organisation", "exploratory")
        .prefetch_related(
            "coachees__user",
            "co_coaches__user",
            "objectives",
            "mpc_stages",
            "coaching_sessions",
            Prefetch("action_plans__items", queryset=ActionItem.objects.select_related("owner")),
        ),
        public_id=public_id,
    )
    services.record_view(engagement=engagement, by=request.user, subject="engagement page")
    is_coach = is_coach_of(request.user, engagement)
    is_admin = request.user.is_practice_admin
    transitions = []
    for to in engagement.TRANSITIONS[engagement.state]:
        if is_coach or (is_admin and to == Engagement.State.CANCELLED):
            transitions.append({
                "to": to,
                "label": BUTTON_FROM.get((engagement.state, to), BUTTON[to]),
                "reasons": [m for _code, m in engagement.unmet_rules(to)],
                "ends": _ends(engagement, to),
                "reason_required": to in services.NEEDS_A_REASON,
            })
    for plan in engagement.action_plans.all():
        for item in plan.items.all():
            item.form = forms.progress_form(item)
    sponsor_form = sponsor_form or forms.NameSponsorForm(engagement=engagement)
    return render(
        request,
        "engagements/engagement_detail.html",
        {
            "engagement": engagement,
            "is_coach": is_coach,
            "can_edit_details": is_coach or is_admin,
            "timeline": _timeline(engagement),
            "transitions": transitions,
            "assign_form": assign_form or (forms.AssignCoachForm() if is_admin and engagement.is_open else None),
            "co_coach_form": co_coach_form or (forms.CoCoachForm(engagement=engagement) if is_admin and engagement.is_open else None),
            "can_name_sponsors": (is_coach or is_admin) and engagement.organisation_id is not None,
            "sponsor_form": sponsor_form,
            "can_name_more": sponsor_form.is_bound or sponsor_form.fields["sponsor"].queryset.exists(),
            "seats": engagement.sponsor_seats.select_related("sponsor__user"),
            "reports": EngagementReport.objects.visible_to(request.user).filter(engagement=engagement),
            "today": timezone.localdate(),
            # The history a hundred acts at a time, newest first (?history=2 for the older ones).
            "events": Paginator(
                EngagementEvent.objects.visible_to(request.user)
                .filter(engagement=engagement)
                .select_related("actor")
                .order_by("-created_at", "-id"),
                HISTORY_PAGE,
            ).get_page(request.GET.get("history")),
        },
        status=422 if assign_form or co_coach_form or sponsor_form.is_bound else 200,
    )


@login_required
@require_POST
def transition(request: HttpRequest, public_id) -> HttpResponse:
    """Move the engagement along its lifecycle; a refusal shows its reason."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    if not (request.user.is_practice_admin or is_coach_of(request.user, engagement)):
        raise PermissionDenied(_("Only the engagement's coach (or an admin, to cancel) moves it."))
    form = forms.TransitionForm(request.POST)
    from_state = engagement.state
    done, moved = run_form(form, lambda data: services.transition_engagement(engagement=engagement, by=request.user, **data))
    if done:
        messages.success(request, DONE_FROM.get((from_state, moved.state), DONE[moved.state]))
    elif form.errors:
        messages.error(request, _("Refused: %(why)s.") % {"why": error_text(form).rstrip(".")})
    return redirect("engagements:detail", engagement.public_id)


@login_required
@require_POST
def assign_coach(request: HttpRequest, public_id) -> HttpResponse:
    """An admin hands the engagement to another coach (refused at capacity)."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    services.ensure_admin(request.user)
    form = forms.AssignCoachForm(request.POST)
    if form.is_valid():
        try:
            services.assign_coach(engagement=engagement, coach=form.cleaned_data["coach"], by=request.user)
        except RuleBroken as error:
            form.add_error("coach", _("Refused: %(why)s.") % {"why": error.detail})
        else:
            messages.success(request, _("%(coach)s now leads this engagement.") % {"coach": form.cleaned_data["coach"]})
            return redirect("engagements:detail", engagement.public_id)
    return engagement_detail(request, public_id, assign_form=form)


def _details_row_context(request: HttpRequest, engagement: Engagement) -> dict:
    return {"engagement": engagement, "can_edit_details": True}


DETAILS_ROW = Row("engagements/engagement_detail.html#details", "engagement", _details_row_context)


@login_required
def edit_details(request: HttpRequest, public_id) -> HttpResponse:
    """Correct the engagement's title, sponsor, or (while exploratory) the day it opened."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user).select_related("organisation"), public_id=public_id)
    if not (request.user.is_practice_admin or is_coach_of(request.user, engagement)):
        raise PermissionDenied(_("Only the engagement's coach or an admin changes its details."))
    return edit_row(
        request, engagement, form=forms.EngagementDetailsForm, row=DETAILS_ROW,
        act=lambda data: services.revise_engagement(engagement=engagement, by=request.user, **data),
        back=reverse("engagements:detail", args=[engagement.public_id]), title=_("The engagement's details"),
        form_kwargs={"opening_fixed": engagement.state != Engagement.State.EXPLORATORY},
    )


@login_required
@require_POST
def add_co_coach(request: HttpRequest, public_id) -> HttpResponse:
    """An admin names a co-coach, who then sees and writes the engagement's content."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    services.ensure_admin(request.user)
    form = forms.CoCoachForm(request.POST, engagement=engagement)
    if run_form(form, lambda data: services.add_co_coach(engagement=engagement, by=request.user, **data))[0]:
        messages.success(request, _("%(coach)s now co-coaches this engagement.") % {"coach": form.cleaned_data["coach"]})
        return redirect("engagements:detail", engagement.public_id)
    return engagement_detail(request, public_id, co_coach_form=form)


@login_required
@require_POST
def remove_co_coach(request: HttpRequest, public_id, coach_id) -> HttpResponse:
    """An admin takes a co-coach off the engagement."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    services.ensure_admin(request.user)
    coach = get_object_or_404(engagement.co_coaches.select_related("user"), public_id=coach_id)
    try:
        services.remove_co_coach(engagement=engagement, coach=coach, by=request.user)
    except RuleBroken as error:
        messages.error(request, _("Refused: %(why)s.") % {"why": error.detail})
    else:
        messages.success(request, _("%(coach)s no longer co-coaches this engagement.") % {"coach": coach})
    return redirect("engagements:detail", engagement.public_id)


# --- sponsors' seats ----------------------------------------------------------------


def _sponsor_namer(request: HttpRequest, public_id) -> Engagement:
    """An engagement the user sees (else 404) and may name sponsors on: its coach or an admin (else 403)."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user).select_related("organisation"), public_id=public_id)
    if not (request.user.is_practice_admin or is_coach_of(request.user, engagement)):
        raise PermissionDenied(_("The engagement's coach or an admin names its sponsors."))
    return engagement


@login_required
@require_POST
def name_sponsor(request: HttpRequest, public_id) -> HttpResponse:
    """Seat a contact of the engagement's sponsor on it: they follow it read-only."""
    engagement = _sponsor_namer(request, public_id)
    form = forms.NameSponsorForm(request.POST, engagement=engagement)
    if run_form(form, lambda data: services.name_sponsor(engagement=engagement, by=request.user, **data))[0]:
        messages.success(request, _("%(sponsor)s now follows this engagement.") % {"sponsor": form.cleaned_data["sponsor"]})
        return redirect("engagements:detail", engagement.public_id)
    return engagement_detail(request, public_id, sponsor_form=form)


@login_required
@require_POST
def unname_sponsor(request: HttpRequest, public_id, sponsor_id) -> HttpResponse:
    """Take a sponsor contact off the engagement: from their next request they see nothing of it."""
    engagement = _sponsor_namer(request, public_id)
    sponsor = get_object_or_404(Sponsor.objects.filter(seats__engagement=engagement).select_related("user"), public_id=sponsor_id)
    services.unname_sponsor(engagement=engagement, sponsor=sponsor, by=request.user)
    messages.success(request, _("%(sponsor)s no longer follows this engagement.") % {"sponsor": sponsor})
    return redirect("engagements:detail", engagement.public_id)


# --- action items ----------------------------------------------------------------


def _item_row_context(request: HttpRequest, item: ActionItem) -> dict:
    item.form = forms.progress_form(item)
    return {"today": timezone.localdate(), "is_coach": True}


ITEM_ROW = Row("coaching/portal.html#item", "item", _item_row_context)


def _coached_item(request: HttpRequest, public_id) -> ActionItem:
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("plan__engagement", "owner"), public_id=public_id
    )
    if not is_coach_of(request.user, item.plan.engagement):
        raise PermissionDenied(_("Only the engagement's coach changes its actions."))
    return item


@login_required
def edit_action_item(request: HttpRequest, public_id) -> HttpResponse:
    """Correct an action's title, owner, due date or kind (in place with htmx)."""
    item = _coached_item(request, public_id)
    return edit_row(
        request, item, form=forms.ActionItemEditForm, row=ITEM_ROW, form_kwargs={"item": item},
        act=lambda data: services.revise_action_item(item=item, by=request.user, **data),
        back=reverse("engagements:detail", args=[item.plan.engagement.public_id]), title=_("Action: %(title)s") % {"title": item.title},
    )


@login_required
@require_POST
def delete_action_item(request: HttpRequest, public_id) -> HttpResponse:
    """Delete an action put on a plan by mistake (one with progress is dropped instead)."""
    item = _coached_item(request, public_id)
    return delete_row(
        request, item, row=ITEM_ROW, what=_("action"),
        act=lambda: services.withdraw_action_item(item=item, by=request.user),
        back=reverse("engagements:detail", args=[item.plan.engagement.public_id]),
    )
