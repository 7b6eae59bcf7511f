"""The floors bench/throughput.py measures Tandem against, served only with
TANDEM_BENCH_VIEWS=true: a bare JSON answer behind the full middleware stack, and the same
answer from a bare API view behind the API's own authentication and permission."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


def bare(request: HttpRequest) -> JsonResponse:
    """What a request costs the framework alone. Asked with a session cookie, the stack
    does its signed-in work first (session, user, second factor), as for any page."""
    return JsonResponse({"status": "ok", "signed_in": request.user.is_authenticated})


class BareApi(APIView):
    """What an API request costs before any of Tandem's own work: DRF with the API's
    authentication (a token) and permission (signed in)."""

    schema = None  # not part of the API contract

    def get(self, request: Request) -> Response:
        return Response({"status": "ok", "signed_in": request.user.is_authenticated})
