"""Helpers of the backup and restore tests: ops/ scripts run against the test database, and what
Tandem serves of a practice, read through its API by a few of its people (the restore drill
reads it from the original database and, in another process, from the restored one)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from django.db import connection
from rest_framework.test import APIClient

from engagements.models import User

PATHS = (
    "/api/v1/engagements/",
    "/api/v1/sessions/",
    "/api/v1/action-plans/",
    "/api/v1/action-items/",
    "/api/v1/objectives/",
    "/api/v1/mpc/milestones/",
    "/api/v1/coaches/",
)
OPS = Path(__file__).parents[2] / "ops"


def libpq_env() -> dict[str, str]:
    """libpq's variables naming the test database, as the compose file names the real one."""
    db = connection.settings_dict
    named = {"PGHOST": db["HOST"], "PGPORT": str(db["PORT"] or 5432), "PGUSER": db["USER"], "PGDATABASE": db["NAME"]}
    return {**named, "PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else named


def ops(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run one of the ops/ scripts, as the compose file's `backup` service does."""
    return subprocess.run(
        ["sh", str(OPS / script), *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )


# The admin, a coach and a coachee of `manage.py generate_practice`.
PEOPLE = ("admin", "coach0000", "coachee000001")


def served() -> dict[str, list]:
    """Each person's first page of each list, with its status: {"person path": [status, body]}."""
    answers = {}
    for username in PEOPLE:
        client = APIClient()
        client.force_authenticate(User.objects.get(username=username))
        for path in PATHS:
            response = client.get(path)
            answers[f"{username} {path}"] = [response.status_code, response.json()]
    return answers
