"""Logs an operator can search: one JSON object per line (LOG_FORMAT=json, the production
default), each line carrying the id of the request or Celery task it was written for and the
id of the user. Only named fields reach a line: never a request's body, headers or query, nor
whatever a caller passed in `extra` (Django passes the whole request there)."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from celery import current_task
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's request id is kept only if it looks like one: it is copied into every log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
FIELDS = ("request_id", "user_id", "task_id", "status_code")

_request: ContextVar[HttpRequest | None] = ContextVar("tandem_request", default=None)


class RequestIdMiddleware:
    """Give each request an id (the proxy's X-Request-ID when sane, else a new one), let every log
    line written while serving it carry that id, and answer it in X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def user_id_of(request: object) -> int | None:
    """The id of the request's user when already known: a log line never queries the database."""
    user = getattr(request, "__dict__", {}).get("user")  # DRF puts its authenticated user there too
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:  # nobody asked who it is yet
            return None
        user = user._wrapped
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestContextFilter(logging.Filter):
    """Adds request_id and user_id (of the request being served) and task_id (of the Celery task
    being run) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs some responses after the middleware returned, passing the request along.
        request = getattr(record, "request", None) or _request.get()
        record.request_id = getattr(request, "request_id", None)
        record.user_id = user_id_of(request)
        record.task_id = current_task.request.id if current_task else None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the ids, and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= {name: value for name in FIELDS if (value := getattr(record, name, None)) is not None}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
