"""REST API v1 for the roster, engagements, objectives and action plans.

Each view validates input, makes one service call and shapes the output; objects are
looked up through `visible_to(user)`, so what is out of scope answers 404."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from engagements import reminders, services
from engagements import serializers as s
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
    SupervisionEntry,
)
from kit.api import VisibleViewSet
from kit.filters import StrictBooleanFilter, StrictFilterSet, UtcDateTimeFilter


def responses(serializer, code: int = 200) -> dict:
    """The success shape of an operation; TandemAutoSchema adds the error shapes."""
    return {code: serializer}


class CoachFilter(StrictFilterSet):
    class Meta:
        model = Coach
        fields = ["is_active"]


class CoachViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """The roster: admins see and edit every coach; a coach sees themself and their supervisees."""

    queryset = Coach.objects.select_related("user", "supervisor").prefetch_related("certifications").with_load()
    serializer_class = s.CoachSerializer
    filterset_class = CoachFilter
    ordering_fields = ["user__last_name", "capacity"]
    ordering = ["user__last_name", "id"]

    @extend_schema(request=s.CoachCreateSerializer, responses=responses(s.CoachSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.CoachCreateSerializer, services.add_coach, status_code=201)

    @extend_schema(request=s.CoachUpdateSerializer, responses=responses(s.CoachSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Change a roster entry (an admin), or one's own bio and specialties (the coach)."""
        return self.run(s.CoachUpdateSerializer, services.update_coach, coach=self.get_object())


class CertificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Certification.objects.select_related("coach")
    serializer_class = s.CertificationSerializer
    filterset_fields = ["body"]
    ordering = ["expires_on", "id"]

    @extend_schema(request=s.CertificationSerializer, responses=responses(s.CertificationSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.CertificationSerializer, services.record_certification, status_code=201)

    @extend_schema(request=s.CertificationUpdateSerializer, responses=responses(s.CertificationSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Correct a certification's record (an admin)."""
        return self.run(s.CertificationUpdateSerializer, services.revise_certification, certification=self.get_object(), partial=True)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        """Delete a certification recorded by mistake (one the body withdrew is revoked instead)."""
        return self.withdraw(services.withdraw_certification, certification=self.get_object())

    @extend_schema(request=s.RevokeSerializer, responses=responses(s.CertificationSerializer))
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, id=None) -> Response:
        """Record that the certifying body withdrew it: kept on record, no longer valid."""
        return self.run(s.RevokeSerializer, services.revoke_certification, certification=self.get_object())


class SupervisionFilter(StrictFilterSet):
    coach = django_filters.UUIDFilter(field_name="coach__public_id")
    confirmed = StrictBooleanFilter(field_name="confirmed_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = SupervisionEntry
        fields = ["coach"]


class SupervisionEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """The supervision log: a coach logs meetings (themes only, no client content), their
    supervisor confirms them; admins read all of it."""

    queryset = SupervisionEntry.objects.select_related("coach", "supervisor")
    serializer_class = s.SupervisionEntrySerializer
    filterset_class = SupervisionFilter
    ordering = ["-held_on", "-id"]

    @extend_schema(request=s.SupervisionCreateSerializer, responses=responses(s.SupervisionEntrySerializer, 201))
    def create(self, request: Request) -> Response:
        """Log a supervision meeting: confirmed at once when the supervisor logs it."""
        return self.run(s.SupervisionCreateSerializer, services.log_supervision, status_code=201)

    @extend_schema(request=s.SupervisionFields, responses=responses(s.SupervisionEntrySerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Correct an entry: the coach until it is confirmed, the supervisor any time."""
        return self.run(s.SupervisionFields, services.revise_supervision, entry=self.get_object(), partial=True)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        return self.withdraw(services.withdraw_supervision, entry=self.get_object())

    @extend_schema(request=None, responses=responses(s.SupervisionEntrySerializer))
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, id=None) -> Response:
        """The supervisor confirms a meeting their supervisee logged."""
        return Response(self.get_serializer(services.confirm_supervision(entry=self.get_object(), by=request.user)).data)


class CoachHoursViewSet(VisibleViewSet):
    """Coaching and supervision hours per coach over a period, for credential renewal (admins)."""

    queryset = Coach.objects.all()
    serializer_class = s.CoachHoursSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, required=True, description="First day of the period."),
            OpenApiParameter("end", OpenApiTypes.DATE, required=True, description="Last day of the period."),
        ],
        responses={200: s.CoachHoursSerializer(many=True)},
    )
    def list(self, request: Request) -> Response:
        services.ensure_admin(request.user)
        period = s.HoursQuery(data=request.query_params)
        period.is_valid(raise_exception=True)
        coaches = Coach.objects.with_hours_between(**period.validated_data).select_related("user").order_by("user__last_name", "id")
        return Response(self.get_serializer(coaches, many=True).data)


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Organisation.objects.all()
    serializer_class = s.OrganisationSerializer
    ordering = ["name"]

    @extend_schema(request=s.OrganisationSerializer, responses=responses(s.OrganisationSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.OrganisationSerializer, services.add_organisation, status_code=201)

    @extend_schema(request=s.OrganisationUpdateSerializer, responses=responses(s.OrganisationSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Correct a sponsor's name or contact."""
        return self.run(s.OrganisationUpdateSerializer, services.revise_organisation, organisation=self.get_object(), partial=True)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        """Delete a sponsor that no engagement or client refers to."""
        return self.withdraw(services.withdraw_organisation, organisation=self.get_object())


class CoacheeFilter(StrictFilterSet):
    search = django_filters.CharFilter(
        method="find", max_length=100,
        help_text="Clients whose first or last name, email or organisation holds this text (any case).",
    )

    class Meta:
        model = Coachee
        fields: list[str] = []

    def find(self, queryset, name: str, value: str):
        return queryset.matching(value)


class CoacheeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Coachee.objects.select_related("user", "organisation")
    serializer_class = s.CoacheeSerializer
    filterset_class = CoacheeFilter
    ordering = ["user__last_name", "id"]

    @extend_schema(request=s.CoacheeCreateSerializer, responses=responses(s.CoacheeSerializer, 201))
    def create(self, request: Request) -> Response:
        """Register a client; they are emailed an invitation to set their password."""
        return self.run(s.CoacheeCreateSerializer, services.add_coachee, status_code=201)

    @extend_schema(request=s.CoacheeUpdateSerializer, responses=responses(s.CoacheeSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Correct a client's name, email, job title or organisation."""
        return self.run(s.CoacheeUpdateSerializer, services.revise_coachee, coachee=self.get_object(), partial=True)


class EngagementFilter(StrictFilterSet):
    coach = django_filters.UUIDFilter(field_name="coach__public_id")
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_before = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte")

    class Meta:
        model = Engagement
        fields = ["state", "kind", "uses_mpc", "coach"]


def with_visible_ratings(objectives: str, user) -> list[Prefetch]:
    """Each objective's self-ratings and ratings along the way as `user` may read them (a
    coachee their own and the coaches')."""
    return [
        Prefetch(f"{objectives}self_ratings", queryset=SelfRating.objects.visible_to(user).select_related("person"), to_attr="visible_self_ratings"),
        Prefetch(f"{objectives}progress_ratings", queryset=ProgressRating.objects.visible_to(user).select_related("person"), to_attr="visible_progress_ratings"),
    ]


class EngagementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """Engagements and their lifecycle; state moves only through `transitions`. (Opening
    one spans the apps: the project's glue adds `create`.)"""

    queryset = Engagement.objects.with_hours_used().select_related("coach", "organisation", "exploratory").prefetch_related(
        "co_coaches", "coachees", "objectives", "sponsor_seats__sponsor"
    )
    serializer_class = s.EngagementSerializer
    filterset_class = EngagementFilter
    ordering_fields = ["opened_on", "title", "state"]
    ordering = ["-opened_on", "id"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related(*with_visible_ratings("objectives__", self.request.user))

    def retrieve(self, request: Request, id=None) -> Response:
        engagement = self.get_object()
        services.record_view(engagement=engagement, by=request.user, subject="engagement (API)")
        return Response(self.get_serializer(engagement).data)

    def answer(self, engagement: Engagement) -> Engagement:
        """The engagement as the list shows it (hours used, self-ratings), after a write."""
        return self.get_queryset().get(pk=engagement.pk)

    @extend_schema(request=s.EngagementUpdateSerializer, responses=responses(s.EngagementSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Correct the title, sponsor or opening day, or set the terms (type, hours,
        frequency, format, location, budget)."""
        return self.run(s.EngagementUpdateSerializer, services.revise_engagement, engagement=self.get_object(), present=self.answer)

    @extend_schema(request=s.TransitionSerializer, responses=responses(s.EngagementSerializer))
    @action(detail=True, methods=["post"])
    def transitions(self, request: Request, id=None) -> Response:
        """Move the engagement to another state; a refused guard answers 409 naming the rule."""
        return self.run(s.TransitionSerializer, services.transition_engagement, engagement=self.get_object(), present=self.answer)

    @extend_schema(methods=["POST"], request=s.ExploratorySerializer, responses=responses(s.EngagementSerializer, 201))
    @extend_schema(methods=["PATCH"], request=s.ExploratoryUpdateSerializer, responses=responses(s.EngagementSerializer))
    @action(detail=True, methods=["post", "patch"])
    def exploratory(self, request: Request, id=None) -> Response:
        """Record the exploratory session (POST, once), or correct its record and share its
        summary (PATCH)."""
        engagement = self.get_object()
        if request.method == "PATCH":
            return self.run(
                s.ExploratoryUpdateSerializer, services.revise_exploratory_session, engagement=engagement,
                partial=True, present=lambda session: self.answer(engagement),
            )
        return self.run(
            s.ExploratorySerializer, services.record_exploratory_session, engagement=engagement,
            status_code=201, present=lambda session: self.answer(engagement),
        )

    @extend_schema(request=s.AssessmentSerializer, responses=responses(s.EngagementSerializer))
    @action(detail=True, methods=["post"])
    def assessment(self, request: Request, id=None) -> Response:
        """Write the skills assessment's evaluation of the client's evolution."""
        return self.run(s.AssessmentSerializer, services.write_evaluation, engagement=self.get_object(), present=self.answer)

    @extend_schema(request=s.CoachRefSerializer, responses=responses(s.EngagementSerializer))
    @action(detail=True, methods=["post"], url_path="lead-coach")
    def lead_coach(self, request: Request, id=None) -> Response:
        """Hand the engagement to another lead coach (an admin; refused when they are full)."""
        return self.run(s.CoachRefSerializer, services.assign_coach, engagement=self.get_object(), present=self.answer)

    @extend_schema(request=s.CoachRefSerializer, responses=responses(s.EngagementSerializer, 201))
    @action(detail=True, methods=["post"], url_path="co-coaches")
    def co_coaches(self, request: Request, id=None) -> Response:
        """Name a co-coach (an admin): they then see and write the engagement's content."""
        return self.run(s.CoachRefSerializer, services.add_co_coach, engagement=self.get_object(), status_code=201, present=self.answer)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"co-coaches/(?P<coach_id>[0-9a-f-]{36})")
    def remove_co_coach(self, request: Request, id=None, coach_id=None) -> Response:
        """Take a co-coach off the engagement (an admin)."""
        engagement = self.get_object()
        coach = get_object_or_404(engagement.co_coaches.all(), public_id=coach_id)
        return self.withdraw(services.remove_co_coach, engagement=engagement, coach=coach)


    @extend_schema(request=s.SponsorRefSerializer, responses=responses(s.SponsorSerializer, 201))
    @action(detail=True, methods=["post"], url_path="sponsors")
    def sponsors(self, request: Request, id=None) -> Response:
        """Seat a contact of the engagement's sponsor on it (its coach or an admin): they follow
        it read-only, through /api/v1/sponsor/engagements/."""
        engagement = self.get_object()
        given = s.SponsorRefSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        seat = services.name_sponsor(engagement=engagement, by=request.user, **given.validated_data)
        return Response(s.SponsorSerializer(seat.sponsor).data, status=201)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"sponsors/(?P<sponsor_id>[0-9a-f-]{36})")
    def remove_sponsor(self, request: Request, id=None, sponsor_id=None) -> Response:
        """Take a sponsor contact off the engagement: from their next request they see nothing of it."""
        engagement = self.get_object()
        sponsor = get_object_or_404(Sponsor.objects.filter(seats__engagement=engagement), public_id=sponsor_id)
        return self.withdraw(services.unname_sponsor, engagement=engagement, sponsor=sponsor)

    @extend_schema(methods=["POST"], request=None, responses=responses(s.ConsentSerializer, 201))
    @extend_schema(methods=["DELETE"], request=None, responses=responses(s.ConsentSerializer))
    @action(detail=True, methods=["post", "delete"], url_path="sponsor-consent")
    def sponsor_consent(self, request: Request, id=None) -> Response:
        """A coachee consents (POST) that the sponsors see the ratings, progress and approved
        report, or withdraws that consent (DELETE): it holds from their next request."""
        engagement = self.get_object()
        if request.method == "DELETE":
            return Response(s.ConsentSerializer(services.withdraw_consent(engagement=engagement, by=request.user)).data)
        return Response(s.ConsentSerializer(services.give_consent(engagement=engagement, by=request.user)).data, status=201)


class ObjectiveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Objective.objects.select_related("engagement")
    serializer_class = s.ObjectiveSerializer
    filterset_fields = {"engagement__public_id": ["exact"], "outcome": ["exact"]}
    ordering = ["engagement", "position", "id"]

    @extend_schema(request=s.ObjectiveCreateSerializer, responses=responses(s.ObjectiveSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.ObjectiveCreateSerializer, services.add_objective, status_code=201, present=self.answer)

    def get_queryset(self):
        return super().get_queryset().prefetch_related(*with_visible_ratings("", self.request.user))

    def answer(self, objective: Objective) -> Objective:
        return self.get_queryset().get(pk=objective.pk)

    @extend_schema(request=s.EvaluationSerializer, responses=responses(s.ObjectiveSerializer))
    @action(detail=True, methods=["post"])
    def evaluation(self, request: Request, id=None) -> Response:
        """Evaluate the objective in the skills assessment: final rating and outcome."""
        return self.run(s.EvaluationSerializer, services.evaluate_objective, objective=self.get_object(), present=self.answer)

    @extend_schema(request=s.ObjectiveUpdateSerializer, responses=responses(s.ObjectiveSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Reword an objective or its measure; its baseline only until the coaching starts."""
        return self.run(s.ObjectiveUpdateSerializer, services.revise_objective, objective=self.get_object(), partial=True, present=self.answer)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        """Withdraw an objective that is not evaluated (an engagement under way keeps one)."""
        return self.withdraw(services.withdraw_objective, objective=self.get_object())

    @extend_schema(request=s.SelfRatingInput, responses=responses(s.ObjectiveSerializer))
    @action(detail=True, methods=["post"], url_path="self-rating")
    def self_rating(self, request: Request, id=None) -> Response:
        """A coachee rates themself: at the start until the assessment, then at the assessment."""
        objective = self.get_object()
        return self.run(s.SelfRatingInput, services.rate_myself, objective=objective, present=lambda rating: self.answer(objective))


    @extend_schema(request=s.ProgressRatingInput, responses=responses(s.ObjectiveSerializer))
    @action(detail=True, methods=["post"], url_path="progress-rating")
    def progress_rating(self, request: Request, id=None) -> Response:
        """Rate where the client stands along the way (the coach, or a coachee for themself),
        between the baseline and the final rating; one rating a person a day."""
        objective = self.get_object()
        return self.run(s.ProgressRatingInput, services.rate_progress, objective=objective, present=lambda rating: self.answer(objective))


class ActionPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = ActionPlan.objects.select_related("engagement")
    serializer_class = s.ActionPlanSerializer
    filterset_fields = ["kind"]
    ordering = ["engagement", "kind"]


class ActionItemFilter(StrictFilterSet):
    owner = django_filters.UUIDFilter(field_name="owner__public_id")
    engagement = django_filters.UUIDFilter(field_name="plan__engagement__public_id")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")

    class Meta:
        model = ActionItem
        fields = ["status", "category", "owner", "engagement"]


class ActionItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = ActionItem.objects.select_related("plan", "owner")
    serializer_class = s.ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ["due_on", "status", "created_at"]
    ordering = ["due_on", "id"]

    @extend_schema(request=s.ActionItemCreateSerializer, responses=responses(s.ActionItemSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.ActionItemCreateSerializer, services.add_action_item, status_code=201)

    @extend_schema(request=s.ActionItemUpdateSerializer, responses=responses(s.ActionItemSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Update status and progress (the item's owner, or the engagement's coach), or
        correct its title, owner, due date and kind (the coach)."""
        return self.run(s.ActionItemUpdateSerializer, services.revise_action_item, item=self.get_object())

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        """Delete an action put on a plan by mistake (one with progress is dropped instead)."""
        return self.withdraw(services.withdraw_action_item, item=self.get_object())


class AuditEventFilter(StrictFilterSet):
    engagement = django_filters.UUIDFilter(field_name="engagement_ref")
    actor = django_filters.UUIDFilter(field_name="actor__public_id")
    after = UtcDateTimeFilter(field_name="created_at", lookup_expr="gte")
    before = UtcDateTimeFilter(field_name="created_at", lookup_expr="lte")

    class Meta:
        model = EngagementEvent
        fields = ["engagement", "actor", "action", "channel"]


class AuditEventViewSet(mixins.ListModelMixin, VisibleViewSet):
    """The audit trail — who viewed or changed what, when, from where; never content.
    Admins read the practice's, coaches their own engagements'."""

    queryset = EngagementEvent.objects.select_related("actor")
    serializer_class = s.EventSerializer
    filterset_class = AuditEventFilter
    ordering = ["-created_at", "-id"]


class ReminderSettingsView(APIView):
    """Your own reminder settings: a daily digest, each reminder at once, or none; your time zone."""

    @extend_schema(responses={200: s.ReminderSettingsSerializer})
    def get(self, request: Request) -> Response:
        return Response(s.ReminderSettingsSerializer(request.user).data)

    @extend_schema(request=s.ReminderSettingsSerializer, responses={200: s.ReminderSettingsSerializer})
    def put(self, request: Request) -> Response:
        """Set how you are reminded and your time zone."""
        given = s.ReminderSettingsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        user = reminders.update_reminder_settings(user=request.user, by=request.user, **given.validated_data)
        return Response(s.ReminderSettingsSerializer(user).data)


class SponsorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """Sponsor contacts: people of a sponsoring organisation who sign in to follow, read-only,
    the engagements they are named on. Admins and coaches keep them."""

    queryset = Sponsor.objects.select_related("user", "organisation")
    serializer_class = s.SponsorSerializer
    ordering = ["user__last_name", "id"]

    @extend_schema(request=s.SponsorCreateSerializer, responses=responses(s.SponsorSerializer, 201))
    def create(self, request: Request) -> Response:
        """Register a sponsor contact; they are emailed an invitation to sign in."""
        return self.run(s.SponsorCreateSerializer, services.add_sponsor, status_code=201)

    @extend_schema(request=s.SponsorUpdateSerializer, responses=responses(s.SponsorSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Correct a sponsor contact's name, email or job title."""
        return self.run(s.SponsorUpdateSerializer, services.revise_sponsor, sponsor=self.get_object(), partial=True)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        """Delete a sponsor contact (and their login) no engagement names any more."""
        return self.withdraw(services.withdraw_sponsor, sponsor=self.get_object())


class SponsorSettingsView(APIView):
    """A sponsor contact's own setting: an email when a report they may read is approved."""

    def contact(self, request: Request) -> Sponsor:
        return get_object_or_404(Sponsor, user=request.user)

    @extend_schema(responses={200: s.ReportNoticeSerializer})
    def get(self, request: Request) -> Response:
        return Response(s.ReportNoticeSerializer(self.contact(request)).data)

    @extend_schema(request=s.ReportNoticeSerializer, responses={200: s.ReportNoticeSerializer})
    def put(self, request: Request) -> Response:
        """Opt in (or out) of an email when a report is approved: its title and a link, never its content."""
        contact = self.contact(request)
        given = s.ReportNoticeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return Response(s.ReportNoticeSerializer(services.set_report_notice(sponsor=contact, by=request.user, **given.validated_data)).data)


class EngagementReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """The engagement report's versions: the coach reads every one, the coachees theirs (and
    answer them), an admin the approved ones, a sponsor contact the approved ones the coachees
    consent to. (Producing one spans the apps: the project's glue adds `create`.)"""

    queryset = EngagementReport.objects.select_related("engagement").prefetch_related("approved_by")
    serializer_class = s.EngagementReportSerializer
    filterset_fields = {"engagement__public_id": ["exact"], "status": ["exact"]}
    ordering = ["engagement", "-version"]

    def retrieve(self, request: Request, id=None) -> Response:
        report = self.get_object()
        services.record_view(engagement=report.engagement, by=request.user, subject=f"report version {report.version} (API)")
        return Response(self.get_serializer(report).data)

    def answer(self, report: EngagementReport) -> EngagementReport:
        return self.get_queryset().get(pk=report.pk)

    @extend_schema(request=None, responses=responses(s.EngagementReportSerializer))
    @action(detail=True, methods=["post"])
    def approval(self, request: Request, id=None) -> Response:
        """A coachee approves this version (once; in a team it is approved when every member has)."""
        return Response(self.get_serializer(self.answer(services.approve_report(report=self.get_object(), by=request.user))).data)

    @extend_schema(request=s.ChangesSerializer, responses=responses(s.EngagementReportSerializer))
    @action(detail=True, methods=["post"], url_path="change-request")
    def change_request(self, request: Request, id=None) -> Response:
        """A coachee asks the coach to change this version; the coach produces a new one."""
        return self.run(s.ChangesSerializer, services.ask_for_changes, report=self.get_object(), present=self.answer)
