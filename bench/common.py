"""What the benchmarks share: a throwaway PostgreSQL database, production-like settings,
and a generated practice in it. Benchmarks are scripts, not tests: pytest never runs them."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# The server the benchmark may create and drop databases on: loopback only.
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def production_env(database: str) -> dict[str, str]:
    """Production settings against `database`, with the bench-only bare view switched on."""
    static_root = Path(tempfile.gettempdir()) / "tandem-bench-static"
    return {
        **os.environ,
        "DATABASE_URL": f"{PG_URL}/{database}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
        "TANDEM_BENCH_VIEWS": "true",
        # As behind the TLS-terminating proxy of production: requests carry this header.
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto=https",
        "LOG_LEVEL": "WARNING",
    }


def recreate_database(database: str) -> None:
    """Drop and create `database` (only ever a bench_ database)."""
    assert database.startswith("tandem_bench"), database
    import psycopg2

    connection = psycopg2.connect(f"{PG_URL}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{database}"')
    connection.close()


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def build_practice(database: str, *, coaches: int, coachees: int, milestones: int, due: int | None = None, seed: int = 1) -> dict[str, str]:
    """A fresh database holding a generated practice; returns the environment to reach it."""
    env = production_env(database)
    recreate_database(database)
    manage(env, "migrate", "--no-input", "-v0")
    args = ["--coaches", str(coaches), "--coachees", str(coachees), "--milestones", str(milestones), "--seed", str(seed)]
    if due is not None:
        args += ["--due", str(due)]
    print("  " + manage(env, "generate_practice", *args).splitlines()[0], flush=True)
    analyze(env)
    return env


def analyze(env: dict[str, str]) -> None:
    """Fresh statistics, as autovacuum would have them after a bulk load."""
    import psycopg2

    connection = psycopg2.connect(env["DATABASE_URL"])
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with `env` (call once, before any model import)."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coaching.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
