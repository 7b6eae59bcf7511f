"""API shapes for the roster and engagements. They validate input and shape output;
every change goes through a service function, never through `save()`."""

from __future__ import annotations

from rest_framework import serializers

from coaching.api import (
    PublicIdField,
    StrictModelSerializer,
    StrictSerializer,
    UuidRefField,
)
from engagements.models import (
    ActionItem,
    ActionPlan,
    Certification,
    Coach,
    Coachee,
    Engagement,
    EngagementEvent,
    Objective,
    Organisation,
    User,
)


class PersonSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name", "email", "role"]
        read_only_fields = fields


# --- roster ----------------------------------------------------------------


class CertificationSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    coach = PublicIdField(Coach)

    class Meta:
        model = Certification
        fields = ["id", "coach", "body", "level", "number", "issued_on", "expires_on"]


class CoachSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = PersonSerializer(source="user", read_only=True)
    supervisor = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    open_engagements = serializers.IntegerField(source="open_engagement_count", read_only=True)
    hours_logged = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    certifications = CertificationSerializer(many=True, read_only=True)

    class Meta:
        model = Coach
        fields = [
            "id", "person", "bio", "specialties", "supervisor", "capacity", "is_active",
            "open_engagements", "hours_logged", "certifications",
        ]
        read_only_fields = fields  # changes go through CoachCreate/CoachUpdate


class CoachCreateSerializer(StrictSerializer):
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    capacity = serializers.IntegerField(min_value=0, max_value=100, default=8)
    bio = serializers.CharField(allow_blank=True, default="")
    specialties = serializers.CharField(max_length=255, allow_blank=True, default="")
    supervisor = PublicIdField(Coach, allow_null=True, default=None)


class CoachUpdateSerializer(StrictSerializer):
    capacity = serializers.IntegerField(min_value=0, max_value=100, required=False)
    supervisor = PublicIdField(Coach, allow_null=True, required=False)
    is_active = serializers.BooleanField(required=False)


class OrganisationSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "contact_name", "contact_email"]


class CoacheeSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = PersonSerializer(source="user", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = Coachee
        fields = ["id", "person", "organisation", "job_title"]


class CoacheeCreateSerializer(StrictSerializer):
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    organisation = PublicIdField(Organisation, allow_null=True, default=None)
    job_title = serializers.CharField(max_length=200, allow_blank=True, default="")


# --- engagements -------------------------------------------------------------


class ObjectiveSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    outcome = serializers.ChoiceField(choices=Objective.Outcome.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Objective
        fields = [
            "id", "engagement", "statement", "success_measure", "baseline_rating",
            "final_rating", "outcome", "position",
        ]
        read_only_fields = ["final_rating", "outcome", "position"]


class ObjectiveCreateSerializer(StrictSerializer):
    engagement = PublicIdField(Engagement)
    statement = serializers.CharField(max_length=300)
    success_measure = serializers.CharField(max_length=300)
    baseline_rating = serializers.IntegerField(min_value=0, max_value=10)


class EvaluationSerializer(StrictSerializer):
    final_rating = serializers.IntegerField(min_value=0, max_value=10)
    outcome = serializers.ChoiceField(choices=Objective.Outcome.choices)


class EventSerializer(serializers.ModelSerializer):
    engagement = serializers.UUIDField(source="engagement_ref", read_only=True)
    actor = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    actor_name = serializers.CharField(source="actor", read_only=True, allow_null=True)

    class Meta:
        model = EngagementEvent
        fields = [
            "engagement", "action", "subject", "from_state", "to_state", "actor", "actor_name",
            "channel", "ip_address", "created_at",
        ]
        read_only_fields = fields


class EngagementSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    coach = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    co_coaches = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    coachees = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    objectives = ObjectiveSerializer(many=True, read_only=True)
    # Blank until the terms are set: say so in the contract.
    session_frequency = serializers.ChoiceField(choices=Engagement.Frequency.choices, allow_blank=True, read_only=True)
    format = serializers.ChoiceField(choices=Engagement.Format.choices, allow_blank=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Engagement
        fields = [
            "id", "title", "kind", "state", "uses_mpc", "coach", "co_coaches", "coachees", "organisation",
            "opened_on", "coaching_type", "planned_hours", "session_frequency", "format", "location",
            "budget_amount", "budget_currency", "evaluation", "assessed_on", "objectives",
            "allowed_transitions", "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_allowed_transitions(self, engagement: Engagement) -> list[str]:
        return list(Engagement.TRANSITIONS[engagement.state])


class EngagementCreateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=200)
    coach = PublicIdField(Coach)
    coachees = PublicIdField(Coachee, many=True)
    kind = serializers.ChoiceField(choices=Engagement.Kind.choices, default=Engagement.Kind.INDIVIDUAL)
    organisation = PublicIdField(Organisation, allow_null=True, default=None)
    uses_mpc = serializers.BooleanField(default=False)
    opened_on = serializers.DateField(required=False)


class TermsSerializer(StrictSerializer):
    coaching_type = serializers.CharField(max_length=120, allow_blank=True, required=False)
    planned_hours = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, allow_null=True, required=False)
    session_frequency = serializers.ChoiceField(choices=Engagement.Frequency.choices, allow_blank=True, required=False)
    format = serializers.ChoiceField(choices=Engagement.Format.choices, allow_blank=True, required=False)
    location = serializers.CharField(max_length=200, allow_blank=True, required=False)
    budget_amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, allow_null=True, required=False)
    budget_currency = serializers.RegexField(r"^[A-Z]{3}$", allow_blank=True, required=False)


class TransitionSerializer(StrictSerializer):
    to = serializers.ChoiceField(choices=Engagement.State.choices)


class ExploratorySerializer(StrictSerializer):
    held_on = serializers.DateField()
    duration_minutes = serializers.IntegerField(min_value=1, max_value=600, default=60)
    summary = serializers.CharField(allow_blank=True, default="")


class AssessmentSerializer(StrictSerializer):
    evaluation = serializers.CharField()
    assessed_on = serializers.DateField(required=False)


# --- action plans --------------------------------------------------------------


class ActionPlanSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["id", "engagement", "kind", "aim"]
        read_only_fields = fields


class ActionItemSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    plan = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)

    class Meta:
        model = ActionItem
        fields = [
            "id", "plan", "title", "category", "owner", "due_on", "status", "progress",
            "completed_at", "created_at", "updated_at",
        ]
        read_only_fields = fields


class ActionItemCreateSerializer(StrictSerializer):
    plan = PublicIdField(ActionPlan)
    title = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=ActionItem.Category.choices, required=False, default="")
    owner = UuidRefField(queryset=User.objects.all(), allow_null=True, default=None)
    due_on = serializers.DateField(allow_null=True, default=None)


class ActionProgressSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ActionItem.Status.choices, required=False)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
