"""Where an audited act comes from. A middleware notes the request's address and
channel once; `record_event` reads it, so no service has to carry the request."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from kit.network import client_ip


@dataclass(frozen=True)
class Origin:
    ip_address: str | None
    channel: str  # page, api, admin, or system (tasks, commands, shell)


SYSTEM = Origin(ip_address=None, channel="system")
_origin: ContextVar[Origin] = ContextVar("audit_origin", default=SYSTEM)


def current_origin() -> Origin:
    return _origin.get()


def channel_of(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "page"


class AuditOriginMiddleware:
    """Note each request's address and channel for the audit rows it causes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The client's address through the trusted proxies only (TANDEM_TRUSTED_PROXIES):
        # an X-Forwarded-For the client wrote itself is never read.
        token = _origin.set(Origin(ip_address=client_ip(request), channel=channel_of(request.path)))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)
