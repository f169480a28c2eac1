"""Tombstones of deleted or merged-away rows, so API clients can mirror the knowledge base."""
from django.db import models


class Deletion(models.Model):
    """One row records that one object of one kind was deleted or merged into another, and when."""

    kind = models.CharField(max_length=40, db_index=True, help_text="e.g. incident, claim, claim-link")
    object_id = models.BigIntegerField()
    merged_into_id = models.BigIntegerField(null=True, blank=True)
    deleted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["deleted_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
