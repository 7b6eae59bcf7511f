"""Settings come from the environment: nothing set means SQLite and no server."""

import os
import re
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


def test_the_embedded_default_migrates_and_loads_the_demo_on_sqlite(tmp_path):
    """What `./tandem run` does first, on a fresh SQLite file: every migration runs there too
    (PostgreSQL-only operations are wrapped, kit/operations.py)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "EMAIL_"))}
    env = {**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'tandem.sqlite3'}"}
    for command in (["migrate", "--no-input"], ["load_demo"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]


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


def variables_read() -> set[str]:
    """The variables the settings read and the ones the compose file interpolates."""
    settings_source = (ROOT / "coaching" / "settings.py").read_text()
    readers = r'(?:env\.\w+|strict_bool|int_in|positive_ints|one_of)\(\s*"([A-Z][A-Z0-9_]*)"'
    compose = re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "docker-compose.yml").read_text())
    return set(re.findall(readers, settings_source)) | set(compose)


def test_every_variable_read_is_in_the_readmes_configuration_table():
    table = (ROOT / "README.md").read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]

    missing = sorted(name for name in variables_read() if f"| `{name}` |" not in table)

    assert "LOG_FORMAT" in variables_read() and "BACKUP_KEEP" in variables_read()
    assert missing == []


@pytest.mark.parametrize("name", ["LOG_FORMAT", "LOG_LEVEL", "SENTRY_DSN", "SENTRY_ENVIRONMENT", "BACKUP_KEEP", "BACKUP_INTERVAL_SECONDS", "REMINDER_SCAN_SECONDS"])
def test_the_operators_guide_explains_each_operations_variable(name):
    assert f"`{name}`" in (ROOT / "docs" / "operations.md").read_text()


def starts_with(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import coaching.settings in a clean process with `env` added."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TANDEM_"))}
    return subprocess.run(
        [sys.executable, "-c", "import coaching.settings"], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("value", ["10.0.0.1/8", "proxy.internal", "10.0.0.0/8;127.0.0.1"])
def test_a_malformed_trusted_proxy_list_stops_start_up(value):
    done = starts_with({"TANDEM_TRUSTED_PROXIES": value})

    assert done.returncode != 0 and "TANDEM_TRUSTED_PROXIES" in done.stderr


def test_trusted_proxies_are_read_as_networks():
    assert settings_under({"TANDEM_TRUSTED_PROXIES": "10.0.0.0/8, ::1"}, "[str(n) for n in s.TANDEM_TRUSTED_PROXIES]") == "['10.0.0.0/8', '::1/128']"


def test_every_tandem_variable_the_settings_read_is_documented_in_the_readme():
    read = set(re.findall(r'"((?:TANDEM|DJANGO|REMINDER)_[A-Z0-9_]+)"', (ROOT / "coaching" / "settings.py").read_text()))
    readme = (ROOT / "README.md").read_text()

    assert sorted(name for name in read if f"`{name}`" not in readme) == []
