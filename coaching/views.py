"""Pages that bring the apps together: the dashboard, the coachee's portal, invitations."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_POST

from coaching.forms import add_service_errors
from engagements import services
from engagements.forms import ProgressForm
from engagements.models import ActionItem, ActionPlan, Engagement, User
from mpc.models import Goal, Milestone
from sessions_grow.models import CoachingSession


def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """An invited coach or coachee sets their first password from the signed link."""

    token_generator = services.invitation_tokens
    template_name = "registration/invitation_confirm.html"
    post_reset_login = True
    success_url = reverse_lazy("dashboard")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A coach's (or admin's) desk: engagements by state with hours, this week's sessions,
    actions and milestones overdue or due within 7 days. Coachees go to their portal."""
    user = request.user
    if user.role == User.Role.COACHEE and not user.is_practice_admin:
        return redirect("portal")
    today = timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    engagements = (
        Engagement.objects.visible_to(user)
        .with_hours_used()
        .select_related("coach__user")
        .prefetch_related("coachees__user")
        .order_by("title")
    )
    by_state = {value: (label, []) for value, label in Engagement.State.choices}
    for engagement in engagements:
        by_state[engagement.state][1].append(engagement)
    horizon = today + timedelta(days=7)
    return render(
        request,
        "coaching/dashboard.html",
        {
            "by_state": [(value, label, rows) for value, (label, rows) in by_state.items() if rows],
            "sessions": CoachingSession.objects.visible_to(user)
            .filter(scheduled_at__date__gte=week_start, scheduled_at__date__lt=week_start + timedelta(days=7))
            .select_related("engagement")
            .order_by("scheduled_at"),
            "actions": ActionItem.objects.visible_to(user)
            .pending()
            .filter(due_on__lte=horizon)
            .select_related("plan__engagement", "owner")
            .order_by("due_on"),
            "milestones": Milestone.objects.visible_to(user)
            .pending()
            .filter(due_on__lte=horizon)
            .select_related("goal__engagement", "owner")
            .order_by("due_on"),
            "today": today,
            "week_start": week_start,
        },
    )


def _portal_engagements(user: User):
    return (
        Engagement.objects.visible_to(user)
        .select_related("coach__user")
        .prefetch_related(
            "objectives",
            Prefetch("action_plans", queryset=ActionPlan.objects.order_by("kind")),
            Prefetch("action_plans__items", queryset=ActionItem.objects.select_related("owner")),
            Prefetch("mpc_goals", queryset=Goal.objects.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.select_related("owner")))),
            Prefetch(
                "coaching_sessions",
                queryset=CoachingSession.objects.filter(status=CoachingSession.Status.HELD, summary_shared=True).order_by("-number"),
                to_attr="shared_sessions",
            ),
        )
    )


def progress_form(item: ActionItem, data=None) -> ProgressForm:
    return ProgressForm(data, prefix=f"i{item.public_id.hex[:12]}", initial={"status": item.status, "progress": item.progress})


@login_required
def portal(request: HttpRequest, *, bad: tuple[ActionItem, ProgressForm] | None = None) -> HttpResponse:
    """The coachee's portal: objectives, action plans, milestones, shared summaries."""
    if request.user.role != User.Role.COACHEE:
        return redirect("dashboard")
    engagements = list(_portal_engagements(request.user))
    for engagement in engagements:
        for plan in engagement.action_plans.all():
            for item in plan.items.all():
                item.form = bad[1] if bad and bad[0].pk == item.pk else progress_form(item)
    return render(request, "coaching/portal.html", {"engagements": engagements, "today": timezone.localdate()})


@login_required
@require_POST
def action_progress(request: HttpRequest, public_id) -> HttpResponse:
    """Update an action item's status and progress in place (htmx) or by plain post."""
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("plan__engagement", "owner"), public_id=public_id
    )
    form = progress_form(item, request.POST)
    saved = False
    if form.is_valid():
        try:
            item = services.update_action_progress(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form, saved = progress_form(item), True
    if request.htmx:
        item.form = form
        return render(request, "coaching/portal.html#item", {"item": item, "saved": saved, "today": timezone.localdate()})
    if saved:
        messages.success(request, f"Saved: {item.title}.")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("portal")
        return redirect(target)
    return portal(request, bad=(item, form))


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """API clients get JSON for an unknown URL too (e.g. an id that is not a UUID)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
