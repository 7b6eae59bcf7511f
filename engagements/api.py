"""REST API v1 for the roster, engagements, objectives and action plans.

Each view validates input, makes one service call and shapes the output; objects are
looked up through `visible_to(user)`, so what is out of scope answers 404."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coaching.api import VisibleViewSet
from coaching.filters import StrictFilterSet
from engagements import serializers as s
from engagements import services
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
)


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
        return self.run(s.CoachUpdateSerializer, services.update_coach, coach=self.get_object())


class CertificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Certification.objects.select_related("coach")
    serializer_class = s.CertificationSerializer
    filterset_fields = ["body"]
    ordering = ["expires_on", "id"]

    @extend_schema(request=s.CertificationSerializer, responses=responses(s.CertificationSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.CertificationSerializer, services.record_certification, status_code=201)


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Organisation.objects.all()
    serializer_class = s.OrganisationSerializer
    ordering = ["name"]

    @extend_schema(request=s.OrganisationSerializer, responses=responses(s.OrganisationSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.OrganisationSerializer, services.add_organisation, status_code=201)


class CoacheeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Coachee.objects.select_related("user", "organisation")
    serializer_class = s.CoacheeSerializer
    ordering = ["user__last_name", "id"]

    @extend_schema(request=s.CoacheeCreateSerializer, responses=responses(s.CoacheeSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.CoacheeCreateSerializer, services.add_coachee, status_code=201)


class EngagementFilter(StrictFilterSet):
    coach = django_filters.UUIDFilter(field_name="coach__public_id")
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_before = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte")

    class Meta:
        model = Engagement
        fields = ["state", "kind", "uses_mpc", "coach"]


class EngagementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """Engagements and their lifecycle; state moves only through `transitions`."""

    queryset = Engagement.objects.select_related("coach", "organisation").prefetch_related(
        "co_coaches", "coachees", "objectives"
    )
    serializer_class = s.EngagementSerializer
    filterset_class = EngagementFilter
    ordering_fields = ["opened_on", "title", "state"]
    ordering = ["-opened_on", "id"]

    def retrieve(self, request: Request, id=None) -> Response:
        engagement = self.get_object()
        services.record_view(engagement=engagement, by=request.user, subject="engagement (API)")
        return Response(self.get_serializer(engagement).data)

    @extend_schema(request=s.EngagementCreateSerializer, responses=responses(s.EngagementSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.EngagementCreateSerializer, services.open_engagement, status_code=201)

    @extend_schema(request=s.TermsSerializer, responses=responses(s.EngagementSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Set the terms (type, hours, frequency, format, location, budget)."""
        return self.run(s.TermsSerializer, services.set_terms, engagement=self.get_object())

    @extend_schema(request=s.TransitionSerializer, responses=responses(s.EngagementSerializer))
    @action(detail=True, methods=["post"])
    def transitions(self, request: Request, id=None) -> Response:
        """Move the engagement to another state; a refused guard answers 409 naming the rule."""
        return self.run(s.TransitionSerializer, services.transition_engagement, engagement=self.get_object())

    @extend_schema(request=s.ExploratorySerializer, responses=responses(s.EngagementSerializer, 201))
    @action(detail=True, methods=["post"])
    def exploratory(self, request: Request, id=None) -> Response:
        """Record the exploratory session (one per engagement)."""
        return self.run(
            s.ExploratorySerializer,
            services.record_exploratory_session,
            engagement=self.get_object(),
            status_code=201,
            present=lambda session: session.engagement,
        )

    @extend_schema(request=s.AssessmentSerializer, responses=responses(s.EngagementSerializer))
    @action(detail=True, methods=["post"])
    def assessment(self, request: Request, id=None) -> Response:
        """Write the skills assessment's evaluation of the client's evolution."""
        return self.run(s.AssessmentSerializer, services.write_evaluation, engagement=self.get_object())



class ObjectiveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = Objective.objects.select_related("engagement")
    serializer_class = s.ObjectiveSerializer
    filterset_fields = {"engagement__public_id": ["exact"], "outcome": ["exact"]}
    ordering = ["engagement", "position", "id"]

    @extend_schema(request=s.ObjectiveCreateSerializer, responses=responses(s.ObjectiveSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.ObjectiveCreateSerializer, services.add_objective, status_code=201)

    @extend_schema(request=s.EvaluationSerializer, responses=responses(s.ObjectiveSerializer))
    @action(detail=True, methods=["post"])
    def evaluation(self, request: Request, id=None) -> Response:
        """Evaluate the objective in the skills assessment: final rating and outcome."""
        return self.run(s.EvaluationSerializer, services.evaluate_objective, objective=self.get_object())


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

    @extend_schema(request=s.ActionProgressSerializer, responses=responses(s.ActionItemSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Update status and progress: the item's owner, or the engagement's coach."""
        return self.run(s.ActionProgressSerializer, services.update_action_progress, item=self.get_object())


class AuditEventFilter(StrictFilterSet):
    engagement = django_filters.UUIDFilter(field_name="engagement_ref")
    actor = django_filters.UUIDFilter(field_name="actor__public_id")
    after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lte")

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
