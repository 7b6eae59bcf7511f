"""Page forms for the MPC stages: they validate input; mpc.services holds every rule."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from coaching.forms import OnceForm
from engagements.models import ActionItem, ActionPlan, Engagement, User
from mpc.models import AuditRating, Factor, Goal, Resource

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 2})


def members(engagement: Engagement):
    """The people who take part in the engagement (the services still check)."""
    return User.objects.filter(Q(coachee__engagements=engagement) | Q(coach__pk=engagement.coach_id)).distinct()


class EngagementForm(OnceForm):
    """A stage form that knows its engagement, to offer its people and goals."""

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is User:
                field.queryset = members(engagement)
            elif isinstance(field, forms.ModelChoiceField) and field.queryset.model is Goal:
                field.queryset = Goal.objects.filter(engagement=engagement)


class RatePersonForm(EngagementForm):
    area = forms.ChoiceField(choices=AuditRating.Area.choices)
    rating = forms.IntegerField(label="Rating now (0–10)", min_value=0, max_value=10)
    required = forms.IntegerField(label="What the project requires (0–10)", min_value=0, max_value=10)
    notes = forms.CharField(widget=TEXT, required=False)


class ObserveTeamForm(EngagementForm):
    aspect = forms.CharField(max_length=200)
    observation = forms.CharField(widget=TEXT)
    member = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False)
    rating = forms.IntegerField(min_value=0, max_value=10, required=False)


class CustomerForm(EngagementForm):
    name = forms.CharField(label="Customer", max_length=200)
    expectations = forms.CharField(widget=TEXT)


class PartnerForm(EngagementForm):
    name = forms.CharField(label="Partner", max_length=200)
    part = forms.CharField(label="Their part", widget=TEXT)


class FactorForm(EngagementForm):
    description = forms.CharField(label="Factor", max_length=300)
    nature = forms.ChoiceField(choices=Factor.Nature.choices)
    effect = forms.ChoiceField(choices=Factor.Effect.choices)
    weight = forms.IntegerField(min_value=1, max_value=5, initial=3, help_text="1 (slight) to 5 (strong).")


class MissionForm(EngagementForm):
    statement = forms.CharField(label="Mission", widget=TEXT)
    values = forms.CharField(label="Values it integrates", widget=TEXT)
    aspirations = forms.CharField(widget=TEXT, required=False)


class GoalForm(EngagementForm):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Goal.Kind.choices)
    deadline = forms.DateField(widget=DATE)
    is_human = forms.BooleanField(label="Human-related", required=False)
    metric = forms.CharField(max_length=100, required=False)
    unit = forms.CharField(max_length=30, required=False)
    baseline = forms.DecimalField(required=False)
    target = forms.DecimalField(required=False)


class MilestoneForm(EngagementForm):
    goal = forms.ModelChoiceField(Goal.objects.none(), to_field_name="public_id")
    title = forms.CharField(label="Milestone", max_length=200)
    due_on = forms.DateField(widget=DATE)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False)


class ActivityFlowForm(EngagementForm):
    name = forms.CharField(label="Activity flow", max_length=200)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id")
    goal = forms.ModelChoiceField(Goal.objects.none(), to_field_name="public_id", required=False)
    description = forms.CharField(widget=TEXT, required=False)


class ResourceForm(EngagementForm):
    kind = forms.ChoiceField(choices=Resource.Kind.choices)
    name = forms.CharField(label="Resource", max_length=200)
    description = forms.CharField(widget=TEXT, required=False)


class RoleForm(EngagementForm):
    holder = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id")
    title = forms.CharField(label="Role", max_length=200)
    responsibilities = forms.CharField(widget=TEXT)


class PlanItemForm(EngagementForm):
    plan_kind = forms.ChoiceField(label="Plan", choices=[(ActionPlan.Kind.PERSONAL, "Personal plan"), (ActionPlan.Kind.PROJECT, "Project plan")])
    category = forms.ChoiceField(choices=[c for c in ActionItem.Category.choices if c[0]])
    title = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False)
    due_on = forms.DateField(widget=DATE, required=False)


class CheckInForm(EngagementForm):
    held_on = forms.DateField(widget=DATE)
    notes = forms.CharField(widget=TEXT, required=False)
