"""The admin for articles: status and error in the list, re-run/retry actions, and the upload page for staff."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator

from incidents.admin import TombstoneOnDeleteMixin
from incidents.choices import IngestStatus
from incidents.models import Article
from incidents.roles import can_upload
from ingest.forms import ArticleUploadForm
from ingest.services import DUPLICATE, FAILED, INGESTED, article_extract_enqueue, upload_submit

_MESSAGE_LEVEL = {INGESTED: messages.SUCCESS, DUPLICATE: messages.WARNING, FAILED: messages.ERROR}


def _summary_level(counts: dict[str, int]) -> int:
    """Red when nothing was taken in, amber when some files failed or were duplicates, green otherwise."""
    taken = sum(number for status, number in counts.items() if status not in {FAILED, DUPLICATE})
    if not taken:
        return messages.ERROR if counts.get(FAILED) else messages.WARNING
    return messages.WARNING if counts.get(FAILED) or counts.get(DUPLICATE) else messages.SUCCESS


@admin.register(Article)
class ArticleAdmin(TombstoneOnDeleteMixin, admin.ModelAdmin):
    change_list_template = "admin/ingest/article/change_list.html"
    list_display = ("__str__", "publisher", "published_at", "status", "short_error", "claim_count",
                    "pipeline_version", "created_at")
    list_filter = ("status", "publisher", "pipeline_version")
    search_fields = ("title", "original_filename", "sha256", "url")
    date_hierarchy = "created_at"
    list_select_related = ("publisher",)
    actions = ("rerun_extraction", "retry_failed_extraction")
    readonly_fields = ("sha256", "original", "original_filename", "content_type", "status", "error",
                       "pipeline_version", "extracted_at", "uploaded_by", "created_at", "updated_at",
                       "body_spans", "extraction", "text")
    fields = ("title", "publisher", "published_at", "url", "language", *readonly_fields)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, article: Article) -> int:
        return article.claim_total

    @admin.display(description="error")
    def short_error(self, article: Article) -> str:
        return Truncator(article.error).chars(120)

    # The staff role (incidents.roles) uses this admin whatever model permissions its group holds.
    def has_module_permission(self, request) -> bool:
        return can_upload(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return can_upload(request.user) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return can_upload(request.user) or super().has_change_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        # Articles come in through the upload page, which stores the file exactly as received.
        return False

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="incidents_article_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        if not can_upload(request.user):
            raise PermissionDenied
        form = ArticleUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            self._upload(request, form)
            return redirect(reverse("admin:incidents_article_changelist"))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": "Upload articles"}
        return TemplateResponse(request, "admin/ingest/article/upload.html", context)

    def _upload(self, request, form: ArticleUploadForm) -> None:
        counts: dict[str, int] = {}
        for upload in form.cleaned_data["files"]:
            try:
                outcomes = upload_submit(
                    content=upload.read(), filename=upload.name, publisher=form.cleaned_data["publisher"] or None,
                    published_at=form.cleaned_data["published_at"], uploaded_by=request.user,
                )
            except ValidationError as error:
                counts[FAILED] = counts.get(FAILED, 0) + 1
                self.message_user(request, f"{upload.name}: refused: {' '.join(error.messages)}", messages.ERROR)
                continue
            for outcome in outcomes:
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
                self.message_user(request, f"{outcome.name}: {outcome.status}: {outcome.message}",
                                  _MESSAGE_LEVEL.get(outcome.status, messages.INFO))
        if not counts:
            self.message_user(request, "Upload finished: no article was found in what was uploaded.", messages.WARNING)
            return
        summary = ", ".join(f"{number} {status}" for status, number in sorted(counts.items()))
        self.message_user(request, f"Upload finished: {summary}.", _summary_level(counts))

    @admin.action(description="Re-run extraction (keeps analysts' edits)")
    def rerun_extraction(self, request, queryset):
        self._enqueue(request, queryset, force=True)

    @admin.action(description="Retry failed or stuck extraction")
    def retry_failed_extraction(self, request, queryset):
        retryable = queryset.exclude(status=IngestStatus.DONE)
        skipped = queryset.count() - retryable.count()
        self._enqueue(request, retryable, force=False)
        if skipped:
            self.message_user(request, f"{skipped} article(s) already done were left alone; use re-run to redo them.",
                              messages.WARNING)

    def _enqueue(self, request, queryset, *, force: bool) -> None:
        articles = list(queryset)
        for article in articles:
            article_extract_enqueue(article=article, force=force)
        # Workers (Celery, or the in-process thread) pick the articles up; in-request runs have finished.
        stored = Article.objects.filter(pk__in=[article.pk for article in articles])
        by_status = dict(stored.values_list("status").annotate(total=Count("pk")).order_by())
        summary = ", ".join(f"{total} {status}" for status, total in sorted(by_status.items()))
        self.message_user(request, f"Extraction of {len(articles)} article(s): {summary}.", messages.SUCCESS)
        for article in stored.filter(status=IngestStatus.FAILED):
            self.message_user(request, f"{article}: {article.error}", messages.ERROR)
