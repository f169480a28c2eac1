"""`manage.py ensure_admin`: the first admin account of a fresh install."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _run(capsys) -> str:
    call_command("ensure_admin")
    return capsys.readouterr().out


def test_admin_is_created_with_the_password_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("KB_ADMIN_PASSWORD", "correct horse battery")
    _run(capsys)
    assert get_user_model().objects.get(username="admin").check_password("correct horse battery")


def test_generated_password_is_printed_and_lets_the_admin_log_in(monkeypatch, capsys):
    monkeypatch.delenv("KB_ADMIN_PASSWORD", raising=False)
    password = re.search(r"with password: (\S+)", _run(capsys)).group(1)
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_admin_is_in_the_staff_group(monkeypatch, capsys):
    monkeypatch.setenv("KB_ADMIN_PASSWORD", "correct horse battery")
    _run(capsys)
    assert list(get_user_model().objects.get(username="admin").groups.values_list("name", flat=True)) == ["staff"]


def test_second_run_keeps_the_existing_password(monkeypatch, capsys):
    monkeypatch.setenv("KB_ADMIN_PASSWORD", "first long passphrase")
    _run(capsys)
    monkeypatch.setenv("KB_ADMIN_PASSWORD", "second long passphrase")
    assert "its password is unchanged" in _run(capsys)
    assert get_user_model().objects.get(username="admin").check_password("first long passphrase")


@pytest.mark.parametrize("weak", ["a", "password", "12345678", "123456789012"])
def test_weak_password_is_refused_and_no_account_created(monkeypatch, weak):
    from django.core.management import CommandError

    monkeypatch.setenv("KB_ADMIN_PASSWORD", weak)
    with pytest.raises(CommandError, match="KB_ADMIN_PASSWORD is refused"):
        call_command("ensure_admin")
    assert not get_user_model().objects.exists()
