"""Refuse oversized request bodies before anything reads them; count requests against
rate limits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language_from_request, override
from django.utils.translation import gettext as _

from coaching.models import ThrottleHit


class RequestSizeLimitMiddleware:
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE. Django checks this only when
    request.body is read; DRF's parsers read the stream, so the check happens here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length < 0 or (limit is not None and length > limit):
            detail = _refusal(request, length=length, limit=limit)
            status = 413 if length > 0 else 400
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": detail}, status=status)
            return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _refusal(request: HttpRequest, *, length: int, limit: int | None) -> str:
    """Why the body is refused, in the client's language: this runs before LocaleMiddleware
    has chosen it."""
    with override(get_language_from_request(request)):
        if length > 0:
            return _("The request body is larger than %(size)s KiB.") % {"size": (limit or 0) // 1024}
        return _("Bad Content-Length.")


def allow(*, scope: str, key: str, limit: int, window: timedelta) -> bool:
    """Count one request for `key` under `scope`; False (not counted) once `limit`
    requests were counted within `window`. Keys are kept only as a keyed hash."""
    now = timezone.now()
    digest = salted_hmac(f"tandem.limits.{scope}", key.strip().lower(), algorithm="sha256").hexdigest()
    hits = ThrottleHit.objects.filter(scope=scope, key_digest=digest)
    hits.filter(at__lt=now - window).delete()  # what has aged out counts no more
    if hits.count() >= limit:
        return False
    ThrottleHit.objects.create(scope=scope, key_digest=digest, at=now)
    return True
