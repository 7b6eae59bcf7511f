"""/api/v1/ for progress you can show: producing the engagement report (it spans the apps,
so the glue adds `create` to the reports' viewset), the sponsor contact's read-only view of
the engagements they follow, and the admins' practice overview."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coaching import overview, reports
from engagements import api, services
from engagements import serializers as s
from engagements.models import Engagement, EngagementReport, ProgressRating, SelfRating
from kit.api import VisibleViewSet
from mpc.models import Milestone


class EngagementReportViewSet(api.EngagementReportViewSet):
    @extend_schema(request=s.ReportCreateSerializer, responses=api.responses(s.EngagementReportSerializer, 201))
    def create(self, request: Request) -> Response:
        """The coach produces a new version of the report at the skills assessment (objectives
        and ratings, evaluation, hours, sessions held, milestones reached, shared summaries);
        it replaces a version still awaiting the coachees' answer."""
        return self.run(s.ReportCreateSerializer, reports.produce_report, status_code=201, present=self.answer)


# --- the sponsor contact's view ---------------------------------------------------


class SponsorEngagementSerializer(serializers.ModelSerializer):
    """What a sponsor contact reads of an engagement by default: its state, terms, hours and
    objectives' titles; `consented` says whether every coachee shares more."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    coach = serializers.CharField(read_only=True)
    coachees = serializers.StringRelatedField(many=True, read_only=True)
    hours_used = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="statement", many=True, read_only=True)
    consented = serializers.BooleanField(read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id", "title", "kind", "state", "coach", "coachees", "opened_on", "coaching_type", "planned_hours",
            "session_frequency", "budget_amount", "budget_currency", "hours_used", "objectives", "consented",
        ]
        read_only_fields = fields


class SponsorObjectiveSerializer(serializers.Serializer):
    """One objective's ratings: the coach's baseline and final, along the way, the coachees' own."""

    statement = serializers.CharField()
    baseline_rating = serializers.IntegerField()
    final_rating = serializers.IntegerField(allow_null=True)
    outcome = serializers.CharField()
    along_the_way = s.ProgressRatingSerializer(many=True)
    own = s.SelfRatingSerializer(many=True)


class SponsorMilestoneSerializer(serializers.Serializer):
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Milestone.Status.choices)
    progress = serializers.IntegerField()
    due_on = serializers.DateField()


class SponsorEngagementDetailSerializer(SponsorEngagementSerializer):
    """With every coachee's consent, also the ratings, milestones' progress and the approved
    report (null without it). Never session content."""

    ratings = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField()
    approved_report = serializers.SerializerMethodField()

    class Meta(SponsorEngagementSerializer.Meta):
        fields = [*SponsorEngagementSerializer.Meta.fields, "ratings", "milestones", "approved_report"]
        read_only_fields = fields

    @extend_schema_field(SponsorObjectiveSerializer(many=True, allow_null=True))
    def get_ratings(self, engagement: Engagement) -> list | None:
        if not engagement.consented:
            return None
        along = ProgressRating.objects.filter(objective__engagement=engagement).select_related("person")
        own = SelfRating.objects.filter(objective__engagement=engagement).select_related("person")
        return SponsorObjectiveSerializer([
            {
                "statement": o.statement, "baseline_rating": o.baseline_rating, "final_rating": o.final_rating,
                "outcome": o.get_outcome_display(),
                "along_the_way": [r for r in along if r.objective_id == o.pk],
                "own": [r for r in own if r.objective_id == o.pk],
            }
            for o in engagement.objectives.all()
        ], many=True).data

    @extend_schema_field(SponsorMilestoneSerializer(many=True, allow_null=True))
    def get_milestones(self, engagement: Engagement) -> list | None:
        if not engagement.consented:
            return None
        milestones = Milestone.objects.filter(goal__engagement=engagement).exclude(status=Milestone.Status.DROPPED)
        return SponsorMilestoneSerializer(milestones, many=True).data

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_approved_report(self, engagement: Engagement) -> str | None:
        if not engagement.consented:
            return None
        approved = EngagementReport.objects.filter(engagement=engagement).approved().order_by("-version").first()
        return str(approved.public_id) if approved else None


class SponsorEngagementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """The engagements a sponsor contact follows, read-only: what they may read of each
    (anything else, and anyone else, is not found)."""

    serializer_class = SponsorEngagementSerializer
    ordering = ["-opened_on", "id"]

    def get_queryset(self):
        return (
            Engagement.objects.sponsored_for(self.request.user).with_hours_used()
            .select_related("coach__user").prefetch_related("coachees__user", "objectives")
        )

    @extend_schema(responses={200: SponsorEngagementDetailSerializer})
    def retrieve(self, request: Request, id=None) -> Response:
        engagement = self.get_object()
        services.record_view(engagement=engagement, by=request.user, subject="sponsor's view (API)")
        return Response(SponsorEngagementDetailSerializer(engagement).data)


class OverviewTableSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Names the table's CSV download: /overview/?csv=<key>.")
    title = serializers.CharField()
    description = serializers.CharField()
    headers = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class PracticeOverviewView(APIView):
    """The practice overview (admins): engagements by state, hours delivered per coach per
    month, the average rating change over closed engagements, certification renewals due."""

    @extend_schema(responses={200: OverviewTableSerializer(many=True)})
    def get(self, request: Request) -> Response:
        services.ensure_admin(request.user)
        return Response(OverviewTableSerializer(overview.tables().values(), many=True).data)
