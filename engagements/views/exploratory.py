"""The exploratory session page: its record, the client's objectives, the coach's terms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagements import forms, services
from engagements.models import (
    Engagement,
    ExploratorySession,
    Objective,
)
from engagements.views.common import coached_engagement, is_coach_of
from kit.forms import error_text, once, run_edit_form, run_form
from kit.views import Row, delete_row, edit_row

# --- exploratory session ------------------------------------------------------
#
# Three sections — the session's record, the objectives, the terms — each saved on its
# own: with htmx only that section is swapped, so what is typed in the others stays.

EXPLORATORY = "engagements/exploratory.html"


def _exploratory_context(engagement: Engagement, **bound) -> dict:
    return {
        "engagement": engagement,
        "is_coach": True,
        "session_form": bound.get("session_form") or forms.ExploratorySessionForm(),
        "objective_form": bound.get("objective_form") or forms.ObjectiveForm(),
        "terms_form": bound.get("terms_form") or forms.TermsForm.of(engagement),
        "reasons": [m for _code, m in engagement.unmet_rules(Engagement.State.ACTIVE)]
        if engagement.state == Engagement.State.EXPLORATORY
        else [],
    }


def _exploratory_page(
    request: HttpRequest, engagement: Engagement, section: str | None = None, *, saved: bool = False, **bound
) -> HttpResponse:
    """The whole page, or (htmx) one section and the box that says whether coaching can start."""
    status = 422 if bound else 200
    context = _exploratory_context(engagement, **bound) | {"saved": saved}
    if section is None:
        return render(request, EXPLORATORY, context, status=status)
    html = render_to_string(f"{EXPLORATORY}#{section}", context, request) + render_to_string(
        f"{EXPLORATORY}#start_box", context | {"oob": True}, request
    )
    return HttpResponse(html, status=status)


def _exploratory_engagement(request: HttpRequest, public_id) -> Engagement:
    return coached_engagement(
        request,
        public_id,
        Engagement.objects.visible_to(request.user).select_related("exploratory").prefetch_related("objectives", "coachees__user"),
    )


@login_required
def exploratory(request: HttpRequest, public_id) -> HttpResponse:
    """The exploratory session: its record, the client's objectives and the coach's terms."""
    return _exploratory_page(request, _exploratory_engagement(request, public_id))


def _submit(request, engagement, form, key: str, section: str, act, *, run=run_form) -> HttpResponse:
    """Run one service call for a valid form; answer with its section (htmx) or the page."""
    if run(form, act)[0]:
        if request.htmx:
            return _exploratory_page(request, _exploratory_engagement(request, engagement.public_id), section, saved=True)
        return redirect("engagements:exploratory", engagement.public_id)
    return _exploratory_page(request, engagement, section if request.htmx else None, **{key: form})


@login_required
@require_POST
def record_exploratory(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _exploratory_engagement(request, public_id)
    return _submit(
        request, engagement, forms.ExploratorySessionForm(request.POST), "session_form", "session_section",
        lambda data: services.record_exploratory_session(engagement=engagement, by=request.user, **data),
    )


@login_required
@require_POST
def add_objective(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _exploratory_engagement(request, public_id)

    def act(data):
        token = data.pop("token")
        return once(request, token, lambda: services.add_objective(engagement=engagement, by=request.user, **data))

    return _submit(request, engagement, forms.ObjectiveForm(request.POST), "objective_form", "objectives_section", act)


@login_required
@require_POST
def set_terms(request: HttpRequest, public_id) -> HttpResponse:
    engagement = _exploratory_engagement(request, public_id)
    form = forms.TermsForm.of(engagement, request.POST)
    return _submit(
        request, engagement, form, "terms_form", "terms_section",
        lambda data: services.set_terms(engagement=engagement, by=request.user, **data),
        run=lambda form, act: run_edit_form(form, engagement, act),
    )


EXPLORATORY_ROW = Row(f"{EXPLORATORY}#exploratory_row", "session", lambda request, session: {"engagement": session.engagement, "is_coach": True})


@login_required
def edit_exploratory(request: HttpRequest, public_id) -> HttpResponse:
    """Correct the exploratory session's record, or share its summary (in place with htmx)."""
    engagement = _exploratory_engagement(request, public_id)
    session = get_object_or_404(ExploratorySession, engagement=engagement)
    return edit_row(
        request, session, form=forms.ExploratoryRecordForm, row=EXPLORATORY_ROW,
        act=lambda data: services.revise_exploratory_session(engagement=engagement, by=request.user, **data),
        back=reverse("engagements:exploratory", args=[engagement.public_id]), title=_("The exploratory session"),
    )


def _objective_row_context(request: HttpRequest, objective: Objective) -> dict:
    return {"engagement": objective.engagement, "is_coach": True}


OBJECTIVE_ROW = Row(f"{EXPLORATORY}#objective", "objective", _objective_row_context)


def _coached_objective(request: HttpRequest, public_id) -> Objective:
    objective = get_object_or_404(Objective.objects.visible_to(request.user).select_related("engagement"), public_id=public_id)
    if not is_coach_of(request.user, objective.engagement):
        raise PermissionDenied(_("Only this engagement's coach changes its objectives."))
    return objective


@login_required
def edit_objective(request: HttpRequest, public_id) -> HttpResponse:
    """Reword an objective or its measure (its baseline until the coaching starts)."""
    objective = _coached_objective(request, public_id)
    return edit_row(
        request, objective, form=forms.ObjectiveEditForm, row=OBJECTIVE_ROW,
        act=lambda data: services.revise_objective(objective=objective, by=request.user, **data),
        back=reverse("engagements:exploratory", args=[objective.engagement.public_id]), title=_("Objective %(number)s") % {"number": objective.position},
        form_kwargs={"baseline_fixed": objective.engagement.state != Engagement.State.EXPLORATORY},
    )


@login_required
@require_POST
def delete_objective(request: HttpRequest, public_id) -> HttpResponse:
    """Withdraw an objective that is not evaluated yet."""
    objective = _coached_objective(request, public_id)
    return delete_row(
        request, objective, row=OBJECTIVE_ROW, what=_("objective"),
        act=lambda: services.withdraw_objective(objective=objective, by=request.user),
        back=reverse("engagements:exploratory", args=[objective.engagement.public_id]),
    )


@login_required
@require_POST
def rate_progress(request: HttpRequest, public_id) -> HttpResponse:
    """Rate where the client stands on an objective along the way: the coach from the
    engagement page, a coachee for themself from their portal."""
    objective = get_object_or_404(Objective.objects.visible_to(request.user).select_related("engagement"), public_id=public_id)
    form = forms.ProgressRatingForm(request.POST, prefix=f"o{objective.public_id.hex[:12]}")
    done, _result = run_form(form, lambda data: services.rate_progress(objective=objective, by=request.user, **data))
    if done:
        messages.success(request, _("Rating saved: objective %(number)s.") % {"number": objective.position})
    else:
        messages.error(request, _("Not saved: objective %(number)s. %(why)s") % {"number": objective.position, "why": error_text(form)})
    if is_coach_of(request.user, objective.engagement):
        return redirect("engagements:detail", objective.engagement.public_id)
    return redirect("portal")
