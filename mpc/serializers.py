"""API shapes for MPC. Output serializers show rows; input serializers validate a
service call's arguments. No rule lives here."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagements.models import ActionItem, ActionPlan, Engagement
from engagements.serializers import ActionItemSerializer, PersonRefField
from kit.api import PublicIdField, StrictSerializer
from mpc.models import (
    ABOUT_MODEL,
    ActivityFlow,
    AuditRating,
    CheckIn,
    ControlIndicator,
    ControlReading,
    Customer,
    Factor,
    Goal,
    GoalRating,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Mission,
    Partner,
    PlanLink,
    Resource,
    Role,
    Stage,
    TeamObservation,
)


class RowSerializer(serializers.ModelSerializer):
    """A read-only row of an engagement's MPC content, addressed by its public id."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class StageSerializer(RowSerializer):
    number = serializers.ChoiceField(choices=Stage.Number.choices, read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Stage
        fields = ["id", "engagement", "number", "label", "status", "needs_review", "started_at", "completed_at"]


class StageDetailSerializer(StageSerializer):
    """One stage, with what its content still lacks before it can be marked done."""

    missing = serializers.ListField(source="missing_content", child=serializers.CharField(), read_only=True)

    class Meta(StageSerializer.Meta):
        fields = [*StageSerializer.Meta.fields, "missing"]


class AuditRatingSerializer(RowSerializer):
    gap = serializers.IntegerField(read_only=True)

    class Meta:
        model = AuditRating
        fields = ["id", "engagement", "area", "rating", "required", "gap", "notes", "updated_at"]


class TeamObservationSerializer(RowSerializer):
    member = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = TeamObservation
        fields = ["id", "engagement", "member", "aspect", "observation", "rating", "created_at"]


class CustomerSerializer(RowSerializer):
    class Meta:
        model = Customer
        fields = ["id", "engagement", "name", "expectations"]


class PartnerSerializer(RowSerializer):
    class Meta:
        model = Partner
        fields = ["id", "engagement", "name", "part"]


class FactorSerializer(RowSerializer):
    class Meta:
        model = Factor
        fields = ["id", "engagement", "description", "nature", "effect", "weight"]


class MissionSerializer(RowSerializer):
    class Meta:
        model = Mission
        fields = [
            "id", "engagement", "statement", "values", "aspirations", "status", "completed_on", "closing_note", "updated_at",
        ]


class MilestoneSerializer(RowSerializer):
    goal = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = Milestone
        fields = ["id", "goal", "title", "due_on", "status", "progress", "owner", "reached_at", "updated_at"]


class MilestoneHistorySerializer(serializers.ModelSerializer):
    """One step of a milestone's progress: on a day, at a check-in or not, with its note."""

    class Meta:
        model = MilestoneUpdate
        fields = ["recorded_on", "status", "progress", "note"]
        read_only_fields = fields


class GoalSerializer(RowSerializer):
    follows = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id", "engagement", "title", "kind", "is_human", "success_sign", "metric", "unit", "baseline", "target",
            "deadline", "follows", "milestones", "created_at",
        ]


class ActivityFlowSerializer(RowSerializer):
    owner = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    goal = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = ActivityFlow
        fields = ["id", "engagement", "name", "description", "owner", "goal"]


class ResourceSerializer(RowSerializer):
    class Meta:
        model = Resource
        fields = ["id", "engagement", "kind", "name", "description"]


class RoleSerializer(RowSerializer):
    holder = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = Role
        fields = ["id", "engagement", "holder", "title", "responsibilities"]


class ReadingSerializer(serializers.ModelSerializer):
    goal = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = IndicatorReading
        fields = ["goal", "value", "unit"]
        read_only_fields = fields


class MilestoneUpdateSerializer(serializers.ModelSerializer):
    milestone = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = MilestoneUpdate
        fields = ["milestone", "progress"]
        read_only_fields = fields


class GoalRatingSerializer(serializers.ModelSerializer):
    goal = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = GoalRating
        fields = ["goal", "rating"]
        read_only_fields = fields


class ControlReadingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    indicator = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    check_in = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = ControlReading
        fields = ["id", "indicator", "value", "unit", "read_on", "check_in", "updated_at"]
        read_only_fields = fields


class CheckInSerializer(RowSerializer):
    readings = ReadingSerializer(many=True, read_only=True)
    control_readings = ControlReadingSerializer(many=True, read_only=True)
    goal_ratings = GoalRatingSerializer(many=True, read_only=True)
    milestone_updates = MilestoneUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id", "engagement", "held_on", "notes", "readings", "control_readings", "goal_ratings", "milestone_updates",
            "created_at",
        ]


class AboutSerializer(serializers.Serializer):
    """What a plan item is about: the kind of record, its id, and how it reads."""

    kind = serializers.CharField()
    id = serializers.UUIDField()
    title = serializers.CharField()


class PlanItemSerializer(ActionItemSerializer):
    """An item of the double action plan, with the record of an earlier stage it is about."""

    about = serializers.SerializerMethodField()

    class Meta(ActionItemSerializer.Meta):
        fields = [*ActionItemSerializer.Meta.fields, "about"]
        read_only_fields = fields

    @extend_schema_field(AboutSerializer(allow_null=True))
    def get_about(self, item: ActionItem) -> dict | None:
        link = getattr(item, "mpc_link", None)
        if link is None:
            return None
        record = link.about
        return {"kind": PlanLink.field_for(record), "id": record.public_id, "title": str(record)}


class ControlIndicatorSerializer(serializers.ModelSerializer):
    """A control indicator of the project plan: its item's name, owner and due date, its measure, its readings."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    item = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    engagement = serializers.UUIDField(source="item.plan.engagement.public_id", read_only=True)
    title = serializers.CharField(source="item.title", read_only=True)
    owner = serializers.SlugRelatedField(source="item.owner", slug_field="public_id", read_only=True, allow_null=True)
    due_on = serializers.DateField(source="item.due_on", read_only=True)
    readings = ControlReadingSerializer(many=True, read_only=True)

    class Meta:
        model = ControlIndicator
        fields = [
            "id", "item", "engagement", "title", "owner", "due_on", "unit", "baseline", "target", "direction", "readings",
            "updated_at",
        ]
        read_only_fields = fields


class IndicatorProgressSerializer(serializers.Serializer):
    goal = serializers.UUIDField(source="goal.public_id")
    title = serializers.CharField(source="goal.title")
    unit = serializers.CharField(source="goal.unit")
    baseline = serializers.DecimalField(source="goal.baseline", max_digits=14, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(source="goal.target", max_digits=14, decimal_places=2, allow_null=True)
    latest = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    read_on = serializers.DateField(allow_null=True)
    fraction = serializers.DecimalField(max_digits=12, decimal_places=3, allow_null=True)
    is_met = serializers.BooleanField()


class ProgressSerializer(serializers.Serializer):
    milestones_total = serializers.IntegerField()
    milestones_reached = serializers.IntegerField()
    share_reached = serializers.DecimalField(max_digits=6, decimal_places=3)
    indicators = IndicatorProgressSerializer(many=True)


class ProgressQuery(serializers.Serializer):
    engagement = serializers.UUIDField()


# --- input ---------------------------------------------------------------------


class EngagementInput(StrictSerializer):
    engagement = PublicIdField(Engagement)


# Each record's <Kind>Fields are what a coach writes and later corrects (PATCH takes any
# of them); its <Kind>Input adds where the record goes.


class RateFields(StrictSerializer):
    rating = serializers.IntegerField(min_value=0, max_value=10)
    required = serializers.IntegerField(min_value=0, max_value=10)
    notes = serializers.CharField(allow_blank=True, default="")


class RateInput(EngagementInput, RateFields):
    area = serializers.ChoiceField(choices=AuditRating.Area.choices)


class ObserveFields(StrictSerializer):
    aspect = serializers.CharField(max_length=120)
    observation = serializers.CharField()
    member = PersonRefField(allow_null=True, default=None)
    rating = serializers.IntegerField(min_value=0, max_value=10, allow_null=True, default=None)


class ObserveInput(EngagementInput, ObserveFields):
    pass


class CustomerFields(StrictSerializer):
    name = serializers.CharField(max_length=200)
    expectations = serializers.CharField()


class CustomerInput(EngagementInput, CustomerFields):
    pass


class PartnerFields(StrictSerializer):
    name = serializers.CharField(max_length=200)
    part = serializers.CharField()


class PartnerInput(EngagementInput, PartnerFields):
    pass


class FactorFields(StrictSerializer):
    description = serializers.CharField(max_length=300)
    nature = serializers.ChoiceField(choices=Factor.Nature.choices)
    effect = serializers.ChoiceField(choices=Factor.Effect.choices)
    weight = serializers.IntegerField(min_value=1, max_value=5)


class FactorInput(EngagementInput, FactorFields):
    pass


class MissionFields(StrictSerializer):
    statement = serializers.CharField()
    values = serializers.CharField()
    aspirations = serializers.CharField(allow_blank=True, default="")


class MissionInput(EngagementInput, MissionFields):
    pass


class GoalFields(StrictSerializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Goal.Kind.choices)
    deadline = serializers.DateField()
    is_human = serializers.BooleanField(default=False)
    success_sign = serializers.CharField(allow_blank=True, default="", help_text="A qualitative goal: what will show it is reached.")
    metric = serializers.CharField(max_length=120, allow_blank=True, default="")
    unit = serializers.CharField(max_length=20, allow_blank=True, default="")
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)


class GoalInput(GoalFields):
    engagement = PublicIdField(Engagement)


class MilestoneFields(StrictSerializer):
    title = serializers.CharField(max_length=200)
    due_on = serializers.DateField()
    owner = PersonRefField(allow_null=True, default=None)


class MilestoneInput(MilestoneFields):
    goal = PublicIdField(Goal)


class MilestoneProgressInput(StrictSerializer):
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
    status = serializers.ChoiceField(choices=Milestone.Status.choices, required=False)
    note = serializers.CharField(allow_blank=True, required=False, help_text="Kept with this step of its progress.")


class MilestoneChangeInput(MilestoneFields, MilestoneProgressInput):
    """Reschedule, retitle or reassign a milestone (its coach), and/or update its progress (its owner too)."""


class ActivityFlowFields(StrictSerializer):
    name = serializers.CharField(max_length=200)
    owner = PersonRefField()
    description = serializers.CharField(allow_blank=True, default="")
    goal = PublicIdField(Goal, allow_null=True, default=None)


class ActivityFlowInput(EngagementInput, ActivityFlowFields):
    pass


class ResourceFields(StrictSerializer):
    kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, default="")


class ResourceInput(EngagementInput, ResourceFields):
    pass


class RoleFields(StrictSerializer):
    holder = PersonRefField()
    title = serializers.CharField(max_length=120)
    responsibilities = serializers.CharField()


class RoleInput(EngagementInput, RoleFields):
    pass


class AboutField(serializers.UUIDField):
    """The id of the record of an earlier stage a plan item is about — the mission, a goal,
    a role, a resource, or (a weak point) an audit rating with a gap — among those the
    caller may see; the service checks it is of the item's kind and engagement."""

    def to_internal_value(self, data):
        public_id = super().to_internal_value(data)
        request = self.context["request"]
        for model in ABOUT_MODEL.values():
            if found := model.objects.visible_to(request.user).filter(public_id=public_id).first():
                return found
        raise serializers.ValidationError(_("No such mission, goal, role, resource or audit rating."))


class PlanItemFields(StrictSerializer):
    title = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=[c for c in ActionItem.Category.choices if c[0]])
    about = AboutField(allow_null=True, default=None)
    owner = PersonRefField(allow_null=True, default=None)
    due_on = serializers.DateField(allow_null=True, default=None)


class PlanItemInput(EngagementInput, PlanItemFields):
    plan_kind = serializers.ChoiceField(choices=[ActionPlan.Kind.PERSONAL, ActionPlan.Kind.PROJECT])


class ReadingInput(StrictSerializer):
    goal = PublicIdField(Goal)
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    unit = serializers.CharField(max_length=20)


class IndicatorValueInput(StrictSerializer):
    indicator = PublicIdField(ControlIndicator)
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    unit = serializers.CharField(max_length=20)


class GoalRatingEntry(StrictSerializer):
    goal = PublicIdField(Goal)
    rating = serializers.IntegerField(min_value=1, max_value=10)


class IndicatorFields(StrictSerializer):
    unit = serializers.CharField(max_length=20)
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2)
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    direction = serializers.ChoiceField(choices=ControlIndicator.Direction.choices)
    title = serializers.CharField(max_length=300)
    owner = PersonRefField(allow_null=True, default=None)
    due_on = serializers.DateField()


class IndicatorInput(EngagementInput, IndicatorFields):
    pass


class ControlReadingFields(StrictSerializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    unit = serializers.CharField(max_length=20)
    read_on = serializers.DateField()


class ControlReadingInput(ControlReadingFields):
    indicator = PublicIdField(ControlIndicator)


class MissionCompleteInput(StrictSerializer):
    completed_on = serializers.DateField()
    closing_note = serializers.CharField()


class MilestoneProgressEntry(StrictSerializer):
    milestone = PublicIdField(Milestone)
    progress = serializers.IntegerField(min_value=0, max_value=100)


class CheckInFields(StrictSerializer):
    held_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True, default="")


class CheckInInput(EngagementInput, CheckInFields):
    readings = ReadingInput(many=True, default=list)
    indicator_readings = IndicatorValueInput(many=True, default=list)
    ratings = GoalRatingEntry(many=True, default=list, help_text="A 1–10 rating of each qualitative goal still open.")
    milestone_progress = MilestoneProgressEntry(many=True, default=list)
