"""Incidents: one event in the world, and the analysts' rejected duplicate suggestions."""
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from simple_history.models import HistoricalRecords

from incidents.choices import SUB_EVENT_TYPE_CHOICES, DatePrecision, EventType, ReviewStatus


class Incident(models.Model):
    """One row is one event in the world: a time window, its places and actors, and the claims about it."""

    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    event_type = models.CharField(max_length=40, choices=EventType.choices, db_index=True)
    sub_event_type = models.CharField(max_length=60, choices=SUB_EVENT_TYPE_CHOICES, blank=True)
    date_start = models.DateField(null=True, blank=True, db_index=True)
    date_end = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(max_length=16, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN)
    background = models.BooleanField(default=False, help_text="History an article recalls, not news it reports")
    actors = models.ManyToManyField("incidents.Actor", blank=True, related_name="incidents")
    locations = models.ManyToManyField("incidents.Location", blank=True, related_name="incidents")
    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True,
    )
    fatalities_low = models.PositiveIntegerField(null=True, blank=True)
    fatalities_best = models.PositiveIntegerField(null=True, blank=True)
    fatalities_high = models.PositiveIntegerField(null=True, blank=True)
    fatalities_overridden = models.BooleanField(
        default=False, help_text="An analyst set the figures; roll-ups from claims leave them alone",
    )
    fatalities_derivation = models.TextField(blank=True, help_text="How the figures were derived")
    fatalities_by_group = models.JSONField(
        default=list, blank=True, editable=False,
        help_text="Roll-up per group (a side's forces, civilians, unknown): low/best/high, each claim's figure",
    )
    grouping_reason = models.TextField(blank=True, help_text="Why articles' claims were joined into this incident")
    search_vector = SearchVectorField(null=True, editable=False)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit; stale edits are refused")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["search_vector"], m2m_fields=[actors, locations])

    class Meta:
        ordering = ["-date_start", "-id"]
        # One index per order the list offers (with the id that breaks ties), so a page is read in order from
        # an index instead of sorting every incident; "date" (oldest first) reads incident_date_order backwards.
        indexes = [
            GinIndex(fields=["search_vector"], name="incident_search_gin"),
            models.Index(F("date_start").desc(nulls_last=True), F("id").desc(), name="incident_newest_first"),
            models.Index(fields=["-date_start", "-id"], name="incident_date_order"),
            models.Index(F("fatalities_best").desc(nulls_last=True), F("fatalities_low").desc(nulls_last=True),
                         F("id").desc(), name="incident_most_fatalities"),
            models.Index(fields=["-updated_at", "-id"], name="incident_recently_changed"),
            models.Index(fields=["title", "id"], name="incident_title_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_start__isnull=True) | models.Q(date_end__isnull=True)
                | models.Q(date_end__gte=models.F("date_start")),
                name="incident_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(fatalities_low__isnull=True) | models.Q(fatalities_high__isnull=True)
                | models.Q(fatalities_low__lte=models.F("fatalities_high")),
                name="incident_fatalities_low_le_high",
            ),
            models.CheckConstraint(
                condition=models.Q(fatalities_best__isnull=True)
                | (
                    (models.Q(fatalities_low__isnull=True) | models.Q(fatalities_low__lte=models.F("fatalities_best")))
                    & (models.Q(fatalities_high__isnull=True)
                       | models.Q(fatalities_best__lte=models.F("fatalities_high")))
                ),
                name="incident_fatalities_best_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IncidentPairRejection(models.Model):
    """One row is an analyst's verdict that two incidents are not one event: never suggest them again."""

    incident_a = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    incident_b = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    rejected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Stored in id order so one unordered pair has one row.
            models.CheckConstraint(
                condition=models.Q(incident_a__lt=models.F("incident_b")), name="rejection_pair_ordered",
            ),
            models.UniqueConstraint(fields=["incident_a", "incident_b"], name="rejection_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"Incidents {self.incident_a_id} and {self.incident_b_id} are not one event"
