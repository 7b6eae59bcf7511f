"""REST API v1 for GROW sessions: schedule, hold, call off, agree actions, private notes."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from engagements.api import responses
from engagements.models import ActionItem
from engagements.serializers import ActionItemSerializer
from engagements.services import record_view
from kit.api import VisibleViewSet
from kit.filters import StrictFilterSet, UtcDateTimeFilter
from sessions_grow import serializers as s
from sessions_grow import services
from sessions_grow.models import CoachingSession


class SessionFilter(StrictFilterSet):
    engagement = django_filters.UUIDFilter(field_name="engagement__public_id")
    scheduled_after = UtcDateTimeFilter(field_name="scheduled_at", lookup_expr="gte")
    scheduled_before = UtcDateTimeFilter(field_name="scheduled_at", lookup_expr="lte")

    class Meta:
        model = CoachingSession
        fields = ["status", "engagement"]


class CoachingSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    queryset = CoachingSession.objects.select_related("engagement").prefetch_related(
        "private_notes", Prefetch("agreed_items", queryset=ActionItem.objects.select_related("plan", "owner"))
    )
    serializer_class = s.CoachingSessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ["scheduled_at", "number"]
    ordering = ["scheduled_at", "id"]

    def retrieve(self, request: Request, id=None) -> Response:
        session = self.get_object()
        record_view(engagement=session.engagement, by=request.user, subject=f"session {session.number} (API)")
        return Response(self.get_serializer(session).data)

    @extend_schema(request=s.ScheduleSerializer, responses=responses(s.CoachingSessionSerializer, 201))
    def create(self, request: Request) -> Response:
        """Schedule the next numbered session of an active engagement."""
        return self.run(s.ScheduleSerializer, services.schedule_session, status_code=201)

    @extend_schema(request=s.GrowRecordSerializer, responses=responses(s.CoachingSessionSerializer))
    def partial_update(self, request: Request, id=None) -> Response:
        """Amend a held session's GROW record or share its summary."""
        return self.run(s.GrowRecordSerializer, services.update_session_record, session=self.get_object())

    @extend_schema(request=s.HoldSerializer, responses=responses(s.CoachingSessionSerializer))
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, id=None) -> Response:
        """Record the session as held with its four GROW stages and duration."""
        return self.run(s.HoldSerializer, services.hold_session, session=self.get_object())

    @extend_schema(request=s.RescheduleSerializer, responses=responses(s.CoachingSessionSerializer))
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, id=None) -> Response:
        """Move a scheduled session, saying why; its coachees are emailed the new time."""
        return self.run(s.RescheduleSerializer, services.reschedule_session, session=self.get_object())

    @extend_schema(request=s.CallOffSerializer, responses=responses(s.CoachingSessionSerializer))
    @action(detail=True, methods=["post"], url_path="call-off")
    def call_off(self, request: Request, id=None) -> Response:
        """Cancel the session, or record that the client did not come."""
        return self.run(s.CallOffSerializer, services.call_off_session, session=self.get_object())

    @extend_schema(request=s.AgreeActionSerializer, responses=responses(ActionItemSerializer, 201))
    @action(detail=True, methods=["post"], serializer_class=ActionItemSerializer)
    def actions(self, request: Request, id=None) -> Response:
        """Agree an action in the Will stage; it lands on the engagement's action plan."""
        return self.run(s.AgreeActionSerializer, services.agree_action, session=self.get_object(), status_code=201)

    @extend_schema(request=s.PrivateNoteSerializer, responses=responses(s.CoachingSessionSerializer))
    @action(detail=True, methods=["put"], url_path="private-note")
    def private_note(self, request: Request, id=None) -> Response:
        """Write your private note on the session; only you will ever read it."""
        session = self.get_object()
        return self.run(s.PrivateNoteSerializer, services.write_private_note, session=session, present=lambda note: self.get_queryset().get(pk=session.pk))
