"""Calendar pages: the person's own feed settings, and the feed itself (opened by its secret alone)."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from coaching import calendar
from coaching.models import CalendarFeed
from kit.forms import Form, add_service_errors


class FeedPrivacyForm(Form):
    shows = forms.ChoiceField(
        label=gettext_lazy("Your feed shows"),
        choices=CalendarFeed.Shows.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "With busy only, each session shows as “Busy”, with no title, and deadlines are left out: "
            "choose it if others can see the calendar you add the feed to."
        ),
    )


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The person's own calendar feed: its URL to copy, renewing it, titles or busy only."""
    feed = calendar.feed_of(request.user)
    form = FeedPrivacyForm(request.POST if request.method == "POST" else None, initial={"shows": feed.shows})
    if request.method == "POST" and form.is_valid():
        try:
            calendar.set_feed_privacy(feed=feed, shows=form.cleaned_data["shows"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved: your feed now shows what you chose."))
            return redirect("calendar_settings")
    context = {"form": form, "feed": feed, "feed_url": calendar.feed_url(feed)}
    return render(request, "coaching/calendar_settings.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def renew(request: HttpRequest) -> HttpResponse:
    """Give the person's feed a new address; the old one stops working."""
    calendar.renew_feed_secret(feed=calendar.feed_of(request.user), by=request.user)
    messages.success(request, _("Your feed has a new address: the old one no longer works. Give the new one to your calendar application."))
    return redirect("calendar_settings")


@require_safe
def feed(request: HttpRequest, public_id: UUID, secret: str) -> HttpResponse:
    """The feed, for calendar applications: its secret alone opens it (no session, no token)."""
    found = calendar.feed_for(public_id=public_id, secret=secret)
    if found is None:
        raise Http404("No such calendar feed.")
    response = HttpResponse(calendar.render_feed(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tandem.ics"'
    add_never_cache_headers(response)  # someone's own calendar: no shared cache keeps it
    return response
