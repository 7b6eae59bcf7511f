"""REST API v1 for a person's own language."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coaching.languages import choose_language
from kit.api import StrictSerializer


class LanguageSerializer(StrictSerializer):
    """The language Tandem speaks to you."""

    language = serializers.ChoiceField(
        choices=[("", gettext_lazy("Follow the browser")), *settings.LANGUAGES],
        allow_blank=True,
        help_text='The language Tandem speaks to you, in pages, API messages and emails: "en", "fr", '
        'or "" to follow your browser (Accept-Language; English when it asks for none Tandem speaks).',
    )


@extend_schema(tags=["auth"])
class LanguageView(APIView):
    """Your own language: English, French, or your browser's."""

    @extend_schema(responses={200: LanguageSerializer})
    def get(self, request: Request) -> Response:
        return Response(LanguageSerializer(request.user).data)

    @extend_schema(request=LanguageSerializer, responses={200: LanguageSerializer})
    def put(self, request: Request) -> Response:
        """Choose the language Tandem speaks to you."""
        given = LanguageSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        user = choose_language(user=request.user, by=request.user, **given.validated_data)
        return Response(LanguageSerializer(user).data)
