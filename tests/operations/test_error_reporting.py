"""Error reporting is off unless SENTRY_DSN is set; when on, an error's event carries the
exception and the request's method and URL, and nothing the request or the database held:
no body, query string, cookie, header, user or local variable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
MARKER = "confidential-7f3a9c"

# Runs in a clean process: the Sentry client patches Django globally once started.
SCRIPT = """
import json, os
from io import BytesIO
from wsgiref.util import setup_testing_defaults

import django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport
from django.db import connection
from django.test import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from coaching.wsgi import application

MARKER = os.environ["MARKER"]
events = []


class Keep(Transport):
    def capture_envelope(self, envelope):
        events.extend(item.payload.json for item in envelope.items if item.type == "event")


@csrf_exempt
def boom(request):
    secret_local = MARKER
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s", [secret_local])
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom)]
client = sentry_sdk.get_client()
if client.is_active():
    client.transport = Keep(client.options)
    body = f"note={MARKER}".encode()
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/boom/", "QUERY_STRING": f"q={MARKER}",
        "HTTP_HOST": "testserver", "HTTP_COOKIE": f"c={MARKER}", "HTTP_X_NOTE": MARKER,
        "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": BytesIO(body),
    }
    setup_testing_defaults(environ)
    with override_settings(ROOT_URLCONF=__name__):
        application(environ, lambda status, headers: None)  # as gunicorn calls it
    sentry_sdk.flush()
print(json.dumps({"active": client.is_active(), "events": events}))
"""


def run(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "SENTRY_"))}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": "coaching.settings", "DATABASE_URL": "sqlite://:memory:", "MARKER": MARKER, **env},
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_error_reporting_is_off_without_a_dsn():
    assert run() == {"active": False, "events": []}


def test_a_reported_error_carries_no_request_content_and_no_personal_data():
    result = run(SENTRY_DSN="http://public@127.0.0.1:9/1")  # events are kept in the process, never sent

    assert result["active"] is True
    (event,) = result["events"]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["request"] == {"method": "POST", "url": "http://testserver/boom/"}
    assert "user" not in event
    assert MARKER not in json.dumps(event)
