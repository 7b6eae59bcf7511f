"""Page forms: they validate and shape input; the services hold every rule."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from coaching.forms import OnceForm
from engagements.models import (
    ActionItem,
    Coach,
    Engagement,
    Objective,
    Organisation,
    User,
)
from engagements.reminders import available_time_zones

DATE = forms.DateInput(attrs={"type": "date"})
RATING = {"min_value": 0, "max_value": 10}


class NewClientForm(OnceForm):
    title = forms.CharField(label="Engagement title", max_length=200)
    first_name = forms.CharField(label="Client's first name", max_length=150)
    last_name = forms.CharField(label="Client's last name", max_length=150)
    email = forms.EmailField(label="Client's email", help_text="The invitation to log in goes here.")
    job_title = forms.CharField(max_length=200, required=False)
    organisation = forms.ModelChoiceField(Organisation.objects.all(), required=False, label="Sponsor")
    uses_mpc = forms.BooleanField(label="Run the MPC method", required=False)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Engagement.State.choices)


class ExploratorySessionForm(forms.Form):
    held_on = forms.DateField(widget=DATE, initial=timezone.localdate)
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=1, max_value=600, initial=60)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="Shared with the client.")


class ObjectiveForm(OnceForm):
    statement = forms.CharField(label="Objective", max_length=300, help_text="What results do you want to achieve at the end of the work?")
    success_measure = forms.CharField(max_length=300)
    baseline_rating = forms.IntegerField(label="Baseline self-rating (0–10)", **RATING)


class TermsForm(forms.Form):
    coaching_type = forms.CharField(label="Type of coaching", max_length=120, required=False, help_text="e.g. executive, career.")
    planned_hours = forms.DecimalField(max_digits=6, decimal_places=2, min_value=0.25, required=False)
    session_frequency = forms.ChoiceField(choices=[("", "—")] + Engagement.Frequency.choices, required=False)
    format = forms.ChoiceField(choices=[("", "—")] + Engagement.Format.choices, required=False)
    location = forms.CharField(max_length=200, required=False, help_text="Needed for in-person or hybrid work.")
    budget_amount = forms.DecimalField(label="Budget", max_digits=10, decimal_places=2, min_value=0, required=False)
    budget_currency = forms.CharField(label="Currency", max_length=3, required=False, help_text="ISO code, e.g. EUR.")
    # The version these terms were read at: a save over someone else's change is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class EvaluateObjectiveForm(forms.Form):
    final_rating = forms.IntegerField(label="Final rating (0–10)", **RATING)
    outcome = forms.ChoiceField(choices=[("", "—")] + Objective.Outcome.choices)


class EvaluationForm(forms.Form):
    evaluation = forms.CharField(
        label="The client's evolution from the first to the last session", widget=forms.Textarea(attrs={"rows": 5})
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(choices=ActionItem.Status.choices)
    progress = forms.IntegerField(label="Progress (%)", min_value=0, max_value=100)


class AssignCoachForm(forms.Form):
    coach = forms.ModelChoiceField(Coach.objects.available().select_related("user"), to_field_name="public_id")


class InviteCoachForm(OnceForm):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField()
    capacity = forms.IntegerField(min_value=0, max_value=100, initial=8, help_text="Open engagements this coach can carry.")
    supervisor = forms.ModelChoiceField(
        Coach.objects.available().select_related("user"), to_field_name="public_id", required=False
    )


class CoachForm(forms.Form):
    capacity = forms.IntegerField(min_value=0, max_value=100)
    supervisor = forms.ModelChoiceField(
        Coach.objects.available().select_related("user"), to_field_name="public_id", required=False
    )


class CertificationForm(OnceForm):
    body = forms.CharField(max_length=120, help_text="e.g. ICF, EMCC.")
    level = forms.CharField(max_length=60, help_text="e.g. ACC, PCC, MCC.")
    number = forms.CharField(max_length=60, required=False)
    issued_on = forms.DateField(widget=DATE, required=False)
    expires_on = forms.DateField(widget=DATE, required=False)


class ReminderSettingsForm(forms.Form):
    reminder_mode = forms.ChoiceField(
        label="Reminder emails", choices=User.ReminderMode.choices, widget=forms.RadioSelect,
        help_text="A daily digest gathers everything due into one email a day.",
    )
    time_zone = forms.ChoiceField(
        label="Your time zone", help_text="Decides what “tomorrow” means and when your digest arrives.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name) for name in available_time_zones()]

