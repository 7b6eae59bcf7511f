"""Server-rendered pages. Every lookup goes through `visible_to(request.user)`, so an
id outside the user's scope answers 404."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from engagements.models import ActionItem, Engagement


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's engagements grouped by state, and their actions coming due."""
    engagements = (
        Engagement.objects.visible_to(request.user)
        .select_related("coach__user", "organisation")
        .prefetch_related("coachees__user")
        .order_by("state", "-opened_on")
    )
    by_state = {label: [] for value, label in Engagement.State.choices}
    for engagement in engagements:
        by_state[engagement.get_state_display()].append(engagement)
    today = timezone.localdate()
    actions = (
        ActionItem.objects.visible_to(request.user)
        .pending()
        .filter(owner=request.user)
        .select_related("plan__engagement")
        .order_by("due_on")[:20]
    )
    return render(
        request,
        "engagements/home.html",
        {"by_state": {k: v for k, v in by_state.items() if v}, "actions": actions, "today": today},
    )


@login_required
def engagement_detail(request: HttpRequest, public_id) -> HttpResponse:
    """One engagement: objectives, terms, sessions, action plan and history."""
    engagement = get_object_or_404(
        Engagement.objects.visible_to(request.user)
        .select_related("coach__user", "organisation", "exploratory")
        .prefetch_related(
            "coachees__user",
            "objectives",
            Prefetch("action_plans__items", queryset=ActionItem.objects.select_related("owner")),
        ),
        public_id=public_id,
    )
    is_coach = Engagement.objects.coached_by(request.user).filter(pk=engagement.pk).exists()
    sessions = engagement.coaching_sessions.order_by("number")
    return render(
        request,
        "engagements/engagement_detail.html",
        {
            "engagement": engagement,
            "is_coach": is_coach,
            "sessions": sessions,
            "today": timezone.localdate(),
            "events": engagement.events.select_related("actor") if is_coach or request.user.is_practice_admin else [],
        },
    )
