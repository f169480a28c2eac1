"""The in-process extraction worker used when no broker is configured: one thread of the web process.

A request stores the upload, queues the task here and answers at once; this thread extracts after the
response, one article at a time (spaCy is CPU-bound; the web threads keep answering). It starts with
the web process (`config.wsgi`) or on the first upload, loads the spaCy model once when it starts, runs
the watchdog then and every KB_WATCHDOG_INTERVAL seconds, and queues again the articles this kind of
worker had queued when the process stopped (their tasks lived only in that process's memory).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
_WORKER: LocalWorker | None = None


@dataclass(frozen=True)
class _Job:
    article_id: int
    task_id: str
    force: bool


class LocalWorker:
    """A daemon thread draining a queue of extraction jobs, with the watchdog on a timer."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[_Job] = queue.Queue()
        self.ready = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="kb-extraction-worker", daemon=True)

    def start(self) -> LocalWorker:
        self.thread.start()
        return self

    def submit(self, article_id: int, *, task_id: str, force: bool = False) -> None:
        self.jobs.put(_Job(article_id, task_id, force))

    def stop(self, timeout: float = 30) -> None:
        """Finish the job in hand, then end the thread (a test's teardown; a process that stops serving)."""
        self.stopping.set()
        self.thread.join(timeout)

    def idle(self) -> bool:
        """Whether nothing is queued or running (for tests and shutdown)."""
        return self.ready.is_set() and self.jobs.unfinished_tasks == 0

    def _run(self) -> None:
        from ingest.jobs import extraction_worker_warm_up

        try:
            extraction_worker_warm_up()
            self._watchdog(resume=True)
        except Exception:  # noqa: BLE001 - the worker must keep serving jobs; the reason is logged
            logger.exception("starting the in-process extraction worker")
        finally:
            self.ready.set()
            close_old_connections()
        next_watch = time.monotonic() + settings.KB_WATCHDOG_INTERVAL
        while not self.stopping.is_set():
            try:  # woken every second at most, so that stop() is seen soon
                job = self.jobs.get(timeout=max(0.1, min(1.0, next_watch - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= next_watch:
                    self._watchdog(resume=False)
                    next_watch = time.monotonic() + settings.KB_WATCHDOG_INTERVAL
                continue
            try:
                self._extract(job)
            finally:
                self.jobs.task_done()

    def _extract(self, job: _Job) -> None:
        from ingest.services import article_extract

        try:
            article_extract(article_id=job.article_id, force=job.force, task_id=job.task_id)
        except Exception:  # noqa: BLE001 - the article is left for the watchdog; the thread lives on
            logger.exception("in-process extraction of article %s", job.article_id)
        finally:
            connections.close_all()

    def _watchdog(self, *, resume: bool) -> None:
        from ingest.jobs import articles_requeue_stale, articles_requeue_unsent

        try:
            articles_requeue_stale()
            if resume:
                articles_requeue_unsent()
        except Exception:  # noqa: BLE001 - the database may be away for a while; the next round retries
            logger.exception("extraction watchdog")
        finally:
            connections.close_all()


def local_worker() -> LocalWorker:
    """This process's worker, started on first use."""
    global _WORKER
    with _LOCK:
        if _WORKER is None or not _WORKER.thread.is_alive():
            _WORKER = LocalWorker().start()
        return _WORKER


def stop_local_worker() -> None:
    """Stop this process's worker if one runs, so no thread outlives the code that started it."""
    global _WORKER
    with _LOCK:
        worker, _WORKER = _WORKER, None
    if worker is not None and worker.thread.is_alive():
        worker.stop()


def start_if_local() -> None:
    """Start the worker with the web process when extraction runs in it (no broker, background on)."""
    if not settings.CELERY_BROKER_URL and settings.KB_EXTRACT_IN_BACKGROUND:
        local_worker()
