"""When CI points Tandem at PostgreSQL and Redis, the suite really runs on them."""

import os

import pytest
from django.conf import settings
from django.db import connection

from coaching.celery import app


def test_the_suite_runs_on_the_database_it_was_given(db):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")

    assert connection.vendor == "postgresql"


def test_the_celery_broker_is_the_real_redis():
    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL=redis://…")

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=2)
        client = conn.default_channel.client

        assert client.ping() is True
