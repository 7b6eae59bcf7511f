"""API shapes for MPC. Output serializers show rows; input serializers validate a
service call's arguments. No rule lives here."""

from __future__ import annotations

from rest_framework import serializers

from coaching.api import PublicIdField, StrictSerializer, UuidRefField
from engagements.models import ActionItem, ActionPlan, Engagement, User
from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    Customer,
    Factor,
    Goal,
    IndicatorReading,
    Milestone,
    MilestoneUpdate,
    Mission,
    Partner,
    Resource,
    Role,
    Stage,
    TeamObservation,
)

PERSON = {"queryset": User.objects.all()}


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
        fields = ["id", "engagement", "statement", "values", "aspirations", "updated_at"]


class MilestoneSerializer(RowSerializer):
    goal = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = Milestone
        fields = ["id", "goal", "title", "due_on", "status", "progress", "owner", "reached_at", "updated_at"]


class GoalSerializer(RowSerializer):
    follows = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id", "engagement", "title", "kind", "is_human", "metric", "unit", "baseline", "target",
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


class CheckInSerializer(RowSerializer):
    readings = ReadingSerializer(many=True, read_only=True)
    milestone_updates = MilestoneUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = CheckIn
        fields = ["id", "engagement", "held_on", "notes", "readings", "milestone_updates", "created_at"]


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


class RateInput(EngagementInput):
    area = serializers.ChoiceField(choices=AuditRating.Area.choices)
    rating = serializers.IntegerField(min_value=0, max_value=10)
    required = serializers.IntegerField(min_value=0, max_value=10)
    notes = serializers.CharField(allow_blank=True, default="")


class ObserveInput(EngagementInput):
    aspect = serializers.CharField(max_length=120)
    observation = serializers.CharField()
    member = UuidRefField(**PERSON, allow_null=True, default=None)
    rating = serializers.IntegerField(min_value=0, max_value=10, allow_null=True, default=None)


class CustomerInput(EngagementInput):
    name = serializers.CharField(max_length=200)
    expectations = serializers.CharField()


class PartnerInput(EngagementInput):
    name = serializers.CharField(max_length=200)
    part = serializers.CharField()


class FactorInput(EngagementInput):
    description = serializers.CharField(max_length=300)
    nature = serializers.ChoiceField(choices=Factor.Nature.choices)
    effect = serializers.ChoiceField(choices=Factor.Effect.choices)
    weight = serializers.IntegerField(min_value=1, max_value=5)


class MissionInput(EngagementInput):
    statement = serializers.CharField()
    values = serializers.CharField()
    aspirations = serializers.CharField(allow_blank=True, default="")


class GoalFields(StrictSerializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Goal.Kind.choices)
    deadline = serializers.DateField()
    is_human = serializers.BooleanField(default=False)
    metric = serializers.CharField(max_length=120, allow_blank=True, default="")
    unit = serializers.CharField(max_length=20, allow_blank=True, default="")
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)


class GoalInput(GoalFields):
    engagement = PublicIdField(Engagement)


class MilestoneInput(StrictSerializer):
    goal = PublicIdField(Goal)
    title = serializers.CharField(max_length=200)
    due_on = serializers.DateField()
    owner = UuidRefField(**PERSON, allow_null=True, default=None)


class MilestoneProgressInput(StrictSerializer):
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
    status = serializers.ChoiceField(choices=Milestone.Status.choices, required=False)


class ActivityFlowInput(EngagementInput):
    name = serializers.CharField(max_length=200)
    owner = UuidRefField(**PERSON)
    description = serializers.CharField(allow_blank=True, default="")
    goal = PublicIdField(Goal, allow_null=True, default=None)


class ResourceInput(EngagementInput):
    kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, default="")


class RoleInput(EngagementInput):
    holder = UuidRefField(**PERSON)
    title = serializers.CharField(max_length=120)
    responsibilities = serializers.CharField()


class PlanItemInput(EngagementInput):
    plan_kind = serializers.ChoiceField(choices=[ActionPlan.Kind.PERSONAL, ActionPlan.Kind.PROJECT])
    title = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=[c for c in ActionItem.Category.choices if c[0]])
    owner = UuidRefField(**PERSON, allow_null=True, default=None)
    due_on = serializers.DateField(allow_null=True, default=None)


class ReadingInput(StrictSerializer):
    goal = PublicIdField(Goal)
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    unit = serializers.CharField(max_length=20)


class MilestoneProgressEntry(StrictSerializer):
    milestone = PublicIdField(Milestone)
    progress = serializers.IntegerField(min_value=0, max_value=100)


class CheckInInput(EngagementInput):
    held_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True, default="")
    readings = ReadingInput(many=True, default=list)
    milestone_progress = MilestoneProgressEntry(many=True, default=list)
