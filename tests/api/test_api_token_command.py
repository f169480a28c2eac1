"""`manage.py api_token issue|revoke USER`, and tokens in the admin."""
import pytest
from django.core.management import CommandError, call_command
from knox.models import AuthToken

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_issue_prints_a_token_once_and_stores_only_its_digest(analyst, client):
    key = _run("issue", "analyst")
    stored = AuthToken.objects.get(user=analyst)
    assert key not in (stored.digest, stored.token_key)
    assert client.get("/api/incidents/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    with pytest.raises(CommandError, match="can't be shown again"):
        _run("issue", "analyst")


def test_issue_with_rotate_replaces_the_token(analyst):
    first = _run("issue", "analyst")
    assert _run("issue", "analyst", "--rotate") != first


def test_revoke_deletes_the_token_and_the_api_refuses_it(analyst, client):
    key = _run("issue", "analyst")
    assert _run("revoke", "analyst") == "Revoked the token of analyst."
    assert client.get("/api/incidents/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        _run("issue", "ghost")


def test_staff_manage_tokens_in_the_admin(staff_user, staff_client):
    staff_user.is_superuser = True
    staff_user.save()
    AuthToken.objects.create(user=staff_user)
    assert staff_client.get("/admin/knox/authtoken/").status_code == 200
