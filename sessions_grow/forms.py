"""Page forms for GROW sessions: they validate input; the services hold every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from engagements.forms import members
from engagements.models import Engagement, User
from kit.forms import Form, OnceForm

TEXT = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False}


class ScheduleForm(OnceForm):
    scheduled_at = forms.DateTimeField(label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


class RescheduleForm(Form):
    scheduled_at = forms.DateTimeField(
        label=_("New date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    reason = forms.CharField(
        label=_("Why it moves"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the engagement's history. The client is told the new time, not the reason."),
    )


class CallOffForm(Form):
    reason = forms.CharField(label=_("Why"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Kept in the history."))
    no_show = forms.BooleanField(required=False, widget=forms.HiddenInput)


class GrowForm(Form):
    goal_review = forms.CharField(label=_("Review of the previous session"), **TEXT)
    goal_today = forms.CharField(label=_("Today's goals"), **TEXT)
    reality_questions = forms.CharField(label=_("Questions asked"), **TEXT)
    reality_insights = forms.CharField(label=_("What the client sees more clearly"), **TEXT)
    options_explored = forms.CharField(label=_("Options, exercises and tools explored"), **TEXT)
    options_strategies = forms.CharField(label=_("Strategies discussed"), **TEXT)
    commitment = forms.IntegerField(label=_("Client's commitment (1–10)"), min_value=1, max_value=10, required=False)
    summary = forms.CharField(label=_("Summary for the client"), help_text=_("Never your private notes."), **TEXT)
    share_summary = forms.BooleanField(label=_("Share the summary with the client"), required=False)


class HoldForm(GrowForm):
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600, initial=60)


class AgreeActionForm(OnceForm):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False, label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}), required=False)

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Offer the people who take part; the service still checks membership.
        self.fields["owner"].queryset = members(engagement)


class NoteForm(Form):
    body = forms.CharField(label=_("My private note"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Only you will ever read this."))
