"""Extracting many stored articles at once (`manage.py ingest`, feed polls): parse in batches, write in batches.

Each batch of texts goes through `nlp.pipe` together, then all of its extractions are written in one
transaction, each article in a savepoint of its own (`extraction_persist` is atomic, so nested it is one):
an article whose rows can't be written is rolled back alone and recorded as failed with its error, and the
others of the batch are kept. One commit and one hold of the persisting lock for a batch instead of one an
article; should the batch's transaction itself fail (the database went away), its articles are written
again one by one, so each is written or marked on its own.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.db import transaction

from incidents.models import Article
from ingest.jobs import article_claim
from ingest.persist import extraction_persist
from ingest.services import _article_has_text, _pipeline_meta, _run_failed

logger = logging.getLogger(__name__)


def articles_extract(*, articles: Sequence[Article], nlp=None, batch_size: int = 16) -> Iterator[Article]:
    """Extract many stored articles, parsing and writing them in batches; yields each article once written.

    One article's failure is recorded on it and the rest go on: after a failure inside a batch, the
    remaining texts of that batch are extracted one by one so the failing article is the one marked.
    """
    from ingest.pipeline import load_nlp

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
        extracted, failed = _batch_extract(batch, nlp=nlp, batch_size=batch_size)
        yield from failed
        yield from _batch_write(extracted)


def _batch_extract(batch: list[Article], *, nlp, batch_size: int) -> tuple[list[tuple[Article, object]], list[Article]]:
    """The extraction of each article, parsed together; an article the pipeline fails on is marked failed."""
    from ingest.pipeline import extract_text, extract_texts

    extracted = []
    try:
        items = ((article.text, _pipeline_meta(article)) for article in batch)
        for extraction in extract_texts(items, nlp=nlp, batch_size=batch_size):
            extracted.append((batch[len(extracted)], extraction))
        return extracted, []
    except Exception:  # noqa: BLE001 - retried one by one below, where the failing article is named
        logger.debug("batch extraction failed; going one by one", exc_info=True)
    failed = []
    for article in batch[len(extracted):]:
        try:
            extracted.append((article, extract_text(article.text, nlp=nlp, **_pipeline_meta(article))))
        except Exception as error:  # noqa: BLE001 - recorded on the article
            logger.exception("extraction of article %s failed", article.pk)
            _run_failed(article, error, task_id=None)
            article.refresh_from_db()
            failed.append(article)
    return extracted, failed


def _batch_write(extracted: list[tuple[Article, object]]) -> list[Article]:
    """Write the batch's extractions in one transaction, a savepoint each; the articles, refreshed."""
    if not extracted:
        return []
    try:
        with transaction.atomic():
            for article, extraction in extracted:
                _persist_or_fail(article, extraction)
    except Exception:  # noqa: BLE001 - the batch's own transaction failed: each article on its own below
        logger.warning("writing a batch of %s articles failed; writing them one by one", len(extracted),
                       exc_info=True)
        for article, extraction in extracted:
            _persist_or_fail(article, extraction)
    for article, _ in extracted:
        article.refresh_from_db()
    return [article for article, _ in extracted]


def _persist_or_fail(article: Article, extraction) -> None:
    try:
        extraction_persist(article=article, extraction=extraction)
    except Exception as error:  # noqa: BLE001 - recorded on the article
        logger.exception("writing the extraction of article %s failed", article.pk)
        _run_failed(article, error, task_id=None)

