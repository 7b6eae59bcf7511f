"""What every API view shares: the error shapes, the visibility gate, strict input."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from kit.errors import RuleBroken
from kit.text import CONTROL, SINGLE_LINE_MESSAGE
from kit.versions import StaleEdit, unchanged_since, version_of


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """A refused rule is a 409 naming it; a model validation error is a 400 by field."""
    if isinstance(exc, RuleBroken):
        set_rollback()
        return Response({"code": exc.code, "detail": exc.detail}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="The ETag you last read: the write is refused (412) if the object changed since.",
)
ErrorSerializer = inline_serializer("Error", {"detail": serializers.CharField()})
RuleBrokenSerializer = inline_serializer(
    "RuleBroken", {"code": serializers.CharField(), "detail": serializers.CharField()}
)
INVALID = OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input: messages by field.")
ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Not logged in."),
    403: OpenApiResponse(ErrorSerializer, description="Your role may not do this."),
    404: OpenApiResponse(ErrorSerializer, description="No such object within your scope (or no such page)."),
}
STALE = OpenApiResponse(ErrorSerializer, description="If-Match named a version that is no longer current.")
CONFLICT = OpenApiResponse(RuleBrokenSerializer, description="A domain rule refused the change; `code` names it.")


def allow_empty_query_values(result: dict, generator, request, public) -> dict:
    """Say what the filters do: an empty optional query value means "no filter"."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result


WRITES = ("POST", "PUT", "PATCH", "DELETE")


def decimal_pattern(field: serializers.DecimalField) -> str:
    """The strings a decimal field takes, as a regular expression: its digits before and
    after the point, and no sign when it takes no negative number."""
    places = field.decimal_places or 0
    whole = "+" if field.max_digits is None else f"{{1,{max(field.max_digits - places, 1)}}}"
    sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
    fraction = rf"(?:\.\d{{1,{places}}})?" if places else ""
    return rf"^{sign}\d{whole}{fraction}$"


# One-line text as a pattern (kit.text.CONTROL refused), for the contract's request bodies.
# One character at least: drf-spectacular offers "" separately where a field takes it.
SINGLE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]+$"


class TandemAutoSchema(AutoSchema):
    """Documents the errors every operation really answers, so clients (and schemathesis)
    can rely on the contract: 401/403/404 always, 400 on input, 409 on a refused rule,
    412 when If-Match names a stale version. Request bodies are documented as strictly
    as the code reads them: no unknown property, one-line text, decimals as written."""

    def _get_paginator(self):
        # Only list reads are paginated: a write that answers several rows (starting MPC
        # answers its seven stages) answers a plain list.
        return super()._get_paginator() if self.method == "GET" else None

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request" and isinstance(serializer, StrictSerializer):
            schema["additionalProperties"] = False  # StrictSerializer refuses unknown fields
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.DecimalField) and schema.get("format") == "decimal":
            schema["pattern"] = decimal_pattern(field)  # drf-spectacular's also takes "-" and "."
        elif direction == "request" and is_single_line(field) and schema.get("type") == "string" and "pattern" not in schema:
            schema["pattern"] = SINGLE_LINE_PATTERN
        return schema

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in WRITES and "{id}" in self.path:
            parameters.append(IF_MATCH)
        return parameters

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        errors = dict(ERRORS)
        if self.method != "GET" or self._is_list_view() or self.get_override_parameters():
            errors[400] = INVALID
        if self.method in WRITES:
            errors[409] = CONFLICT
            if "{id}" in self.path:
                errors[412] = STALE
        for code, response in errors.items():
            bodies.setdefault(str(code), self._get_response_for_code(response, str(code), direction=direction))
        return bodies


class UuidRefField(serializers.SlugRelatedField):
    """A reference by public UUID. Unlike DRF's related fields it refuses "" instead
    of reading it as null: the contract says uuid or null, nothing else."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("slug_field", "public_id")
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if data == "":
            raise serializers.ValidationError(_("Give an id, or null."))
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class PublicIdField(UuidRefField):
    """A reference resolved only within what the caller may see, so an id out of scope
    is as unknown as one that does not exist."""

    def __init__(self, model, **kwargs) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.visible_to(request.user)


class UuidRefFieldExtension(OpenApiSerializerFieldExtension):
    target_class = UuidRefField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return build_basic_type(OpenApiTypes.UUID)


# The JSON type each kind of field takes, as the schema promises it; DRF alone would
# also accept 5 for "5" or "true" for true.
JSON_TYPES: list[tuple[type, tuple[type, ...], Any]] = [
    (serializers.BooleanField, (bool,), gettext_lazy("Must be true or false.")),
    (serializers.IntegerField, (int,), gettext_lazy("Must be a whole number.")),
    (serializers.CharField, (str,), gettext_lazy("Must be a string.")),
    (serializers.ChoiceField, (str,), gettext_lazy("Must be a string.")),
    (serializers.DecimalField, (str,), gettext_lazy("Must be a decimal number written as a string.")),
    (serializers.DateField, (str,), gettext_lazy("Must be a date (YYYY-MM-DD).")),
    (serializers.DateTimeField, (str,), gettext_lazy("Must be a date-time (ISO 8601).")),
]


def json_type_error(field: serializers.Field, value: Any) -> str | None:
    """Why `value` is not of the JSON type `field` takes, or None if it is."""
    if value is None:
        return None
    for field_class, types, message in JSON_TYPES:
        if isinstance(field, field_class):
            wrong_bool = isinstance(value, bool) and bool not in types
            return None if isinstance(value, types) and not wrong_bool else str(message)
    return None


def is_single_line(field: serializers.Field) -> bool:
    """A text field of one line: the API's CharFields with a length limit (model CharFields;
    multi-line text, as TextFields, has none)."""
    return isinstance(field, serializers.CharField) and field.max_length is not None


def text_error(field: serializers.Field, value: Any) -> str | None:
    """Why `value` does not fit a one-line `field` or a decimal one, or None if it does."""
    if is_single_line(field) and isinstance(value, str) and CONTROL.search(value):
        return str(SINGLE_LINE_MESSAGE)
    if isinstance(field, serializers.DecimalField) and isinstance(value, str):
        if not re.fullmatch(decimal_pattern(field), value):
            return _("Write a decimal number like 12.50, matching %(pattern)s.") % {"pattern": decimal_pattern(field)}
    return None


class StrictSerializer(serializers.Serializer):
    """Refuses unknown fields, values of the wrong JSON type and control characters in
    one-line text instead of guessing."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            writable = {name: field for name, field in self.fields.items() if not field.read_only}
            errors = {name: [_("Unknown field.")] for name in sorted(set(data) - set(writable))}
            for name, field in writable.items():
                if name in data and (problem := json_type_error(field, data[name]) or text_error(field, data[name])):
                    errors[name] = [problem]
            if errors:
                raise exceptions.ValidationError(errors)
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    pass


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("Someone changed this meanwhile: fetch it again, then apply your change to the new version.")
    default_code = "precondition_failed"


class VisibleViewSet(viewsets.GenericViewSet):
    """Looks objects up by public UUID through the model's `visible_to(user)` gate, and
    refuses a write whose If-Match names a version that is no longer current."""

    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_converter = "uuid"

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return super().dispatch(request, *args, **kwargs)
        # One transaction per write, so the version check and the change are one act.
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        obj = super().get_object()
        expected = self.request.headers.get("If-Match")
        if self.request.method not in ("GET", "HEAD") and expected:
            # The lock is held until this request's transaction (see dispatch) ends.
            try:
                with unchanged_since(obj, expected) as current:
                    return current
            except StaleEdit as stale:
                raise PreconditionFailed() from stale
        return obj

    def get_serializer(self, *args, **kwargs):
        if args and not kwargs.get("many"):
            self.shown_etag = version_of(args[0])
        return super().get_serializer(*args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "shown_etag", None) and 200 <= response.status_code < 300:
            response["ETag"] = self.shown_etag
        return response

    def run(
        self, serializer_class, service, *, status_code: int = 200, present=None, partial: bool = False, **extra
    ) -> Response:
        """Validate the body with `serializer_class` (`partial`: any of its fields, as a
        PATCH gives them), make one service call, and answer with this view's shape of its
        result (or of `present(result)`)."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), partial=partial)
        serializer.is_valid(raise_exception=True)
        result = service(**serializer.validated_data, **extra, by=self.request.user)
        shown = present(result) if present else result
        return Response(self.get_serializer(shown).data, status=status_code)

    def withdraw(self, service, **extra) -> Response:
        """Make one service call that deletes, and answer 204."""
        service(**extra, by=self.request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
