"""MPC's reminder source: pending milestones, registered into engagements' registry from
MpcConfig.ready() (engagements never imports mpc)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from engagements.reminders import (
    REMINDING_STATES,
    Candidate,
    Source,
    people_to_remind,
    register_source,
    remindable,
    rows_of,
)
from mpc.models import Milestone


def _milestones_in(due_from: date, due_to: date):
    return Milestone.objects.pending().filter(
        goal__engagement__state__in=REMINDING_STATES, due_on__gte=due_from, due_on__lte=due_to
    )


def milestone_rows(due_from: date, due_to: date) -> tuple[str, tuple]:
    """Each pending milestone coming due: its owner, and its engagement's coach."""
    milestones = _milestones_in(due_from, due_to).filter(owner__isnull=False)  # no owner: no one (logged)
    return rows_of(
        remindable(milestones, person="owner"), remindable(milestones, person="goal__engagement__coach__user")
    )


def unowned_milestones(due_from: date, due_to: date):
    return _milestones_in(due_from, due_to).filter(owner__isnull=True)


def find_milestones(
    *, due_from: date | None = None, due_to: date | None = None, ids: Collection[int] | None = None
) -> Iterable[Candidate]:
    """Pending milestones of reminding engagements, by due-date window or by id."""
    milestones = (
        Milestone.objects.pending()
        .filter(goal__engagement__state__in=REMINDING_STATES)
        .select_related("owner", "goal__engagement__coach__user")
        .order_by()
    )
    if ids is not None:
        milestones = milestones.filter(pk__in=ids)
    else:
        milestones = milestones.filter(due_on__gte=due_from, due_on__lte=due_to)
    portal = reverse("portal")
    for milestone in milestones:
        engagement = milestone.goal.engagement
        yield Candidate(
            subject=milestone,
            title=_("Milestone: %(title)s") % {"title": milestone.title},
            due_on=milestone.due_on,
            context=engagement.title,
            recipients=people_to_remind(
                owner=milestone.owner,
                coach=engagement.coach.user,
                coachee_path=portal,
                coach_path=reverse("mpc:overview", args=[engagement.public_id]),
            ),
        )


def register() -> None:
    """Add milestones to the reminder scan."""
    register_source(Source(model=Milestone, find=find_milestones, rows=milestone_rows, unowned=unowned_milestones))
