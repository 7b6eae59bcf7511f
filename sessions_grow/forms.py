"""Page forms for GROW sessions: they validate input; the services hold every rule."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from coaching.forms import OnceForm
from engagements.models import Engagement, User

TEXT = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False}


class ScheduleForm(OnceForm):
    scheduled_at = forms.DateTimeField(label="Date and time", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


class GrowForm(forms.Form):
    goal_review = forms.CharField(label="Review of the previous session", **TEXT)
    goal_today = forms.CharField(label="Today's goals", **TEXT)
    reality_questions = forms.CharField(label="Questions asked", **TEXT)
    reality_insights = forms.CharField(label="What the client sees more clearly", **TEXT)
    options_explored = forms.CharField(label="Options, exercises and tools explored", **TEXT)
    options_strategies = forms.CharField(label="Strategies discussed", **TEXT)
    commitment = forms.IntegerField(label="Client's commitment (1–10)", min_value=1, max_value=10, required=False)
    summary = forms.CharField(label="Summary for the client", help_text="Never your private notes.", **TEXT)
    share_summary = forms.BooleanField(label="Share the summary with the client", required=False)


class HoldForm(GrowForm):
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=1, max_value=600, initial=60)


class AgreeActionForm(OnceForm):
    title = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False)
    due_on = forms.DateField(label="Due on", widget=forms.DateInput(attrs={"type": "date"}), required=False)

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Offer the people who take part; the service still checks membership.
        self.fields["owner"].queryset = User.objects.filter(
            Q(coachee__engagements=engagement) | Q(coach__pk=engagement.coach_id)
        ).distinct().order_by("role", "first_name")


class NoteForm(forms.Form):
    body = forms.CharField(label="My private note", widget=forms.Textarea(attrs={"rows": 4}), help_text="Only you will ever read this.")
