"""Claims (who says what about an incident, where in which article) and the links between them."""
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from simple_history.models import HistoricalRecords

from incidents.choices import (
    CasualtyGroup,
    ClaimKind,
    Credibility,
    DatePrecision,
    LinkRelation,
    Origin,
    ReviewStatus,
)


def _range_ordered(prefix: str) -> models.Q:
    low, high = f"{prefix}_min", f"{prefix}_max"
    return (models.Q(**{f"{low}__isnull": True}) | models.Q(**{f"{high}__isnull": True})
            | models.Q(**{f"{low}__lte": models.F(high)}))


class Claim(models.Model):
    """One row is one statement by one claimant about one incident, as printed at one span of one article."""

    article = models.ForeignKey("incidents.Article", on_delete=models.CASCADE, related_name="claims")
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims",
    )
    claimant = models.ForeignKey(
        "incidents.Actor", null=True, blank=True, on_delete=models.PROTECT, related_name="claims_made",
        help_text="Empty when the article asserts it in its own voice",
    )
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, db_index=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text="The claim's text exactly as it stands at [start, end)")
    perpetrators = models.ManyToManyField("incidents.Actor", blank=True, related_name="claims_as_perpetrator")
    targets = models.ManyToManyField("incidents.Actor", blank=True, related_name="claims_as_target")
    locations = models.ManyToManyField("incidents.Location", blank=True, related_name="claims")
    fatalities_min = models.PositiveIntegerField(null=True, blank=True)
    fatalities_max = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: unknown upper bound")
    injured_min = models.PositiveIntegerField(null=True, blank=True)
    injured_max = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: unknown upper bound")
    claimed_date_start = models.DateField(null=True, blank=True)
    claimed_date_end = models.DateField(null=True, blank=True)
    claimed_date_precision = models.CharField(
        max_length=16, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN,
    )
    casualty_group = models.CharField(max_length=16, choices=CasualtyGroup.choices, default=CasualtyGroup.UNKNOWN)
    casualty_actor = models.ForeignKey(
        "incidents.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims_as_casualties",
        help_text="Whose forces the casualties were, when named",
    )
    aggregate = models.BooleanField(
        default=False, help_text="A cumulative toll over a period ('since the war began'): never an incident's figure",
    )
    negated = models.BooleanField(default=False, help_text="e.g. 'denied shelling'")
    hypothetical = models.BooleanField(default=False, help_text="Hypothetical or future, e.g. 'threatened to strike'")
    credibility = models.PositiveSmallIntegerField(choices=Credibility.choices, default=Credibility.CANNOT_BE_JUDGED)
    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True,
    )
    analyst_note = models.TextField(blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EXTRACTED)
    pipeline_version = models.CharField(max_length=40, blank=True)
    analyst_edited = models.BooleanField(default=False, help_text="An analyst changed it: re-extraction keeps it")
    grouping_reason = models.TextField(blank=True, help_text="Why the claim was put in its incident")
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit; stale edits are refused")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords(m2m_fields=[perpetrators, targets, locations])

    class Meta:
        ordering = ["article", "start"]
        # The `quote` filter is icontains, i.e. UPPER(quote) LIKE '%...%': trigrams of UPPER(quote) answer it.
        indexes = [GinIndex(OpClass(Upper("quote"), name="gin_trgm_ops"), name="claim_quote_trigrams")]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="claim_span_order"),
            models.CheckConstraint(condition=_range_ordered("fatalities"), name="claim_fatalities_min_le_max"),
            models.CheckConstraint(condition=_range_ordered("injured"), name="claim_injured_min_le_max"),
            models.CheckConstraint(
                condition=models.Q(credibility__gte=1, credibility__lte=6), name="claim_credibility_1_6",
            ),
            models.CheckConstraint(
                condition=models.Q(claimed_date_start__isnull=True) | models.Q(claimed_date_end__isnull=True)
                | models.Q(claimed_date_end__gte=models.F("claimed_date_start")),
                name="claim_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quote[:80]}"


class ClaimLink(models.Model):
    """One row says two claims contradict or corroborate each other, why, and who said so."""

    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_as_a")
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_as_b")
    relation = models.CharField(max_length=16, choices=LinkRelation.choices)
    reason = models.TextField(blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EXTRACTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="claim_links",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_a", "claim_b"]
        constraints = [
            # Stored in id order: excludes a claim linked with itself and gives one row per unordered pair.
            models.CheckConstraint(condition=models.Q(claim_a__lt=models.F("claim_b")), name="claim_link_pair_ordered"),
            models.UniqueConstraint(fields=["claim_a", "claim_b"], name="claim_link_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_a_id} {self.relation} {self.claim_b_id}"
