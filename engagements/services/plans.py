"""Action plans and their items, shared by GROW and MPC."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagements.models import (
    ActionItem,
    ActionPlan,
    Engagement,
    User,
)
from engagements.services.guards import ensure_coach_of, ensure_state, lock, record_event, save_valid

# ---------------------------------------------------------------------------
# Action plans and items (shared by GROW and MPC)
# ---------------------------------------------------------------------------


def ensure_member(engagement: Engagement, person: User | None, *, field: str = "owner") -> None:
    """An owner must be the engagement's coach, a co-coach or one of its coachees."""
    if person is None:
        return
    is_member = (
        engagement.coachees.filter(user=person).exists()
        or Engagement.objects.coached_by(person).filter(pk=engagement.pk).exists()
    )
    if not is_member:
        raise ValidationError({field: f"{person} does not take part in this engagement."})


def plan_for(engagement: Engagement, kind: str) -> ActionPlan:
    """The engagement's action plan of that kind, made on first use."""
    plan, _ = ActionPlan.objects.get_or_create(engagement=engagement, kind=kind)
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
    ensure_state(engagement, *Engagement.OPEN_STATES, doing="add an action")
    ensure_member(engagement, owner)
    if due_on is not None and due_on < engagement.opened_on:
        raise ValidationError({"due_on": "An action cannot be due before the engagement opened."})
    item = ActionItem(plan=plan, title=title, owner=owner, due_on=due_on, category=category)
    save_valid(item)
    record_event(engagement=engagement, by=by, action="action_item.added", subject=f"{plan.kind} item")
    return item


@transaction.atomic
def update_action_progress(*, item: ActionItem, by: User, status: str | None = None, progress: int | None = None) -> ActionItem:
    """Update an item's status and progress: its owner or the engagement's coach may."""
    engagement = item.plan.engagement
    if item.owner_id != by.pk:
        ensure_coach_of(engagement, by)
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
    record_event(engagement=engagement, by=by, action="action_item.progress", subject=item.status, to_state=item.status)
    return item
