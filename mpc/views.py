"""MPC stage pages: the seven stages with their state, each stage's content and forms.
Lookups go through `visible_to(request.user)` (404 outside it); each POST validates its
form and makes one call into mpc.services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coaching.forms import run_once_form
from engagements.models import ActionItem, ActionPlan, Engagement
from engagements.services import RuleBroken
from mpc import forms, services
from mpc.models import Milestone, Mission, Stage


@dataclass(frozen=True)
class Adder:
    """One form on a stage page and the one service it calls."""

    key: str
    title: str
    form: type[forms.EngagementForm]
    act: Callable[..., object]
    team: bool | None = None  # None: both kinds; True: team coaching only; False: individual only


def _on_goal(*, engagement, goal, **data):
    return services.add_milestone(goal=goal, **data)


ADDERS: dict[int, list[Adder]] = {
    1: [
        Adder("rating", "Rate an area of the person", forms.RatePersonForm, services.rate_person, team=False),
        Adder("observation", "Observe the team's functioning", forms.ObserveTeamForm, services.observe_team, team=True),
    ],
    2: [
        Adder("customer", "Add a customer", forms.CustomerForm, services.add_customer),
        Adder("partner", "Add a partner", forms.PartnerForm, services.add_partner),
        Adder("factor", "Add a factor that eases or hinders", forms.FactorForm, services.add_factor),
    ],
    3: [Adder("mission", "Define the mission", forms.MissionForm, services.define_mission)],
    4: [
        Adder("goal", "Add a goal", forms.GoalForm, services.add_goal),
        Adder("milestone", "Add a milestone", forms.MilestoneForm, _on_goal),
        Adder("flow", "Add an activity flow", forms.ActivityFlowForm, services.add_activity_flow),
    ],
    5: [
        Adder("resource", "Add a resource", forms.ResourceForm, services.add_resource),
        Adder("role", "Assign a role", forms.RoleForm, services.assign_role),
    ],
    6: [Adder("item", "Add to the double action plan", forms.PlanItemForm, services.add_plan_item)],
    7: [Adder("checkin", "Record a check-in", forms.CheckInForm, services.record_check_in)],
}


def _engagement(request: HttpRequest, public_id) -> Engagement:
    engagement = get_object_or_404(
        Engagement.objects.visible_to(request.user).prefetch_related("mpc_stages"), public_id=public_id
    )
    if not Engagement.objects.coached_by(request.user).filter(pk=engagement.pk).exists():
        raise PermissionDenied("Only this engagement's coach works on its MPC stages.")
    return engagement


def _stage(engagement: Engagement, number: int) -> Stage:
    for stage in engagement.mpc_stages.all():
        if stage.number == number:
            return stage
    raise Http404("No such stage.")


@login_required
def overview(request: HttpRequest, public_id) -> HttpResponse:
    """The seven stages in order, each with its state and what stops it being done."""
    engagement = _engagement(request, public_id)
    stages = list(engagement.mpc_stages.all())
    for stage in stages:
        stage.reasons = [m for _, m in stage.unmet_rules()] if not stage.is_done else []
    return render(request, "mpc/overview.html", {"engagement": engagement, "stages": stages})


@login_required
@require_POST
def start(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _engagement(request, public_id)
    try:
        services.start_mpc(engagement=engagement, by=request.user)
    except RuleBroken as error:
        messages.error(request, f"Refused: {error.detail}.")
    return redirect("mpc:overview", engagement.public_id)


def _content(engagement: Engagement, number: int) -> dict:
    """What the stage holds so far, each list fetched in one query."""
    e = engagement
    match number:
        case 1:
            return {"ratings": e.audit_ratings.all(), "observations": e.team_observations.select_related("member")}
        case 2:
            return {"customers": e.mpc_customers.all(), "partners": e.mpc_partners.all(), "factors": e.mpc_factors.all()}
        case 3:
            return {"mission": Mission.objects.filter(engagement=e).first()}
        case 4:
            goals = e.mpc_goals.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.select_related("owner")))
            return {"goals": goals, "flows": e.mpc_activity_flows.select_related("owner", "goal")}
        case 5:
            return {"resources": e.mpc_resources.all(), "roles": e.mpc_roles.select_related("holder")}
        case 6:
            plans = e.action_plans.filter(kind__in=[ActionPlan.Kind.PERSONAL, ActionPlan.Kind.PROJECT]).prefetch_related(
                Prefetch("items", queryset=ActionItem.objects.select_related("owner"))
            )
            return {"plans": plans}
        case _:
            goals = e.mpc_goals.prefetch_related("milestones")
            return {"check_ins": e.mpc_check_ins.all(), "goals": goals}


def _adders(engagement: Engagement, number: int) -> list[Adder]:
    team = engagement.kind == Engagement.Kind.TEAM
    return [a for a in ADDERS[number] if a.team is None or a.team == team]


@login_required
def stage(request: HttpRequest, public_id, number: int, *, bound: tuple[str, object] | None = None) -> HttpResponse:
    """One MPC stage: its state, what it holds, and the forms that fill it."""
    engagement = _engagement(request, public_id)
    current = _stage(engagement, number)
    current.reasons = [m for _, m in current.unmet_rules()] if not current.is_done else []
    blocks = [
        {"adder": a, "form": bound[1] if bound and bound[0] == a.key else a.form(engagement=engagement, prefix=a.key)}
        for a in _adders(engagement, number)
    ]
    return render(
        request,
        "mpc/stage.html",
        {"engagement": engagement, "stage": current, "stages": engagement.mpc_stages.all(), "blocks": blocks, **_content(engagement, number)},
        status=422 if bound else 200,
    )


@login_required
@require_POST
def add(request: HttpRequest, public_id, number: int, key: str) -> HttpResponse:
    """Fill a stage: one form, one service call."""
    engagement = _engagement(request, public_id)
    adder = next((a for a in _adders(engagement, number) if a.key == key), None)
    if adder is None:
        raise Http404("No such form on this stage.")
    form = adder.form(request.POST, engagement=engagement, prefix=key)
    if run_once_form(request, form, lambda **data: adder.act(engagement=engagement, by=request.user, **data))[0]:
        messages.success(request, "Saved.")
        return redirect("mpc:stage", engagement.public_id, number)
    return stage(request, public_id, number, bound=(key, form))


@login_required
@require_POST
def move(request: HttpRequest, public_id, number: int) -> HttpResponse:
    """Mark a stage done, reopen it, or confirm its review; a refusal shows its reason."""
    engagement = _engagement(request, public_id)
    current = _stage(engagement, number)
    act = {"done": services.complete_stage, "reopen": services.reopen_stage, "review": services.confirm_stage_review}.get(
        request.POST.get("to", "")
    )
    if act is None:
        raise Http404("No such move.")
    try:
        act(stage=current, by=request.user)
    except RuleBroken as error:
        messages.error(request, f"Refused: {error.detail}.")
    return redirect("mpc:stage", engagement.public_id, number)
