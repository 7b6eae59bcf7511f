"""REST API v1 for API tokens: issue one with a verified login, list and revoke your own."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coaching import tokens
from coaching.models import ApiToken
from coaching.two_factor import TwoFactorAuthTokenSerializer
from kit.api import VisibleViewSet


class ApiTokenSerializer(serializers.ModelSerializer):
    """A token as its owner sees it listed: never its key, which is shown once at issue."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    current = serializers.SerializerMethodField(help_text="Whether this request was made with this token.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "expiry", "current"]
        read_only_fields = fields

    def get_current(self, token: ApiToken) -> bool:
        return getattr(self.context["request"], "auth", None) == token


class IssuedTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="Send it as `Authorization: Token <token>`; shown only now.")

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]
        read_only_fields = fields


class TokenView(APIView):
    """Exchange a username and password for a new API token (`Authorization: Token …`);
    a user with two-factor login on must also give a current code in `otp`."""

    permission_classes = [AllowAny]

    @extend_schema(tags=["auth"], request=TwoFactorAuthTokenSerializer, responses={200: IssuedTokenSerializer})
    def post(self, request: Request) -> Response:
        given = TwoFactorAuthTokenSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        token, key = tokens.issue_token(**given.validated_data)
        token.token = key
        return Response(IssuedTokenSerializer(token, context={"request": request}).data)


@extend_schema(tags=["auth"])
class ApiTokenViewSet(mixins.ListModelMixin, VisibleViewSet):
    """Your own API tokens: list them, revoke one (the one in use included)."""

    queryset = ApiToken.objects.all()
    serializer_class = ApiTokenSerializer
    ordering = ["-created"]

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, id=None) -> Response:
        """Revoke the token: it no longer opens the API."""
        tokens.revoke_token(token=self.get_object(), by=request.user)
        return Response(status=204)
