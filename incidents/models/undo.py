"""Reversible changes: what one merge of incidents or one removal of a claim link changed, kept so that an
analyst can undo it from the incident's history."""
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class ReversibleChange(models.Model):
    """One row is one merge of incidents or one removed claim link, with everything needed to undo it.

    `incident` points at the merge's surviving incident, or at the incident of the unlinked claim; it is a plain
    reference (no database constraint, nothing cascades) because incidents are deleted by merges and recreated
    by undos with the same id. `history_id` is the history row that shows the change on the incident's page.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", "Merge of incidents"
        UNLINK = "unlink", "Removed claim link"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    history_model = models.CharField(max_length=60, help_text="e.g. HistoricalIncident, HistoricalClaimLink")
    history_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)
    snapshot = models.JSONField(encoder=DjangoJSONEncoder, help_text="What the change moved or removed")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["history_model", "history_id"], name="reversible_change_history")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"
