"""GROW session pages. Lookups go through `visible_to(request.user)` (404 outside it);
each POST validates its form and makes one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coaching.forms import add_service_errors, once, run_form
from engagements.models import Engagement
from engagements.services import RuleBroken, ensure_coach_of, record_view
from sessions_grow import forms, services
from sessions_grow.models import CoachingSession, PrivateNote


def _session(request: HttpRequest, public_id) -> CoachingSession:
    return get_object_or_404(
        CoachingSession.objects.visible_to(request.user).select_related("engagement__coach__user"), public_id=public_id
    )


def _coached_session(request: HttpRequest, public_id) -> CoachingSession:
    """A session the user may see (else 404) and whose engagement they coach (else 403,
    before any input is read)."""
    session = _session(request, public_id)
    ensure_coach_of(session.engagement, request.user)
    return session


def _grow_initial(session: CoachingSession) -> dict:
    initial = {field: getattr(session, field) for field in services.GROW_FIELDS}
    return initial | {"share_summary": session.summary_shared}


@login_required
def schedule(request: HttpRequest, public_id) -> HttpResponse:
    """Schedule the engagement's next numbered session."""
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)
    if not Engagement.objects.coached_by(request.user).filter(pk=engagement.pk).exists():
        raise PermissionDenied("Only this engagement's coach schedules its sessions.")
    form = forms.ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = once(
                request,
                form.cleaned_data["token"],
                lambda: services.schedule_session(engagement=engagement, scheduled_at=form.cleaned_data["scheduled_at"], by=request.user),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except RuleBroken as error:
            form.add_error(None, error.detail)
        else:
            if session is None:
                return redirect("engagements:detail", engagement.public_id)
            messages.success(request, f"Session {session.number} scheduled.")
            return redirect("sessions_grow:detail", session.public_id)
    return render(request, "sessions_grow/schedule.html", {"engagement": engagement, "form": form}, status=422 if form.errors else 200)


@login_required
def session_detail(request: HttpRequest, public_id, **bound) -> HttpResponse:
    """A GROW session: the coach records G, R, O, W and agrees actions inline; a coachee
    sees only the summary their coach shared and the actions agreed."""
    session = _session(request, public_id)
    record_view(engagement=session.engagement, by=request.user, subject=f"session {session.number}")
    is_coach = Engagement.objects.coached_by(request.user).filter(pk=session.engagement_id).exists()
    note = PrivateNote.objects.visible_to(request.user).filter(session=session).first()
    context = {
        "session": session,
        "is_coach": is_coach,
        "agreed": session.agreed_items.select_related("owner"),
        "previous_actions": session.previous_actions() if is_coach else [],
    }
    if is_coach:
        held = session.status == CoachingSession.Status.HELD
        context |= {
            "hold_form": bound.get("hold_form") or (None if held else forms.HoldForm()),
            "record_form": bound.get("record_form") or (forms.GrowForm(initial=_grow_initial(session)) if held else None),
            "action_form": bound.get("action_form") or forms.AgreeActionForm(engagement=session.engagement),
            "note_form": bound.get("note_form") or forms.NoteForm(initial={"body": note.body if note else ""}),
            "note": note,
        }
    return render(request, "sessions_grow/session_detail.html", context, status=422 if bound else 200)


def _write(request: HttpRequest, session: CoachingSession, form, key: str, act) -> HttpResponse:
    """One service call for a valid form, then back to the session page."""
    if run_form(form, act)[0]:
        return redirect("sessions_grow:detail", session.public_id)
    return session_detail(request, session.public_id, **{key: form})


@login_required
@require_POST
def hold(request: HttpRequest, public_id) -> HttpResponse:
    """Record the session as held with its four GROW stages."""
    session = _coached_session(request, public_id)
    return _write(
        request, session, forms.HoldForm(request.POST), "hold_form",
        lambda data: services.hold_session(session=session, by=request.user, **data),
    )


@login_required
@require_POST
def update_record(request: HttpRequest, public_id) -> HttpResponse:
    """Amend a held session's GROW record or its shared summary."""
    session = _coached_session(request, public_id)
    return _write(
        request, session, forms.GrowForm(request.POST), "record_form",
        lambda data: services.update_session_record(session=session, by=request.user, **data),
    )


@login_required
@require_POST
def call_off(request: HttpRequest, public_id) -> HttpResponse:
    """Mark a scheduled session cancelled, or a no-show."""
    session = _coached_session(request, public_id)
    try:
        services.call_off_session(session=session, by=request.user, no_show=request.POST.get("no_show") == "1")
    except RuleBroken as error:
        messages.error(request, f"Refused: {error.detail}.")
    return redirect("sessions_grow:detail", session.public_id)


@login_required
@require_POST
def agree_action(request: HttpRequest, public_id) -> HttpResponse:
    """The Will: add an agreed action to the plan, in place with htmx."""
    session = _coached_session(request, public_id)
    form = forms.AgreeActionForm(request.POST, engagement=session.engagement)
    saved = False
    if form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("token")
        try:
            once(request, token, lambda: services.agree_action(session=session, by=request.user, **data))
        except ValidationError as error:
            add_service_errors(form, error)
        except RuleBroken as error:
            form.add_error(None, error.detail)
        else:
            saved = True
    if request.htmx:
        return render(
            request,
            "sessions_grow/session_detail.html#will",
            {
                "session": session,
                "is_coach": True,
                "agreed": session.agreed_items.select_related("owner"),
                "action_form": forms.AgreeActionForm(engagement=session.engagement) if saved else form,
            },
        )
    if saved:
        return redirect("sessions_grow:detail", session.public_id)
    return session_detail(request, session.public_id, action_form=form)


@login_required
@require_POST
def private_note(request: HttpRequest, public_id) -> HttpResponse:
    """Keep the coach's private note on the session (its author alone reads it)."""
    session = _coached_session(request, public_id)
    return _write(
        request, session, forms.NoteForm(request.POST), "note_form",
        lambda data: services.write_private_note(session=session, by=request.user, **data),
    )
