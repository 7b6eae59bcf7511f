"""Settings come from the environment: nothing set means SQLite and no server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def settings_under(env: dict[str, str], expr: str) -> str:
    """Evaluate `expr` against coaching.settings imported in a clean process with `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "EMAIL_"))}
    code = f"import coaching.settings as s; print({expr})"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_nothing_set_runs_on_sqlite_and_a_serverless_broker():
    assert settings_under({}, "s.DATABASES['default']['ENGINE']") == "django.db.backends.sqlite3"
    assert settings_under({}, "s.CELERY_BROKER_URL").startswith("sqla+sqlite:///")
    assert "console" in settings_under({}, "s.MAILERS['default']['BACKEND']")


def test_database_url_points_at_postgres_with_persistent_connections():
    env = {"DATABASE_URL": "postgres://u:p@db.example:5432/tandem"}

    engine = settings_under(env, "s.DATABASES['default']['ENGINE']")
    max_age = settings_under(env, "s.DATABASES['default']['CONN_MAX_AGE']")

    assert engine == "django.db.backends.postgresql"
    assert int(max_age) == 60


def test_redis_url_becomes_the_broker():
    assert settings_under({"REDIS_URL": "redis://cache:6379/3"}, "s.CELERY_BROKER_URL") == "redis://cache:6379/3"


def test_production_refuses_to_start_without_a_secret_key():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    done = subprocess.run(
        [sys.executable, "-c", "import coaching.settings"],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "false"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr


def test_a_malformed_boolean_is_refused_not_guessed():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    done = subprocess.run(
        [sys.executable, "-c", "import coaching.settings"],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "maybe"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0


@pytest.mark.parametrize("name", ["DATABASE_URL", "REDIS_URL"])
def test_every_variable_is_documented_in_the_readme(name):
    readme = (ROOT / "README.md").read_text()
    for variable in [name, "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "EMAIL_URL", "TANDEM_SITE_URL"]:
        assert f"`{variable}`" in readme, variable
