"""API shapes for the roster and engagements. They validate input and shape output;
every change goes through a service function, never through `save()`."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagements.models import (
    ActionItem,
    ActionPlan,
    Certification,
    Coach,
    Coachee,
    Engagement,
    EngagementEvent,
    EngagementReport,
    Objective,
    Organisation,
    ProgressRating,
    SelfRating,
    Sponsor,
    SponsorConsent,
    SupervisionEntry,
    User,
)
from engagements.services import NOT_A_PARTICIPANT
from kit.api import (
    PublicIdField,
    StrictModelSerializer,
    StrictSerializer,
    UuidRefField,
)


def people_visible_to(user: User) -> QuerySet[User]:
    """The people `user` may name: everyone for admins; otherwise themself and the
    coaches and coachees of the engagements they see."""
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_practice_admin:
        return User.objects.all()
    theirs = Engagement.objects.visible_to(user)
    return User.objects.filter(
        Q(pk=user.pk)
        | Q(pk__in=theirs.values("coach__user"))
        | Q(pk__in=Engagement.co_coaches.through.objects.filter(engagement__in=theirs).values("coach__user"))
        | Q(pk__in=Engagement.coachees.through.objects.filter(engagement__in=theirs).values("coachee__user"))
    )


class PersonRefField(UuidRefField):
    """A person by public id, resolved only among the people the caller may see; an id
    outside them answers exactly as an unknown one, and as a service refusing someone who
    takes no part in the engagement (NOT_A_PARTICIPANT)."""

    default_error_messages = {**UuidRefField.default_error_messages, "does_not_exist": NOT_A_PARTICIPANT}

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", User.objects.none())  # replaced per request below
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[User]:
        request = self.context.get("request")
        return people_visible_to(request.user) if request is not None else User.objects.none()


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
    revoked_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Certification
        fields = ["id", "coach", "body", "level", "number", "issued_on", "expires_on", "revoked_on"]
        validators = []  # uniqueness is the service's to check, after who may record it


class CertificationUpdateSerializer(StrictSerializer):
    body = serializers.CharField(max_length=120)
    level = serializers.CharField(max_length=60)
    number = serializers.CharField(max_length=60, allow_blank=True)
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)


class RevokeSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=500)
    revoked_on = serializers.DateField(required=False)


class SupervisionEntrySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    coach = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    supervisor = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    is_confirmed = serializers.BooleanField(read_only=True)

    class Meta:
        model = SupervisionEntry
        fields = ["id", "coach", "supervisor", "held_on", "hours", "topics", "is_confirmed", "confirmed_at", "created_at", "updated_at"]
        read_only_fields = fields


class SupervisionFields(StrictSerializer):
    held_on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=4, decimal_places=2, min_value=Decimal("0.25"), max_value=Decimal("24"))
    topics = serializers.CharField(max_length=255, allow_blank=True, default="")


class SupervisionCreateSerializer(SupervisionFields):
    coach = PublicIdField(Coach)


class CoachHoursSerializer(serializers.Serializer):
    coach = serializers.UUIDField(source="public_id")
    name = serializers.CharField(source="__str__")
    coaching_hours = serializers.DecimalField(max_digits=10, decimal_places=2)
    supervision_hours = serializers.DecimalField(max_digits=10, decimal_places=2)
    supervision_pending = serializers.DecimalField(max_digits=10, decimal_places=2)


class HoursQuery(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, data):
        if data["end"] < data["start"]:
            raise serializers.ValidationError({"end": _("The period ends on or after the day it starts.")})
        return data


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
    bio = serializers.CharField(allow_blank=True, required=False)
    specialties = serializers.CharField(max_length=255, allow_blank=True, required=False)
    capacity = serializers.IntegerField(min_value=0, max_value=100, required=False)
    supervisor = PublicIdField(Coach, allow_null=True, required=False)
    is_active = serializers.BooleanField(required=False)


class OrganisationSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "contact_name", "contact_email"]
        # Uniqueness is the service's to check, after the role: a coachee must not learn
        # which organisation names exist.
        extra_kwargs = {"name": {"validators": []}}


class OrganisationUpdateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    contact_name = serializers.CharField(max_length=200, allow_blank=True)
    contact_email = serializers.EmailField(allow_blank=True)


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


class CoacheeUpdateSerializer(StrictSerializer):
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    organisation = PublicIdField(Organisation, allow_null=True)
    job_title = serializers.CharField(max_length=200, allow_blank=True)


# --- engagements -------------------------------------------------------------


class SelfRatingSerializer(serializers.ModelSerializer):
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = SelfRating
        fields = ["person", "moment", "rating", "updated_at"]
        read_only_fields = fields


class ProgressRatingSerializer(serializers.ModelSerializer):
    """A rating along the way: by a coach, or by a coachee for themself (`by_coachee`)."""

    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    by_coachee = serializers.BooleanField(read_only=True)

    class Meta:
        model = ProgressRating
        fields = ["person", "by_coachee", "rated_on", "rating"]
        read_only_fields = fields


class ObjectiveSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    outcome = serializers.ChoiceField(choices=Objective.Outcome.choices, allow_blank=True, read_only=True)
    self_ratings = SelfRatingSerializer(source="visible_self_ratings", many=True, read_only=True)
    progress_ratings = ProgressRatingSerializer(source="visible_progress_ratings", many=True, read_only=True)

    class Meta:
        model = Objective
        fields = [
            "id", "engagement", "statement", "success_measure", "baseline_rating",
            "final_rating", "outcome", "position", "self_ratings", "progress_ratings",
        ]
        read_only_fields = ["final_rating", "outcome", "position"]


class ObjectiveUpdateSerializer(StrictSerializer):
    statement = serializers.CharField(max_length=300)
    success_measure = serializers.CharField(max_length=300)
    baseline_rating = serializers.IntegerField(min_value=0, max_value=10)


class SelfRatingInput(StrictSerializer):
    rating = serializers.IntegerField(min_value=0, max_value=10)


class ProgressRatingInput(StrictSerializer):
    rating = serializers.IntegerField(min_value=0, max_value=10)
    rated_on = serializers.DateField(required=False, help_text="Today when left out.")


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

    def to_representation(self, event: EngagementEvent) -> dict:
        data = super().to_representation(event)
        if not self.context["request"].user.is_practice_admin:
            data["ip_address"] = None  # coaches see who and when; where is the practice's to know
        return data


class ExploratoryRecordSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    duration_minutes = serializers.IntegerField()
    summary = serializers.CharField(allow_null=True, help_text="Null for a coachee until the coach shares it.")
    summary_shared = serializers.BooleanField()


class EngagementSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    exploratory = serializers.SerializerMethodField()
    hours_used = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    coach = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    co_coaches = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    coachees = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    objectives = ObjectiveSerializer(many=True, read_only=True)
    # Blank until the terms are set: say so in the contract.
    session_frequency = serializers.ChoiceField(choices=Engagement.Frequency.choices, allow_blank=True, read_only=True)
    format = serializers.ChoiceField(choices=Engagement.Format.choices, allow_blank=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()
    sponsors = serializers.SerializerMethodField(help_text="The sponsor contacts named on it, who follow it read-only.")

    class Meta:
        model = Engagement
        fields = [
            "id", "title", "kind", "state", "uses_mpc", "coach", "co_coaches", "coachees", "organisation", "sponsors",
            "opened_on", "coaching_type", "planned_hours", "hours_used", "session_frequency", "format", "location",
            "budget_amount", "budget_currency", "evaluation", "assessed_on", "objectives",
            "exploratory", "allowed_transitions", "created_at", "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ExploratoryRecordSerializer(allow_null=True))
    def get_exploratory(self, engagement: Engagement) -> dict | None:
        """The exploratory session's record; its summary reaches a coachee once shared."""
        if not engagement.has_exploratory:
            return None
        session = engagement.exploratory
        user = self.context["request"].user
        hidden = user.role == User.Role.COACHEE and not session.summary_shared
        return ExploratoryRecordSerializer(
            {"held_on": session.held_on, "duration_minutes": session.duration_minutes, "summary": None if hidden else session.summary, "summary_shared": session.summary_shared}
        ).data

    def get_allowed_transitions(self, engagement: Engagement) -> list[str]:
        return list(Engagement.TRANSITIONS[engagement.state])

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_sponsors(self, engagement: Engagement) -> list[str]:
        return [str(seat.sponsor.public_id) for seat in engagement.sponsor_seats.all()]


class NewcomerSerializer(StrictSerializer):
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    job_title = serializers.CharField(max_length=200, allow_blank=True, default="")


class EngagementCreateSerializer(StrictSerializer):
    """Returning clients by id (any the caller may see), new ones by name and email (each
    registered and invited); more than one person makes it team coaching."""

    title = serializers.CharField(max_length=200)
    coach = PublicIdField(Coach, required=False, help_text="The lead coach; a coach opening it leads it.")
    coachees = PublicIdField(Coachee, many=True, required=False, default=list)
    newcomers = NewcomerSerializer(many=True, required=False, default=list)
    kind = serializers.ChoiceField(choices=Engagement.Kind.choices, required=False)
    organisation = PublicIdField(Organisation, allow_null=True, default=None)
    uses_mpc = serializers.BooleanField(default=False)
    opened_on = serializers.DateField(required=False)


class EngagementUpdateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=200, required=False)
    organisation = PublicIdField(Organisation, allow_null=True, required=False)
    opened_on = serializers.DateField(required=False)
    coaching_type = serializers.CharField(max_length=120, allow_blank=True, required=False)
    planned_hours = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, allow_null=True, required=False)
    session_frequency = serializers.ChoiceField(choices=Engagement.Frequency.choices, allow_blank=True, required=False)
    format = serializers.ChoiceField(choices=Engagement.Format.choices, allow_blank=True, required=False)
    location = serializers.CharField(max_length=200, allow_blank=True, required=False)
    budget_amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, allow_null=True, required=False)
    budget_currency = serializers.RegexField(r"^[A-Z]{3}$", allow_blank=True, required=False)


class CoachRefSerializer(StrictSerializer):
    coach = PublicIdField(Coach)


class TransitionSerializer(StrictSerializer):
    to = serializers.ChoiceField(choices=Engagement.State.choices)
    reason = serializers.CharField(
        max_length=500, allow_blank=True, default="", help_text="Why; required to cancel or decline, kept in the history."
    )


class ExploratorySerializer(StrictSerializer):
    held_on = serializers.DateField()
    duration_minutes = serializers.IntegerField(min_value=1, max_value=600, default=60)
    summary = serializers.CharField(allow_blank=True, default="")
    summary_shared = serializers.BooleanField(default=False)


class ExploratoryUpdateSerializer(StrictSerializer):
    held_on = serializers.DateField()
    duration_minutes = serializers.IntegerField(min_value=1, max_value=600)
    summary = serializers.CharField(allow_blank=True)
    summary_shared = serializers.BooleanField()


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
    owner = PersonRefField(allow_null=True, default=None)
    due_on = serializers.DateField(allow_null=True, default=None)


class ActionProgressSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ActionItem.Status.choices, required=False)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)


class ActionItemUpdateSerializer(ActionProgressSerializer):
    """Title, owner, due date and kind are the coach's to change; status and progress the
    owner's as well."""

    title = serializers.CharField(max_length=300, required=False)
    owner = UuidRefField(queryset=User.objects.all(), allow_null=True, required=False)
    due_on = serializers.DateField(allow_null=True, required=False)
    category = serializers.ChoiceField(choices=ActionItem.Category.choices, required=False)


class ReminderSettingsSerializer(StrictSerializer):
    reminder_mode = serializers.ChoiceField(choices=User.ReminderMode.choices)
    time_zone = serializers.CharField(max_length=64, help_text="An IANA time zone name, e.g. Europe/Paris.")


# --- sponsor contacts, their seats, the coachees' consent ---------------------------


class SponsorSerializer(StrictModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Sponsor
        fields = ["id", "organisation", "name", "email", "job_title", "notify_on_report"]
        read_only_fields = fields


class SponsorCreateSerializer(StrictSerializer):
    organisation = PublicIdField(Organisation)
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    job_title = serializers.CharField(max_length=200, allow_blank=True, default="")


class SponsorUpdateSerializer(StrictSerializer):
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    job_title = serializers.CharField(max_length=200, allow_blank=True)


class SponsorRefSerializer(StrictSerializer):
    sponsor = PublicIdField(Sponsor)


class ConsentSerializer(serializers.ModelSerializer):
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    person = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = SponsorConsent
        fields = ["engagement", "person", "given_at", "withdrawn_at"]
        read_only_fields = fields


class ReportNoticeSerializer(StrictSerializer):
    notify_on_report = serializers.BooleanField()


# --- the engagement report ------------------------------------------------------


class EngagementReportSerializer(serializers.ModelSerializer):
    """One version of the report: its content as produced (never changed), its answer."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    engagement = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    approved_by = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    content = serializers.JSONField(read_only=True)

    class Meta:
        model = EngagementReport
        fields = ["id", "engagement", "version", "status", "content", "produced_at", "approved_by", "decided_at", "changes_asked"]
        read_only_fields = fields


class ReportCreateSerializer(StrictSerializer):
    engagement = PublicIdField(Engagement)


class ChangesSerializer(StrictSerializer):
    changes = serializers.CharField(max_length=4000)
