"""Django admin helpers every app shares: an irreversible action asks first, states its
consequence and takes a reason (kept in the history), like the pages do."""

from __future__ import annotations

from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse


def reason_or_confirmation(
    modeladmin, request: HttpRequest, queryset: QuerySet, *, action: str, title: str, consequence: str
) -> str | TemplateResponse:
    """The reason the admin gave on the confirmation step, or that step's page (to return
    from the action) while the admin has not confirmed with a reason yet."""
    reason = request.POST.get("reason", "").strip()
    if request.POST.get("confirmed") == "yes" and reason:
        return reason
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "consequence": consequence,
        "objects": queryset,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
        "missing_reason": request.POST.get("confirmed") == "yes",
    }
    return TemplateResponse(request, "admin/confirm_with_reason.html", context)
