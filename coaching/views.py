"""Pages that bring the apps together: the dashboard, the coachee's portal, invitations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Prefetch, Window
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_POST

from coaching import privacy
from coaching.forms import add_service_errors
from engagements import services
from engagements.forms import ProgressForm
from engagements.models import ActionItem, ActionPlan, Coachee, Engagement, User
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
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"  # axes' backend only watches
    success_url = reverse_lazy("dashboard")


# The dashboard shows what needs attention, bounded: a coach with a hundred engagements
# gets the same page cost as one with ten, and "see all" for the rest.
DASHBOARD_ENGAGEMENTS = 25
DASHBOARD_DUE = 20


def first_with_total(queryset, limit: int | None) -> tuple[list, int]:
    """The first `limit` rows of `queryset` (all with None) and how many there are in all,
    in one query."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:limit])
    return rows, rows[0].total if rows else 0


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A coach's (or admin's) desk: engagements by state (the open ones listed, or all with
    ?all=1), this week's sessions, actions and milestones overdue or due within 7 days.
    Coachees go to their portal."""
    user = request.user
    if user.role == User.Role.COACHEE and not user.is_practice_admin:
        return redirect("portal")
    today = timezone.localdate()
    context = {
        **_engagements_by_state(user, show_all=request.GET.get("all") == "1"),
        **_coming_due(user, horizon=today + timedelta(days=7)),
        **_week_sessions(user, today),
        "today": today,
    }
    return render(request, "coaching/dashboard.html", context)


def _engagements_by_state(user: User, *, show_all: bool) -> dict:
    """Counts by state, and the first open engagements (or all of them) grouped by state."""
    visible = Engagement.objects.visible_to(user)
    listed = visible if show_all else visible.open()
    engagements, listed_count = first_with_total(
        listed.with_hours_used()
        .select_related("coach__user")
        .prefetch_related(Prefetch("coachees", queryset=Coachee.objects.select_related("user")))
        .order_by("title"),
        None if show_all else DASHBOARD_ENGAGEMENTS,
    )
    counts = dict(visible.order_by().values_list("state").annotate(n=Count("pk")))
    by_state = {value: (label, []) for value, label in Engagement.State.choices}
    for engagement in engagements:
        by_state[engagement.state][1].append(engagement)
    return {
        "counts": [(value, label, counts[value]) for value, label in Engagement.State.choices if value in counts],
        "by_state": [(value, label, rows) for value, (label, rows) in by_state.items() if rows],
        "show_all": show_all,
        "listed_count": listed_count,
        "shown_count": len(engagements),
        "total_count": sum(counts.values()),
        "hidden_count": sum(counts.values()) - len(engagements),
    }


def _coming_due(user: User, *, horizon: date) -> dict:
    """The first pending actions and milestones due by `horizon` (overdue ones included), with their totals."""
    actions, actions_count = first_with_total(
        ActionItem.objects.visible_to(user).pending().filter(due_on__lte=horizon)
        .select_related("plan__engagement", "owner").order_by("due_on", "id"),
        DASHBOARD_DUE,
    )
    milestones, milestones_count = first_with_total(
        Milestone.objects.visible_to(user).pending().filter(due_on__lte=horizon)
        .select_related("goal__engagement", "owner").order_by("due_on", "id"),
        DASHBOARD_DUE,
    )
    return {"actions": actions, "actions_count": actions_count, "milestones": milestones, "milestones_count": milestones_count}


def _week_sessions(user: User, today: date) -> dict:
    """This week's sessions, Monday to Sunday, by a datetime range the index can serve."""
    week_start = today - timedelta(days=today.weekday())
    week_start_at = timezone.make_aware(datetime.combine(week_start, time.min))
    sessions = (
        CoachingSession.objects.visible_to(user)
        .filter(scheduled_at__gte=week_start_at, scheduled_at__lt=week_start_at + timedelta(days=7))
        .select_related("engagement")
        .order_by("scheduled_at")
    )
    return {"sessions": sessions, "week_start": week_start}


def _portal_engagements(user: User):
    return (
        Engagement.objects.visible_to(user)
        .select_related("coach__user")
        .prefetch_related(
            "objectives",
            Prefetch("action_plans", queryset=ActionPlan.objects.order_by("kind")),
            Prefetch("action_plans__items", queryset=ActionItem.objects.select_related("owner")),
            Prefetch("mpc_goals", queryset=Goal.objects.prefetch_related("milestones")),
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


@login_required
def export_my_data(request: HttpRequest) -> HttpResponse:
    """The coachee's own data as a JSON download (right of access and portability)."""
    coachee = get_object_or_404(Coachee, user=request.user)
    data = privacy.export_coachee_data(coachee=coachee, by=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="tandem-{request.user.username}.json"'
    return response
