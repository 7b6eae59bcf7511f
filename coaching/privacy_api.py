"""REST API v1 for the firm's data duties: a coachee's export and erasure."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coaching import privacy
from engagements.models import Coachee
from engagements.serializers import CoacheeSerializer
from kit.api import VisibleViewSet


class PrivacyViewSet(VisibleViewSet):
    """A coachee exports their own data; an admin exports or erases anyone's."""

    queryset = Coachee.objects.select_related("user", "organisation")
    serializer_class = CoacheeSerializer

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, id=None) -> Response:
        """Everything Tandem holds for the coachee that is theirs to see, as JSON."""
        return Response(privacy.export_coachee_data(coachee=self.get_object(), by=request.user))

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, id=None) -> Response:
        """Erase the coachee irreversibly (admins only; their engagements must be over)."""
        privacy.erase_coachee(coachee=self.get_object(), by=request.user)
        return Response(status=204)
