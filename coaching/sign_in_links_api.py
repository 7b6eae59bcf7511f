"""REST API v1: ask for a sign-in link by email (for a script or an app of the practice's
own), with the same answer for any address and the pages' rate limits."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coaching import sign_in_links
from kit.api import ErrorSerializer, StrictSerializer
from kit.network import client_ip


class SignInLinkRequestSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254, help_text="The address of the person who wants to sign in.")


class SignInLinkView(APIView):
    """Email a sign-in link to the client or sponsor contact with this address (an admin or
    coach gets a reminder to use their password). The answer is 202 whether or not anyone
    has the address; 429 past 10 requests an hour from one client address or 3 for one email."""

    permission_classes = [AllowAny]
    # Nothing to authenticate: whoever asks, the link only ever goes to the address's owner.
    authentication_classes = []

    @extend_schema(
        tags=["auth"],
        request=SignInLinkRequestSerializer,
        responses={
            202: OpenApiResponse(ErrorSerializer, description="Asked: if the address is a client's or sponsor contact's, a link is on its way."),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests from this address or for this email: try again in an hour."),
        },
    )
    def post(self, request: Request) -> Response:
        given = SignInLinkRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if not sign_in_links.ask_for_sign_in_link(email=given.validated_data["email"], client_address=client_ip(request)):
            return Response({"detail": sign_in_links.too_many()}, status=429)
        return Response(
            {"detail": sign_in_links.answer()},
            status=202,
        )
