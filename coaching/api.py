"""What every API view shares: the error shapes, the visibility gate, strict input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from engagements.services import RuleBroken


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """A refused rule is a 409 naming it; a model validation error is a 400 by field."""
    if isinstance(exc, RuleBroken):
        set_rollback()
        return Response({"code": exc.code, "detail": exc.detail}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


ErrorSerializer = inline_serializer("Error", {"detail": serializers.CharField()})
RuleBrokenSerializer = inline_serializer(
    "RuleBroken", {"code": serializers.CharField(), "detail": serializers.CharField()}
)
ERRORS = {
    400: OpenApiResponse(description="Invalid input, by field."),
    401: OpenApiResponse(ErrorSerializer, description="Not logged in."),
    403: OpenApiResponse(ErrorSerializer, description="Your role may not do this."),
    404: OpenApiResponse(ErrorSerializer, description="No such object within your scope."),
}
CONFLICT = {409: OpenApiResponse(RuleBrokenSerializer, description="A domain rule refused the change.")}


class PublicIdField(serializers.SlugRelatedField):
    """A reference by public UUID, resolved only within what the caller may see, so an
    id out of scope is as unknown as one that does not exist."""

    def __init__(self, model, **kwargs) -> None:
        self.model = model
        super().__init__(slug_field="public_id", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.visible_to(request.user)


class PublicIdFieldExtension(OpenApiSerializerFieldExtension):
    target_class = PublicIdField

    def map_serializer_field(self, auto_schema, direction):
        return build_basic_type(OpenApiTypes.UUID)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know instead of silently dropping them."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            if unknown := sorted(set(data) - writable):
                raise exceptions.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    pass


class VisibleViewSet(viewsets.GenericViewSet):
    """Looks objects up by public UUID through the model's `visible_to(user)` gate."""

    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_converter = "uuid"

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def run(self, serializer_class, service, *, status_code: int = 200, present=None, **extra) -> Response:
        """Validate the body with `serializer_class`, make one service call, and answer
        with this view's shape of its result (or of `present(result)`)."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        result = service(**serializer.validated_data, **extra, by=self.request.user)
        shown = present(result) if present else result
        return Response(self.get_serializer(shown).data, status=status_code)
