"""Production settings fail fast and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k7Yq2-production-secret-for-the-check-only-3vNw9pZr8sLx4TbQ1mHc6Ud",
    "ALLOWED_HOSTS": "revcare.example.com",
    "DATABASE_URL": "postgres://revcare:secret@127.0.0.1:5432/revcare",
    "RAZORPAY_KEY_ID": "rzp_live_example",
    "RAZORPAY_KEY_SECRET": "example-secret",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items()
             if key not in PRODUCTION_ENV and key not in ("REDIS_URL", "DEBUG")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "RAZORPAY_KEY_SECRET"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must" in result.stderr


def test_production_refuses_sqlite():
    result = manage("check", **{**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///tmp/revcare.sqlite3"})
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr
