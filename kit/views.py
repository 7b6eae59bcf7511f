"""Page helpers every app shares: correcting and withdrawing one row in place.

A page draws each editable row with a template partial. "Edit" swaps the row for its
form (htmx) or opens the form on a page of its own (no script); saving makes one service
call and swaps the row back, so the rest of the page keeps whatever was being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kit.errors import RuleBroken
from kit.forms import VersionedForm, run_edit_form


@dataclass(frozen=True)
class Row:
    """How a page draws one row: its partial, the name the partial gives the row, and what
    else the partial needs (e.g. whether the reader may edit)."""

    template: str
    name: str
    context: Callable[[HttpRequest, Any], dict] = field(default=lambda request, obj: {})

    def render(self, request: HttpRequest, obj: Any, **extra) -> HttpResponse:
        return render(request, self.template, {self.name: obj, **self.context(request, obj), **extra})


def edit_row(
    request: HttpRequest,
    obj: Any,
    *,
    form: type[VersionedForm],
    act: Callable[[dict], Any],
    row: Row,
    back: str,
    title: str,
    form_kwargs: dict | None = None,
) -> HttpResponse:
    """GET: the row's form (in place with htmx, else on its own page; `?row=1` gives the
    row itself, which is how Cancel puts it back). POST: one service call, then the row
    again (htmx) or back to the page; a refusal keeps what was typed beside its reason."""
    if request.method == "GET" and request.GET.get("row"):
        return row.render(request, obj)
    bound = form.of(obj, request.POST if request.method == "POST" else None, **(form_kwargs or {}))
    if request.method == "POST":
        done, result = run_edit_form(bound, obj, act)
        if done:
            if request.htmx:
                return row.render(request, result if result is not None else obj, saved=True)
            messages.success(request, f"{title}: saved.")
            return redirect(back)
    template = "includes/edit_row.html" if request.htmx else "includes/edit_page.html"
    context = {"form": bound, "action": request.path, "back": back, "title": title}
    return render(request, template, context, status=422 if bound.errors else 200)


def delete_row(request: HttpRequest, obj: Any, *, act: Callable[[], Any], row: Row, back: str, what: str) -> HttpResponse:
    """Withdraw a row through one service call; a refusal (something depends on it) says
    why, in place of the row (htmx) or on the page."""
    try:
        act()
    except RuleBroken as refused:
        if request.htmx:
            return row.render(request, obj, row_error=_("Not deleted: %(reason)s.") % {"reason": refused.detail})
        messages.error(request, _("Not deleted: %(reason)s.") % {"reason": refused.detail})
        return redirect(back)
    if request.htmx:
        return HttpResponse(format_html('<li class="muted gone" role="status">{}</li>', _("%(what)s deleted.") % {"what": what.capitalize()}))
    messages.success(request, _("%(what)s deleted.") % {"what": what.capitalize()})
    return redirect(back)
