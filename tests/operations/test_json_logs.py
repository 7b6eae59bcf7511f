"""In production each log line is one JSON object carrying the id of the request (or Celery
task) it was written for and the user's id, and never what the request carried."""

from __future__ import annotations

import io
import json
import logging
import uuid

import pytest

from coaching.celery import app
from coaching.logs import JsonFormatter, RequestContextFilter
from tests.conftest import client_for as api_client_for
from tests.pages.conftest import client_for
from tests.project.test_settings import settings_under

MARKER = "confidential-7f3a9c"


@pytest.fixture
def log_lines():
    """The lines the production handler (JSON formatter, context filter) writes meanwhile, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    logging.getLogger().addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


@app.task(name="tests.log_from_a_task")
def log_from_a_task() -> None:
    logging.getLogger("tests").warning("written inside a task")


def test_a_page_logs_its_request_id_and_user_id_and_not_its_query(alice, log_lines):
    response = client_for(alice).get(f"/engagements/{uuid.uuid4()}/?q={MARKER}")

    (line,) = [line for line in log_lines() if line["logger"] == "django.request"]
    assert response.status_code == 404
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32
    assert (line["user_id"], line["status_code"], line["level"]) == (alice.pk, 404, "WARNING")
    assert line["message"].startswith("Not Found: /engagements/")
    assert MARKER not in json.dumps(log_lines())


def test_an_api_call_logs_the_token_users_id_and_not_the_body(alice, log_lines):
    response = api_client_for(alice).post("/api/v1/engagements/", {"title": MARKER}, format="json")

    (line,) = [line for line in log_lines() if line["logger"] == "django.request"]
    assert response.status_code == 400
    assert (line["user_id"], line["status_code"]) == (alice.pk, 400)
    assert MARKER not in json.dumps(log_lines())


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(alice, log_lines):
    kept = client_for(alice).get("/nowhere/", HTTP_X_REQUEST_ID="proxy-1234abcd")
    replaced = client_for(alice).get("/nowhere/", HTTP_X_REQUEST_ID='x" injected')

    assert kept["X-Request-ID"] == "proxy-1234abcd"
    assert replaced["X-Request-ID"] != 'x" injected' and len(replaced["X-Request-ID"]) == 32
    logged = [line["request_id"] for line in log_lines() if line["logger"] == "django.request"]
    assert logged == ["proxy-1234abcd", replaced["X-Request-ID"]]


def test_a_line_written_in_a_celery_task_carries_the_task_id(log_lines):
    result = log_from_a_task.apply()

    (line,) = [line for line in log_lines() if line["logger"] == "tests"]
    assert line["task_id"] == result.id and "request_id" not in line


def test_an_exception_is_logged_with_its_traceback_in_the_same_line(log_lines):
    try:
        raise ValueError("out of range")
    except ValueError:
        logging.getLogger("tests").exception("could not do it")

    (line,) = log_lines()
    assert line["message"] == "could not do it"
    assert line["exception"].startswith("Traceback") and "ValueError: out of range" in line["exception"]


def test_production_logs_json_and_development_text_unless_told():
    production = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50}
    formatter = "s.LOGGING['handlers']['console']['formatter']"

    assert settings_under(production, formatter) == "json"
    assert settings_under({}, formatter) == "text"
    assert settings_under({**production, "LOG_FORMAT": "text"}, formatter) == "text"


def test_a_log_format_that_is_neither_text_nor_json_stops_start_up():
    with pytest.raises(AssertionError, match="LOG_FORMAT='xml': use one of text, json"):
        settings_under({"LOG_FORMAT": "xml"}, "s.LOG_FORMAT")
