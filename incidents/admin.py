"""The Django admin of the incident domain, laid out for analysts: columns, search, filters, autocomplete, inlines.

Article is registered by `ingest/admin.py`, which adds the upload view; foreign keys to it use raw-id inputs here.
Access follows the roles of `incidents.roles`: a staff user manages every model below without per-model grants.
"""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from incidents import services
from incidents.admin_figures import CasualtyFigureInlineBase, FiguresThroughServiceMixin
from incidents.models import (
    Actor,
    ActorMention,
    Claim,
    ClaimLink,
    Deletion,
    Incident,
    IncidentPairRejection,
    Location,
    LocationMention,
    Publisher,
)
from incidents.roles import can_upload
from incidents.search import incidents_mentioning_refresh

# The admin's pages are wide tables; the app list sidebar would squeeze them.
admin.site.enable_nav_sidebar = False


class StaffAccessMixin:
    """Grants every action to users whose role may use the admin (see `incidents.roles.can_upload`)."""

    def _staff_or_permitted(self, request, check, obj=None) -> bool:
        return can_upload(request.user) or check(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._staff_or_permitted(request, super().has_view_permission, obj)

    def has_add_permission(self, request, obj=None):
        if isinstance(self, admin.options.InlineModelAdmin):
            return self._staff_or_permitted(request, super().has_add_permission, obj)
        return can_upload(request.user) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._staff_or_permitted(request, super().has_change_permission, obj)

    def has_delete_permission(self, request, obj=None):
        return self._staff_or_permitted(request, super().has_delete_permission, obj)

    def has_module_permission(self, request):
        return can_upload(request.user) or super().has_module_permission(request)


class TombstoneOnDeleteMixin:
    """Deleting in the admin leaves the `Deletion` tombstones the services leave, so API mirrors drop the rows."""

    def delete_model(self, request, obj):
        with transaction.atomic():
            services.deletion_tombstones_record(records=[obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            services.deletion_tombstones_record(records=queryset)
            super().delete_queryset(request, queryset)


class VersionBumpMixin:
    """An admin save bumps the row's `version`, so an API client or page holding the old one gets a stale refusal."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class KnowledgeBaseAdmin(TombstoneOnDeleteMixin, StaffAccessMixin, admin.ModelAdmin):
    """Base for models without history."""


class KnowledgeBaseHistoryAdmin(TombstoneOnDeleteMixin, StaffAccessMixin, SimpleHistoryAdmin):
    """Base for models whose every change is kept by django-simple-history."""


class ReadOnlyInline(StaffAccessMixin, admin.TabularInline):
    """An inline that lists related rows (written by ingestion) without letting the page change them."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else f"{text[:length - 1]}…"


@admin.register(Publisher)
class PublisherAdmin(KnowledgeBaseAdmin):
    list_display = ["name", "ownership", "country_code", "reliability", "alignment", "article_count"]
    list_filter = ["ownership", "reliability", "country_code"]
    search_fields = ["name", "domain", "alignment"]
    ordering = ["name"]  # Meta.ordering is dropped once the count annotation groups the query
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="Articles", ordering="article_total")
    def article_count(self, publisher) -> int:
        return publisher.article_total


class ActorMentionInline(ReadOnlyInline):
    model = ActorMention
    fields = ["article", "text", "start", "end"]
    readonly_fields = fields
    verbose_name_plural = "Mentions in articles"


@admin.register(Actor)
class ActorAdmin(KnowledgeBaseHistoryAdmin):
    list_display = ["name", "kind", "country_code", "parent", "mention_count", "updated_at"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "country_code"]
    ordering = ["name"]  # Meta.ordering is dropped once the count annotation groups the query
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ActorMentionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "aliases"} & set(form.changed_data):
            incidents_mentioning_refresh(actor_ids=[obj.pk])

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, actor) -> int:
        return actor.mention_total


class LocationMentionInline(ReadOnlyInline):
    model = LocationMention
    fields = ["article", "text", "start", "end"]
    readonly_fields = fields
    verbose_name_plural = "Mentions in articles"


@admin.register(Location)
class LocationAdmin(KnowledgeBaseHistoryAdmin):
    list_display = ["name", "country_code", "admin1", "precision", "latitude", "longitude", "gazetteer_id"]
    list_filter = ["precision", "country_code"]
    search_fields = ["name", "admin1", "gazetteer_id", "country_code"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [LocationMentionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "alternate_names", "admin1"} & set(form.changed_data):
            incidents_mentioning_refresh(location_ids=[obj.pk])


class ClaimInline(StaffAccessMixin, admin.TabularInline):
    """The incident's claims, one line each: review them here, open one to edit its span or figures."""

    model = Claim
    extra = 0
    show_change_link = True
    fields = ["quote", "source", "kind", "claimant", "credibility", "review_status"]
    readonly_fields = ["quote", "source"]
    autocomplete_fields = ["claimant"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__publisher", "claimant")

    def has_add_permission(self, request, obj=None):
        # A claim needs an article span; it is added from the claim's own page or by ingestion.
        return False

    @admin.display(description="Source")
    def source(self, claim) -> str:
        article = claim.article
        published = f", {article.published_at:%Y-%m-%d}" if article.published_at else ""
        return f"{article.publisher or 'Unknown publisher'}{published}"


@admin.register(Incident)
class IncidentAdmin(VersionBumpMixin, KnowledgeBaseHistoryAdmin):
    list_display = [
        "title", "event_type", "sub_event_type", "date_start", "date_end", "fatalities_best", "claim_count",
        "review_status", "updated_at",
    ]
    list_filter = ["event_type", "review_status", "date_precision", "background", "fatalities_overridden"]
    search_fields = ["title", "summary"]
    ordering = ["-date_start", "-id"]  # Meta.ordering is dropped once the count annotation groups the query
    date_hierarchy = "date_start"
    autocomplete_fields = ["actors", "locations"]
    readonly_fields = ["version", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "summary", ("event_type", "sub_event_type"), "background", "review_status"]}),
        ("When", {"fields": [("date_start", "date_end", "date_precision")]}),
        ("Who and where", {"fields": ["actors", "locations"]}),
        ("Fatalities", {"fields": [
            ("fatalities_low", "fatalities_best", "fatalities_high"), "fatalities_overridden", "fatalities_derivation",
        ]}),
        ("Provenance", {"fields": ["grouping_reason", "version", "created_at", "updated_at"]}),
    ]
    inlines = [ClaimInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description="Claims", ordering="claim_total")
    def claim_count(self, incident) -> int:
        return incident.claim_total


@admin.register(IncidentPairRejection)
class IncidentPairRejectionAdmin(KnowledgeBaseAdmin):
    list_display = ["incident_a", "incident_b", "rejected_by", "created_at"]
    search_fields = ["incident_a__title", "incident_b__title"]
    autocomplete_fields = ["incident_a", "incident_b", "rejected_by"]
    list_select_related = ["incident_a", "incident_b", "rejected_by"]


class _ClaimLinkInline(ReadOnlyInline):
    model = ClaimLink
    readonly_fields = ["relation", "reason", "origin", "created_by", "created_at"]


class LinksToLaterClaimsInline(_ClaimLinkInline):
    fk_name = "claim_a"
    fields = ["claim_b", "relation", "reason", "origin", "created_by", "created_at"]
    readonly_fields = ["claim_b", *_ClaimLinkInline.readonly_fields]
    verbose_name_plural = "Links (to claims with a higher id)"


class LinksToEarlierClaimsInline(_ClaimLinkInline):
    fk_name = "claim_b"
    fields = ["claim_a", "relation", "reason", "origin", "created_by", "created_at"]
    readonly_fields = ["claim_a", *_ClaimLinkInline.readonly_fields]
    verbose_name_plural = "Links (to claims with a lower id)"


class CasualtyFigureInline(StaffAccessMixin, CasualtyFigureInlineBase):
    pass


@admin.register(Claim)
class ClaimAdmin(FiguresThroughServiceMixin, VersionBumpMixin, KnowledgeBaseHistoryAdmin):
    list_display = [
        "short_quote", "kind", "claimant", "incident", "article", "credibility", "review_status", "origin",
        "analyst_edited",
    ]
    list_filter = ["kind", "review_status", "credibility", "origin", "analyst_edited", "negated", "hypothetical",
                   "casualty_group"]
    search_fields = ["quote", "claimant__name", "incident__title", "article__title"]
    list_select_related = ["claimant", "incident", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["incident", "claimant", "casualty_actor", "perpetrators", "targets", "locations"]
    # The totals and the group are derived from the figures inline, so they are shown, not typed in twice.
    readonly_fields = ["fatalities_min", "fatalities_max", "injured_min", "injured_max", "casualty_group",
                       "casualty_actor", "version", "pipeline_version", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "incident", "claimant", ("negated", "hypothetical")]}),
        ("Source", {"fields": ["article", ("start", "end"), "quote"]}),
        ("Who, where, when", {"fields": [
            "perpetrators", "targets", "locations",
            ("claimed_date_start", "claimed_date_end", "claimed_date_precision"),
        ]}),
        ("Casualties (the sums of the figures by group below)", {"fields": [
            ("fatalities_min", "fatalities_max"), ("injured_min", "injured_max"), "casualty_group", "casualty_actor",
        ]}),
        ("Review", {"fields": ["credibility", "review_status", "analyst_note", "analyst_edited"]}),
        ("Provenance", {"fields": [
            "origin", "grouping_reason", "pipeline_version", "version", "created_at", "updated_at",
        ]}),
    ]
    inlines = [CasualtyFigureInline, LinksToLaterClaimsInline, LinksToEarlierClaimsInline]

    @admin.display(description="Quote", ordering="quote")
    def short_quote(self, claim) -> str:
        return _short(claim.quote)

    # A claim's figures, flags and incident feed its incidents' roll-up and search text, as the services keep them.
    def save_model(self, request, obj, form, change):
        previous = Claim.objects.filter(pk=obj.pk).values_list("incident_id", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        self._incidents_refresh({previous, obj.incident_id})

    def delete_model(self, request, obj):
        incident_id = obj.incident_id
        super().delete_model(request, obj)
        self._incidents_refresh({incident_id})

    def delete_queryset(self, request, queryset):
        incident_ids = set(queryset.values_list("incident_id", flat=True))
        super().delete_queryset(request, queryset)
        self._incidents_refresh(incident_ids)

    def _incidents_refresh(self, incident_ids: set) -> None:
        incidents = list(Incident.objects.filter(pk__in={pk for pk in incident_ids if pk}))
        services.incidents_rollup_casualties(incidents=incidents)
        services.incident_search_refresh(incident_ids=[incident.pk for incident in incidents])


class ClaimLinkAdminForm(forms.ModelForm):
    """Accepts the two claims in either order and stores them in id order, as the table requires."""

    class Meta:
        model = ClaimLink
        fields = ["claim_a", "claim_b", "relation", "reason", "origin", "created_by"]

    def clean(self):
        cleaned = super().clean()
        claim_a, claim_b = cleaned.get("claim_a"), cleaned.get("claim_b")
        if claim_a and claim_b:
            if claim_a == claim_b:
                raise ValidationError("A claim cannot be linked with itself; choose two different claims.")
            if claim_a.pk > claim_b.pk:
                cleaned["claim_a"], cleaned["claim_b"] = claim_b, claim_a
        return cleaned


@admin.register(ClaimLink)
class ClaimLinkAdmin(KnowledgeBaseHistoryAdmin):
    form = ClaimLinkAdminForm
    list_display = ["__str__", "relation", "claim_a", "claim_b", "origin", "created_by", "created_at"]
    list_filter = ["relation", "origin"]
    search_fields = ["claim_a__quote", "claim_b__quote", "reason"]
    autocomplete_fields = ["claim_a", "claim_b", "created_by"]
    list_select_related = ["claim_a", "claim_b", "created_by"]
    readonly_fields = ["created_at", "updated_at"]


class _MentionAdmin(KnowledgeBaseAdmin):
    list_display = ["text", "article", "start", "end"]
    search_fields = ["text", "article__title"]
    raw_id_fields = ["article"]
    list_select_related = ["article"]


@admin.register(ActorMention)
class ActorMentionAdmin(_MentionAdmin):
    list_display = ["text", "actor", *_MentionAdmin.list_display[1:]]
    list_filter = ["actor__kind"]
    search_fields = [*_MentionAdmin.search_fields, "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor", "article"]


@admin.register(LocationMention)
class LocationMentionAdmin(_MentionAdmin):
    list_display = ["text", "location", *_MentionAdmin.list_display[1:]]
    list_filter = ["location__country_code"]
    search_fields = [*_MentionAdmin.search_fields, "location__name"]
    autocomplete_fields = ["location"]
    list_select_related = ["location", "article"]


@admin.register(Deletion)
class DeletionAdmin(KnowledgeBaseAdmin):
    """Tombstones are written by the services that delete or merge; the admin only shows them."""

    list_display = ["kind", "object_id", "merged_into_id", "deleted_at"]
    list_filter = ["kind"]
    search_fields = ["kind", "=object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
