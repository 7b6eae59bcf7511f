"""POST /api/v1/engagements/: opening an engagement spans the apps (new clients, MPC's
stages), so the project's glue adds `create` to the engagements' viewset."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from coaching import intake
from engagements import api
from engagements import serializers as s


class EngagementViewSet(api.EngagementViewSet):
    @extend_schema(request=s.EngagementCreateSerializer, responses=api.responses(s.EngagementSerializer, 201))
    def create(self, request: Request) -> Response:
        """Open an engagement for returning clients and new ones (each registered and
        invited); more than one person makes it team coaching; with MPC its seven stages
        are laid out at once."""
        given = s.EngagementCreateSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        engagement = intake.start_engagement(
            by=request.user,
            coachees=data.pop("coachees"),
            newcomers=[intake.Newcomer(**person) for person in data.pop("newcomers")],
            **data,
        )
        return Response(self.get_serializer(self.answer(engagement)).data, status=201)
