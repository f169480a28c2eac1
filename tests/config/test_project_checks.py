"""The project as a whole: migrations match the models and Django's system checks pass."""
import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_system_checks_pass(capsys):
    call_command("check", fail_level="WARNING")
    assert "System check identified no issues" in capsys.readouterr().out
