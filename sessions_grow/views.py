"""GROW session pages. Lookups go through `visible_to(request.user)` (404 outside it);
each POST validates its form and makes one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from engagements.forms import progress_form
from engagements.models import Engagement
from engagements.services import RuleBroken, ensure_coach_of, record_view
from kit.forms import add_service_errors, once, run_form
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
        raise PermissionDenied(_("Only this engagement's coach schedules its sessions."))
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
            messages.success(request, _("Session %(number)s scheduled.") % {"number": session.number})
            return redirect("sessions_grow:detail", session.public_id)
    return render(request, "sessions_grow/schedule.html", {"engagement": engagement, "form": form}, status=422 if form.errors else 200)


# The two ways a scheduled session does not take place, and what each means.
CALL_OFFS = [
    ("", gettext_lazy("It was cancelled"), gettext_lazy("The session is marked cancelled: it will not be held and adds no hours.")),
    ("1", gettext_lazy("The client did not come"), gettext_lazy("The session is marked as a no-show: it will not be held and adds no hours.")),
]


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
        "agreed": _agreed(session),
        "previous_actions": session.previous_actions() if is_coach else [],
        "today": timezone.localdate(),
    }
    if is_coach:
        held = session.status == CoachingSession.Status.HELD
        # The GROW record is written once the session has taken place, never ahead of it.
        due = session.status == CoachingSession.Status.SCHEDULED and session.scheduled_at <= timezone.now()
        context |= {
            "call_off_form": bound.get("call_off_form"),
            "call_offs": CALL_OFFS,
            "not_yet": session.status == CoachingSession.Status.SCHEDULED and not due,
            "reschedule_form": bound.get("reschedule_form") or forms.RescheduleForm(initial={"scheduled_at": session.scheduled_at}),
            "hold_form": bound.get("hold_form") or (forms.HoldForm() if due else None),
            "record_form": bound.get("record_form") or (forms.GrowForm(initial=_grow_initial(session)) if held else None),
            "action_form": bound.get("action_form") or forms.AgreeActionForm(engagement=session.engagement),
            "note_form": bound.get("note_form") or forms.NoteForm(initial={"body": note.body if note else ""}),
            "note": note,
        }
    return render(request, "sessions_grow/session_detail.html", context, status=422 if bound else 200)


def _agreed(session: CoachingSession) -> list:
    """The actions the session agreed, each with its progress form (as on the plan)."""
    items = list(session.agreed_items.select_related("owner", "plan__engagement"))
    for item in items:
        item.form = progress_form(item)
    return items


@login_required
@require_POST
def reschedule(request: HttpRequest, public_id) -> HttpResponse:
    """Move a scheduled session, saying why (in place with htmx: the GROW form keeps what was typed)."""
    session = _coached_session(request, public_id)
    form = forms.RescheduleForm(request.POST)
    done, moved = run_form(form, lambda data: services.reschedule_session(session=session, by=request.user, **data))
    if request.htmx:
        context = {"session": moved or session, "is_coach": True, "reschedule_form": forms.RescheduleForm(initial={"scheduled_at": (moved or session).scheduled_at}) if done else form, "moved": done}
        return render(request, "sessions_grow/session_detail.html#when", context, status=200 if done else 422)
    if done:
        messages.success(request, _("Session %(number)s moved; the client is told the new time.") % {"number": session.number})
        return redirect("sessions_grow:detail", session.public_id)
    return session_detail(request, session.public_id, reschedule_form=form)


def _write(request: HttpRequest, session: CoachingSession, form, key: str, act, *, section: str | None = None) -> HttpResponse:
    """One service call for a valid form, then back to the session page — or, with htmx
    and a `section`, that section alone, so the page's other forms keep what was typed."""
    done = run_form(form, act)[0]
    if request.htmx and section:
        fresh = _session(request, session.public_id)
        context = {"session": fresh, "is_coach": True, key: form if not done else type(form)(initial=form.cleaned_data), "saved": done}
        return render(request, f"sessions_grow/session_detail.html#{section}", context, status=200 if done else 422)
    if done:
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
        lambda data: services.update_session_record(session=session, by=request.user, **data), section="record_section",
    )


@login_required
@require_POST
def call_off(request: HttpRequest, public_id) -> HttpResponse:
    """Mark a scheduled session cancelled, or a no-show, saying why."""
    session = _coached_session(request, public_id)
    return _write(
        request, session, forms.CallOffForm(request.POST), "call_off_form",
        lambda data: services.call_off_session(session=session, by=request.user, **data),
    )


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
                "agreed": _agreed(session),
                "today": timezone.localdate(),
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
        lambda data: services.write_private_note(session=session, by=request.user, **data), section="note_section",
    )
