"""Docker cannot run here, so the production shape is checked by reading the file."""

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())
APP_SERVICES = ("web", "worker", "beat")


def test_compose_has_the_production_services():
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(COMPOSE["services"])


def test_every_long_running_service_has_a_health_check():
    for name in ("postgres", "redis", *APP_SERVICES):
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
