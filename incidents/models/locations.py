"""Locations (geocoded places) and their mentions in articles."""
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Upper
from simple_history.models import HistoricalRecords

from incidents.choices import LocationPrecision


class Location(models.Model):
    """One row is one place on the map, identified by its gazetteer id where it has one."""

    name = models.CharField(max_length=300, db_index=True)
    alternate_names = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    country_code = models.CharField(max_length=2, blank=True, db_index=True)
    admin1 = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    precision = models.CharField(max_length=16, choices=LocationPrecision.choices, default=LocationPrecision.UNKNOWN)
    gazetteer_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True, help_text="e.g. geonames:174895",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        # Filters compare codes ignoring case (iexact is UPPER(country_code) = UPPER(...)).
        indexes = [models.Index(Upper("country_code"), name="location_country_upper")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})" if self.country_code else self.name


class LocationMention(models.Model):
    """One row is one place in one article's text where a location is named."""

    article = models.ForeignKey("incidents.Article", on_delete=models.CASCADE, related_name="location_mentions")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="location_mention_span_order"),
            models.UniqueConstraint(fields=["article", "location", "start", "end"], name="location_mention_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"
