"""Page forms for the MPC stages: they validate input; mpc.services holds every rule."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import ActionItem, ActionPlan, Engagement, User
from kit.forms import Form, OnceForm, VersionedForm
from mpc.models import ABOUT_MODEL, AuditRating, ControlIndicator, Factor, Goal, Milestone, Mission, PlanLink, Resource
from mpc.services import IndicatorValue, Reading

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 2})


def members(engagement: Engagement):
    """The people who take part in the engagement (the services still check)."""
    return User.objects.filter(Q(coachee__engagements=engagement) | Q(coach__pk=engagement.coach_id)).distinct()


class OfEngagement(Form):
    """A stage form that knows its engagement, to offer its people and goals."""

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is User:
                field.queryset = members(engagement)
            elif isinstance(field, forms.ModelChoiceField) and field.queryset.model is Goal:
                field.queryset = Goal.objects.filter(engagement=engagement)


class EngagementForm(OfEngagement, OnceForm):
    """A stage form that adds a record (once, however often it is sent)."""


class EditForm(OfEngagement, VersionedForm):
    """A stage form that corrects a record, unless it changed since the form was read."""


# Each record's fields, then the form that adds it and the form that corrects it.


class RatingFields(Form):
    rating = forms.IntegerField(label=_("Rating now (0–10)"), min_value=0, max_value=10)
    required = forms.IntegerField(label=_("What the project requires (0–10)"), min_value=0, max_value=10)
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)


class RatePersonForm(RatingFields, EngagementForm):
    """An area of the stage 1 audit: the person's, or the team's as it works now."""

    area = forms.ChoiceField(label=_("Area"), choices=AuditRating.Area.choices)
    field_order = ["area"]


class RatingEditForm(RatingFields, EditForm):
    pass


class ObservationFields(Form):
    aspect = forms.CharField(label=_("Aspect"), max_length=120)
    observation = forms.CharField(label=_("Observation"), widget=TEXT)
    member = forms.ModelChoiceField(
        User.objects.none(), to_field_name="public_id", required=False, label=_("Member"), help_text=_("None: the whole team.")
    )
    rating = forms.IntegerField(label=_("Rating"), min_value=0, max_value=10, required=False)


class ObserveTeamForm(ObservationFields, EngagementForm):
    pass


class ObservationEditForm(ObservationFields, EditForm):
    pass


class CustomerFields(Form):
    name = forms.CharField(label=_("Customer"), max_length=200)
    expectations = forms.CharField(label=_("Expectations"), widget=TEXT)


class CustomerForm(CustomerFields, EngagementForm):
    pass


class CustomerEditForm(CustomerFields, EditForm):
    pass


class PartnerFields(Form):
    name = forms.CharField(label=_("Partner"), max_length=200)
    part = forms.CharField(label=_("Their part"), widget=TEXT)


class PartnerForm(PartnerFields, EngagementForm):
    pass


class PartnerEditForm(PartnerFields, EditForm):
    pass


class FactorFields(Form):
    description = forms.CharField(label=_("Factor"), max_length=300)
    nature = forms.ChoiceField(label=_("Nature"), choices=Factor.Nature.choices)
    effect = forms.ChoiceField(label=_("Effect"), choices=Factor.Effect.choices)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=5, initial=3, help_text=_("1 (slight) to 5 (strong)."))


class FactorForm(FactorFields, EngagementForm):
    pass


class FactorEditForm(FactorFields, EditForm):
    pass


class MissionFields(Form):
    statement = forms.CharField(label=_("Mission"), widget=TEXT)
    values = forms.CharField(label=_("Values it integrates"), widget=TEXT)
    aspirations = forms.CharField(label=_("Aspirations"), widget=TEXT, required=False)


class MissionForm(MissionFields, EngagementForm):
    pass


class MissionEditForm(MissionFields, EditForm):
    pass


class GoalFields(Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Goal.Kind.choices)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    is_human = forms.BooleanField(
        label=_("Human-related (work climate, well-being, skills)"), required=False,
        help_text=_("The method's human goals, often forgotten."),
    )
    success_sign = forms.CharField(
        label=_("Sign of success"), widget=TEXT, required=False,
        help_text=_("A qualitative goal: what will show it is reached. It is rated 1–10 at each check-in."),
    )
    metric = forms.CharField(label=_("Metric"), max_length=100, required=False, help_text=_("A quantitative goal: what is measured."))
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, help_text=_("Where it stands now."))
    target = forms.DecimalField(label=_("Target"), required=False)


class GoalForm(GoalFields, EngagementForm):
    pass


class GoalEditForm(GoalFields, EditForm):
    pass


class MilestoneFields(Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE, help_text=_("On or before its goal's deadline."))
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False, label=_("Owner"))


class MilestoneForm(MilestoneFields, EngagementForm):
    goal = forms.ModelChoiceField(Goal.objects.none(), to_field_name="public_id", label=_("Goal"))
    field_order = ["goal"]


class MilestoneEditForm(MilestoneFields, EditForm):
    pass


class NextMilestoneForm(MilestoneForm):
    """A milestone of a goal set in monitoring (stage 4's goals are broken down in stage 4)."""

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, engagement=engagement, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(engagement=engagement, follows__isnull=False)


class ActivityFlowFields(Form):
    name = forms.CharField(label=_("Activity flow"), max_length=200)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", label=_("Owner"))
    goal = forms.ModelChoiceField(Goal.objects.none(), to_field_name="public_id", required=False, label=_("Goal"))
    description = forms.CharField(label=_("Description"), widget=TEXT, required=False)


class ActivityFlowForm(ActivityFlowFields, EngagementForm):
    pass


class ActivityFlowEditForm(ActivityFlowFields, EditForm):
    pass


class ResourceFields(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    name = forms.CharField(label=_("Resource"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=TEXT, required=False)


class ResourceForm(ResourceFields, EngagementForm):
    pass


class ResourceEditForm(ResourceFields, EditForm):
    pass


class RoleFields(Form):
    holder = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", label=_("Holder"))
    title = forms.CharField(label=_("Role"), max_length=120)
    responsibilities = forms.CharField(label=_("Responsibilities"), widget=TEXT)


class RoleForm(RoleFields, EngagementForm):
    pass


class RoleEditForm(RoleFields, EditForm):
    pass


# --- the double action plan: each half offers its own kinds, each about an earlier stage ---

Category = ActionItem.Category


def personal_choices(engagement: Engagement) -> list[tuple[str, object]]:
    """Work-life balance, hobbies, and the weak points stage 1 found, largest gap first."""
    gaps = sorted((r for r in engagement.audit_ratings.all() if r.is_weak_point), key=lambda r: (-r.gap, r.pk))
    return [
        (Category.WORK_LIFE.value, Category.WORK_LIFE.label),
        (Category.HOBBY.value, Category.HOBBY.label),
        (Category.WEAK_POINT.label, [(f"gap:{r.public_id}", gettext("%(area)s: gap of %(gap)s") % {"area": r.get_area_display(), "gap": r.gap}) for r in gaps]),
    ]


def project_choices(engagement: Engagement) -> list[tuple[str, object]]:
    """The mission, the goals, the roles and the resources of stages 3–5, and compulsory deadlines."""
    mission = Mission.objects.filter(engagement=engagement).first()
    groups = [
        (Category.MISSION.label, [(f"mission:{mission.public_id}", gettext("The mission"))] if mission else []),
        (Category.GOAL.label, [(f"goal:{g.public_id}", g.title) for g in engagement.mpc_goals.all()]),
        (Category.ROLE.label, [(f"role:{r.public_id}", f"{r.title} ({r.holder})") for r in engagement.mpc_roles.select_related("holder")]),
        (Category.RESOURCE.label, [(f"resource:{r.public_id}", r.name) for r in engagement.mpc_resources.all()]),
    ]
    return [(label, options) for label, options in groups if options] + [(Category.DEADLINE.value, Category.DEADLINE.label)]


CATEGORY_OF = {"gap": Category.WEAK_POINT, "mission": Category.MISSION, "goal": Category.GOAL, "role": Category.ROLE, "resource": Category.RESOURCE}


def about_value(item: ActionItem) -> str:
    """How an item's kind and record read as a choice of the plan forms."""
    link = getattr(item, "mpc_link", None)
    return f"{PlanLink.field_for(link.about)}:{link.about.public_id}" if link else item.category


class PlanItemFields(OfEngagement):
    about = forms.ChoiceField(label=_("About"))
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(User.objects.none(), to_field_name="public_id", required=False, label=_("Owner"))
    due_on = forms.DateField(label=_("Deadline"), widget=DATE, required=False)

    plan_kind: str = ""

    def __init__(self, *args, engagement: Engagement, plan_kind: str = "", **kwargs) -> None:
        super().__init__(*args, engagement=engagement, **kwargs)
        self.plan_kind = plan_kind or self.plan_kind
        choices = personal_choices if self.plan_kind == ActionPlan.Kind.PERSONAL else project_choices
        self.fields["about"].choices = choices(engagement)

    def clean_about(self) -> tuple[str, object]:
        """The choice names the item's kind and, for most kinds, the record it is about:
        (category, record or None), as the plan services take them."""
        kind, _sep, public_id = self.cleaned_data["about"].partition(":")
        return CATEGORY_OF.get(kind, kind), ABOUT_MODEL[kind].objects.get(public_id=public_id) if public_id else None


class PersonalItemForm(PlanItemFields, OnceForm):
    plan_kind = ActionPlan.Kind.PERSONAL


class ProjectItemForm(PlanItemFields, OnceForm):
    plan_kind = ActionPlan.Kind.PROJECT


class PlanItemEditForm(PlanItemFields, VersionedForm):
    @classmethod
    def of(cls, obj, data=None, **kwargs):
        return super().of(obj, data, initial={"about": about_value(obj)}, plan_kind=obj.plan.kind, **kwargs)


class IndicatorFields(Form):
    title = forms.CharField(
        label=_("Control indicator"), max_length=300, help_text=_("What is read, e.g. offers answered within a day.")
    )
    owner = forms.ModelChoiceField(
        User.objects.none(), to_field_name="public_id", required=False, label=_("Owner"),
        help_text=_("Reads it, from their portal too."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    unit = forms.CharField(label=_("Unit"), max_length=20, help_text=_("e.g. %, days, EUR."))
    baseline = forms.DecimalField(label=_("Baseline"), help_text=_("Where it stands now."))
    target = forms.DecimalField(label=_("Target"))
    direction = forms.ChoiceField(label=_("Direction"), choices=ControlIndicator.Direction.choices)


class IndicatorForm(IndicatorFields, EngagementForm):
    pass


class IndicatorEditForm(IndicatorFields, EditForm):
    @classmethod
    def of(cls, obj, data=None, **kwargs):
        item = obj.item
        initial = {"title": item.title, "owner": item.owner, "due_on": item.due_on}
        return super().of(obj, data, initial=initial, **kwargs)


# --- monitoring -------------------------------------------------------------------


class CheckInFields(Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False, help_text=_("Shared with the coachee."))


class CheckInForm(CheckInFields, EngagementForm):
    """A check-in that reviews every indicator: a value for each open quantitative goal and
    control indicator (optional), a 1–10 rating of each open qualitative goal (required),
    and the progress of each milestone still to reach (optional)."""

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, engagement=engagement, **kwargs)
        self.measured: list[tuple[str, object]] = []
        for goal in engagement.mpc_goals.still_open():
            if goal.is_quantitative:
                self._add(f"g{goal.public_id.hex}", goal, forms.DecimalField(label=f"{goal.title} ({goal.unit})", required=False))
            else:
                label = gettext("%(goal)s: rating (1–10)") % {"goal": goal.title}
                field = forms.IntegerField(label=label, min_value=1, max_value=10, help_text=goal.success_sign)
                self._add(f"q{goal.public_id.hex}", goal, field)
        for indicator in ControlIndicator.objects.filter(item__plan__engagement=engagement).select_related("item"):
            self._add(f"i{indicator.public_id.hex}", indicator, forms.DecimalField(label=f"{indicator} ({indicator.unit})", required=False))
        for milestone in Milestone.objects.filter(goal__engagement=engagement).pending():
            label = gettext("%(milestone)s: progress (%%)") % {"milestone": milestone.title}
            field = forms.IntegerField(label=label, min_value=0, max_value=100, required=False, initial=milestone.progress)
            self._add(f"m{milestone.public_id.hex}", milestone, field)

    def _add(self, name: str, thing: object, field: forms.Field) -> None:
        self.fields[name] = field
        self.measured.append((name, thing))

    def clean(self) -> dict:
        """The values given, as record_check_in takes them."""
        data = super().clean()
        readings, values, ratings, progress = [], [], {}, {}
        for name, thing in self.measured:
            value = data.pop(name, None)
            if value is None:
                continue
            if isinstance(thing, Milestone):
                if value != thing.progress:
                    progress[thing] = value
            elif isinstance(thing, ControlIndicator):
                values.append(IndicatorValue(indicator=thing, value=value, unit=thing.unit))
            elif thing.is_quantitative:
                readings.append(Reading(goal=thing, value=value, unit=thing.unit))
            else:
                ratings[thing] = value
        return data | {"readings": readings, "indicator_readings": values, "ratings": ratings, "milestone_progress": progress}


class CheckInEditForm(CheckInFields, EditForm):
    pass


class MilestoneProgressForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


def milestone_progress_form(milestone: Milestone, data=None) -> MilestoneProgressForm:
    """The progress form of one milestone row, prefixed so a page holds one per milestone."""
    initial = {"status": milestone.status, "progress": milestone.progress}
    return MilestoneProgressForm(data, prefix=f"m{milestone.public_id.hex[:12]}", initial=initial)


class ReadingFields(Form):
    value = forms.DecimalField(label=_("Value"))
    unit = forms.CharField(label=_("Unit"), max_length=20)
    read_on = forms.DateField(label=_("Read on"), widget=DATE)


class ReadingForm(ReadingFields):
    pass


class ReadingEditForm(ReadingFields, EditForm):
    pass


def reading_form(indicator: ControlIndicator, data=None) -> ReadingForm:
    """The reading form of one control indicator, in its unit, dated today."""
    initial = {"unit": indicator.unit, "read_on": timezone.localdate()}
    return ReadingForm(data, prefix=f"i{indicator.public_id.hex[:12]}", initial=initial)


class NextGoalForm(GoalFields):
    """The goal set once a milestone is reached (monitoring)."""


def next_goal_form(milestone: Milestone, data=None) -> NextGoalForm:
    return NextGoalForm(data, prefix=f"n{milestone.public_id.hex[:12]}")


class MissionCompleteForm(EngagementForm):
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    closing_note = forms.CharField(
        label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("What was achieved, in a few lines.")
    )
