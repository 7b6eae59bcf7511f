"""REST API v1 for MPC: the seven stages, their content, monitoring and progress.

Every content list is filtered to what the caller may see and takes
`?engagement=<id>`; every write is one service call in `mpc.services`."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from engagements.api import responses
from engagements.models import ActionItem, Engagement
from kit.api import VisibleViewSet
from mpc import serializers as s
from mpc import services
from mpc.models import (
    ABOUT_MODEL,
    PLAN_CATEGORIES,
    ActivityFlow,
    AuditRating,
    CheckIn,
    ControlIndicator,
    ControlReading,
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
DELETED = {204: None}


class ContentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """List and read one kind of MPC content; add, correct (PATCH: any of its fields) and
    delete it through its services, while its stage is open."""

    filterset_fields = ENGAGEMENT_FILTER
    ordering = ["id"]
    create_input: type[serializers.Serializer]
    update_input: type[serializers.Serializer]
    create_service: staticmethod

    def create(self, request: Request) -> Response:
        return self.run(self.create_input, type(self).create_service, status_code=201)

    def partial_update(self, request: Request, id=None) -> Response:
        return self.run(self.update_input, services.revise_record, partial=True, record=self.get_object())

    def destroy(self, request: Request, id=None) -> Response:
        services.withdraw_record(record=self.get_object(), by=request.user)
        return Response(status=204)


@extend_schema_view(
    create=extend_schema(summary="Rate an area of the coached person (stage 1).", request=s.RateInput, responses=responses(s.AuditRatingSerializer, 201)),
    partial_update=extend_schema(summary="Correct an area's rating (stage 1 open).", request=s.RateFields, responses=responses(s.AuditRatingSerializer)),
    destroy=extend_schema(summary="Delete an area's rating (stage 1 open).", responses=DELETED),
)
class AuditRatingViewSet(ContentViewSet):
    """The person audit: each area against what the project requires (stage 1)."""

    queryset = AuditRating.objects.select_related("engagement")
    serializer_class = s.AuditRatingSerializer
    create_input, update_input = s.RateInput, s.RateFields
    create_service = staticmethod(services.rate_person)


@extend_schema_view(
    create=extend_schema(summary="Observe the team's functioning (stage 1, team coaching).", request=s.ObserveInput, responses=responses(s.TeamObservationSerializer, 201)),
    partial_update=extend_schema(summary="Correct an observation (stage 1 open).", request=s.ObserveFields, responses=responses(s.TeamObservationSerializer)),
    destroy=extend_schema(summary="Delete an observation (stage 1 open).", responses=DELETED),
)
class TeamObservationViewSet(ContentViewSet):
    """The team audit: observations of the whole team or of one member (stage 1)."""

    queryset = TeamObservation.objects.select_related("engagement", "member")
    serializer_class = s.TeamObservationSerializer
    create_input, update_input = s.ObserveInput, s.ObserveFields
    create_service = staticmethod(services.observe_team)


@extend_schema_view(
    create=extend_schema(summary="Add a customer and their expectations (stage 2).", request=s.CustomerInput, responses=responses(s.CustomerSerializer, 201)),
    partial_update=extend_schema(summary="Correct a customer (stage 2 open).", request=s.CustomerFields, responses=responses(s.CustomerSerializer)),
    destroy=extend_schema(summary="Delete a customer (stage 2 open).", responses=DELETED),
)
class CustomerViewSet(ContentViewSet):
    """The project's customers and what they expect (stage 2)."""

    queryset = Customer.objects.select_related("engagement")
    serializer_class = s.CustomerSerializer
    create_input, update_input = s.CustomerInput, s.CustomerFields
    create_service = staticmethod(services.add_customer)


@extend_schema_view(
    create=extend_schema(summary="Add a partner and their part (stage 2).", request=s.PartnerInput, responses=responses(s.PartnerSerializer, 201)),
    partial_update=extend_schema(summary="Correct a partner (stage 2 open).", request=s.PartnerFields, responses=responses(s.PartnerSerializer)),
    destroy=extend_schema(summary="Delete a partner (stage 2 open).", responses=DELETED),
)
class PartnerViewSet(ContentViewSet):
    """The project's partners and the part they take (stage 2)."""

    queryset = Partner.objects.select_related("engagement")
    serializer_class = s.PartnerSerializer
    create_input, update_input = s.PartnerInput, s.PartnerFields
    create_service = staticmethod(services.add_partner)


@extend_schema_view(
    create=extend_schema(summary="Add a factor that eases or hinders (stage 2).", request=s.FactorInput, responses=responses(s.FactorSerializer, 201)),
    partial_update=extend_schema(summary="Correct a factor (stage 2 open).", request=s.FactorFields, responses=responses(s.FactorSerializer)),
    destroy=extend_schema(summary="Delete a factor (stage 2 open).", responses=DELETED),
)
class FactorViewSet(ContentViewSet):
    """Technical and human factors that ease or hinder the project (stage 2)."""

    queryset = Factor.objects.select_related("engagement")
    serializer_class = s.FactorSerializer
    create_input, update_input = s.FactorInput, s.FactorFields
    create_service = staticmethod(services.add_factor)


@extend_schema_view(
    create=extend_schema(summary="Define the project's mission (stage 3).", request=s.MissionInput, responses=responses(s.MissionSerializer, 201)),
    partial_update=extend_schema(summary="Correct the mission (stage 3 open).", request=s.MissionFields, responses=responses(s.MissionSerializer)),
    destroy=extend_schema(summary="Delete the mission (stage 3 open).", responses=DELETED),
)
class MissionViewSet(ContentViewSet):
    """The project's mission and the values and aspirations it integrates (stage 3); marked
    complete at the end of monitoring (stage 7)."""

    queryset = Mission.objects.select_related("engagement")
    serializer_class = s.MissionSerializer
    create_input, update_input = s.MissionInput, s.MissionFields
    create_service = staticmethod(services.define_mission)

    @extend_schema(request=s.MissionCompleteInput, responses=responses(s.MissionSerializer))
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, id=None) -> Response:
        """Mark the mission complete, dated, with a closing note, once every milestone is
        reached or dropped after a check-in: monitoring (stage 7) is done with it."""
        mission = self.get_object()
        return self.run(s.MissionCompleteInput, services.complete_mission, engagement=mission.engagement)


@extend_schema_view(
    create=extend_schema(summary="Set a goal with its deadline (stage 4).", request=s.GoalInput, responses=responses(s.GoalSerializer, 201)),
    partial_update=extend_schema(
        summary="Correct a goal (stage 4 open); its deadline stays after its milestones.",
        request=s.GoalFields, responses=responses(s.GoalSerializer),
    ),
    destroy=extend_schema(summary="Delete a goal nothing depends on (stage 4 open).", responses=DELETED),
)
class GoalViewSet(ContentViewSet):
    """Quantitative and qualitative goals with their milestones (stage 4)."""

    queryset = Goal.objects.select_related("engagement", "follows").prefetch_related("milestones__owner", "milestones__goal")
    serializer_class = s.GoalSerializer
    create_input, update_input = s.GoalInput, s.GoalFields
    create_service = staticmethod(services.add_goal)


@extend_schema_view(
    create=extend_schema(summary="Break a goal into a milestone (stage 4).", request=s.MilestoneInput, responses=responses(s.MilestoneSerializer, 201)),
    partial_update=extend_schema(
        summary="Reschedule, retitle or reassign a milestone (its coach: stage 4 open or during monitoring); "
        "update its progress or status (its owner or coach).",
        request=s.MilestoneChangeInput, responses=responses(s.MilestoneSerializer),
    ),
    destroy=extend_schema(summary="Delete a milestone nothing depends on (stage 4 open).", responses=DELETED),
)
class MilestoneViewSet(ContentViewSet):
    """Milestones: the coach adds, reschedules and deletes them; their owner or the coach updates progress."""

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
    create_input, update_input = s.MilestoneInput, s.MilestoneChangeInput
    create_service = staticmethod(services.add_milestone)
    # A list serializes its rows as they are: only the columns it shows are read (the owner's
    # and the goal's public ids, not their whole rows).
    LIST_COLUMNS = (
        "id", "public_id", "title", "due_on", "status", "progress", "reached_at", "updated_at",
        "goal", "goal__public_id", "owner", "owner__public_id",
    )

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.only(*self.LIST_COLUMNS) if self.action == "list" else queryset

    def partial_update(self, request: Request, id=None) -> Response:
        return self.run(self.update_input, services.revise_milestone, partial=True, milestone=self.get_object())

    @extend_schema(request=s.GoalFields, responses=responses(s.GoalSerializer, 201))
    @action(detail=True, methods=["post"], url_path="next-goal", serializer_class=s.GoalSerializer)
    def next_goal(self, request: Request, id=None) -> Response:
        """Once this milestone is reached, set the next goal that follows it (monitoring)."""
        return self.run(s.GoalFields, services.set_next_goal, milestone=self.get_object(), status_code=201)


@extend_schema_view(
    create=extend_schema(summary="Add an activity flow with its owner (stage 4).", request=s.ActivityFlowInput, responses=responses(s.ActivityFlowSerializer, 201)),
    partial_update=extend_schema(summary="Correct an activity flow (stage 4 open).", request=s.ActivityFlowFields, responses=responses(s.ActivityFlowSerializer)),
    destroy=extend_schema(summary="Delete an activity flow (stage 4 open).", responses=DELETED),
)
class ActivityFlowViewSet(ContentViewSet):
    """The project's activity flows and who owns each (stage 4)."""

    queryset = ActivityFlow.objects.select_related("engagement", "owner", "goal")
    serializer_class = s.ActivityFlowSerializer
    create_input, update_input = s.ActivityFlowInput, s.ActivityFlowFields
    create_service = staticmethod(services.add_activity_flow)


@extend_schema_view(
    create=extend_schema(summary="Add a technical or human resource (stage 5).", request=s.ResourceInput, responses=responses(s.ResourceSerializer, 201)),
    partial_update=extend_schema(summary="Correct a resource (stage 5 open).", request=s.ResourceFields, responses=responses(s.ResourceSerializer)),
    destroy=extend_schema(summary="Delete a resource (stage 5 open).", responses=DELETED),
)
class ResourceViewSet(ContentViewSet):
    """The technical and human resources the project relies on (stage 5)."""

    queryset = Resource.objects.select_related("engagement")
    serializer_class = s.ResourceSerializer
    create_input, update_input = s.ResourceInput, s.ResourceFields
    create_service = staticmethod(services.add_resource)


@extend_schema_view(
    create=extend_schema(summary="Give a person a role and responsibilities (stage 5).", request=s.RoleInput, responses=responses(s.RoleSerializer, 201)),
    partial_update=extend_schema(summary="Correct a role (stage 5 open).", request=s.RoleFields, responses=responses(s.RoleSerializer)),
    destroy=extend_schema(summary="Delete a role (stage 5 open).", responses=DELETED),
)
class RoleViewSet(ContentViewSet):
    """Each person's role and responsibilities in the project (stage 5)."""

    queryset = Role.objects.select_related("engagement", "holder")
    serializer_class = s.RoleSerializer
    create_input, update_input = s.RoleInput, s.RoleFields
    create_service = staticmethod(services.assign_role)


@extend_schema_view(
    create=extend_schema(
        summary="Put an item on the personal or the project plan (stage 6), about the record of an earlier stage its kind names.",
        request=s.PlanItemInput, responses=responses(s.PlanItemSerializer, 201),
    ),
    partial_update=extend_schema(summary="Correct an item of the double action plan (stage 6 open).", request=s.PlanItemFields, responses=responses(s.PlanItemSerializer)),
    destroy=extend_schema(summary="Delete an item of the double action plan with no progress reported (stage 6 open).", responses=DELETED),
)
class PlanItemViewSet(VisibleViewSet):
    """Items of the double action plan (stage 6): personal or project, by category. They are
    action items: read them at /action-items/."""

    queryset = ActionItem.objects.filter(plan__kind__in=list(PLAN_CATEGORIES)).select_related(
        "plan", "owner", *(f"mpc_link__{name}" for name in ABOUT_MODEL)
    )
    serializer_class = s.PlanItemSerializer

    def create(self, request: Request) -> Response:
        return self.run(s.PlanItemInput, services.add_plan_item, status_code=201)

    def partial_update(self, request: Request, id=None) -> Response:
        return self.run(s.PlanItemFields, services.revise_plan_item, partial=True, item=self.get_object())

    def destroy(self, request: Request, id=None) -> Response:
        services.withdraw_plan_item(item=self.get_object(), by=request.user)
        return Response(status=204)


@extend_schema_view(
    create=extend_schema(summary="Record a check-in: indicator readings and milestone progress (stage 7).", request=s.CheckInInput, responses=responses(s.CheckInSerializer, 201)),
    partial_update=extend_schema(summary="Correct a check-in's date or notes (monitoring open).", request=s.CheckInFields, responses=responses(s.CheckInSerializer)),
    destroy=extend_schema(
        summary="Delete a check-in with its readings (monitoring open); refused once it recorded milestone progress.",
        responses=DELETED,
    ),
)
class CheckInViewSet(ContentViewSet):
    """Monitoring check-ins: indicator readings and milestone progress (stage 7)."""

    queryset = CheckIn.objects.select_related("engagement").prefetch_related(
        "readings__goal", "milestone_updates__milestone", "control_readings__indicator", "goal_ratings__goal"
    )
    serializer_class = s.CheckInSerializer
    create_input, update_input = s.CheckInInput, s.CheckInFields

    @staticmethod
    def create_service(*, readings, indicator_readings, ratings, milestone_progress, **kwargs) -> CheckIn:
        return services.record_check_in(
            readings=[services.Reading(**reading) for reading in readings],
            indicator_readings=[services.IndicatorValue(**value) for value in indicator_readings],
            ratings={entry["goal"]: entry["rating"] for entry in ratings},
            milestone_progress={entry["milestone"]: entry["progress"] for entry in milestone_progress},
            **kwargs,
        )


@extend_schema_view(
    create=extend_schema(
        summary="Put a measurable control indicator on the project plan (stage 6): unit, baseline, target, direction, due date.",
        request=s.IndicatorInput, responses=responses(s.ControlIndicatorSerializer, 201),
    ),
    partial_update=extend_schema(
        summary="Correct a control indicator (stage 6 open); its unit stays once read.",
        request=s.IndicatorFields, responses=responses(s.ControlIndicatorSerializer),
    ),
    destroy=extend_schema(summary="Delete a control indicator with no reading (stage 6 open), with its plan item.", responses=DELETED),
)
class ControlIndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    """The control indicators of the project plan (stage 6) and their readings (stage 7)."""

    queryset = ControlIndicator.objects.select_related("item__plan__engagement", "item__owner").prefetch_related("readings__check_in")
    serializer_class = s.ControlIndicatorSerializer
    filterset_fields = {"item__plan__engagement__public_id": ["exact"]}
    ordering = ["id"]

    def create(self, request: Request) -> Response:
        return self.run(s.IndicatorInput, services.add_control_indicator, status_code=201)

    def partial_update(self, request: Request, id=None) -> Response:
        return self.run(s.IndicatorFields, services.revise_control_indicator, partial=True, indicator=self.get_object())

    def destroy(self, request: Request, id=None) -> Response:
        return self.withdraw(services.withdraw_plan_item, item=self.get_object().item)


@extend_schema_view(
    create=extend_schema(
        summary="Read a control indicator on a day, in its unit (its owner or the coach, during monitoring).",
        request=s.ControlReadingInput, responses=responses(s.ControlReadingSerializer, 201),
    ),
    partial_update=extend_schema(summary="Correct a reading (the coach, monitoring open).", request=s.ControlReadingFields, responses=responses(s.ControlReadingSerializer)),
    destroy=extend_schema(summary="Delete a reading (the coach, monitoring open).", responses=DELETED),
)
class ControlReadingViewSet(ContentViewSet):
    """Readings of the control indicators, on their own or at a check-in (stage 7)."""

    queryset = ControlReading.objects.select_related("indicator__item__plan__engagement", "check_in")
    serializer_class = s.ControlReadingSerializer
    filterset_fields = {"indicator__item__plan__engagement__public_id": ["exact"], "indicator__public_id": ["exact"]}
    ordering = ["read_on", "id"]
    create_input, update_input = s.ControlReadingInput, s.ControlReadingFields
    create_service = staticmethod(services.record_reading)


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
