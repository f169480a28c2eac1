"""Publishers: the outlets and offices that articles come from."""
from django.db import models

from incidents.choices import Ownership, Reliability


class Publisher(models.Model):
    """One row is one outlet or office that publishes articles (Press TV, U.S. Department of State)."""

    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=200, blank=True, help_text="Web domain, e.g. presstv.ir")
    country_code = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    ownership = models.CharField(max_length=32, choices=Ownership.choices, default=Ownership.UNKNOWN)
    alignment = models.CharField(
        max_length=300, blank=True,
        help_text="Alignment with belligerents where known, e.g. 'Iranian state media'",
    )
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.F)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
