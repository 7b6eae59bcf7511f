"""Pages that bring the apps together: the dashboard, the coachee's portal, invitations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST

from coaching import forms as glue_forms
from coaching import health as health_checks
from coaching import intake, privacy, progress, sign_in_links
from engagements import services
from engagements.forms import progress_form
from engagements.models import (
    ActionItem,
    ActionPlan,
    Coachee,
    Engagement,
    EngagementReport,
    Objective,
    SelfRating,
    SponsorConsent,
    SponsorSeat,
    User,
)
from kit.errors import RuleBroken
from kit.forms import add_service_errors, error_text, once, run_form, sentence
from mpc import forms as mpc_forms
from mpc import services as mpc_services
from mpc import views as mpc_views
from mpc.models import Milestone, Role
from sessions_grow.models import CoachingSession


def health(request: HttpRequest) -> JsonResponse:
    """Whether Tandem works: database, broker, beat and workers (or the parts named in
    ?only=database,broker); 200 when all are healthy, else 503 naming the failing parts."""
    try:
        parts = health_checks.parts_named(request.GET.get("only", ""))
    except ValueError as error:
        return JsonResponse({"detail": str(error)}, status=400)
    report = health_checks.report(health_checks.check(parts))
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """An invited coach or coachee sets their first password from the signed link."""

    token_generator = services.invitation_tokens
    template_name = "registration/invitation_confirm.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"  # axes' backend only watches
    success_url = reverse_lazy("dashboard")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["without_password"] = self.validlink and sign_in_links.can_sign_in_by_link(self.user)
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """Reached with a valid invitation only. A client or sponsor contact may start
        without a password: signed in now, they ask for a sign-in link next time. Signing
        in changes the last login, which voids the invitation."""
        if request.POST.get("without_password") and sign_in_links.can_sign_in_by_link(self.user):
            del request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
            auth_login(request, self.user, self.post_reset_login_backend)
            messages.success(
                request, _("Welcome to Tandem. Next time, choose “Email me a sign-in link” on the login page.")
            )
            return redirect(self.success_url)
        return super().post(request, *args, **kwargs)


# The dashboard shows what needs attention, bounded: a coach with a hundred engagements
# gets the same page cost as one with ten, and "see all" for the rest, a page at a time.
DASHBOARD_ENGAGEMENTS = 25
DASHBOARD_DUE = 20
ALL_ENGAGEMENTS_PAGE = 100


def first_and_more(queryset, limit: int) -> tuple[list, bool]:
    """The first `limit` rows of `queryset` and whether there are more: one row more is read,
    none is counted (counting every overdue item of a hundred engagements cost half the page)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def page_number(request: HttpRequest) -> int:
    """The ?page= asked for (1 if none, or not a number)."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A coach's (or admin's) desk: engagements by state (the open ones listed, or all with
    ?all=1), this week's sessions, actions and milestones overdue or due within 7 days.
    Coachees go to their portal, sponsor contacts to theirs."""
    user = request.user
    if user.role == User.Role.COACHEE and not user.is_practice_admin:
        return redirect("portal")
    if user.role == User.Role.SPONSOR and not user.is_practice_admin:
        return redirect("sponsor_home")
    today = timezone.localdate()
    context = {
        **_engagements_by_state(user, show_all=request.GET.get("all") == "1", page=page_number(request)),
        **_coming_due(user, horizon=today + timedelta(days=7)),
        **_week_sessions(user, today),
        "today": today,
        # Admins see whether reminders are going out: the beat's and the workers' heartbeats.
        "background": health_checks.check_heartbeats() if user.is_practice_admin else None,
    }
    return render(request, "coaching/dashboard.html", context)


def _engagements_by_state(user: User, *, show_all: bool, page: int = 1) -> dict:
    """Counts by state, and the first open engagements (or every engagement, a page of
    ALL_ENGAGEMENTS_PAGE at a time) grouped by state."""
    visible = Engagement.objects.visible_to(user)
    counts = dict(visible.order_by().values_list("state").annotate(n=Count("pk")))
    total = sum(counts.values())
    listed = (visible if show_all else visible.open()).with_hours_used().select_related("coach__user").prefetch_related(
        Prefetch("coachees", queryset=Coachee.objects.select_related("user"))
    ).order_by("title", "pk")
    if show_all:
        pages = max(1, -(-total // ALL_ENGAGEMENTS_PAGE))
        page = min(page, pages)
        start = (page - 1) * ALL_ENGAGEMENTS_PAGE
        engagements, listed_count = list(listed[start : start + ALL_ENGAGEMENTS_PAGE]), total
    else:
        pages = page = 1
        engagements = list(listed[:DASHBOARD_ENGAGEMENTS])
        listed_count = sum(n for state, n in counts.items() if state in Engagement.OPEN_STATES)
    by_state = {value: (label, []) for value, label in Engagement.State.choices}
    for engagement in engagements:
        by_state[engagement.state][1].append(engagement)
    return {
        "counts": [(value, label, counts[value]) for value, label in Engagement.State.choices if value in counts],
        "by_state": [(value, label, rows) for value, (label, rows) in by_state.items() if rows],
        "show_all": show_all,
        "listed_count": listed_count,
        "shown_count": len(engagements),
        "total_count": total,
        "hidden_count": total - len(engagements),
        "page": page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if show_all and page < pages else None,
    }


def _coming_due(user: User, *, horizon: date) -> dict:
    """The first pending actions and milestones due by `horizon` (overdue ones included), and
    whether more are due."""
    actions, actions_more = first_and_more(
        ActionItem.objects.visible_to(user).still_due().filter(due_on__lte=horizon)
        .select_related("plan__engagement", "owner").order_by("due_on", "id"),
        DASHBOARD_DUE,
    )
    milestones, milestones_more = first_and_more(
        Milestone.objects.visible_to(user).still_due().filter(due_on__lte=horizon)
        .select_related("goal__engagement", "owner").order_by("due_on", "id"),
        DASHBOARD_DUE,
    )
    return {"actions": actions, "actions_more": actions_more, "milestones": milestones, "milestones_more": milestones_more}


def _week_sessions(user: User, today: date) -> dict:
    """The first sessions of the next seven days, today's included (on a Sunday "this week"
    would show nothing of Tuesday's), by a datetime range the index can serve, and whether
    more are coming (an admin's week holds the whole practice's)."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    sessions, more = first_and_more(
        CoachingSession.objects.visible_to(user)
        .filter(scheduled_at__gte=start, scheduled_at__lt=start + timedelta(days=7))
        .select_related("engagement")
        .order_by("scheduled_at", "pk"),
        DASHBOARD_DUE,
    )
    return {"sessions": sessions, "sessions_more": more, "week_start": today}


def _portal_engagements(user: User):
    """The coachee's engagements with what they may read of each, fetched list by list."""
    return (
        Engagement.objects.visible_to(user)
        .with_hours_used()
        .select_related("coach__user", "exploratory", "mpc_mission", "organisation")
        .prefetch_related(
            Prefetch("action_plans", queryset=ActionPlan.objects.order_by("kind")),
            Prefetch("action_plans__items", queryset=ActionItem.objects.visible_to(user).select_related("owner")),
            Prefetch("mpc_roles", queryset=Role.objects.filter(holder=user), to_attr="my_roles"),
            # The charts' prefetches bring the goals with their milestones, the ratings and the
            # held sessions the page lists too.
            *progress.chart_prefetches(user),
            Prefetch("sponsor_seats", queryset=SponsorSeat.objects.select_related("sponsor__user"), to_attr="seats"),
            Prefetch("sponsor_consents", queryset=SponsorConsent.objects.live().filter(person=user), to_attr="my_consent"),
            Prefetch("reports", queryset=EngagementReport.objects.visible_to(user).order_by("-version"), to_attr="my_reports"),
        )
    )


@login_required
def portal(request: HttpRequest, *, bad: tuple[object, object] | None = None) -> HttpResponse:
    """The coachee's portal: terms and hours, the shared exploratory summary, objectives
    with their own ratings, action plans, the MPC mission, milestones and roles, shared
    session summaries and, at the end, the evaluation."""
    if request.user.role != User.Role.COACHEE:
        return redirect("dashboard")
    engagements = list(_portal_engagements(request.user))
    for engagement in engagements:
        for plan in engagement.action_plans.all():
            for item in plan.items.all():
                item.form = bad[1] if bad and bad[0] == item else progress_form(item)
        for objective in engagement.objectives.all():
            objective.mine = [rating for rating in objective.chart_own if rating.person_id == request.user.pk]
            objective.form = bad[1] if bad and bad[0] == objective else glue_forms.SelfRatingForm(prefix=f"o{objective.public_id.hex[:12]}")
        engagement.shared_sessions = sorted((s for s in engagement.chart_held if s.summary_shared), key=lambda s: s.number, reverse=True)
        for goal in engagement.chart_goals:
            for milestone in goal.milestones.all():
                if milestone.owner_id == request.user.pk:
                    milestone.form = bad[1] if bad and bad[0] == milestone else mpc_forms.milestone_progress_form(milestone)
        engagement.sponsor_names = ", ".join(str(seat.sponsor) for seat in engagement.seats)  # one sentence names them all
        if engagement.uses_mpc:  # charts of monitoring, and the control indicators this person reads
            engagement.monitoring = mpc_views.portal_monitoring(engagement, request.user, engagement.chart_goals)
    context = {"engagements": engagements, "today": timezone.localdate()}
    return render(request, "coaching/portal.html", context, status=422 if bad else 200)


def _ensure_coachee(request: HttpRequest) -> None:
    # The portal's own acts; coaches work on the engagement's pages.
    if request.user.role != User.Role.COACHEE:
        raise PermissionDenied(_("This is a client's own page."))


@login_required
@require_POST
def rate_myself(request: HttpRequest, public_id) -> HttpResponse:
    """A coachee rates themself on an objective (in place with htmx)."""
    objective = get_object_or_404(Objective.objects.visible_to(request.user).select_related("engagement"), public_id=public_id)
    _ensure_coachee(request)
    form = glue_forms.SelfRatingForm(request.POST, prefix=f"o{objective.public_id.hex[:12]}")
    done, __ = run_form(form, lambda data: services.rate_myself(objective=objective, by=request.user, **data))
    if request.htmx:
        objective.mine = list(SelfRating.objects.filter(objective=objective, person=request.user))
        objective.form = glue_forms.SelfRatingForm(prefix=f"o{objective.public_id.hex[:12]}") if done else form
        context = {"o": objective, "e": objective.engagement, "saved": done}
        return render(request, "coaching/portal.html#objective", context, status=200 if done else 422)
    if done:
        messages.success(request, _("Your rating is saved."))
        return redirect("portal")
    return portal(request, bad=(objective, form))


@login_required
@require_POST
def milestone_progress(request: HttpRequest, public_id) -> HttpResponse:
    """A milestone's owner reports its progress from the portal (in place with htmx)."""
    milestone = get_object_or_404(Milestone.objects.visible_to(request.user).select_related("goal__engagement", "owner"), public_id=public_id)
    _ensure_coachee(request)
    form = mpc_forms.milestone_progress_form(milestone, request.POST)
    done, updated = run_form(form, lambda data: mpc_services.update_milestone(milestone=milestone, by=request.user, **data))
    if request.htmx:
        shown = updated or milestone
        shown.form = mpc_forms.milestone_progress_form(shown) if done else form
        return render(request, "coaching/portal.html#milestone", {"m": shown, "saved": done, "today": timezone.localdate()}, status=200 if done else 422)
    if done:
        messages.success(request, _("Saved: %(title)s.") % {"title": milestone.title})
        return redirect("portal")
    return portal(request, bad=(milestone, form))


@login_required
@require_POST
def action_progress(request: HttpRequest, public_id) -> HttpResponse:
    """Update an action item's status and progress in place (htmx) or by plain post."""
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("plan__engagement", "owner"), public_id=public_id
    )
    form = progress_form(item, request.POST)
    saved, updated = run_form(form, lambda data: services.update_action_progress(item=item, by=request.user, **data))
    if saved:
        item, form = updated, progress_form(updated)
    if request.htmx:
        item.form = form
        is_coach = Engagement.objects.coached_by(request.user).filter(pk=item.plan.engagement_id).exists()
        context = {"item": item, "saved": saved, "today": timezone.localdate(), "is_coach": is_coach}
        return render(request, "coaching/portal.html#item", context, status=200 if saved else 422)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("portal")
    if saved:
        messages.success(request, _("Saved: %(title)s.") % {"title": item.title})
        return redirect(target)
    if request.user.role == User.Role.COACHEE:
        return portal(request, bad=(item, form))
    messages.error(request, _("Not saved: %(title)s. %(errors)s") % {"title": item.title, "errors": error_text(form)})
    return redirect(target)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """API clients get JSON for an unknown URL too (e.g. an id that is not a UUID)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


@login_required
def export_my_data(request: HttpRequest) -> HttpResponse:
    """The coachee's own data as a JSON download (right of access and portability)."""
    coachee = get_object_or_404(Coachee, user=request.user)
    data = privacy.export_coachee_data(coachee=coachee, by=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="tandem-{request.user.username}.json"'
    return response


# ---------------------------------------------------------------------------
# Starting an engagement: returning and new clients, individual or team, MPC or not
# ---------------------------------------------------------------------------


def _newcomers(request: HttpRequest, *, one_more: bool = False):
    """The new clients' forms; with `one_more`, one more blank form, what was typed kept."""
    if request.method != "POST":
        return glue_forms.NewcomerFormSet(prefix="newcomers")
    data = request.POST.copy()
    if one_more:
        total = "newcomers-TOTAL_FORMS"
        data[total] = str(min(int(data.get(total, "1") or 1) + 1, 20))
    return glue_forms.NewcomerFormSet(data, prefix="newcomers")


@login_required
def new_engagement(request: HttpRequest) -> HttpResponse:
    """Open an engagement: for returning clients and new ones (each invited), one person or
    a team, with or without MPC."""
    if not (request.user.is_practice_admin or request.user.role == User.Role.COACH):
        raise PermissionDenied(_("Coaches and admins open engagements."))
    # "Add another new client" and "Find" show the form again, with what was typed kept.
    one_more = request.method == "POST" and "more" in request.POST
    again = one_more or (request.method == "POST" and "find" in request.POST)
    form = glue_forms.NewEngagementForm(request.POST or None, user=request.user)
    if again:
        form._errors = ErrorDict()  # shown again to go on filling it: nothing is refused yet
    newcomers = _newcomers(request, one_more=one_more)
    if request.method == "POST" and not again and form.is_valid() and newcomers.is_valid():
        engagement = _start(request, form, newcomers)
        if engagement is not None:
            messages.success(request, _("%(title)s opened; new clients' invitations are on their way.") % {"title": engagement.title})
            return redirect("engagements:exploratory", engagement.public_id)
        if not (form.errors or newcomers.total_error_count()):
            return redirect("dashboard")  # a double submit: the first one opened it
    status = 422 if request.method == "POST" and not again else 200
    return render(request, "coaching/new_engagement.html", {"form": form, "newcomers": newcomers}, status=status)


def _start(request: HttpRequest, form, newcomers) -> Engagement | None:
    """One call to start_engagement; its refusals go beside the fields they concern."""
    data = dict(form.cleaned_data)
    data.pop("find_client")  # the finder's words: they only narrowed the list
    people = [intake.Newcomer(**f.cleaned_data) for f in newcomers if f.has_changed() and f.cleaned_data]
    if not (data["coachees"] or people):
        form.add_error(None, _("Pick a returning client or add a new one."))
        return None
    try:
        return once(request, data.pop("token"), lambda: intake.start_engagement(
            by=request.user, coachees=list(data.pop("coachees")), newcomers=people, **data,
        ))
    except ValidationError as error:
        for key, errors in error.message_dict.items():
            __, __, rest = key.partition("newcomers-")
            index, __, field = rest.partition("-")
            if rest and index.isdigit():
                newcomers.forms[int(index)].add_error(field if field in newcomers.forms[int(index)].fields else None, errors)
            else:
                add_service_errors(form, ValidationError({key: errors}))
    except RuleBroken as error:
        form.add_error(None, sentence(error.detail))
    return None
