"""Admin of the feeds app: staff add, edit, enable and poll feeds, and read every entry's fate."""
from django.contrib import admin, messages
from django.utils.html import format_html

from feeds.models import Feed, FeedEntry, FeedPoll
from feeds.services import feed_poll
from incidents.admin import StaffAccessMixin


class FeedPollInline(StaffAccessMixin, admin.TabularInline):
    model = FeedPoll
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
    fields = ["started_at", "outcome", "http_status", "entries_seen", "entries_new", "entries_failed", "error"]
    readonly_fields = fields
    ordering = ["-started_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-started_at")


@admin.register(Feed)
class FeedAdmin(StaffAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "publisher", "enabled", "poll_interval", "last_polled_at", "outcome",
                    "last_entries_new", "next_poll_at"]
    list_filter = ["enabled", "kind", "last_outcome"]
    search_fields = ["name", "url", "path", "publisher__name"]
    autocomplete_fields = ["publisher"]
    readonly_fields = ["last_polled_at", "next_poll_at", "last_outcome", "last_error", "last_entries_seen",
                       "last_entries_new", "last_entries_failed", "consecutive_failures", "etag", "last_modified"]
    fieldsets = [
        (None, {"fields": ["name", "publisher", "kind", "url", "path", "language", "poll_interval", "enabled"]}),
        ("Last poll", {"fields": readonly_fields}),
    ]
    inlines = [FeedPollInline]
    actions = ["poll_now"]

    @admin.display(description="Last poll", ordering="last_outcome")
    def outcome(self, feed: Feed):
        if feed.is_failing:
            return format_html('<strong style="color:#b91c1c">Failing</strong>: {}', feed.last_error)
        return feed.get_last_outcome_display()

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        for feed in queryset.select_related("publisher"):
            poll = feed_poll(feed=feed)
            level = messages.ERROR if poll.error else messages.SUCCESS
            self.message_user(request, f"{feed}: {poll.get_outcome_display()}; {poll.entries_seen} seen, "
                                       f"{poll.entries_new} new, {poll.entries_failed} failed"
                                       + (f" ({poll.error})" if poll.error else ""), level)


@admin.register(FeedEntry)
class FeedEntryAdmin(StaffAccessMixin, admin.ModelAdmin):
    list_display = ["__str__", "feed", "state", "attempts", "fetched_at", "article", "error"]
    list_filter = ["state", "feed"]
    search_fields = ["entry_id", "url", "canonical_url", "title"]
    readonly_fields = ["feed", "entry_id", "url", "canonical_url", "title", "published_at", "entry_updated_at",
                       "text_sha256", "attempts", "fetched_at", "article", "revisions", "first_seen_at",
                       "last_seen_at"]
    fields = [*readonly_fields[:5], "state", "error", "next_attempt_at", *readonly_fields[5:]]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry the selected entries at the next poll")
    def retry_now(self, request, queryset):
        count = queryset.exclude(state="stored").update(state="pending", attempts=0, next_attempt_at=None)
        self.message_user(request, f"{count} entr{'y' if count == 1 else 'ies'} will be fetched at the next poll.")
