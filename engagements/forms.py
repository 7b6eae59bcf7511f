"""Page forms: they validate and shape input; the services hold every rule."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import (
    ActionItem,
    Coach,
    Engagement,
    Objective,
    Organisation,
    Sponsor,
    User,
)
from engagements.reminders import time_zone_choices
from kit.forms import Form, OnceForm, VersionedForm

DATE = forms.DateInput(attrs={"type": "date"})
RATING = {"min_value": 0, "max_value": 10}


class NewClientForm(OnceForm):
    title = forms.CharField(label=_("Engagement title"), max_length=200)
    first_name = forms.CharField(label=_("Client's first name"), max_length=150)
    last_name = forms.CharField(label=_("Client's last name"), max_length=150)
    email = forms.EmailField(label=_("Client's email"), help_text=_("The invitation to log in goes here."))
    job_title = forms.CharField(max_length=200, required=False, label=_("Job title"))
    organisation = forms.ModelChoiceField(Organisation.objects.all(), required=False, label=_("Sponsor"))
    uses_mpc = forms.BooleanField(label=_("Run the MPC method"), required=False)


class EngagementDetailsForm(VersionedForm):
    title = forms.CharField(label=_("Engagement title"), max_length=200)
    organisation = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="public_id", required=False, label=_("Sponsor"))
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE)

    def __init__(self, *args, opening_fixed: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if opening_fixed:
            self.fields["opened_on"].disabled = True
            self.fields["opened_on"].help_text = _("Fixed once the coaching has started.")


class CoCoachForm(Form):
    coach = forms.ModelChoiceField(Coach.objects.none(), to_field_name="public_id", label=_("Co-coach"))

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        named = [engagement.coach_id, *engagement.co_coaches.values_list("pk", flat=True)]
        self.fields["coach"].queryset = Coach.objects.available().exclude(pk__in=named).select_related("user")


def members(engagement: Engagement):
    """The people who take part in the engagement: its coachees, lead coach and co-coaches
    (the services still check)."""
    return User.objects.filter(
        Q(coachee__engagements=engagement) | Q(coach__pk=engagement.coach_id) | Q(coach__co_engagements=engagement)
    ).distinct().order_by("role", "first_name", "last_name")


class ActionItemEditForm(VersionedForm):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False, label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=DATE, required=False)
    category = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, item: ActionItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members(item.plan.engagement)
        categories = item.plan.categories
        if categories == (ActionItem.Category.GENERAL,):
            del self.fields["category"]  # session actions are of one kind
        else:
            self.fields["category"].choices = [(c, ActionItem.Category(c).label) for c in categories]


class TransitionForm(Form):
    to = forms.ChoiceField(choices=Engagement.State.choices, label=_("To"))
    reason = forms.CharField(label=_("Why"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExploratoryFields(Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE, initial=timezone.localdate)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600, initial=60)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=_("What you agreed, in words the client recognises."), label=_("Summary"))
    summary_shared = forms.BooleanField(label=_("Share the summary with the client"), required=False)


class ExploratorySessionForm(ExploratoryFields):
    pass


class ExploratoryRecordForm(ExploratoryFields, VersionedForm):
    """Correct the exploratory session's record."""


class ObjectiveFields(Form):
    statement = forms.CharField(label=_("Objective"), max_length=300, help_text=_("What results do you want to achieve at the end of the work?"))
    success_measure = forms.CharField(max_length=300, label=_("Success measure"))
    baseline_rating = forms.IntegerField(label=_("Baseline self-rating (0–10)"), **RATING)


class ObjectiveForm(ObjectiveFields, OnceForm):
    pass


class ObjectiveEditForm(ObjectiveFields, VersionedForm):
    """Reword an objective; its baseline is fixed once the coaching has started."""

    def __init__(self, *args, baseline_fixed: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if baseline_fixed:
            self.fields["baseline_rating"].disabled = True
            self.fields["baseline_rating"].help_text = _("Fixed once the coaching has started: it is where the client began.")


class TermsForm(VersionedForm):
    coaching_type = forms.CharField(label=_("Type of coaching"), max_length=120, required=False, help_text=_("e.g. executive, career."))
    planned_hours = forms.DecimalField(max_digits=6, decimal_places=2, min_value=0.25, required=False, label=_("Planned hours"))
    session_frequency = forms.ChoiceField(choices=[("", "—")] + Engagement.Frequency.choices, required=False, label=_("Session frequency"))
    format = forms.ChoiceField(choices=[("", "—")] + Engagement.Format.choices, required=False, label=_("Format"))
    location = forms.CharField(max_length=200, required=False, help_text=_("Needed for in-person or hybrid work."), label=_("Location"))
    budget_amount = forms.DecimalField(label=_("Budget"), max_digits=10, decimal_places=2, min_value=0, required=False)
    budget_currency = forms.CharField(label=_("Currency"), max_length=3, required=False, help_text=_("ISO code, e.g. EUR."))


class EvaluateObjectiveForm(Form):
    final_rating = forms.IntegerField(label=_("Final rating (0–10)"), **RATING)
    outcome = forms.ChoiceField(choices=[("", "—")] + Objective.Outcome.choices, label=_("Outcome"))


class ProgressRatingForm(Form):
    rating = forms.IntegerField(label=_("Where they stand now (0–10)"), **RATING)


class EvaluationForm(Form):
    evaluation = forms.CharField(
        label=_("The client's evolution from the first to the last session"), widget=forms.Textarea(attrs={"rows": 5})
    )


class ProgressForm(Form):
    status = forms.ChoiceField(choices=ActionItem.Status.choices, label=_("Status"))
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


def progress_form(item: ActionItem, data=None) -> ProgressForm:
    """The progress form of one item, prefixed so a page can hold one per item."""
    return ProgressForm(data, prefix=f"i{item.public_id.hex[:12]}", initial={"status": item.status, "progress": item.progress})


class AssignCoachForm(Form):
    coach = forms.ModelChoiceField(Coach.objects.available().select_related("user"), to_field_name="public_id", label=_("Coach"))


class InviteCoachForm(OnceForm):
    first_name = forms.CharField(max_length=150, label=_("First name"))
    last_name = forms.CharField(max_length=150, label=_("Last name"))
    email = forms.EmailField(label=_("Email"))
    capacity = forms.IntegerField(min_value=0, max_value=100, initial=8, help_text=_("Open engagements this coach can carry."), label=_("Capacity"))
    supervisor = forms.ModelChoiceField(
        Coach.objects.available().select_related("user"), to_field_name="public_id", required=False, label=_("Supervisor")
    )


class CoachForm(Form):
    capacity = forms.IntegerField(min_value=0, max_value=100, label=_("Capacity"))
    supervisor = forms.ModelChoiceField(
        Coach.objects.available().select_related("user"), to_field_name="public_id", required=False, label=_("Supervisor")
    )

    def __init__(self, *args, coach: Coach, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Nobody supervises themself: do not offer it.
        self.fields["supervisor"].queryset = self.fields["supervisor"].queryset.exclude(pk=coach.pk)


class CertificationFields(Form):
    body = forms.CharField(label=_("Certifying body"), max_length=120, help_text=_("e.g. ICF, EMCC."))
    level = forms.CharField(max_length=60, help_text=_("e.g. ACC, PCC, MCC."), label=_("Level"))
    number = forms.CharField(label=_("Credential number"), max_length=60, required=False)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE, required=False)
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE, required=False)


class CertificationForm(CertificationFields, OnceForm):
    pass


class CertificationEditForm(CertificationFields, VersionedForm):
    pass


class RevokeForm(Form):
    reason = forms.CharField(label=_("Why it is revoked"), max_length=500, help_text=_("Kept in the roster's history."))


class CoachProfileForm(VersionedForm):
    bio = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text=_("How clients and colleagues come to know you."), label=_("Bio"))
    specialties = forms.CharField(max_length=255, required=False, help_text=_("e.g. leadership, career transitions."), label=_("Specialties"))


class SupervisionFields(Form):
    held_on = forms.DateField(label=_("Met on"), widget=DATE, initial=timezone.localdate)
    hours = forms.DecimalField(min_value=0.25, max_value=24, decimal_places=2, help_text=_("e.g. 1.5"), label=_("Hours"))
    topics = forms.CharField(max_length=255, required=False, help_text=_("Themes only: never a client's name or story."), label=_("Topics"))


class SupervisionForm(SupervisionFields, OnceForm):
    pass


class SupervisionEditForm(SupervisionFields, VersionedForm):
    pass


class HoursPeriodForm(Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", gettext("The period ends on or after the day it starts."))
        return data


class OrganisationFields(Form):
    name = forms.CharField(label=_("Sponsor"), max_length=200)
    contact_name = forms.CharField(label=_("Contact"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact's email"), required=False)


class OrganisationForm(OrganisationFields, OnceForm):
    pass


class OrganisationEditForm(OrganisationFields, VersionedForm):
    pass


class CoacheeForm(OnceForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(help_text=_("Their invitation to log in goes here."), label=_("Email"))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="public_id", required=False, label=_("Organisation"))


class PersonEditForm(VersionedForm):
    """Correcting a person of the address book: their login's name and email, their job title."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)

    @classmethod
    def of(cls, person, data=None, **kwargs):
        user = person.user
        initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
        return super().of(person, data, initial=initial, **kwargs)


class CoacheeEditForm(PersonEditForm):
    organisation = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="public_id", required=False, label=_("Organisation"))


class SponsorContactForm(OnceForm):
    prefix = "contact"  # beside the organisation's form on the sponsors page

    organisation = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="public_id", label=_("Organisation"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(help_text=_("Their invitation to sign in goes here; they see nothing until named on an engagement."), label=_("Email"))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)


class SponsorContactEditForm(PersonEditForm):
    pass


class NameSponsorForm(forms.Form):
    sponsor = forms.ModelChoiceField(Sponsor.objects.none(), to_field_name="public_id", label=_("Sponsor contact"))

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        seated = engagement.sponsor_seats.values("sponsor")
        contacts = Sponsor.objects.filter(organisation_id=engagement.organisation_id).exclude(pk__in=seated)
        self.fields["sponsor"].queryset = contacts.select_related("user")


class ReminderSettingsForm(Form):
    reminder_mode = forms.ChoiceField(
        label=_("Reminder emails"), choices=User.ReminderMode.choices, widget=forms.RadioSelect,
        help_text=_("A daily digest gathers everything due into one email a day."),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), help_text=_("Decides what “tomorrow” means and when your digest arrives."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()

