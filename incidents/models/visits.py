"""Visits to the incident list: when a user last looked, so the list can show what is new since then."""
from django.conf import settings
from django.db import models


class ListVisit(models.Model):
    """One row per user: the start of their previous visit to the incident list and when they last loaded it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="list_visit")
    previous_visit_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} last saw the incident list at {self.last_seen_at:%Y-%m-%d %H:%M}"
