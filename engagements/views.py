"""Server-rendered pages for engagements and the roster. Every lookup goes through
`visible_to(request.user)`, so an id outside the user's scope answers 404; each POST
validates its form and makes one service call."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coaching.forms import add_service_errors, once, run_form, run_once_form
from coaching.versions import StaleEdit, unchanged_since, version_of
from coaching.views import progress_form
from engagements import forms, reminders, services
from engagements.models import (
    ActionItem,
    Coach,
    Engagement,
    EngagementEvent,
    Objective,
    User,
)
from engagements.services import RuleBroken

# The lifecycle as the timeline draws it; paused, declined and cancelled are shown as a badge.
TIMELINE = [
    (Engagement.State.EXPLORATORY, "Exploratory session"),
    (Engagement.State.ACTIVE, "Coaching sessions"),
    (Engagement.State.ASSESSMENT, "Skills assessment"),
    (Engagement.State.CLOSED, "Closed"),
]
BUTTON = {
    "active": "Start the coaching",
    "paused": "Pause",
    "assessment": "Move to the skills assessment",
    "closed": "Close the engagement",
    "declined": "Declined: no work follows",
    "cancelled": "Cancel the engagement",
}


def _is_coach(user: User, engagement: Engagement) -> bool:
    return Engagement.objects.coached_by(user).filter(pk=engagement.pk).exists()


def _coached(request: HttpRequest, public_id, queryset=None) -> Engagement:
    """An engagement the user may see (else 404) and coaches (else 403)."""
    if queryset is None:
        queryset = Engagement.objects.visible_to(request.user)
    engagement = get_object_or_404(queryset, public_id=public_id)
    if not _is_coach(request.user, engagement):
        raise PermissionDenied("Only this engagement's coach works on it.")
    return engagement


def _timeline(engagement: Engagement) -> list[dict]:
    order = [state for state, _ in TIMELINE]
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


@login_required
def engagement_detail(request: HttpRequest, public_id, *, assign_form=None) -> HttpResponse:
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
    is_coach = _is_coach(request.user, engagement)
    is_admin = request.user.is_practice_admin
    transitions = []
    for to in engagement.TRANSITIONS[engagement.state]:
        if is_coach or (is_admin and to == Engagement.State.CANCELLED):
            transitions.append({"to": to, "label": BUTTON[to], "reasons": [m for _, m in engagement.unmet_rules(to)]})
    for plan in engagement.action_plans.all():
        for item in plan.items.all():
            item.form = progress_form(item)
    return render(
        request,
        "engagements/engagement_detail.html",
        {
            "engagement": engagement,
            "is_coach": is_coach,
            "timeline": _timeline(engagement),
            "transitions": transitions,
            "assign_form": assign_form or (forms.AssignCoachForm() if is_admin and engagement.is_open else None),
            "today": timezone.localdate(),
            # The newest hundred acts; the API's /audit-events/ pages through the rest.
            "events": EngagementEvent.objects.visible_to(request.user)
            .filter(engagement=engagement)
            .select_related("actor")
            .order_by("-created_at", "-id")[:100],
        },
    )


@login_required
def new_engagement(request: HttpRequest) -> HttpResponse:
    """A coach takes on a new client: registers and invites them, opens the engagement."""
    if request.user.role != User.Role.COACH:
        raise PermissionDenied("Only a coach takes on a client.")
    form = forms.NewClientForm(request.POST or None)
    if request.method == "POST":
        done, engagement = run_once_form(request, form, lambda **data: services.take_on_client(by=request.user, **data))
        if done and engagement is None:  # a double submit: the first one made it
            return redirect("dashboard")
        if done:
            messages.success(request, f"{engagement.title} opened; the client's invitation is on its way.")
            return redirect("engagements:exploratory", engagement.public_id)
    return render(request, "engagements/new_engagement.html", {"form": form})


@login_required
@require_POST
def transition(request: HttpRequest, public_id) -> HttpResponse:
    """Move the engagement along its lifecycle; a refusal shows its reason."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    if not (request.user.is_practice_admin or _is_coach(request.user, engagement)):
        raise PermissionDenied("Only the engagement's coach (or an admin, to cancel) moves it.")
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        try:
            engagement = services.transition_engagement(engagement=engagement, to=form.cleaned_data["to"], by=request.user)
        except RuleBroken as error:
            messages.error(request, f"Refused: {error.detail}.")
        else:
            messages.success(request, f"The engagement is now {engagement.get_state_display().lower()}.")
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
            form.add_error("coach", f"Refused: {error.detail}.")
        else:
            messages.success(request, f"{form.cleaned_data['coach']} now leads this engagement.")
            return redirect("engagements:detail", engagement.public_id)
    return engagement_detail(request, public_id, assign_form=form)


# --- exploratory session ------------------------------------------------------


def _exploratory_page(request: HttpRequest, engagement: Engagement, **bound) -> HttpResponse:
    status = 422 if bound else 200
    terms = {f: getattr(engagement, f) for f in services.TERM_FIELDS} | {"version": version_of(engagement)}
    return render(
        request,
        "engagements/exploratory.html",
        {
            "engagement": engagement,
            "session_form": bound.get("session_form") or forms.ExploratorySessionForm(),
            "objective_form": bound.get("objective_form") or forms.ObjectiveForm(),
            "terms_form": bound.get("terms_form") or forms.TermsForm(initial=terms),
            "reasons": [m for _, m in engagement.unmet_rules(Engagement.State.ACTIVE)]
            if engagement.state == Engagement.State.EXPLORATORY
            else [],
        },
        status=status,
    )


def _exploratory_engagement(request: HttpRequest, public_id) -> Engagement:
    return _coached(
        request,
        public_id,
        Engagement.objects.visible_to(request.user).select_related("exploratory").prefetch_related("objectives", "coachees__user"),
    )


@login_required
def exploratory(request: HttpRequest, public_id) -> HttpResponse:
    """The exploratory session: its record, the client's objectives and the coach's terms."""
    return _exploratory_page(request, _exploratory_engagement(request, public_id))


def _submit(request, engagement, form, key: str, act) -> HttpResponse:
    """Run one service call for a valid form, then back to the exploratory page."""
    if run_form(form, act)[0]:
        return redirect("engagements:exploratory", engagement.public_id)
    return _exploratory_page(request, engagement, **{key: form})


@login_required
@require_POST
def record_exploratory(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _exploratory_engagement(request, public_id)
    return _submit(
        request, engagement, forms.ExploratorySessionForm(request.POST), "session_form",
        lambda data: services.record_exploratory_session(engagement=engagement, by=request.user, **data),
    )


@login_required
@require_POST
def add_objective(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _exploratory_engagement(request, public_id)

    def act(data):
        token = data.pop("token")
        return once(request, token, lambda: services.add_objective(engagement=engagement, by=request.user, **data))

    return _submit(request, engagement, forms.ObjectiveForm(request.POST), "objective_form", act)


@login_required
@require_POST
def set_terms(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _exploratory_engagement(request, public_id)
    form = forms.TermsForm(request.POST)

    def act(data):
        try:
            with unchanged_since(engagement, data.pop("version")):
                return services.set_terms(engagement=engagement, by=request.user, **data)
        except StaleEdit as stale:
            # Show both versions side by side; what the user typed stays in the form.
            form.conflict = [
                (form.fields[f].label or f.replace("_", " ").capitalize(), data[f], getattr(stale.current, f))
                for f in services.TERM_FIELDS
                if data[f] != getattr(stale.current, f)
            ]
            form.data = form.data.copy()
            form.data["version"] = version_of(stale.current)
            raise

    return _submit(request, engagement, form, "terms_form", act)


# --- skills assessment ------------------------------------------------------


def _assessment_page(request: HttpRequest, engagement: Engagement, *, bad=None, evaluation_form=None) -> HttpResponse:
    for objective in engagement.objectives.all():
        objective.form = bad[1] if bad and bad[0].pk == objective.pk else _evaluate_form(objective)
    return render(
        request,
        "engagements/assessment.html",
        {
            "engagement": engagement,
            "evaluation_form": evaluation_form or forms.EvaluationForm(initial={"evaluation": engagement.evaluation}),
            "reasons": [m for _, m in engagement.unmet_rules(Engagement.State.CLOSED)],
        },
        status=422 if bad or evaluation_form else 200,
    )


def _evaluate_form(objective: Objective, data=None) -> forms.EvaluateObjectiveForm:
    initial = {"final_rating": objective.final_rating, "outcome": objective.outcome}
    return forms.EvaluateObjectiveForm(data, prefix=f"o{objective.public_id.hex[:12]}", initial=initial)


def _assessed(request: HttpRequest, public_id) -> Engagement:
    return _coached(request, public_id, Engagement.objects.visible_to(request.user).prefetch_related("objectives"))


@login_required
def assessment(request: HttpRequest, public_id) -> HttpResponse:
    """The closing skills assessment: each objective's baseline against its final rating."""
    return _assessment_page(request, _assessed(request, public_id))


@login_required
@require_POST
def evaluate_objective(request: HttpRequest, public_id) -> HttpResponse:
    """Rate one objective at the end of the work (in place with htmx)."""
    objective = get_object_or_404(Objective.objects.visible_to(request.user).select_related("engagement"), public_id=public_id)
    form = _evaluate_form(objective, request.POST)
    if form.is_valid():
        try:
            objective = services.evaluate_objective(objective=objective, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RuleBroken as error:
            form.add_error(None, error.detail)
        else:
            form = None
    if request.htmx:
        objective.form = form or _evaluate_form(objective)
        return render(request, "engagements/assessment.html#objective", {"objective": objective, "saved": form is None})
    if form is None:
        return redirect("engagements:assessment", objective.engagement.public_id)
    return _assessment_page(request, _assessed(request, objective.engagement.public_id), bad=(objective, form))


@login_required
@require_POST
def write_evaluation(request: HttpRequest, public_id) -> HttpResponse:
    """Write the evaluation of the client's evolution from first to last session."""
    engagement = _assessed(request, public_id)
    form = forms.EvaluationForm(request.POST)
    if run_form(form, lambda data: services.write_evaluation(engagement=engagement, by=request.user, **data))[0]:
        messages.success(request, "Evaluation saved.")
        return redirect("engagements:assessment", engagement.public_id)
    return _assessment_page(request, engagement, evaluation_form=form)


# ---------------------------------------------------------------------------
# Roster
# ---------------------------------------------------------------------------


def _roster_reader(request: HttpRequest) -> None:
    if not (request.user.is_practice_admin or request.user.role == User.Role.COACH):
        raise PermissionDenied("The roster is for admins and coaches.")


@login_required
def roster(request: HttpRequest, *, invite_form=None) -> HttpResponse:
    """Coaches with certifications and expiry, supervisor, capacity and load, hours logged."""
    _roster_reader(request)
    coaches = (
        Coach.objects.visible_to(request.user)
        .with_load()
        .select_related("user", "supervisor__user")
        .prefetch_related("certifications")
    )
    return render(
        request,
        "engagements/roster.html",
        {
            "coaches": coaches,
            "invite_form": invite_form or (forms.InviteCoachForm() if request.user.is_practice_admin else None),
            "today": timezone.localdate(),
            "soon": timezone.localdate() + timedelta(days=60),
        },
        status=422 if invite_form else 200,
    )


@login_required
@require_POST
def invite_coach(request: HttpRequest) -> HttpResponse:
    """An admin puts a coach on the roster and emails them an invitation."""
    services.ensure_admin(request.user)
    form = forms.InviteCoachForm(request.POST)
    done, coach = run_once_form(request, form, lambda **data: services.invite_coach(by=request.user, **data))
    if done:
        if coach is not None:
            messages.success(request, f"{coach} is on the roster; their invitation is on its way.")
        return redirect("engagements:roster")
    return roster(request, invite_form=form)


def _roster_coach(request: HttpRequest, public_id) -> Coach:
    coach = get_object_or_404(
        Coach.objects.visible_to(request.user).with_load().select_related("user", "supervisor__user").prefetch_related("certifications"),
        public_id=public_id,
    )
    _roster_reader(request)
    return coach


@login_required
def coach_detail(request: HttpRequest, public_id, **bound) -> HttpResponse:
    """One coach's roster entry; an admin records certifications, capacity, supervisor, activity."""
    coach = _roster_coach(request, public_id)
    is_admin = request.user.is_practice_admin
    supervisor = coach.supervisor.public_id if coach.supervisor else None
    return render(
        request,
        "engagements/coach_detail.html",
        {
            "coach": coach,
            "is_admin": is_admin,
            "certification_form": bound.get("certification_form") or forms.CertificationForm(),
            "coach_form": bound.get("coach_form") or forms.CoachForm(initial={"capacity": coach.capacity, "supervisor": supervisor}),
            "engagements": coach.engagements.open().order_by("title") if is_admin else [],
            "today": timezone.localdate(),
        },
        status=422 if bound else 200,
    )


@login_required
@require_POST
def add_certification(request: HttpRequest, public_id) -> HttpResponse:
    coach = _roster_coach(request, public_id)
    services.ensure_admin(request.user)
    form = forms.CertificationForm(request.POST)
    if run_once_form(request, form, lambda **data: services.record_certification(coach=coach, by=request.user, **data))[0]:
        data = form.cleaned_data
        messages.success(request, f"Certification {data['body']} {data['level']} recorded.")
        return redirect("engagements:coach", coach.public_id)
    return coach_detail(request, public_id, certification_form=form)


@login_required
@require_POST
def update_coach(request: HttpRequest, public_id) -> HttpResponse:
    coach = _roster_coach(request, public_id)
    services.ensure_admin(request.user)
    form = forms.CoachForm(request.POST)
    if form.is_valid():
        try:
            services.update_coach(coach=coach, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RuleBroken as error:
            form.add_error("supervisor", error.detail)
        else:
            messages.success(request, "Roster entry saved.")
            return redirect("engagements:coach", coach.public_id)
    return coach_detail(request, public_id, coach_form=form)


@login_required
@require_POST
def set_coach_active(request: HttpRequest, public_id) -> HttpResponse:
    """Deactivate (or reactivate) a coach: they keep their engagements but take no new one."""
    coach = _roster_coach(request, public_id)
    active = request.POST.get("active") == "1"
    services.update_coach(coach=coach, by=request.user, is_active=active)
    messages.success(request, f"{coach} is now {'active' if active else 'inactive'}.")
    return redirect("engagements:coach", coach.public_id)


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """A person's own reminder settings: digest, immediate or off, and their time zone."""
    user = request.user
    form = forms.ReminderSettingsForm(
        request.POST or None, initial={"reminder_mode": user.reminder_mode, "time_zone": user.time_zone}
    )
    if request.method == "POST" and form.is_valid():
        try:
            reminders.update_reminder_settings(user=user, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Reminder settings saved.")
            return redirect("engagements:reminder_settings")
    return render(request, "engagements/reminder_settings.html", {"form": form})

