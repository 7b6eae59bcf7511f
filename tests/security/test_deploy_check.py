"""Production settings pass `manage.py check --deploy` with no warning at all."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**env: str) -> subprocess.CompletedProcess:
    production = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TANDEM_"))},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "tandem.example",
        # Production sends real email: the deploy check refuses the console backend.
        "EMAIL_URL": "smtp+tls://tandem:secret@smtp.example:587",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_behind_a_tls_proxy_the_settings_still_pass(tmp_path):
    result = check_deploy(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto=https")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("variable", ["DJANGO_SECURE_SSL_REDIRECT", "TANDEM_REQUIRE_2FA_FOR_STAFF"])
def test_a_vague_boolean_stops_start_up(variable):
    result = check_deploy(**{variable: "maybe"})

    assert result.returncode != 0 and f"{variable}='maybe' is not a boolean" in result.stderr
