"""REST API v1 for MPC: the seven stages, their content, monitoring and progress.

Every content list is filtered to what the caller may see and takes
`?engagement=<id>`; every write is one service call in `mpc.services`."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coaching.api import VisibleViewSet
from engagements.api import responses
from engagements.models import ActionItem, Engagement
from engagements.serializers import ActionItemSerializer
from mpc import serializers as s
from mpc import services
from mpc.models import (
    ActivityFlow,
    AuditRating,
    CheckIn,
    Customer,
    Factor,
    Goal,
    Milestone,
    Mission,
    Partner,
    Progress,
    Resource,
    Role,
    Stage,
    TeamObservation,
)

ENGAGEMENT_FILTER = {"engagement__public_id": ["exact"]}


class ContentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """List, read and add one kind of MPC content through its service."""

    filterset_fields = ENGAGEMENT_FILTER
    ordering = ["id"]
    create_input: type
    create_service: staticmethod

    def create(self, request: Request) -> Response:
        return self.run(self.create_input, type(self).create_service, status_code=201)


def content(model, output, create_input, service, *, doc: str, select: tuple[str, ...] = (), **extra) -> type[ContentViewSet]:
    """A ContentViewSet for `model`, documented for the schema; `select` names the
    relations its output shows, fetched with the rows."""
    create = extend_schema(request=create_input, responses=responses(output, 201), summary=doc)(ContentViewSet.create)
    attrs = {
        "__doc__": doc,
        "queryset": model.objects.select_related("engagement", *select),
        "serializer_class": output,
        "create_input": create_input,
        "create_service": staticmethod(service),
        "create": create,
        **extra,
    }
    return type(f"{model.__name__}ViewSet", (ContentViewSet,), attrs)


AuditRatingViewSet = content(AuditRating, s.AuditRatingSerializer, s.RateInput, services.rate_person, doc="Rate the coached person (stage 1).")
TeamObservationViewSet = content(
    TeamObservation, s.TeamObservationSerializer, s.ObserveInput, services.observe_team,
    doc="Observe the team's functioning (stage 1, team coaching).", select=("member",),
)
CustomerViewSet = content(Customer, s.CustomerSerializer, s.CustomerInput, services.add_customer, doc="Add a customer and their expectations (stage 2).")
PartnerViewSet = content(Partner, s.PartnerSerializer, s.PartnerInput, services.add_partner, doc="Add a partner and their part (stage 2).")
FactorViewSet = content(Factor, s.FactorSerializer, s.FactorInput, services.add_factor, doc="Add a factor that eases or hinders (stage 2).")
MissionViewSet = content(Mission, s.MissionSerializer, s.MissionInput, services.define_mission, doc="Define the project's mission (stage 3).")
ActivityFlowViewSet = content(
    ActivityFlow, s.ActivityFlowSerializer, s.ActivityFlowInput, services.add_activity_flow,
    doc="Add an activity flow with its owner (stage 4).", select=("owner", "goal"),
)
ResourceViewSet = content(Resource, s.ResourceSerializer, s.ResourceInput, services.add_resource, doc="Add a technical or human resource (stage 5).")
RoleViewSet = content(
    Role, s.RoleSerializer, s.RoleInput, services.assign_role, doc="Give a person a role and responsibilities (stage 5).", select=("holder",)
)


class GoalViewSet(ContentViewSet):
    """Quantitative and qualitative goals with their milestones (stage 4)."""

    queryset = Goal.objects.select_related("engagement", "follows").prefetch_related("milestones__owner", "milestones__goal")
    serializer_class = s.GoalSerializer
    create_input = s.GoalInput
    create_service = staticmethod(services.add_goal)

    @extend_schema(request=s.GoalInput, responses=responses(s.GoalSerializer, 201))
    def create(self, request: Request) -> Response:
        return super().create(request)


class MilestoneViewSet(ContentViewSet):
    """Milestones: the coach adds them; their owner or the coach updates progress."""

    queryset = Milestone.objects.select_related("goal", "owner")
    serializer_class = s.MilestoneSerializer
    filterset_fields = {
        "goal__engagement__public_id": ["exact"],
        "status": ["exact"],
        "owner__public_id": ["exact"],
        "due_on": ["lte", "gte"],
    }
    ordering_fields = ["due_on", "status"]
    ordering = ["due_on", "id"]
    create_input = s.MilestoneInput
    create_service = staticmethod(services.add_milestone)

    @extend_schema(request=s.MilestoneInput, responses=responses(s.MilestoneSerializer, 201))
    def create(self, request: Request) -> Response:
        return super().create(request)

    @extend_schema(request=s.MilestoneProgressInput, responses=responses(s.MilestoneSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Update a milestone's progress or status."""
        return self.run(s.MilestoneProgressInput, services.update_milestone, milestone=self.get_object())

    @extend_schema(request=s.GoalFields, responses=responses(s.GoalSerializer, 201))
    @action(detail=True, methods=["post"], url_path="next-goal", serializer_class=s.GoalSerializer)
    def next_goal(self, request: Request, id=None) -> Response:
        """Once this milestone is reached, set the next goal that follows it (monitoring)."""
        return self.run(s.GoalFields, services.set_next_goal, milestone=self.get_object(), status_code=201)


class CheckInViewSet(ContentViewSet):
    """Monitoring check-ins: indicator readings and milestone progress (stage 7)."""

    queryset = CheckIn.objects.select_related("engagement").prefetch_related("readings__goal", "milestone_updates__milestone")
    serializer_class = s.CheckInSerializer
    create_input = s.CheckInInput

    @staticmethod
    def create_service(*, readings, milestone_progress, **kwargs) -> CheckIn:
        return services.record_check_in(
            readings=[services.Reading(**reading) for reading in readings],
            milestone_progress={entry["milestone"]: entry["progress"] for entry in milestone_progress},
            **kwargs,
        )

    @extend_schema(request=s.CheckInInput, responses=responses(s.CheckInSerializer, 201))
    def create(self, request: Request) -> Response:
        return super().create(request)


class PlanItemViewSet(VisibleViewSet):
    """Items of the double action plan (stage 6): personal or project, by category."""

    queryset = ActionItem.objects.select_related("plan", "owner")
    serializer_class = ActionItemSerializer

    @extend_schema(request=s.PlanItemInput, responses=responses(ActionItemSerializer, 201))
    def create(self, request: Request) -> Response:
        return self.run(s.PlanItemInput, services.add_plan_item, status_code=201)


class StageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """The seven ordered MPC stages of each engagement that runs the method."""

    queryset = Stage.objects.select_related("engagement")
    serializer_class = s.StageDetailSerializer

    def get_serializer_class(self):
        # What a stage lacks costs queries of its own: shown on one stage, not on a list.
        return s.StageSerializer if self.action in ("list", "create") else s.StageDetailSerializer
    filterset_fields = {"engagement__public_id": ["exact"], "status": ["exact"], "needs_review": ["exact"]}
    ordering = ["engagement", "number"]

    @extend_schema(request=s.EngagementInput, responses=responses(s.StageSerializer(many=True), 201))
    def create(self, request: Request) -> Response:
        """Start MPC on an active engagement: lay out its seven stages."""
        given = s.EngagementInput(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        stages = services.start_mpc(**given.validated_data, by=request.user)
        return Response(self.get_serializer(stages, many=True).data, status=201)

    @extend_schema(request=None, responses=responses(s.StageSerializer))
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, id=None) -> Response:
        """Mark the stage done; refused (409) out of order or while content is missing."""
        return Response(self.get_serializer(services.complete_stage(stage=self.get_object(), by=request.user)).data)

    @extend_schema(request=None, responses=responses(s.StageSerializer))
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, id=None) -> Response:
        """Reopen a done stage; later stages with content are flagged for review."""
        return Response(self.get_serializer(services.reopen_stage(stage=self.get_object(), by=request.user)).data)

    @extend_schema(request=None, responses=responses(s.StageSerializer))
    @action(detail=True, methods=["post"], url_path="confirm-review")
    def confirm_review(self, request: Request, id=None) -> Response:
        """Clear a stage's review flag once the stages before it are done again."""
        return Response(self.get_serializer(services.confirm_stage_review(stage=self.get_object(), by=request.user)).data)

    @extend_schema(
        parameters=[OpenApiParameter("engagement", OpenApiTypes.UUID, required=True, description="The engagement's id.")],
        responses={200: s.ProgressSerializer},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def progress(self, request: Request) -> Response:
        """The engagement's MPC progress, computed from milestones and indicator readings."""
        query = s.ProgressQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        engagement = get_object_or_404(Engagement.objects.visible_to(request.user), public_id=query.validated_data["engagement"])
        return Response(s.ProgressSerializer(Progress.of(engagement)).data)
