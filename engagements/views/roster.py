"""The roster: coaches, their certifications, capacity, supervisor and supervision."""

from __future__ import annotations

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagements import forms, services
from engagements.models import (
    Certification,
    Coach,
    SupervisionEntry,
    User,
)
from engagements.services import RuleBroken
from kit.forms import add_service_errors, error_text, run_form, run_once_form
from kit.views import Row, delete_row, edit_row

# ---------------------------------------------------------------------------
# Roster
# ---------------------------------------------------------------------------


def _roster_reader(request: HttpRequest) -> None:
    if not (request.user.is_practice_admin or request.user.role == User.Role.COACH):
        raise PermissionDenied(_("The roster is for admins and coaches."))


@login_required
def roster(request: HttpRequest, *, invite_form=None) -> HttpResponse:
    """Coaches with certifications and expiry, supervisor, capacity and load, hours logged."""
    _roster_reader(request)
    coaches = (
        Coach.objects.visible_to(request.user)
        .with_load()
        .select_related("user", "supervisor__user")
        .prefetch_related("certifications")
    )
    return render(
        request,
        "engagements/roster.html",
        {
            "coaches": coaches,
            "invite_form": invite_form or (forms.InviteCoachForm() if request.user.is_practice_admin else None),
            "today": timezone.localdate(),
            "soon": timezone.localdate() + timedelta(days=60),
        },
        status=422 if invite_form else 200,
    )


@login_required
@require_POST
def invite_coach(request: HttpRequest) -> HttpResponse:
    """An admin puts a coach on the roster and emails them an invitation."""
    services.ensure_admin(request.user)
    form = forms.InviteCoachForm(request.POST)
    done, coach = run_once_form(request, form, lambda **data: services.invite_coach(by=request.user, **data))
    if done:
        if coach is not None:
            messages.success(request, _("%(coach)s is on the roster; their invitation is on its way.") % {"coach": coach})
        return redirect("engagements:roster")
    return roster(request, invite_form=form)


def _roster_coach(request: HttpRequest, public_id) -> Coach:
    coach = get_object_or_404(
        Coach.objects.visible_to(request.user).with_load().select_related("user", "supervisor__user").prefetch_related("certifications"),
        public_id=public_id,
    )
    _roster_reader(request)
    return coach


@login_required
def coach_detail(request: HttpRequest, public_id, **bound) -> HttpResponse:
    """One coach's roster entry; an admin records certifications, capacity, supervisor, activity."""
    coach = _roster_coach(request, public_id)
    is_admin = request.user.is_practice_admin
    supervisor = coach.supervisor.public_id if coach.supervisor else None
    is_self = coach.user_id == request.user.pk
    return render(
        request,
        "engagements/coach_detail.html",
        {
            "coach": coach,
            "is_admin": is_admin,
            "is_self": is_self,
            "certification_form": bound.get("certification_form") or forms.CertificationForm(),
            "coach_form": bound.get("coach_form") or forms.CoachForm(initial={"capacity": coach.capacity, "supervisor": supervisor}, coach=coach),
            "engagements": coach.engagements.open().order_by("title") if is_admin else [],
            "entries": SupervisionEntry.objects.visible_to(request.user).filter(coach=coach).select_related("supervisor__user"),
            "supervision_form": bound.get("supervision_form") or (forms.SupervisionForm() if is_self or _supervises(request.user, coach) else None),
            "today": timezone.localdate(),
        },
        status=422 if bound else 200,
    )


def _supervises(user: User, coach: Coach) -> bool:
    return coach.supervisor is not None and coach.supervisor.user_id == user.pk


# --- the coach's profile and certifications ------------------------------------

PAGE = "engagements/coach_detail.html"


def _profile_context(request: HttpRequest, coach: Coach) -> dict:
    return {"can_edit_profile": True}


PROFILE_ROW = Row(f"{PAGE}#profile", "coach", _profile_context)


@login_required
def edit_profile(request: HttpRequest, public_id) -> HttpResponse:
    """A coach corrects their own bio and specialties; an admin anyone's."""
    coach = _roster_coach(request, public_id)
    if not (request.user.is_practice_admin or coach.user_id == request.user.pk):
        raise PermissionDenied(_("A coach edits their own profile."))
    return edit_row(
        request, coach, form=forms.CoachProfileForm, row=PROFILE_ROW, title=_("Profile of %(coach)s") % {"coach": coach},
        act=lambda data: services.update_coach(coach=coach, by=request.user, **data),
        back=reverse("engagements:coach", args=[coach.public_id]),
    )


def _certification_context(request: HttpRequest, certification: Certification) -> dict:
    return {"is_admin": True, "today": timezone.localdate()}


CERTIFICATION_ROW = Row(f"{PAGE}#certification", "cert", _certification_context)


def _certification(request: HttpRequest, public_id) -> Certification:
    certification = get_object_or_404(
        Certification.objects.visible_to(request.user).select_related("coach__user"), public_id=public_id
    )
    services.ensure_admin(request.user)
    return certification


@login_required
def edit_certification(request: HttpRequest, public_id) -> HttpResponse:
    """Correct a certification's record (a typo, a renewal's new expiry)."""
    certification = _certification(request, public_id)
    return edit_row(
        request, certification, form=forms.CertificationEditForm, row=CERTIFICATION_ROW, title=_("Certification of %(coach)s") % {"coach": certification.coach},
        act=lambda data: services.revise_certification(certification=certification, by=request.user, **data),
        back=reverse("engagements:coach", args=[certification.coach.public_id]),
    )


@login_required
@require_POST
def revoke_certification(request: HttpRequest, public_id) -> HttpResponse:
    """Record that the certifying body withdrew a certification, saying why."""
    certification = _certification(request, public_id)
    form = forms.RevokeForm(request.POST)
    done, revoked = run_form(form, lambda data: services.revoke_certification(certification=certification, by=request.user, **data))
    if request.htmx:
        error = None if done else error_text(form)
        return CERTIFICATION_ROW.render(request, revoked or certification, saved=done, row_error=error)
    if done:
        messages.success(request, _("%(certification)s revoked; it stays on the record.") % {"certification": certification})
    else:
        messages.error(request, _("Not revoked: %(why)s") % {"why": error_text(form)})
    return redirect("engagements:coach", certification.coach.public_id)


@login_required
@require_POST
def delete_certification(request: HttpRequest, public_id) -> HttpResponse:
    """Delete a certification recorded by mistake."""
    certification = _certification(request, public_id)
    return delete_row(
        request, certification, row=CERTIFICATION_ROW, what=_("certification"),
        act=lambda: services.withdraw_certification(certification=certification, by=request.user),
        back=reverse("engagements:coach", args=[certification.coach.public_id]),
    )


# --- supervision ------------------------------------------------------------------


def _entry_context(request: HttpRequest, entry: SupervisionEntry) -> dict:
    return {"user": request.user}


ENTRY_ROW = Row(f"{PAGE}#entry", "entry", _entry_context)


@login_required
@require_POST
def log_supervision(request: HttpRequest, public_id) -> HttpResponse:
    """A coach logs a supervision meeting for their supervisor to confirm."""
    coach = _roster_coach(request, public_id)
    form = forms.SupervisionForm(request.POST)
    if run_once_form(request, form, lambda **data: services.log_supervision(coach=coach, by=request.user, **data))[0]:
        messages.success(request, _("Supervision logged."))
        return redirect("engagements:coach", coach.public_id)
    return coach_detail(request, public_id, supervision_form=form)


def _entry(request: HttpRequest, public_id) -> SupervisionEntry:
    return get_object_or_404(
        SupervisionEntry.objects.visible_to(request.user).select_related("coach__user", "supervisor__user"), public_id=public_id
    )


@login_required
@require_POST
def confirm_supervision(request: HttpRequest, public_id) -> HttpResponse:
    """The supervisor confirms a meeting their supervisee logged."""
    entry = _entry(request, public_id)
    try:
        entry = services.confirm_supervision(entry=entry, by=request.user)
    except RuleBroken as error:
        if request.htmx:
            return ENTRY_ROW.render(request, entry, row_error=_("Not confirmed: %(why)s.") % {"why": error.detail})
        messages.error(request, _("Not confirmed: %(why)s.") % {"why": error.detail})
    else:
        if request.htmx:
            return ENTRY_ROW.render(request, entry, saved=True)
        messages.success(request, _("Supervision confirmed."))
    return redirect("engagements:coach", entry.coach.public_id)


@login_required
def edit_supervision(request: HttpRequest, public_id) -> HttpResponse:
    """Correct a supervision entry (the coach until it is confirmed, the supervisor any time)."""
    entry = _entry(request, public_id)
    if request.user.pk not in (entry.coach.user_id, entry.supervisor.user_id):
        raise PermissionDenied(_("Only the coach or their supervisor changes a supervision entry."))
    return edit_row(
        request, entry, form=forms.SupervisionEditForm, row=ENTRY_ROW, title=_("Supervision meeting"),
        act=lambda data: services.revise_supervision(entry=entry, by=request.user, **data),
        back=reverse("engagements:coach", args=[entry.coach.public_id]),
    )


@login_required
@require_POST
def delete_supervision(request: HttpRequest, public_id) -> HttpResponse:
    """Delete a supervision entry logged by mistake."""
    entry = _entry(request, public_id)
    return delete_row(
        request, entry, row=ENTRY_ROW, what=_("supervision entry"),
        act=lambda: services.withdraw_supervision(entry=entry, by=request.user),
        back=reverse("engagements:coach", args=[entry.coach.public_id]),
    )


# --- hours per coach, for credential renewal ------------------------------------------


@login_required
def hours_report(request: HttpRequest) -> HttpResponse:
    """Coaching and supervision hours per coach over a period; `?format=csv` downloads it."""
    services.ensure_admin(request.user)
    today = timezone.localdate()
    form = forms.HoursPeriodForm(request.GET or None, initial={"start": today.replace(year=today.year - 1), "end": today})
    if form.is_bound and not form.is_valid():
        return render(request, "engagements/hours_report.html", {"form": form, "coaches": []}, status=400)
    start = form.cleaned_data["start"] if form.is_bound else form.initial["start"]
    end = form.cleaned_data["end"] if form.is_bound else form.initial["end"]
    coaches = Coach.objects.with_hours_between(start, end).select_related("user").order_by("user__last_name", "user__first_name")
    if request.GET.get("format") == "csv":
        return _hours_csv(coaches, start, end)
    return render(request, "engagements/hours_report.html", {"form": form, "coaches": coaches, "start": start, "end": end})


def _hours_csv(coaches, start, end) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tandem-hours-{start}-{end}.csv"'
    writer = csv.writer(response)
    writer.writerow(["coach", "email", "from", "to", "coaching hours", "supervision hours (confirmed)", "supervision hours (awaiting confirmation)"])
    for coach in coaches:
        hours = (coach.coaching_hours, coach.supervision_hours, coach.supervision_pending)
        writer.writerow([str(coach), coach.user.email, start, end, *(f"{value:.2f}" for value in hours)])
    return response


@login_required
@require_POST
def add_certification(request: HttpRequest, public_id) -> HttpResponse:
    coach = _roster_coach(request, public_id)
    services.ensure_admin(request.user)
    form = forms.CertificationForm(request.POST)
    if run_once_form(request, form, lambda **data: services.record_certification(coach=coach, by=request.user, **data))[0]:
        data = form.cleaned_data
        messages.success(request, _("Certification %(body)s %(level)s recorded.") % {"body": data["body"], "level": data["level"]})
        return redirect("engagements:coach", coach.public_id)
    return coach_detail(request, public_id, certification_form=form)


@login_required
@require_POST
def update_coach(request: HttpRequest, public_id) -> HttpResponse:
    coach = _roster_coach(request, public_id)
    services.ensure_admin(request.user)
    form = forms.CoachForm(request.POST, coach=coach)
    if form.is_valid():
        try:
            services.update_coach(coach=coach, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RuleBroken as error:
            form.add_error("supervisor", error.detail)
        else:
            messages.success(request, _("Roster entry saved."))
            return redirect("engagements:coach", coach.public_id)
    return coach_detail(request, public_id, coach_form=form)


@login_required
@require_POST
def set_coach_active(request: HttpRequest, public_id) -> HttpResponse:
    """Deactivate (or reactivate) a coach: they keep their engagements but take no new one."""
    coach = _roster_coach(request, public_id)
    active = request.POST.get("active") == "1"
    services.update_coach(coach=coach, by=request.user, is_active=active)
    if active:
        messages.success(request, _("%(coach)s is now active.") % {"coach": coach})
    else:
        messages.success(request, _("%(coach)s is now inactive.") % {"coach": coach})
    return redirect("engagements:coach", coach.public_id)
