"""The double action plan as people read it: both halves side by side, each member's
responsibilities, the print view and the PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from engagements.models import ActionItem, ActionPlan, Engagement
from mpc.models import ABOUT_MODEL, Mission
from mpc.pdf import html_to_pdf
from mpc.views.common import coached_engagement


def plan_items(engagement: Engagement, kind: str) -> list[ActionItem]:
    """The items of one half of the double plan, each with what it is about and its measure."""
    related = [f"mpc_link__{name}" for name in ABOUT_MODEL]
    items = ActionItem.objects.filter(plan__engagement=engagement, plan__kind=kind).select_related(
        "owner", "plan", "mpc_indicator", *related, "mpc_link__role__holder"
    )
    return list(items.order_by("due_on", "id"))


def double_plan(engagement: Engagement) -> dict:
    """Both halves side by side; in team coaching the collective plan also by member, with
    their roles: each member's responsibilities."""
    personal, project = plan_items(engagement, ActionPlan.Kind.PERSONAL), plan_items(engagement, ActionPlan.Kind.PROJECT)
    members = []
    if engagement.kind == Engagement.Kind.TEAM:
        roles = list(engagement.mpc_roles.select_related("holder"))
        for coachee in engagement.coachees.select_related("user").order_by("user__last_name", "user__first_name"):
            person = coachee.user
            members.append({
                "person": person,
                "roles": [role for role in roles if role.holder_id == person.pk],
                "items": [item for item in project if item.owner_id == person.pk],
            })
    return {"personal": personal, "project": project, "members": members}



def _plan_document(request: HttpRequest, public_id) -> dict:
    engagement = coached_engagement(request, public_id)
    return {
        "engagement": engagement, "mission": Mission.objects.filter(engagement=engagement).first(),
        "printed_on": timezone.localdate(), **double_plan(engagement),
    }


@login_required
def plan_print(request: HttpRequest, public_id) -> HttpResponse:
    """The double action plan on one page, both halves side by side, ready to print."""
    return render(request, "mpc/plan_print.html", _plan_document(request, public_id))


@login_required
def plan_pdf(request: HttpRequest, public_id) -> HttpResponse:
    """The double action plan as a PDF, from the same document as the print view."""
    context = _plan_document(request, public_id)
    html = render_to_string("mpc/plan_pdf.html", context, request)
    pdf = html_to_pdf(html, stylesheet=finders.find("css/plan-print.css"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="double-action-plan-{context["engagement"].public_id}.pdf"'
    return response
