"""Forms of the pages that span the apps: starting an engagement."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagements.models import Coach, Coachee, Organisation, User
from kit.forms import Form, OnceForm

DATE = forms.DateInput(attrs={"type": "date"})


class ClientChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, coachee: Coachee) -> str:
        details = ", ".join(part for part in (coachee.job_title, str(coachee.organisation or "")) if part)
        return f"{coachee} ({details})" if details else str(coachee)


# The returning clients the page lists at once; a practice of 10,000 finds the others by name.
RETURNING_SHOWN = 50


class NewEngagementForm(OnceForm):
    title = forms.CharField(label=_("Engagement title"), max_length=200, help_text=_("How you and the client will recognise it."))
    coach = forms.ModelChoiceField(
        Coach.objects.available().select_related("user"), to_field_name="public_id", label=_("Lead coach")
    )
    coachees = ClientChoices(
        Coachee.objects.none(), to_field_name="public_id", required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Returning clients"), help_text=_("Clients already registered with the practice."),
    )
    find_client = forms.CharField(
        label=_("Find a returning client"), required=False, max_length=100,
        help_text=_("Part of a name, an email address or an organisation."),
    )
    organisation = forms.ModelChoiceField(Organisation.objects.all(), to_field_name="public_id", required=False, label=_("Sponsor"))
    uses_mpc = forms.BooleanField(
        label=_("Run the MPC method"), required=False,
        help_text=_("Management through Professional Coaching: its seven stages are set up at once."),
    )
    opened_on = forms.DateField(
        label=_("Opened on"), widget=DATE, initial=timezone.localdate,
        help_text=_("Date it back if the exploratory session has already taken place."),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        clients = Coachee.objects.visible_to(user).select_related("user", "organisation")
        self.fields["coachees"].queryset = clients  # any client `user` may see can be picked
        self._show_clients(clients)
        if not user.is_practice_admin:
            del self.fields["coach"]  # a coach opens engagements they lead

    def _show_clients(self, clients) -> None:
        """List at most RETURNING_SHOWN clients (those whose name, email or organisation holds
        what was typed in the finder), and always the ones already picked, checked."""
        found = (self.data.get(self.add_prefix("find_client")) or "").strip() if self.is_bound else ""
        shown = list(clients.matching(found).order_by("user__last_name", "user__first_name", "pk")[:RETURNING_SHOWN])
        picked = set(_uuids(self.data.getlist(self.add_prefix("coachees")) if self.is_bound else [])) - {c.public_id for c in shown}
        shown = list(clients.filter(public_id__in=picked)) + shown if picked else shown
        field = self.fields["coachees"]
        field.widget.choices = [(c.public_id, field.label_from_instance(c)) for c in shown]
        self.clients_shown, self.clients_found = len(shown), found
        self.clients_total = clients.count()


def _uuids(values: list[str]) -> list[uuid.UUID]:
    """The values that are UUIDs (what else was sent is refused by the field itself)."""
    parsed = []
    for value in values:
        try:
            parsed.append(uuid.UUID(str(value)))
        except ValueError:
            pass
    return parsed


class NewcomerForm(Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"), help_text=_("Their invitation to log in goes here."))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)


NewcomerFormSet = forms.formset_factory(NewcomerForm, extra=1, max_num=20, validate_max=True)


class SelfRatingForm(Form):
    rating = forms.IntegerField(label=_("My own rating (0–10)"), min_value=0, max_value=10)


class ChangesForm(forms.Form):
    changes = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        help_text=_("Your coach reads this and produces a new version."),
    )


class ReportNoticeForm(forms.Form):
    notify_on_report = forms.BooleanField(
        label=_("Email me when a report is approved"), required=False,
        help_text=_("The email carries the engagement's title and a link, never its content."),
    )
