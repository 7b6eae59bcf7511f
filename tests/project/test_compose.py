"""Docker cannot run here, so the production shape is checked by reading the file."""

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())
APP_SERVICES = ("web", "worker", "beat")


def test_compose_has_the_production_services():
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(COMPOSE["services"])


def test_every_long_running_service_has_a_health_check():
    for name in ("postgres", "redis", *APP_SERVICES, "backup"):
        assert "healthcheck" in COMPOSE["services"][name], name


def test_app_services_share_the_environment_the_settings_read():
    for name in APP_SERVICES:
        env = COMPOSE["services"][name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DJANGO_DEBUG"] == "false"
        assert "DJANGO_SECRET_KEY" in env


def test_exactly_one_beat_runs():
    beat = COMPOSE["services"]["beat"]
    assert beat["deploy"]["replicas"] == 1
    assert " beat" in " " + " ".join(beat["command"])
    assert "beat" not in " ".join(COMPOSE["services"]["worker"]["command"])


def test_web_serves_with_gunicorn_after_migrations():
    web = COMPOSE["services"]["web"]
    assert web["command"][0] == "gunicorn"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_migrations_run_once_before_the_web_the_worker_and_the_beat_start():
    migrate = COMPOSE["services"]["migrate"]

    assert migrate["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert migrate["restart"] == "no"
    for name in APP_SERVICES:
        assert COMPOSE["services"][name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_the_database_is_backed_up_on_a_schedule_into_a_volume_keeping_a_count():
    backup = COMPOSE["services"]["backup"]

    assert backup["image"] == COMPOSE["services"]["postgres"]["image"]  # pg_dump of the server's own version
    assert backup["command"] == ["sh", "/ops/backup.sh", "--loop"]
    assert backup["environment"]["PGHOST"] == "postgres"
    assert backup["environment"]["BACKUP_KEEP"] == "${BACKUP_KEEP:-14}"
    assert backup["environment"]["BACKUP_INTERVAL_SECONDS"] == "${BACKUP_INTERVAL_SECONDS:-86400}"
    assert {"./ops:/ops:ro", "backups:/backups"} <= set(backup["volumes"]) and "backups" in COMPOSE["volumes"]
    assert backup["healthcheck"]["test"] == ["CMD", "sh", "/ops/backup.sh", "--check"]
    assert (Path(__file__).parents[2] / "ops" / "backup.sh").exists()


def test_the_beat_is_healthy_only_while_its_heartbeat_is_recent():
    assert COMPOSE["services"]["beat"]["healthcheck"]["test"] == ["CMD", "python", "manage.py", "health", "--only", "beat"]


def test_error_reporting_and_log_level_reach_the_app_services():
    env = COMPOSE["services"]["web"]["environment"]

    assert env["SENTRY_DSN"] == "${SENTRY_DSN:-}"  # empty: off
    assert env["LOG_LEVEL"] == "${LOG_LEVEL:-INFO}"
