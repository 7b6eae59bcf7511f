"""The restore drill: a practice is dumped by ops/backup.sh and restored by ops/restore.sh into
a fresh database, exactly as docs/operations.md tells an operator to; Tandem pointed at the
restored database serves the same engagements, sessions, plans and milestones, and finds no
migration missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from coaching.generate import Scale, generate_practice
from tests.operations.drill import libpq_env, ops, served

ROOT = Path(__file__).parents[2]
SERVE = "import json, django; django.setup(); from tests.operations.drill import served; print(json.dumps(served()))"


@pytest.fixture
def restored_name(needs_postgres):
    """A database name for the restore, dropped again afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    dropdb = ["dropdb", "--if-exists", "--maintenance-db=postgres", name]
    subprocess.run(dropdb, env={**os.environ, **libpq_env()}, check=True)
    yield name
    subprocess.run(dropdb, env={**os.environ, **libpq_env()}, check=True)


def tandem_on(database: str, *args: str) -> subprocess.CompletedProcess:
    """Run Tandem's Python in a process of its own, on another database of the same server."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{database}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": "coaching.settings", "DATABASE_URL": url},
        capture_output=True, text=True, timeout=300,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # committed, so that pg_dump sees the practice
def test_a_restored_backup_serves_the_same_practice(restored_name, tmp_path):
    generate_practice(scale=Scale(coaches=2, coachees=12, milestones=40, due=4, seed=19), today=date(2026, 11, 2))
    before = served()

    dumped = ops("backup.sh", BACKUP_DIR=str(tmp_path), **libpq_env())
    (dump,) = tmp_path.iterdir()
    restored = ops("restore.sh", str(dump), restored_name, **libpq_env())
    check = tandem_on(restored_name, "manage.py", "migrate", "--check")
    after = tandem_on(restored_name, "-c", SERVE)

    assert dumped.returncode == 0, dumped.stderr
    assert restored.returncode == 0, restored.stderr
    assert check.returncode == 0, check.stdout + check.stderr
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout.strip().splitlines()[-1]) == before
    assert all(status == 200 and body["count"] > 0 for status, body in before.values())
    assert before["admin /api/v1/engagements/"][1]["count"] == 12


def test_restore_refuses_to_overwrite_an_existing_database(needs_postgres, tmp_path):
    dumped = ops("backup.sh", BACKUP_DIR=str(tmp_path), **libpq_env())
    (dump,) = tmp_path.iterdir()

    refused = ops("restore.sh", str(dump), connection.settings_dict["NAME"], **libpq_env())

    assert dumped.returncode == 0 and refused.returncode != 0
    assert "already exists" in refused.stderr
