"""Casualty figures: how many people of one group a claim says were killed or injured."""
from django.db import models
from simple_history.models import HistoricalRecords

from incidents.choices import CasualtyGroup, CasualtyKind


class CasualtyFigure(models.Model):
    """One row is one count a claim gives for one group of people: "49 Armenian servicemen were killed" is
    killed, forces of Armenia, 49..49. "Two soldiers and one civilian were killed" is two rows."""

    claim = models.ForeignKey("incidents.Claim", on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=16, choices=CasualtyKind.choices, default=CasualtyKind.KILLED)
    group = models.CharField(max_length=16, choices=CasualtyGroup.choices, default=CasualtyGroup.UNKNOWN)
    actor = models.ForeignKey(
        "incidents.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="casualty_figures",
        help_text="Whose forces the figure counts (group: forces)",
    )
    min = models.PositiveIntegerField(null=True, blank=True)
    max = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: unknown upper bound")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Span of the count phrase in the article")
    end = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "kind", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min__isnull=True) | models.Q(max__isnull=True) | models.Q(min__lte=models.F("max")),
                name="casualty_figure_min_le_max",
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True) | models.Q(end__isnull=True)
                | models.Q(start__lt=models.F("end")),
                name="casualty_figure_span_order",
            ),
        ]

    def __str__(self) -> str:
        whose = self.actor.name if self.actor_id else self.get_group_display()
        return f"{self.get_kind_display()}: {self.min}..{self.max} ({whose})"
