"""What no cache may keep: answers to a signed-in person, and every API answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


def is_private(request: HttpRequest) -> bool:
    """Whether the answer is someone's own: a signed-in person's (by session or, once DRF
    has read it, by token) or the API's."""
    user = getattr(request, "user", None)  # absent for static files served before auth
    return request.path_info.startswith("/api/") or bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and no-cache, private) on private answers: a shared
    proxy or the browser's disk must not keep a client's file, portal or export."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)
        return response
