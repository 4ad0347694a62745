"""Production settings fail fast and pass Django's deployment checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

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


def test_pages_and_api_answers_carry_a_policy_without_inline_script(client, customer):
    for response in (Client().get("/"), Client().get("/services/"), Client().get("/portal/login/")):
        policy = response["Content-Security-Policy"]
        script = next(part for part in policy.split("; ") if part.startswith("script-src"))
        assert "'unsafe-inline'" not in script and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" in Client().get("/docs")["Content-Security-Policy"]  # the vendors' docs page


def test_templates_hold_no_inline_script_or_event_handlers():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=\"", re.IGNORECASE)
    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = [str(path) for path in templates.rglob("*.html") if inline.search(path.read_text())
                 and "drf_spectacular" not in str(path)]
    assert offenders == []


def test_only_listed_origins_may_call_the_api_from_a_browser(settings, db):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    preflight = {"HTTP_ORIGIN": "https://partner.example", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET",
                 "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization"}
    allowed = Client().options("/services/", **preflight)
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "authorization" in allowed["Access-Control-Allow-Headers"]
    stranger = Client().options("/services/", **{**preflight, "HTTP_ORIGIN": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in stranger
    portal = Client().get("/portal/services/", HTTP_ORIGIN="https://partner.example")
    assert "Access-Control-Allow-Origin" not in portal  # the portals are never shared cross-origin


def test_an_s3_bucket_takes_uploads_and_backups_off_the_servers_disk():
    code = ("from django.core.files.storage import storages; "
            "print(*(f'{type(storages[n]).__name__}:{storages[n].bucket_name}/{storages[n].location}' "
            "for n in ('default', 'backups')))")
    result = manage("shell", "--no-imports", "-c", code, S3_BUCKET="revcare-files", S3_ENDPOINT_URL="http://127.0.0.1:9000")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage:revcare-files/media", "S3Storage:revcare-files/backups"]
    without = manage("shell", "--no-imports", "-c",
                     "from django.conf import settings; print(sorted(settings.STORAGES))")
    assert without.stdout.strip() == "['default', 'staticfiles']"  # this server's disk (MEDIA_ROOT, BACKUP_DIR)
