"""Production settings and account security: secret key, HTTPS defaults, proxy header, CSP, login throttling."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50 + "-production-like-secret-key",
              "DJANGO_ALLOWED_HOSTS": "kb.example.org", "DJANGO_CSRF_TRUSTED_ORIGINS": "https://kb.example.org"}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "KB_"))}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env}, timeout=120)


def test_app_refuses_to_start_without_a_secret_key_outside_debug():
    result = _manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_has_no_warning_with_only_the_four_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_forwarded_proto_from_a_client_is_not_believed_without_a_trusted_proxy(staff_client):
    response = staff_client.get("/api/publishers/", HTTP_X_FORWARDED_PROTO="https")
    assert response.wsgi_request.is_secure() is False


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(viewer_client):
    policy = viewer_client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_login_locks_out_after_five_wrong_passwords_even_with_the_right_one(login_url):
    user = UserFactory(username="target", is_staff=True)
    user.set_password("the right long passphrase")
    user.save()
    client = Client()
    for _ in range(5):
        client.post(login_url, {"username": "target", "password": "wrong guess"})

    response = client.post(login_url, {"username": "target", "password": "the right long passphrase"})

    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_one_off_command_that_serves_nothing_runs_without_a_secret_key(tmp_path):
    # The scorer and batch jobs run `manage.py extract` with a bare environment; it signs nothing.
    article = tmp_path / "article.txt"
    article.write_text("Shelling killed two soldiers near Goris on Tuesday, the ministry said.", encoding="utf-8")
    result = _manage("extract", str(article), "--format", "json", DJANGO_DEBUG="false")
    assert result.returncode == 0, result.stderr
    assert '"schema_version": 1' in result.stdout


def test_the_wsgi_application_refuses_to_serve_without_a_secret_key():
    result = subprocess.run([sys.executable, "-c", "import config.wsgi"], cwd=ROOT, capture_output=True, text=True,
                            env={key: value for key, value in os.environ.items()
                                 if not key.startswith(("DJANGO_", "KB_"))}, timeout=120)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
