"""Saved searches: an analyst's named set of list filters."""
from django.conf import settings
from django.db import models


class SavedSearch(models.Model):
    """One row is one user's named query string of the incident list (its filters), to open again later."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=120)
    query = models.TextField(blank=True, help_text="The list's query string, without the leading '?'")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_unique_per_user")]

    def __str__(self) -> str:
        return self.name
