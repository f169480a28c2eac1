"""Actors (states, ministries, forces, groups, people) and their mentions in articles."""
from django.contrib.postgres.fields import ArrayField
from django.db import models
from simple_history.models import HistoricalRecords

from incidents.choices import ActorKind


class Actor(models.Model):
    """One row is one real-world actor, under a canonical name, however many ways articles name it."""

    name = models.CharField(max_length=300, db_index=True)
    kind = models.CharField(max_length=32, choices=ActorKind.choices, default=ActorKind.OTHER, db_index=True)
    country_code = models.CharField(max_length=2, blank=True, db_index=True, help_text="ISO 3166-1 alpha-2")
    aliases = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children",
        help_text="e.g. the state a ministry belongs to",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind", "country_code"], name="actor_unique_name_kind_country"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="actor_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class ActorMention(models.Model):
    """One row is one place in one article's text where an actor is named."""

    article = models.ForeignKey("incidents.Article", on_delete=models.CASCADE, related_name="actor_mentions")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="actor_mention_span_order"),
            models.UniqueConstraint(fields=["article", "actor", "start", "end"], name="actor_mention_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"
