"""Ingesting articles: every entry point (admin upload, REST API, `manage.py ingest`, Celery) goes through here.

1. `article_store` keeps the article exactly as received (original file, decoded text, sha256) before
   anything else can go wrong; the same content twice is a duplicate, a file that can't be read is
   still stored, as failed with the reader's reason.
2. `article_extract` (one article) and `articles_extract` (many, parsed in batches by `nlp.pipe`) run
   the pipeline and write its rows in one transaction (`ingest.persist`); a failure leaves the article
   `failed` with a readable error, and running it again retries.
3. `article_submit` stores and queues the extraction (`ingest.jobs`: Celery workers, or the in-process worker
   thread after the response when no broker is configured).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.article_fields import as_datetime, content_type_of, publisher_of, web_url
from ingest.jobs import article_claim, article_extract_enqueue, article_owned_by
from ingest.limits import length_check, length_refusal, size_check, size_refusal
from ingest.persist import extraction_persist
from ingest.readers import ReadDocument, ReadError, iter_archive, read_document

logger = logging.getLogger(__name__)

INGESTED, DUPLICATE, FAILED, QUEUED = "ingested", "duplicate", "failed", "queued"


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one submitted document, in words a person can read."""

    name: str
    article: Article | None  # None for a document refused before it was stored (one over the size limit)
    status: str  # INGESTED, DUPLICATE, FAILED or QUEUED
    message: str


@dataclass(frozen=True)
class StoredDocument:
    """One document of an upload as stored: `created` is False when the same content was already there.

    A document of a zip refused before storing (over the size limit, like a single file would be) has no
    article and says why in `refusal`.
    """

    name: str
    article: Article | None
    created: bool
    refusal: str = ""


def article_store(
    *, content: bytes | None, filename: str | None, text: str | None = None, title: str | None = None,
    url: str | None = None, publisher: str | None = None, published_at: date | datetime | str | None = None,
    uploaded_by=None, document: ReadDocument | None = None,
) -> tuple[Article, bool]:
    """Store one document as received; returns (article, created). created is False for a duplicate.

    Give either the file (`content` + `filename`) or `text` already decoded. A file the readers refuse
    is stored anyway, with status failed and the reason as its error. A caller that has already read
    the file (the feed poller, which needs the page's canonical URL first) passes its `document`.
    """
    content, filename = _content_of(content=content, filename=filename, text=text)
    meta = {"title": title, "url": url, "publisher": publisher, "published_at": as_datetime(published_at),
            "uploaded_by": uploaded_by}
    existing = Article.objects.filter(sha256=hashlib.sha256(content).hexdigest()).first()
    if existing:
        return existing, False
    error = None
    if document is None:
        document, error = _read(content=content, filename=filename, text=text)
    return _store(content=content, filename=filename, document=document, error=error, **meta)


def upload_store(
    *, content: bytes, filename: str, publisher: str | None = None,
    published_at: date | datetime | str | None = None, uploaded_by=None,
) -> list[StoredDocument]:
    """Store one uploaded file, or each document of a zip archive (a zip that can't be opened is stored, failed)."""
    size_check(PurePosixPath(filename.replace("\\", "/")).name or filename, len(content))
    if PurePosixPath(filename).suffix.lower() != ".zip":
        article, created = article_store(content=content, filename=filename, publisher=publisher,
                                         published_at=published_at, uploaded_by=uploaded_by)
        return [StoredDocument(filename, article, created)]
    try:
        members = iter_archive(content, filename, max_member_bytes=settings.KB_MAX_UPLOAD_BYTES)
    except ReadError as error:
        content, filename = _content_of(content=content, filename=filename, text=None)
        existing = Article.objects.filter(sha256=hashlib.sha256(content).hexdigest()).first()
        if existing:
            return [StoredDocument(filename, existing, False)]
        article, created = _store(content=content, filename=filename, document=None,
                                  error=f"Could not read {filename}: {error}", title=None, url=None,
                                  publisher=publisher, published_at=as_datetime(published_at),
                                  uploaded_by=uploaded_by)
        return [StoredDocument(filename, article, created)]
    stored = []
    for member in members:
        name = f"{filename}/{member.name}"
        if member.oversize is not None:
            # Refused as that file alone would be, in the same words; the archive's other documents go on.
            refusal = size_refusal(PurePosixPath(member.name).name or member.name, member.oversize)
            stored.append(StoredDocument(name, None, False, refusal))
            continue
        try:
            article, created = article_store(content=member.data, filename=name, publisher=publisher,
                                             published_at=published_at, uploaded_by=uploaded_by)
        except ValidationError as error:
            # One document refused must not drop the others (those stored before it would stay queued, unrun).
            stored.append(StoredDocument(name, None, False, " ".join(error.messages)))
            continue
        stored.append(StoredDocument(name, article, created))
    return stored


def upload_submit(
    *, content: bytes, filename: str, publisher: str | None = None,
    published_at: date | datetime | str | None = None, uploaded_by=None,
) -> list[IngestOutcome]:
    """Store one uploaded file (or each document of a zip) and queue the extraction of each new one."""
    stored = upload_store(content=content, filename=filename, publisher=publisher, published_at=published_at,
                          uploaded_by=uploaded_by)
    return [IngestOutcome(document.name, None, FAILED, document.refusal) if document.article is None
            else _submitted(document.name, document.article, document.created) for document in stored]


def _store(*, content: bytes, filename: str, document: ReadDocument | None, error: str | None, title, url,
           publisher, published_at, uploaded_by) -> tuple[Article, bool]:
    sha256 = hashlib.sha256(content).hexdigest()
    article = Article(
        sha256=sha256,
        original_filename=filename[-300:],
        uploaded_by=uploaded_by if uploaded_by is not None and uploaded_by.is_authenticated else None,
        url=web_url(url or (document.url if document else None)),
        published_at=published_at or (as_datetime(document.published_at) if document else None),
        publisher=publisher_of(publisher or (document.site_name if document else None)),
        title=(title or (document.title if document else None) or "")[:500],
        language=(document.language if document else None) or "",
        content_type=content_type_of(document),
        text=document.text if document else "",
        status=IngestStatus.FAILED if error else IngestStatus.QUEUED,
        error=error or "",
    )
    article.original.save(PurePosixPath(filename.replace("\\", "/")).name or "article", ContentFile(content),
                          save=False)
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another upload of the same content won the race: it is the stored one.
        article.original.delete(save=False)
        return Article.objects.get(sha256=sha256), False
    return article, True


def article_submit(
    *, content: bytes | None, filename: str | None, text: str | None = None, title: str | None = None,
    url: str | None = None, publisher: str | None = None, published_at: date | datetime | str | None = None,
    uploaded_by=None,
) -> IngestOutcome:
    """Store one document and queue its extraction; the outcome says what happened so far."""
    article, created = article_store(
        content=content, filename=filename, text=text, title=title, url=url, publisher=publisher,
        published_at=published_at, uploaded_by=uploaded_by,
    )
    return _submitted(filename or article.original_filename, article, created)


def duplicate_message(article: Article) -> str:
    """What to tell someone who sent content already stored: which article, how it stands, what to do next."""
    if article.status == IngestStatus.FAILED:
        return (f"This file is already stored as article {article.pk} (status: failed: {article.error}). "
                "Use retry (“Retry failed or stuck extraction” in the articles admin) to re-run it.")
    return f"This file is already stored as article {article.pk} (status: {article.get_status_display().lower()})."


def _submitted(name: str, article: Article, created: bool) -> IngestOutcome:
    if not created:
        return IngestOutcome(name, article, DUPLICATE, duplicate_message(article))
    if article.status == IngestStatus.FAILED:
        return IngestOutcome(name, article, FAILED, article.error)
    article_extract_enqueue(article=article)
    return outcome_of(article, name=name)


def outcome_of(article: Article, *, name: str) -> IngestOutcome:
    """The outcome of a stored, non-duplicate article as it stands now."""
    article.refresh_from_db()
    if article.status == IngestStatus.DONE:
        incidents = article.claims.values("incident").distinct().count()
        counts = f"{article.claims.count()} claim(s) in {incidents} incident(s)"
        return IngestOutcome(name, article, INGESTED, f"stored as article {article.pk}; {counts}")
    if article.status == IngestStatus.FAILED:
        return IngestOutcome(name, article, FAILED, article.error)
    return IngestOutcome(name, article, QUEUED, f"stored as article {article.pk}; extraction queued")


def article_extract(*, article_id: int, force: bool = False, nlp=None, task_id: str | None = None) -> Article:
    """Run the pipeline on one stored article and write its rows; a failure is recorded on the article.

    A done article is left alone unless `force` (re-extraction) or the pipeline version changed. A run
    starts only when `ingest.jobs.article_claim` lets it (the article's current task, or no live run),
    and writes only while the article is still its own, so two deliveries never both write.
    """
    from ingest.pipeline import PIPELINE_VERSION, extract_text, load_nlp

    article = Article.objects.select_related("publisher").get(pk=article_id)
    if article.status == IngestStatus.DONE and article.pipeline_version == PIPELINE_VERSION and not force:
        return article
    if not article_claim(article_id, task_id=task_id):
        logger.info("article %s: task %s is not the article's current run; nothing to do", article_id, task_id)
        article.refresh_from_db()
        return article
    article.refresh_from_db()
    if not _article_has_text(article):
        return article
    try:
        extraction = extract_text(article.text, nlp=nlp or load_nlp(settings.SPACY_MODEL), **_pipeline_meta(article))
        with transaction.atomic():
            locked = Article.objects.select_for_update().get(pk=article.pk)
            if article_owned_by(locked, task_id=task_id):
                extraction_persist(article=article, extraction=extraction)
            else:
                logger.warning("article %s was handed to another run while task %s extracted it; not written",
                               article.pk, task_id)
    except Exception as error:  # noqa: BLE001 - any failure is the article's error, for a person to read
        logger.exception("extraction of article %s failed", article.pk)
        _run_failed(article, error, task_id=task_id)
    article.refresh_from_db()
    return article


def _run_failed(article: Article, error: Exception, *, task_id: str | None) -> None:
    """Record a run's failure, unless the article was handed to another run meanwhile."""
    transient = isinstance(error, (OperationalError, InterfaceError))
    if isinstance(error, SoftTimeLimitExceeded):
        message = (f"Extraction took longer than the {settings.KB_EXTRACTION_TIME_LIMIT} s limit "
                   "(KB_EXTRACTION_TIME_LIMIT); split the article or raise the limit.")
    else:
        message = _describe(error)
    if transient:
        message += " (a temporary failure: running it again should work)"
    own = Article.objects.filter(pk=article.pk, status=IngestStatus.PROCESSING)
    if task_id:
        own = own.filter(task_id=task_id)
    own.update(status=IngestStatus.FAILED, error=message, error_transient=transient, updated_at=timezone.now())
    article.status, article.error = IngestStatus.FAILED, message


def articles_extract(*, articles: Sequence[Article], nlp=None, batch_size: int = 16) -> Iterator[Article]:
    """Extract many stored articles, parsing their texts in batches; yields each article when written.

    One article's failure is recorded on it and the rest go on: after a failure inside a batch, the
    remaining texts of that batch are extracted one by one so the failing article is the one marked.
    """
    from ingest.pipeline import extract_text, extract_texts, load_nlp

    nlp = nlp or load_nlp(settings.SPACY_MODEL)
    pending = []
    for article in articles:
        if _article_has_text(article):
            pending.append(article)
        else:  # failed on re-reading its file: the caller's summary must still name it
            yield article
    for start in range(0, len(pending), batch_size):
        batch = []
        for article in pending[start:start + batch_size]:
            if article_claim(article.pk, task_id=None):
                batch.append(article)
            else:  # another run is extracting it right now: report it as it stands
                article.refresh_from_db()
                yield article
        done = 0
        try:
            items = ((article.text, _pipeline_meta(article)) for article in batch)
            for extraction in extract_texts(items, nlp=nlp, batch_size=batch_size):
                yield _persist_or_fail(batch[done], extraction)
                done += 1
            continue
        except Exception:  # noqa: BLE001 - retried one by one below, where the failing article is named
            logger.debug("batch extraction failed; going one by one", exc_info=True)
        for article in batch[done:]:
            try:
                extraction = extract_text(article.text, nlp=nlp, **_pipeline_meta(article))
            except Exception as error:  # noqa: BLE001 - recorded on the article
                logger.exception("extraction of article %s failed", article.pk)
                _run_failed(article, error, task_id=None)
                article.refresh_from_db()
                yield article
                continue
            yield _persist_or_fail(article, extraction)


def _persist_or_fail(article: Article, extraction) -> Article:
    try:
        extraction_persist(article=article, extraction=extraction)
    except Exception as error:  # noqa: BLE001 - recorded on the article
        logger.exception("writing the extraction of article %s failed", article.pk)
        _run_failed(article, error, task_id=None)
    article.refresh_from_db()
    return article


def _article_has_text(article: Article) -> bool:
    """Whether the article can be extracted; an article whose file could not be read is re-read first."""
    if article.text:
        return True
    if not article.original:
        _status_set(article, IngestStatus.FAILED, error="The article has no text and no stored file to read it from.")
        return False
    try:
        with article.original.open("rb") as stored:
            content = stored.read()
    except OSError as error:
        _status_set(article, IngestStatus.FAILED, error=f"Could not open the stored file: {_one_line(error)}")
        return False
    document, error = _read(content=content, filename=article.original_filename, text=None)
    if error:
        _status_set(article, IngestStatus.FAILED, error=error)
        return False
    article.text = document.text
    article.title = article.title or (document.title or "")[:500]
    article.content_type = document.content_type
    article.save(update_fields=["text", "title", "content_type", "updated_at"])
    return True


def _status_set(article: Article, status: str, *, error: str = "") -> None:
    Article.objects.filter(pk=article.pk).update(status=status, error=error, updated_at=timezone.now())
    article.status, article.error = status, error


def _pipeline_meta(article: Article) -> dict:
    return {
        "published_at": article.published_at.date() if article.published_at else None,
        "publisher": article.publisher.name if article.publisher_id else None,
    }


def _one_line(error: Exception) -> str:
    message = " ".join(str(error).split()) or "no details"
    return f"{type(error).__name__}: {message}"


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split()) or "no details"
    return f"Extraction failed ({type(error).__name__}): {message}"


def _content_of(*, content: bytes | None, filename: str | None, text: str | None) -> tuple[bytes, str]:
    if content is not None and text is not None:
        raise ValidationError("Give either a file or a text, not both.")
    if content is None:
        if not text or not text.strip():
            raise ValidationError("Give a file or a non-empty text.")
        length_check(filename or "The text", len(text))
        content = text.encode("utf-8")
        filename = filename or "submitted.txt"
    if not filename:
        raise ValidationError("A file needs its name, so its type can be told.")
    size_check(PurePosixPath(filename.replace("\\", "/")).name or filename, len(content))
    return content, filename


def _read(*, content: bytes, filename: str, text: str | None) -> tuple[ReadDocument | None, str | None]:
    if text is not None:
        return ReadDocument(text=text, content_type="text/plain", encoding="utf-8"), None
    try:
        # The length is checked below with the message every entry point gives (ingest.limits).
        document = read_document(content, filename, max_bytes=settings.KB_MAX_UPLOAD_BYTES, max_chars=None)
    except ReadError as error:
        return None, f"Could not read {PurePosixPath(filename).name}: {error}"
    except Exception as error:  # noqa: BLE001 - a reader's crash on a malformed file must not lose the file
        logger.exception("reading %s failed", filename)
        return None, f"Could not read {PurePosixPath(filename).name}: the reader failed ({_one_line(error)})"
    refusal = length_refusal(PurePosixPath(filename).name, len(document.text))
    return (None, refusal) if refusal else (document, None)
