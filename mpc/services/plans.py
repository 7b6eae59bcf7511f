"""Stages 5 and 6: the resources and roles, and the double action plan built from the
stages before it: each project-plan item about the mission, a goal, a role or a resource,
each weak point about a gap of the audit, each control indicator measurable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagements.models import ActionItem, ActionPlan, Engagement, User
from engagements.services import (
    RuleBroken,
    add_action_item,
    ensure_member,
    item_subject,
    plan_for,
    record_event,
    revise_action_item,
    withdraw_action_item,
)
from mpc.models import ABOUT_FIELD, ABOUT_MODEL, PLAN_CATEGORIES, AuditRating, ControlIndicator, Mission, PlanLink, Resource, Role, Stage
from mpc.models.plans import Record
from mpc.services.revisions import revise_record
from mpc.services.stages import ensure_coachee, save_record, writable_stage

Category = ActionItem.Category

# ---------------------------------------------------------------------------
# Stage 5 — resources and structure
# ---------------------------------------------------------------------------


@transaction.atomic
def add_resource(*, engagement: Engagement, kind: str, name: str, by: User, description: str = "") -> Resource:
    """List a technical or human resource the project relies on."""
    writable_stage(engagement, Stage.Number.RESOURCES, by=by, doing=_("add a resource"))
    resource = Resource(engagement=engagement, kind=kind, name=name, description=description)
    save_record(resource)
    record_event(engagement=engagement, by=by, action="mpc.resource_added", subject=f"resource {resource.pk}")
    return resource


@transaction.atomic
def assign_role(*, engagement: Engagement, holder: User, title: str, responsibilities: str, by: User) -> Role:
    """Give anyone the engagement names — a coachee, a team member, a coach — a role and its responsibilities."""
    writable_stage(engagement, Stage.Number.RESOURCES, by=by, doing=_("assign a role"))
    ensure_member(engagement, holder, field="holder")
    role = Role(engagement=engagement, holder=holder, title=title, responsibilities=responsibilities)
    save_record(role)
    record_event(engagement=engagement, by=by, action="mpc.role_assigned", subject=f"role {role.pk}")
    return role


# ---------------------------------------------------------------------------
# Stage 6 — double action plan
# ---------------------------------------------------------------------------

# The refusal when the record chosen is not of the item's kind, by the name of PlanLink's field.
CHOOSE = {
    "mission": gettext_lazy("Choose the mission for an item of this kind (%(kind)s)."),
    "goal": gettext_lazy("Choose a goal for an item of this kind (%(kind)s)."),
    "role": gettext_lazy("Choose a role for an item of this kind (%(kind)s)."),
    "resource": gettext_lazy("Choose a resource for an item of this kind (%(kind)s)."),
    "gap": gettext_lazy("Choose a gap of the audit for an item of this kind (%(kind)s)."),
}


def about_for(engagement: Engagement, category: str, about: Record | None) -> Record | None:
    """The record an item of `category` is about, checked: of the right kind, of this
    engagement, and — a weak point — a real gap. A mission item is about the mission
    when none is named."""
    field = ABOUT_FIELD.get(category)
    if field is None:
        if about is not None:
            raise ValidationError({"about": _("An item of this kind (%(kind)s) points at nothing of the earlier stages.") % {
                "kind": Category(category).label.lower(),
            }})
        return None
    if category == Category.MISSION and about is None:
        about = Mission.objects.filter(engagement=engagement).first()
        if about is None:
            raise ValidationError({"about": _("Define the mission in stage 3 first: a mission item points at it.")})
    if not isinstance(about, ABOUT_MODEL[field]):
        raise ValidationError({"about": str(CHOOSE[field]) % {"kind": Category(category).label.lower()}})
    if about.engagement_id != engagement.pk:
        raise ValidationError({"about": _(
            "“%(record)s” belongs to another engagement: a plan points at this engagement's own records."
        ) % {"record": about}})
    if isinstance(about, AuditRating) and not about.is_weak_point:
        raise ValidationError({"about": _(
            "%(area)s shows no gap: it stands at or above what the project needs."
        ) % {"area": about.get_area_display()}})
    return about


def ensure_fits_plan(
    engagement: Engagement, *, plan_kind: str, category: str, owner: User | None, due_on: date | None
) -> None:
    """MPC's rules for an item of the double action plan, beyond any action's (which
    engagements checks, the category among them): a compulsory deadline or a control
    indicator has its date, and in team coaching each item of the collective plan is a
    member's responsibility."""
    if category in (Category.DEADLINE, Category.INDICATOR) and due_on is None:
        raise ValidationError({"due_on": _("A compulsory deadline needs its date.") if category == Category.DEADLINE else _("A control indicator needs its date.")})
    if engagement.kind == Engagement.Kind.TEAM and plan_kind == ActionPlan.Kind.PROJECT:
        ensure_coachee(engagement, owner, field="owner")


def _link(item: ActionItem, about: Record | None) -> None:
    """Point `item` at `about` (or at nothing)."""
    link = PlanLink.objects.filter(item=item).first()
    if about is None:
        if link is not None:
            link.delete()
        return
    link = link or PlanLink(item=item)
    for name in ABOUT_MODEL:
        setattr(link, name, None)
    setattr(link, PlanLink.field_for(about), about)
    save_record(link)


@transaction.atomic
def add_plan_item(
    *,
    engagement: Engagement,
    plan_kind: str,
    title: str,
    category: str,
    by: User,
    owner: User | None = None,
    due_on: date | None = None,
    about: Record | None = None,
) -> ActionItem:
    """Put an item on the personal plan or the project (collective) plan of stage 6, about
    the record of an earlier stage its kind names."""
    writable_stage(engagement, Stage.Number.ACTION_PLAN, by=by, doing=_("add to the action plan"))
    if plan_kind not in PLAN_CATEGORIES:
        raise ValidationError({"plan_kind": _("The double action plan is a personal plan and a project plan.")})
    if category == Category.INDICATOR:
        raise ValidationError({"category": _("A control indicator is added with its measure: its unit, baseline, target and direction.")})
    ensure_fits_plan(engagement, plan_kind=plan_kind, category=category, owner=owner, due_on=due_on)
    about = about_for(engagement, category, about) if category in PLAN_CATEGORIES[plan_kind] else about
    item = add_action_item(
        plan=plan_for(engagement, plan_kind), title=title, by=by, owner=owner, due_on=due_on, category=category
    )
    _link(item, about)
    return item


@transaction.atomic
def add_control_indicator(
    *,
    engagement: Engagement,
    title: str,
    due_on: date | None,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    direction: str,
    by: User,
    owner: User | None = None,
) -> ControlIndicator:
    """Put a measurable control indicator on the project plan: what it reads, its unit,
    baseline, target and which way is better, by its due date; its owner reads it."""
    writable_stage(engagement, Stage.Number.ACTION_PLAN, by=by, doing=_("add a control indicator"))
    ensure_fits_plan(engagement, plan_kind=ActionPlan.Kind.PROJECT, category=Category.INDICATOR, owner=owner, due_on=due_on)
    item = add_action_item(
        plan=plan_for(engagement, ActionPlan.Kind.PROJECT), title=title, by=by, owner=owner, due_on=due_on,
        category=Category.INDICATOR,
    )
    indicator = ControlIndicator(item=item, unit=unit, baseline=baseline, target=target, direction=direction)
    save_record(indicator)
    record_event(engagement=engagement, by=by, action="mpc.indicator_added", subject=f"indicator {indicator.pk}")
    return indicator


def _on_the_double_plan(item: ActionItem) -> str:
    """The half of the double action plan `item` is on (a GROW session's action is not)."""
    if item.plan.kind not in PLAN_CATEGORIES:
        raise RuleBroken("not_on_the_plan", _("this action is not on the double action plan"))
    return item.plan.kind


NOTHING = object()


@transaction.atomic
def revise_plan_item(*, item: ActionItem, by: User, about: Record | None | object = NOTHING, **changes) -> ActionItem:
    """Correct an item of the double action plan (title, kind, what it is about, owner, due
    date) while stage 6 is open; engagements' revise_action_item makes the change."""
    plan_kind = _on_the_double_plan(item)
    stage = writable_stage(item.plan.engagement, Stage.Number.ACTION_PLAN, by=by, doing=_("change the action plan"))
    item = ActionItem.objects.select_related("plan", "mpc_link").get(pk=item.pk)  # as it is now, under the engagement's lock
    after = {name: changes.get(name, getattr(item, name)) for name in ("category", "owner", "due_on")}
    is_indicator = item.category == Category.INDICATOR
    if is_indicator != (after["category"] == Category.INDICATOR):
        raise ValidationError({"category": _("A control indicator stays one: delete it and add another item instead.")})
    ensure_fits_plan(stage.engagement, plan_kind=plan_kind, **after)
    current = item.mpc_link.about if hasattr(item, "mpc_link") else None
    wanted = current if about is NOTHING else about
    if after["category"] in PLAN_CATEGORIES[plan_kind]:  # else revise_action_item names the plan's kinds
        wanted = about_for(stage.engagement, after["category"], wanted)
    item = revise_action_item(item=item, by=by, **changes)
    if wanted != current:
        _link(item, wanted)
        record_event(engagement=stage.engagement, by=by, action="action_item.revised", subject=f"{item_subject(plan_kind)}: about")
    return item


@transaction.atomic
def withdraw_plan_item(*, item: ActionItem, by: User) -> None:
    """Delete an item put on the double action plan by mistake while stage 6 is open
    (refused once its owner has reported progress, or a control indicator has readings)."""
    _on_the_double_plan(item)
    writable_stage(item.plan.engagement, Stage.Number.ACTION_PLAN, by=by, doing=_("change the action plan"))
    if item.category == Category.INDICATOR and ControlIndicator.objects.filter(item=item, readings__isnull=False).exists():
        raise RuleBroken("has_dependents", _("“%(item)s” has readings recorded: mark it dropped instead") % {"item": item})
    withdraw_action_item(item=item, by=by)


INDICATOR_ITEM_FIELDS = ("title", "owner", "due_on")


@transaction.atomic
def revise_control_indicator(*, indicator: ControlIndicator, by: User, **changes) -> ControlIndicator:
    """Correct a control indicator: its plan item (name, owner, due date) and its measure
    (unit until read, baseline, target, direction) while stage 6 is open."""
    item_changes = {name: changes.pop(name) for name in INDICATOR_ITEM_FIELDS if name in changes}
    if item_changes:
        revise_plan_item(item=indicator.item, by=by, **item_changes)
    if changes or not item_changes:
        indicator = revise_record(record=indicator, by=by, **changes)
    return ControlIndicator.objects.select_related("item__plan", "item__owner").get(pk=indicator.pk)
