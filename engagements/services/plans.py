"""Action plans and their items, shared by GROW and MPC."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagements.models import (
    ActionItem,
    ActionPlan,
    Engagement,
    User,
)
from engagements.services.guards import (
    RuleBroken,
    apply_changes,
    ensure_coach_of,
    ensure_record_open,
    ensure_state,
    lock,
    record_event,
    save_valid,
    what_changed,
)

# ---------------------------------------------------------------------------
# Action plans and items (shared by GROW and MPC)
# ---------------------------------------------------------------------------


# The one refusal for a person outside the engagement, worded as for an unknown id: it
# must not tell the caller who the id belongs to, nor that it exists at all.
NOT_A_PARTICIPANT = gettext_lazy("No one with this id takes part in this engagement.")

# How the history names an action by its plan, in words (the plan's kind is a code).
ITEM_SUBJECTS = {"sessions": "session action", "personal": "personal plan action", "project": "project plan action"}


def item_subject(plan_kind: str) -> str:
    """What the history calls an action of a plan of this kind."""
    return ITEM_SUBJECTS.get(plan_kind, "action")


def takes_part(engagement: Engagement, person: User) -> bool:
    """Whether `person` is the engagement's coach, a co-coach or one of its coachees."""
    return (
        engagement.coachees.filter(user=person).exists()
        or Engagement.objects.coached_by(person).filter(pk=engagement.pk).exists()
    )


def ensure_member(engagement: Engagement, person: User | None, *, field: str = "owner") -> None:
    """An owner must be the engagement's coach, a co-coach or one of its coachees."""
    if person is not None and not takes_part(engagement, person):
        raise ValidationError({field: NOT_A_PARTICIPANT})


def plan_for(engagement: Engagement, kind: str) -> ActionPlan:
    """The engagement's action plan of that kind, made on first use."""
    plan, _created = ActionPlan.objects.get_or_create(engagement=engagement, kind=kind)
    return plan


@transaction.atomic
def add_action_item(
    *,
    plan: ActionPlan,
    title: str,
    by: User,
    owner: User | None = None,
    due_on: date | None = None,
    category: str = "",
) -> ActionItem:
    """Put an action on a plan, owned by someone who takes part in the engagement."""
    ensure_coach_of(plan.engagement, by)
    engagement = lock(plan.engagement)
    ensure_state(engagement, *Engagement.OPEN_STATES, doing=_("add an action"))
    item = ActionItem(plan=plan, title=title, owner=owner, due_on=due_on, category=category)
    _ensure_item_fits(item, engagement)
    save_valid(item)
    record_event(engagement=engagement, by=by, action="action_item.added", subject=item_subject(plan.kind))
    return item


def _ensure_item_fits(item: ActionItem, engagement: Engagement) -> None:
    """An item is owned by someone who takes part, due no earlier than the engagement
    opened, and of a kind its plan holds."""
    ensure_member(engagement, item.owner)
    if item.due_on is not None and item.due_on < engagement.opened_on:
        raise ValidationError({"due_on": _("An action cannot be due before the engagement opened.")})
    if item.category not in item.plan.categories:
        kinds = ", ".join(ActionItem.Category(c).label.lower() for c in item.plan.categories)
        raise ValidationError({
            "category": _("The %(plan)s holds these kinds of item: %(kinds)s.")
            % {"plan": item.plan.get_kind_display().lower(), "kinds": kinds}
        })


ITEM_FIELDS = ("title", "owner", "due_on", "category")
PROGRESS_FIELDS = ("status", "progress")


@transaction.atomic
def revise_action_item(*, item: ActionItem, by: User, **changes) -> ActionItem:
    """Correct an action's title, owner, due date or kind (its coach); status and progress
    given alongside go through update_action_progress, as the owner's would."""
    plan_changes = {name: value for name, value in changes.items() if name not in PROGRESS_FIELDS}
    progress = {name: value for name, value in changes.items() if name in PROGRESS_FIELDS}
    engagement = item.plan.engagement
    if plan_changes or item.owner_id != by.pk:
        ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_record_open(engagement, doing=_("change an action"))
    item = ActionItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    changed = apply_changes(item, plan_changes, allowed=ITEM_FIELDS)
    if changed:
        _ensure_item_fits(item, engagement)
        save_valid(item)
        record_event(engagement=engagement, by=by, action="action_item.revised", subject=what_changed(item_subject(item.plan.kind), changed))
    if progress:
        item = update_action_progress(item=item, by=by, **progress)
    return item


@transaction.atomic
def withdraw_action_item(*, item: ActionItem, by: User) -> None:
    """Delete an action put on a plan by mistake; once its owner has reported progress it
    stays, and is marked dropped instead."""
    ensure_coach_of(item.plan.engagement, by)
    engagement = lock(item.plan.engagement)
    ensure_record_open(engagement, doing=_("delete an action"))
    item = ActionItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    if item.status != ActionItem.Status.TODO or item.progress > 0:
        raise RuleBroken(
            "action_has_progress",
            _("“%(action)s” has progress reported (%(status)s, %(progress)s%%): mark it dropped instead")
            % {"action": item, "status": item.get_status_display().lower(), "progress": item.progress},
        )
    kind = item.plan.kind
    item.delete()
    record_event(engagement=engagement, by=by, action="action_item.withdrawn", subject=item_subject(kind))


@transaction.atomic
def update_action_progress(*, item: ActionItem, by: User, status: str | None = None, progress: int | None = None) -> ActionItem:
    """Update an item's status and progress: its owner or the engagement's coach may,
    while the engagement is under way."""
    engagement = item.plan.engagement
    if item.owner_id != by.pk:
        ensure_coach_of(engagement, by)
    engagement = lock(engagement)
    ensure_record_open(engagement, doing=_("update an action"))
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if status is not None:
        item.status = status
    if progress is not None:
        item.progress = progress
    if item.status == ActionItem.Status.DONE:
        item.progress = 100
        item.completed_at = item.completed_at or timezone.now()
    else:
        item.completed_at = None
        if item.progress == 100 and status is None:
            item.status = ActionItem.Status.DONE
            item.completed_at = timezone.now()
    save_valid(item)
    record_event(engagement=engagement, by=by, action="action_item.progress", subject=item_subject(item.plan.kind), to_state=item.status)
    return item
