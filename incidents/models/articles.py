"""Articles: one stored news item or statement, exactly as received, and its ingest state."""
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from incidents.choices import IngestStatus


class Article(models.Model):
    """One row is one distinct article content (by sha256), however often it was uploaded."""

    publisher = models.ForeignKey(
        "incidents.Publisher", null=True, blank=True, on_delete=models.PROTECT, related_name="articles",
    )
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True, help_text="The decoded text; every span refers to it")
    original = models.FileField(upload_to="articles/%Y/%m/", blank=True)
    original_filename = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, unique=True)
    body_spans = models.JSONField(default=list, blank=True, help_text="[start, end) spans of article body")
    extraction = models.JSONField(null=True, blank=True, help_text="The pipeline's output (schema v1)")
    pipeline_version = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=16, choices=IngestStatus.choices, default=IngestStatus.QUEUED, db_index=True,
    )
    error = models.TextField(blank=True, help_text="Why ingestion failed, readable by a person")
    error_transient = models.BooleanField(
        default=False, help_text="The failure was temporary (database, worker lost): running it again may work",
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Extraction runs started since it was queued")
    task_id = models.CharField(
        max_length=64, blank=True, help_text="The queued extraction task allowed to run it; others are no-ops",
    )
    processing_started_at = models.DateTimeField(null=True, blank=True, help_text="When the current run started")
    processing_by = models.CharField(max_length=200, blank=True, help_text="host:pid of the process running it")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        # The file's own name: an article ingested from the command line keeps its server path in the field.
        return self.title or PurePosixPath(self.original_filename).name or f"Article {self.pk}"
