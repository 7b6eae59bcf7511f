"""MPC stage pages: the seven stages with their state and checklist, each stage's content
and forms, monitoring's row forms, and correcting a row in place. Lookups go through
`visible_to(request.user)` (404 outside it); each POST validates its form and makes one call
into mpc.services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import ActionItem, ActionPlan, Engagement, User
from engagements.services import RuleBroken
from kit.forms import run_form, run_once_form
from kit.views import Row, delete_row, edit_row
from mpc import forms, services
from mpc.models import (
    PLAN_CATEGORIES,
    ActivityFlow,
    AuditRating,
    CheckIn,
    ControlIndicator,
    ControlReading,
    Customer,
    Factor,
    Goal,
    Milestone,
    Mission,
    Partner,
    Resource,
    Role,
    Stage,
    TeamObservation,
)
from mpc.views.common import STAGE, coached_engagement, goals_of, stage_of
from mpc.views.monitoring import monitoring
from mpc.views.plans import double_plan


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


def _on_plan(plan_kind: str) -> Callable[..., object]:
    """add_plan_item for one half of the plan; the form's choice gives the kind and the record."""

    def act(*, about, **data):
        category, record = about
        return services.add_plan_item(plan_kind=plan_kind, category=category, about=record, **data)

    return act


ADDERS: dict[int, list[Adder]] = {
    1: [
        Adder("rating", _("Rate an area of the person"), forms.RatePersonForm, services.rate_person, team=False),
        Adder("rating", _("Rate an area for the team as it works now"), forms.RatePersonForm, services.rate_person, team=True),
        Adder("observation", _("Observe a member or the whole team"), forms.ObserveTeamForm, services.observe_team, team=True),
    ],
    2: [
        Adder("customer", _("Add a customer"), forms.CustomerForm, services.add_customer),
        Adder("partner", _("Add a partner"), forms.PartnerForm, services.add_partner),
        Adder("factor", _("Add a factor that eases or hinders"), forms.FactorForm, services.add_factor),
    ],
    3: [Adder("mission", _("Define the mission"), forms.MissionForm, services.define_mission)],
    4: [
        Adder("goal", _("Add a goal"), forms.GoalForm, services.add_goal),
        Adder("milestone", _("Add a milestone"), forms.MilestoneForm, _on_goal),
        Adder("flow", _("Add an activity flow"), forms.ActivityFlowForm, services.add_activity_flow),
    ],
    5: [
        Adder("resource", _("Add a resource"), forms.ResourceForm, services.add_resource),
        Adder("role", _("Assign a role"), forms.RoleForm, services.assign_role),
    ],
    6: [
        Adder("personal", _("Add to the personal plan"), forms.PersonalItemForm, _on_plan(ActionPlan.Kind.PERSONAL), team=False),
        Adder("personal", _("Add to a member's personal plan"), forms.PersonalItemForm, _on_plan(ActionPlan.Kind.PERSONAL), team=True),
        Adder("project", _("Add to the project plan"), forms.ProjectItemForm, _on_plan(ActionPlan.Kind.PROJECT), team=False),
        Adder("project", _("Add to the collective plan"), forms.ProjectItemForm, _on_plan(ActionPlan.Kind.PROJECT), team=True),
        Adder("indicator", _("Add a control indicator"), forms.IndicatorForm, services.add_control_indicator),
    ],
    7: [
        Adder("checkin", _("Record a check-in"), forms.CheckInForm, services.record_check_in),
        Adder("milestone", _("Add a milestone to a next goal"), forms.NextMilestoneForm, _on_goal),
        Adder("complete", _("Mark the mission complete"), forms.MissionCompleteForm, services.complete_mission),
    ],
}



@login_required
def overview(request: HttpRequest, public_id) -> HttpResponse:
    """The seven stages as a stepper: each one's state, what it still lacks, and one
    primary action — the next one."""
    engagement = coached_engagement(request, public_id)
    stages = list(engagement.mpc_stages.all())
    upcoming = next((stage for stage in stages if not stage.is_done), None)
    for stage in stages:
        stage.missing = stage.missing_content() if not stage.is_done else []
    if upcoming is not None:
        upcoming.ready = not upcoming.unmet_rules()
    context = {"engagement": engagement, "stages": stages, "upcoming": upcoming}
    return render(request, "mpc/overview.html", context)


@login_required
@require_POST
def start(request: HttpRequest, public_id) -> HttpResponse:
    engagement = coached_engagement(request, public_id)
    try:
        services.start_mpc(engagement=engagement, by=request.user)
    except RuleBroken as error:
        messages.error(request, gettext("Refused: %(reason)s.") % {"reason": error.detail})
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
            human_missing = not e.mpc_goals.filter(is_human=True).exists()
            return {"goals": goals_of(e), "flows": e.mpc_activity_flows.select_related("owner", "goal"), "human_missing": human_missing}
        case 5:
            return {"resources": e.mpc_resources.all(), "roles": e.mpc_roles.select_related("holder")}
        case 6:
            return double_plan(e)
        case _:
            return {}



def _adders(engagement: Engagement, number: int) -> list[Adder]:
    team = engagement.kind == Engagement.Kind.TEAM
    return [a for a in ADDERS[number] if a.team is None or a.team == team]


def _blocks(engagement: Engagement, number: int, bound: tuple[str, object] | None = None, *, saved: str = "", typed=None) -> list[dict]:
    typed = typed or {}
    return [
        {
            "adder": a, "saved": a.key == saved,
            "form": bound[1] if bound and bound[0] == a.key else a.form(engagement=engagement, prefix=a.key, initial=typed.get(a.key)),
        }
        for a in _adders(engagement, number)
    ]


def _stage_context(engagement: Engagement, number: int, *, bound=None, row_bound=None, saved: str = "", typed=None) -> dict:
    """Everything a stage page shows; `bound` is a refused add form, `row_bound` a refused
    row form of monitoring ((key, record id), form), `typed` what was typed in other add
    forms, by key, to show again."""
    current = stage_of(engagement, number)
    current.checks = current.checklist() if not current.is_done else []
    current.ready = not current.is_done and not current.unmet_rules()
    context = {
        "engagement": engagement, "stage": current, "stages": engagement.mpc_stages.all(),
        "blocks": _blocks(engagement, number, bound, saved=saved, typed=typed), "editable": _editable(engagement, current),
        **_content(engagement, number),
    }
    if number == Stage.Number.MONITORING:
        context |= monitoring(engagement, row_bound=row_bound)
    return context


@login_required
def stage(request: HttpRequest, public_id, number: int, *, bound: tuple[str, object] | None = None, row_bound=None) -> HttpResponse:
    """One MPC stage: its state and checklist, what it holds, and the forms that fill it."""
    engagement = coached_engagement(request, public_id)
    context = _stage_context(engagement, number, bound=bound, row_bound=row_bound)
    return render(request, STAGE, context, status=422 if bound or row_bound else 200)


def _editable(engagement: Engagement, stage: Stage) -> bool:
    """Whether the page offers Edit and Delete on its rows (the services decide either way)."""
    return engagement.state == Engagement.State.ACTIVE and not stage.is_done


def _parts(request: HttpRequest, context: dict, *names: str, status: int = 200) -> HttpResponse:
    """Partials of the stage page, for htmx: the first swaps its target, the others (each
    with an id of its own) swap out of band."""
    html = "".join(
        render_to_string(f"{STAGE}#{name}", context | {"oob": i > 0}, request) for i, name in enumerate(names)
    )
    return HttpResponse(html, status=status)


def _fresh_choices(request: HttpRequest, context: dict, key: str = "") -> str:
    """The select lists of the other forms, renewed out of band: what was just added may be
    one of their choices (a goal for a milestone); what was typed in them stays."""
    selects = [
        field.as_widget(attrs={"hx-swap-oob": "true"})
        for block in context["blocks"] if block["adder"].key != key
        for field in block["form"].visible_fields() if field.widget_type == "select"
    ]
    return "".join(selects)


@login_required
@require_POST
def add(request: HttpRequest, public_id, number: int, key: str) -> HttpResponse:
    """Fill a stage: one form, one service call. With htmx only this form's block is
    swapped (and, once saved, what the stage holds and its checklist), so what is typed in
    the other forms stays."""
    engagement = coached_engagement(request, public_id)
    adder = next((a for a in _adders(engagement, number) if a.key == key), None)
    if adder is None:
        raise Http404("No such form on this stage.")
    form = adder.form(request.POST, engagement=engagement, prefix=key)
    done = run_once_form(request, form, lambda **data: adder.act(engagement=engagement, by=request.user, **data))[0]
    if request.htmx:
        engagement = coached_engagement(request, public_id)  # as it is now
        if not done:
            context = _stage_context(engagement, number, bound=(key, form))
            parts = ("held", "block") if number == Stage.Number.MONITORING else ("block",)
            return _parts(request, context | {"block": _block(context, key)}, *parts, status=422)
        context = _stage_context(engagement, number, saved=key, typed=_typed_check_in(request, number, key))
        # Monitoring's forms target what it holds (its charts swap in place, not out of band).
        parts = ("held", "block", "head") if number == Stage.Number.MONITORING else ("block", "held", "head")
        response = _parts(request, context | {"block": _block(context, key)}, *parts)
        response.content += (_fresh_choices(request, context, key) + _renewed_check_in(request, context, key)).encode()
        return response
    if done:
        messages.success(request, gettext("Saved."))
        return redirect("mpc:stage", engagement.public_id, number)
    return stage(request, public_id, number, bound=(key, form))


def _block(context: dict, key: str) -> dict:
    return next(block for block in context["blocks"] if block["adder"].key == key)


CHECK_IN = "checkin"


def _typed_check_in(request: HttpRequest, number: int, key: str = "") -> dict:
    """What is typed in the check-in form, sent along (hx-include) by the other forms of
    monitoring: their saves may change the goals and milestones the check-in reviews, so
    it is drawn again, with what was typed in it."""
    if number != Stage.Number.MONITORING or key == CHECK_IN:
        return {}
    prefix = f"{CHECK_IN}-"
    return {CHECK_IN: {name.removeprefix(prefix): value for name, value in request.POST.items() if name.startswith(prefix)}}


def _renewed_check_in(request: HttpRequest, context: dict, key: str = "") -> str:
    if context["stage"].number != Stage.Number.MONITORING or key == CHECK_IN:
        return ""
    return render_to_string(f"{STAGE}#block", context | {"block": _block(context, CHECK_IN), "oob": True}, request)



@dataclass(frozen=True)
class RowAct:
    """A form on one row of the monitoring page and the one service it calls."""

    model: type
    form: Callable[..., object]
    act: Callable[..., object]
    arg: str


def _next_goal(*, milestone, by, **data):
    return services.set_next_goal(milestone=milestone, by=by, **data)


ROW_ACTS: dict[str, RowAct] = {
    "milestone": RowAct(Milestone, forms.milestone_progress_form, services.update_milestone, "milestone"),
    "indicator": RowAct(ControlIndicator, forms.reading_form, services.record_reading, "indicator"),
    "next-goal": RowAct(Milestone, forms.next_goal_form, _next_goal, "milestone"),
}


@login_required
@require_POST
def row_act(request: HttpRequest, public_id, key: str, record) -> HttpResponse:
    """Record a milestone's progress, read a control indicator, or set the goal that follows
    a reached milestone, from the monitoring page: with htmx what monitoring holds is
    swapped, the check-in being typed stays."""
    engagement = coached_engagement(request, public_id)
    row = ROW_ACTS.get(key)
    if row is None:
        raise Http404("No such form on this stage.")
    rows = row.model.objects.all()
    found = get_object_or_404(rows.filter(**{rows.engagement_path: engagement}), public_id=record)
    form = row.form(found, request.POST)
    done = run_form(form, lambda data: row.act(**{row.arg: found}, by=request.user, **data))[0]
    row_bound = None if done else ((key, found.public_id), form)
    if request.htmx:
        typed = _typed_check_in(request, Stage.Number.MONITORING)
        context = _stage_context(coached_engagement(request, public_id), Stage.Number.MONITORING, row_bound=row_bound, typed=typed)
        response = _parts(request, context | {"saved_row": found.public_id if done else None}, "held", "head", status=200 if done else 422)
        if done:
            response.content += (_fresh_choices(request, context) + _renewed_check_in(request, context)).encode()
        return response
    if done:
        messages.success(request, gettext("Saved."))
        return redirect("mpc:stage", engagement.public_id, Stage.Number.MONITORING)
    return stage(request, public_id, Stage.Number.MONITORING, row_bound=row_bound)


@login_required
@require_POST
def move(request: HttpRequest, public_id, number: int) -> HttpResponse:
    """Mark a stage done, reopen it, or confirm its review; a refusal shows its reason."""
    engagement = coached_engagement(request, public_id)
    current = stage_of(engagement, number)
    act = {"done": services.complete_stage, "reopen": services.reopen_stage, "review": services.confirm_stage_review}.get(
        request.POST.get("to", "")
    )
    if act is None:
        raise Http404("No such move.")
    try:
        act(stage=current, by=request.user)
    except RuleBroken as error:
        messages.error(request, gettext("Refused: %(reason)s.") % {"reason": error.detail})
    return redirect("mpc:stage", engagement.public_id, number)


# --- correcting and deleting a row ----------------------------------------------------


@dataclass(frozen=True)
class Editor:
    """A kind of row on the stage pages that the coach corrects or deletes in place."""

    model: type
    form: type[forms.EditForm]
    what: str  # names the row to people: "activity flow"
    stages: tuple[int, ...]  # the stage pages that show it
    revise: Callable[..., object] = services.revise_record
    withdraw: Callable[..., None] = services.withdraw_record
    arg: str = "record"  # how its services name the row
    scope: dict = field(default_factory=dict)  # which of the engagement's rows it covers


def _revise_item(*, item: ActionItem, by: User, about: tuple[str, object], **data) -> ActionItem:
    category, record = about
    return services.revise_plan_item(item=item, by=by, category=category, about=record, **data)


def _withdraw_indicator(*, indicator: ControlIndicator, by: User) -> None:
    services.withdraw_plan_item(item=indicator.item, by=by)


EDITORS: dict[str, Editor] = {
    "rating": Editor(AuditRating, forms.RatingEditForm, _("rating"), (1,)),
    "observation": Editor(TeamObservation, forms.ObservationEditForm, _("observation"), (1,)),
    "customer": Editor(Customer, forms.CustomerEditForm, _("customer"), (2,)),
    "partner": Editor(Partner, forms.PartnerEditForm, _("partner"), (2,)),
    "factor": Editor(Factor, forms.FactorEditForm, _("factor"), (2,)),
    "mission": Editor(Mission, forms.MissionEditForm, _("mission"), (3,)),
    "goal": Editor(Goal, forms.GoalEditForm, _("goal"), (4, 7)),
    "milestone": Editor(Milestone, forms.MilestoneEditForm, _("milestone"), (4, 7)),
    "flow": Editor(ActivityFlow, forms.ActivityFlowEditForm, _("activity flow"), (4,)),
    "resource": Editor(Resource, forms.ResourceEditForm, _("resource"), (5,)),
    "role": Editor(Role, forms.RoleEditForm, _("role"), (5,)),
    "item": Editor(
        ActionItem, forms.PlanItemEditForm, _("plan item"), (6,), revise=_revise_item,
        withdraw=services.withdraw_plan_item, arg="item",
        scope={"plan__kind__in": list(PLAN_CATEGORIES), "mpc_indicator__isnull": True},
    ),
    "indicator": Editor(
        ControlIndicator, forms.IndicatorEditForm, _("control indicator"), (6,), revise=services.revise_control_indicator,
        withdraw=_withdraw_indicator, arg="indicator",
    ),
    "checkin": Editor(CheckIn, forms.CheckInEditForm, _("check-in"), (7,)),
    "reading": Editor(ControlReading, forms.ReadingEditForm, _("reading"), (7,)),
}


@dataclass(frozen=True)
class Place:
    """One row of a stage page, found within the engagement the coach works on."""

    engagement: Engagement
    stage: Stage
    key: str
    editor: Editor
    record: object

    @property
    def row(self) -> Row:
        context = {"engagement": self.engagement, "stage": self.stage, "editable": True}
        return Row(f"{STAGE}#{self.key}", self.key, lambda request, record: context)

    @property
    def back(self) -> str:
        return reverse("mpc:stage", args=[self.engagement.public_id, self.stage.number])


def _place(request: HttpRequest, public_id, number: int, key: str, record_id) -> Place:
    """The row `record_id` of kind `key` as stage page `number` shows it (404 if it does not)."""
    engagement = coached_engagement(request, public_id)
    current = stage_of(engagement, number)
    editor = EDITORS.get(key)
    if editor is None or number not in editor.stages:
        raise Http404("No such row on this stage.")
    rows = editor.model.objects.all()
    record = get_object_or_404(rows.filter(**{rows.engagement_path: engagement}, **editor.scope), public_id=record_id)
    return Place(engagement, current, key, editor, record)


@login_required
def edit(request: HttpRequest, public_id, number: int, key: str, record) -> HttpResponse:
    """Correct one row of a stage page: in place with htmx, else on a page of its own."""
    place = _place(request, public_id, number, key, record)
    editor = place.editor
    return edit_row(
        request, place.record, form=editor.form, row=place.row, back=place.back, title=editor.what.capitalize(),
        act=lambda data: editor.revise(**{editor.arg: place.record}, by=request.user, **data),
        form_kwargs={"engagement": place.engagement, "prefix": f"{key}-{place.record.public_id.hex[:8]}"},
    )


@login_required
@require_POST
def delete(request: HttpRequest, public_id, number: int, key: str, record) -> HttpResponse:
    """Delete one row of a stage page; a refusal names what depends on it."""
    place = _place(request, public_id, number, key, record)
    editor = place.editor
    return delete_row(
        request, place.record, row=place.row, back=place.back, what=editor.what,
        act=lambda: editor.withdraw(**{editor.arg: place.record}, by=request.user),
    )
