"""Optional error reporting through the Sentry client, started by the settings only when
SENTRY_DSN is set. Coaching records are confidential: an event carries the error, its
stack and the request's method and URL, and nothing else (no body, query, headers,
cookies, user or local variables)."""

from __future__ import annotations

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

KEPT_REQUEST_FIELDS = ("method", "url")


def strip_event(event: dict, hint: dict) -> dict:
    """Keep only the method and URL (without query string) of the request an event was raised in."""
    if request := event.get("request"):
        event["request"] = {field: request[field] for field in KEPT_REQUEST_FIELDS if field in request}
    event.pop("user", None)
    return event


def sentry_options(*, dsn: str, environment: str) -> dict:
    """The client's options: errors only, no personal data, no request bodies."""
    return {
        "dsn": dsn,
        "environment": environment,
        "integrations": [DjangoIntegration(), CeleryIntegration()],
        "send_default_pii": False,  # no user, IP address or cookies
        "max_request_body_size": "never",  # request bodies are coaching content
        "include_local_variables": False,  # a frame's variables may hold content too
        "traces_sample_rate": 0.0,  # errors only, no performance tracing
        "before_send": strip_event,
    }


def start_error_reporting(*, dsn: str, environment: str) -> None:
    """Start the Sentry client (the settings call this when SENTRY_DSN is set)."""
    sentry_sdk.init(**sentry_options(dsn=dsn, environment=environment))
