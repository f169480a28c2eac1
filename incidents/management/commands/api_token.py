"""`manage.py api_token issue USER` prints USER's API token (creating it); `revoke USER` deletes it."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Issue (print, creating if needed) or revoke a user's REST API token."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["issue", "revoke"], help="issue or revoke")
        parser.add_argument("username", help="The user the token belongs to")
        parser.add_argument("--rotate", action="store_true", help="With issue: replace an existing token")

    def handle(self, *args, action: str, username: str, rotate: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if action == "revoke":
            deleted, _ = Token.objects.filter(user=user).delete()
            self.stdout.write(f"Revoked the token of {username}." if deleted else f"{username} had no token.")
            return
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
