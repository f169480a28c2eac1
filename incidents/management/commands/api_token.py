"""`manage.py api_token issue USER` prints a new API token for USER, once; `revoke USER` deletes USER's tokens.

Tokens are django-rest-knox tokens: only a digest is stored, so a token is shown when issued and never again.
"""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Issue (print once) or revoke a user's REST API token; tokens are stored as digests only."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["issue", "revoke"], help="issue or revoke")
        parser.add_argument("username", help="The user the token belongs to")
        parser.add_argument("--rotate", action="store_true", help="With issue: replace the user's existing tokens")

    def handle(self, *args, action: str, username: str, rotate: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        tokens = AuthToken.objects.filter(user=user)
        if action == "revoke":
            deleted, _ = tokens.delete()
            self.stdout.write(f"Revoked the token of {username}." if deleted else f"{username} had no token.")
            return
        if tokens.exists() and not rotate:
            raise CommandError(f"{username} already has a token; it is stored as a digest and can't be shown again. "
                               "Use --rotate to replace it with a new one.")
        tokens.delete()
        _, token = AuthToken.objects.create(user=user, expiry=None)
        self.stdout.write(token)
