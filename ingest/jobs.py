"""Extraction jobs: queueing an article, letting exactly one run extract it, and requeueing runs that died.

Every queueing gives the article a new task id (`article-<pk>-<random>`), sent with the task. A run may
start only if its task id is the article's current one (`article_claim`): a task delivered twice, or
one superseded by a requeue, is a no-op, so an article is written once however often its task arrives.
A task delivered again with the current id while the article is "processing" is one whose first
delivery died with its worker (a broker redelivers only then, the visibility timeout being longer than
a run may take), so it runs again.

The watchdog (`articles_requeue_stale`: a check when a worker starts, then a timer in each worker, and a
Celery beat task) finds articles "processing" past KB_EXTRACTION_STALE_AFTER, the time one run may take
plus a margin, or whose process on this machine is gone (a run records its host:pid), and queues them
again with the attempt count and the reason on the article; after KB_EXTRACTION_MAX_ATTEMPTS runs the
article is failed with the reason.

Where the task runs: Celery workers when CELERY_BROKER_URL is set; otherwise the in-process worker
thread (`ingest.background`) after the response, or the caller itself when KB_EXTRACT_IN_BACKGROUND is off.
"""
from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from incidents.choices import IngestStatus
from incidents.models import Article

logger = logging.getLogger(__name__)


def new_task_id(article_id: int) -> str:
    return f"article-{article_id}-{uuid.uuid4().hex[:12]}"


def article_extract_enqueue(*, article: Article, force: bool = False, reset_attempts: bool = True) -> str:
    """Queue the article's extraction once the current transaction commits; returns the task id.

    A person's retry (`reset_attempts`) starts the attempt count again; the watchdog's keeps it.
    """
    task_id = new_task_id(article.pk)
    changes = {"status": IngestStatus.QUEUED, "task_id": task_id, "updated_at": timezone.now()}
    if reset_attempts:
        changes["attempts"] = 0
    if article.status != IngestStatus.DONE or force:
        Article.objects.filter(pk=article.pk).update(**changes)
        article.status, article.task_id = IngestStatus.QUEUED, task_id
    else:  # a done article asked again without force: its task will see it done and do nothing
        Article.objects.filter(pk=article.pk).update(task_id=task_id)
    transaction.on_commit(lambda: extraction_dispatch(article.pk, task_id=task_id, force=force))
    return task_id


def extraction_dispatch(article_id: int, *, task_id: str, force: bool = False) -> None:
    """Hand the task to Celery, to the in-process worker thread, or run it here (see the module docstring)."""
    from ingest.tasks import article_extract_task

    if settings.CELERY_BROKER_URL or not settings.KB_EXTRACT_IN_BACKGROUND:
        article_extract_task.apply_async(args=(article_id,), kwargs={"force": force}, task_id=task_id)
        return
    from ingest.background import local_worker

    local_worker().submit(article_id, task_id=task_id, force=force)


def article_claim(article_id: int, *, task_id: str | None) -> bool:
    """Mark the article processing for this run, if it may run; True when it may.

    With a task id: only the article's current task, while it is queued (or processing: a redelivery
    after its worker died). Without one (a direct call: `manage.py ingest`, tests): unless another run
    is under way and not yet stale.
    """
    now = timezone.now()
    articles = Article.objects.filter(pk=article_id)
    if task_id:
        articles = articles.filter(task_id=task_id, status__in=[IngestStatus.QUEUED, IngestStatus.PROCESSING])
        changes = {}
    else:  # a direct run supersedes any queued task, which then finds nothing to do
        by = articles.filter(_live_run(now)).values_list("processing_by", flat=True).first()
        if by is not None and not _process_gone(by):
            return False
        articles = articles.exclude(_live_run(now) & ~Q(processing_by=by or ""))
        changes = {"task_id": ""}
    return articles.update(status=IngestStatus.PROCESSING, attempts=F("attempts") + 1, processing_started_at=now,
                           processing_by=this_process(), updated_at=now, **changes) == 1


def this_process() -> str:
    """host:pid, unique per machine or container, so a worker can tell a run of a process gone from its host."""
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def _process_gone(processing_by: str) -> bool:
    host, _, pid = processing_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's run: only the deadline tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def article_owned_by(article: Article, *, task_id: str | None) -> bool:
    """Whether the locked article is still this run's to write (the watchdog may have handed it on)."""
    return article.status == IngestStatus.PROCESSING and (not task_id or article.task_id == task_id)


def _live_run(now):
    return Q(status=IngestStatus.PROCESSING, processing_started_at__gt=now - _stale_after())


def _stale_after() -> timedelta:
    return timedelta(seconds=settings.KB_EXTRACTION_STALE_AFTER)


def articles_requeue_stale() -> dict[str, int]:
    """Queue again every article left "processing" past the deadline, or fail it after the last attempt."""
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0}
    stale = (Q(processing_started_at__lt=now - _stale_after())
             | Q(processing_started_at__isnull=True, updated_at__lt=now - _stale_after()))
    here = Q(processing_by__startswith=f"{socket.gethostname()}:")
    with transaction.atomic():
        processing = Article.objects.select_for_update(skip_locked=True).filter(status=IngestStatus.PROCESSING)
        for article in processing.filter(stale | here).order_by("pk"):
            limit = settings.KB_EXTRACTION_TIME_LIMIT
            if _process_gone(article.processing_by):
                reason = f"Attempt {article.attempts} did not finish: the process running it stopped."
            elif article.processing_started_at and article.processing_started_at >= now - _stale_after():
                continue  # a live run of this machine
            else:
                reason = (f"Attempt {article.attempts} did not finish: its worker stopped, or it ran past the "
                          f"{limit} s limit.")
            if article.attempts >= settings.KB_EXTRACTION_MAX_ATTEMPTS:
                Article.objects.filter(pk=article.pk).update(
                    status=IngestStatus.FAILED, error_transient=True, updated_at=now,
                    error=f"Gave up after {article.attempts} attempts. {reason}")
                counts["failed"] += 1
                continue
            article_extract_enqueue(article=article, reset_attempts=False)
            Article.objects.filter(pk=article.pk).update(error=f"{reason} Queued again.", error_transient=True)
            counts["requeued"] += 1
    if any(counts.values()):
        logger.warning("watchdog: %(requeued)s stale extraction(s) queued again, %(failed)s failed", counts)
    return counts


def articles_requeue_unsent() -> int:
    """Queue again, in this process, the articles queued for a task that is gone with its process.

    Only the in-process worker calls this, when it starts: its tasks lived in the memory of a process
    that stopped. A queued article without a task id is the CLI's to run (`manage.py ingest`), not ours.
    """
    count = 0
    with transaction.atomic():
        for article in Article.objects.filter(status=IngestStatus.QUEUED).exclude(task_id="").order_by("pk"):
            article_extract_enqueue(article=article, reset_attempts=False)
            count += 1
    return count


_WARM_UP_TEXT = ("Artillery shelled the town of Goris in Armenia on Monday, killing two civilians, "
                 "the Defence Ministry said in a statement.")


def extraction_worker_warm_up() -> None:
    """Load the spaCy model, the gazetteer and the matchers once, when a worker starts, not in its first run."""
    from ingest.pipeline import extract_text, load_nlp
    from ingest.pipeline.gazetteer import load_gazetteer

    load_gazetteer()
    extract_text(_WARM_UP_TEXT, nlp=load_nlp(settings.SPACY_MODEL))


def article_resumable(article: Article) -> bool:
    """Whether a stored article should be extracted by a rerun of `manage.py ingest`: queued, failed for a
    temporary reason, or processing with its run gone (its process stopped, or past the deadline)."""
    if article.status == IngestStatus.QUEUED:
        return True
    if article.status == IngestStatus.FAILED:
        return article.error_transient
    if article.status == IngestStatus.PROCESSING:
        started = article.processing_started_at or article.updated_at
        return _process_gone(article.processing_by) or started < timezone.now() - _stale_after()
    return False


def articles_release_own() -> int:
    """Queue again the articles this process had marked processing (its runs were cut off by an outage)."""
    return Article.objects.filter(status=IngestStatus.PROCESSING, processing_by=this_process()).update(
        status=IngestStatus.QUEUED, updated_at=timezone.now())
