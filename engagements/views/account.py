"""A person's own settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from engagements import forms, reminders
from kit.forms import add_service_errors


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """A person's own reminder settings: digest, immediate or off, and their time zone."""
    user = request.user
    form = forms.ReminderSettingsForm(
        request.POST or None, initial={"reminder_mode": user.reminder_mode, "time_zone": user.time_zone}
    )
    if request.method == "POST" and form.is_valid():
        try:
            reminders.update_reminder_settings(user=user, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Reminder settings saved."))
            return redirect("engagements:reminder_settings")
    return render(request, "engagements/reminder_settings.html", {"form": form})
