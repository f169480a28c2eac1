"""How fast articles are ingested end to end (store + extract + write), against bare spaCy on the same texts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_<name> .venv/bin/python bench/ingest_speed.py \
        [--copies 8] [--rounds 3]

Runs in a throwaway database (created and dropped here, migrations applied) on the test articles
(tests/data, its dev/ and cross/ folders), each repeated `--copies` times with a distinct publication
date so every copy is a new article about a new event. Measures, in one run:
  * bare spaCy: `nlp.pipe` over the texts, nothing else;
  * 1 worker: `article_store` + `articles_extract` (batched pipeline + persistence) in this process;
  * 2 workers: the same split over two forked processes (as two Celery workers would), on fresh copies;
The three are timed in alternating rounds (each round on fresh copies) and the best round of each is
reported, so a busy machine skews the ratios less. Prints articles/s, words/s and the ratios (goal:
1 worker >= 0.8 of bare spaCy), and how long the two workers really ran side by side.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def corpus() -> list[str]:
    data = PROJECT / "tests" / "data"
    return [path.read_text(encoding="utf-8") for folder in (data, data / "dev", data / "cross")
            for path in sorted(folder.glob("*.txt"))]


def copies(texts: list[str], indexes: range) -> list[tuple[str, date]]:
    """Each text once per index, made distinct and dated a month apart so no copy is a duplicate of another."""
    base = date(2022, 9, 13)
    return [(f"{text}\n\n(copy {index})\n", base + timedelta(days=30 * index)) for index in indexes for text in texts]


def ingest(items: list[tuple[str, date]], *, batch_size: int) -> None:
    from ingest.services import article_store, articles_extract

    articles = [article_store(content=text.encode(), filename=f"bench-{number}.txt", publisher="Bench",
                              published_at=published)[0] for number, (text, published) in enumerate(items)]
    failed = [article.error for article in articles_extract(articles=articles, batch_size=batch_size)
              if article.status != "done"]
    if failed:
        raise SystemExit(f"{len(failed)} article(s) failed, e.g. {failed[0]}")


def bare_spacy(nlp, items: list[tuple[str, date]], *, batch_size: int) -> None:
    for _ in nlp.pipe((text for text, _ in items), batch_size=batch_size):
        pass


def _worker(items, batch_size, spans):
    from django.db import connections

    started = time.perf_counter()
    ingest(items, batch_size=batch_size)
    connections.close_all()
    spans.put((os.getpid(), started, time.perf_counter()))


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def two_workers(items, *, batch_size: int) -> tuple[float, float]:
    """Seconds for two forked processes to ingest half the items each, and how long both were running at once."""
    from django.db import connections

    # A forked child must open its own connections: one inherited from the parent (or from its psycopg pool,
    # whose worker threads do not survive the fork) is shared with it, and a child waiting on the pool hangs.
    connections.close_all()
    for connection in connections.all():
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()
    context = multiprocessing.get_context("fork")
    spans = context.Queue()
    halves = [items[0::2], items[1::2]]
    started = time.perf_counter()
    workers = [context.Process(target=_worker, args=(half, batch_size, spans)) for half in halves]
    for worker in workers:
        worker.start()
    reported = [spans.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if any(worker.exitcode for worker in workers) or len({pid for pid, _, _ in reported}) != 2:
        raise SystemExit("a worker failed")
    overlap = min(end for _, _, end in reported) - max(start for _, start, _ in reported)
    return elapsed, max(overlap, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="times each test article is ingested")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is reported")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    from ingest.pipeline import extract_text, load_nlp

    settings.DATABASES["default"]["TEST"]["NAME"] = f"bench_ingest_{os.getpid()}"
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        nlp = load_nlp(settings.SPACY_MODEL)
        texts = corpus()
        extract_text(texts[0], nlp=nlp)  # warm up lazily built matchers and the gazetteer
        rounds = []
        for number in range(args.rounds):
            first = 2 * number * args.copies
            one = copies(texts, range(first, first + args.copies))
            two = copies(texts, range(first + args.copies, first + 2 * args.copies))
            rounds.append((
                timed(bare_spacy, nlp, one, batch_size=args.batch_size),
                timed(ingest, one, batch_size=args.batch_size),
                *two_workers(two, batch_size=args.batch_size),
            ))
        words = sum(len(text.split()) for text, _ in one)
        bare, single = min(times[0] for times in rounds), min(times[1] for times in rounds)
        double, overlap = min((times[2], times[3]) for times in rounds)
    finally:
        teardown_databases(databases, verbosity=0)
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

    print(f"{len(one)} articles, {words} words per run ({len(texts)} texts x {args.copies} copies); "
          f"best of {args.rounds} rounds; {os.cpu_count()} CPUs")
    rows = [("bare spaCy nlp.pipe", bare), ("ingest, 1 worker", single), ("ingest, 2 workers", double)]
    for label, seconds in rows:
        print(f"{label:<22} {seconds:7.2f} s  {len(one) / seconds:7.2f} articles/s  {words / seconds:9.0f} words/s")
    print(f"ratio 1 worker / bare spaCy:  {bare / single:.2f}  (goal >= 0.8)")
    print(f"ratio 2 workers / bare spaCy: {bare / double:.2f}")
    print(f"speed-up 2 workers / 1 worker: {single / double:.2f}  (both workers running for {overlap:.2f} s "
          f"of {double:.2f} s)")


if __name__ == "__main__":
    main()
