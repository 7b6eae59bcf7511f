"""The closing skills assessment: each objective's baseline against its final rating."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagements import forms, services
from engagements.models import (
    Engagement,
    EngagementReport,
    Objective,
)
from engagements.services import RuleBroken
from engagements.views.common import coached_engagement
from kit.forms import add_service_errors, run_form

# --- skills assessment ------------------------------------------------------


def _assessment_page(request: HttpRequest, engagement: Engagement, *, bad=None, evaluation_form=None) -> HttpResponse:
    for objective in engagement.objectives.all():
        objective.form = bad[1] if bad and bad[0].pk == objective.pk else _evaluate_form(objective)
    return render(
        request,
        "engagements/assessment.html",
        {
            "engagement": engagement,
            "evaluation_form": evaluation_form or forms.EvaluationForm(initial={"evaluation": engagement.evaluation}),
            "reasons": [m for _code, m in engagement.unmet_rules(Engagement.State.CLOSED)],
            "report_gaps": [m for _code, m in engagement.assessment_gaps()],
            "reports": EngagementReport.objects.visible_to(request.user).filter(engagement=engagement),
        },
        status=422 if bad or evaluation_form else 200,
    )


def _evaluate_form(objective: Objective, data=None) -> forms.EvaluateObjectiveForm:
    initial = {"final_rating": objective.final_rating, "outcome": objective.outcome}
    return forms.EvaluateObjectiveForm(data, prefix=f"o{objective.public_id.hex[:12]}", initial=initial)


def _assessed(request: HttpRequest, public_id) -> Engagement:
    return coached_engagement(request, public_id, Engagement.objects.visible_to(request.user).prefetch_related("objectives"))


@login_required
def assessment(request: HttpRequest, public_id) -> HttpResponse:
    """The closing skills assessment: each objective's baseline against its final rating."""
    return _assessment_page(request, _assessed(request, public_id))


@login_required
@require_POST
def evaluate_objective(request: HttpRequest, public_id) -> HttpResponse:
    """Rate one objective at the end of the work (in place with htmx)."""
    objective = get_object_or_404(Objective.objects.visible_to(request.user).select_related("engagement"), public_id=public_id)
    form = _evaluate_form(objective, request.POST)
    if form.is_valid():
        try:
            objective = services.evaluate_objective(objective=objective, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RuleBroken as error:
            form.add_error(None, error.detail)
        else:
            form = None
    if request.htmx:
        objective.form = form or _evaluate_form(objective)
        return render(request, "engagements/assessment.html#objective", {"objective": objective, "saved": form is None})
    if form is None:
        return redirect("engagements:assessment", objective.engagement.public_id)
    return _assessment_page(request, _assessed(request, objective.engagement.public_id), bad=(objective, form))


@login_required
@require_POST
def write_evaluation(request: HttpRequest, public_id) -> HttpResponse:
    """Write the evaluation of the client's evolution from first to last session."""
    engagement = _assessed(request, public_id)
    form = forms.EvaluationForm(request.POST)
    done = run_form(form, lambda data: services.write_evaluation(engagement=engagement, by=request.user, **data))[0]
    if request.htmx:
        # Only this section comes back: the ratings being typed above keep their values.
        context = {"engagement": engagement, "evaluation_form": form, "saved": done}
        return render(request, "engagements/assessment.html#evaluation", context, status=200 if done else 422)
    if done:
        messages.success(request, _("Evaluation saved."))
        return redirect("engagements:assessment", engagement.public_id)
    return _assessment_page(request, engagement, evaluation_form=form)
