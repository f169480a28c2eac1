"""`manage.py ensure_admin`: create the first admin account unless it exists, so a fresh install can log in."""
import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from incidents.roles import STAFF


class Command(BaseCommand):
    help = ("Create a superuser (in the staff group) unless it exists. The password is KB_ADMIN_PASSWORD, or one "
            "generated and printed once. An existing account is left exactly as it is.")

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("KB_ADMIN_USERNAME", "admin"))

    @transaction.atomic
    def handle(self, *args, username: str, **options):
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"Admin account '{username}' exists; its password is unchanged.")
            return
        given_password = os.environ.get("KB_ADMIN_PASSWORD")
        password = given_password or secrets.token_urlsafe(12)
        try:  # the same validators as every other password (settings.AUTH_PASSWORD_VALIDATORS)
            validate_password(password, user_model(username=username))
        except ValidationError as error:
            raise CommandError(f"KB_ADMIN_PASSWORD is refused: {' '.join(error.messages)}") from error
        user = user_model.objects.create_superuser(username=username, email="", password=password)
        user.groups.add(Group.objects.get_or_create(name=STAFF)[0])
        if given_password:
            self.stdout.write(f"Created admin account '{username}' with the password in KB_ADMIN_PASSWORD.")
        else:
            self.stdout.write(self.style.WARNING(
                f"Created admin account '{username}' with password: {password}\n"
                "It is shown only this once; change it with `manage.py changepassword`."
            ))
