"""Whether writing an article's extraction costs more as the knowledge base grows (issue 12: within 1.5x).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_<name>_scale .venv/bin/python bench/ingest_growth.py \
        [--incidents 10000] [--articles 50] [--rounds 3]

The test articles (tests/data, dev/, cross/), copied until there are `--articles`, are extracted once here;
then their extractions are written, in batches of 16 as `manage.py ingest` writes them, into an empty
database (a throwaway, created and dropped here) and into the database named by DATABASE_URL, which
bench/scale_data.py fills with `--incidents` incidents if it does not hold them (as bench/scale.py does,
whose knowledge base it can share). Each round runs in a child process per database, alternating, in a
transaction rolled back at the end, so every round starts from the same rows. Prints the persisting cost
(ms per article, best round) and queries per article for each, and their ratio (goal <= 1.5).
"""
from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
BATCH = 16


def _extractions(count: int) -> list[tuple[str, object, object]]:
    """(text, published date, extraction) of `count` distinct article copies."""
    from django.conf import settings

    from bench.ingest_speed import copies, corpus
    from ingest.pipeline import extract_texts, load_nlp

    texts = corpus()
    items = copies(texts, range(-(-count // len(texts))))[:count]
    metas = ((text, {"published_at": published, "publisher": "Bench"}) for text, published in items)
    extracted = extract_texts(metas, nlp=load_nlp(settings.SPACY_MODEL), batch_size=BATCH)
    return [(text, published, extraction) for (text, published), extraction in zip(items, extracted, strict=True)]


def _child(path: str) -> None:
    """One round into the database of this process: store, write in batches, report, roll back."""
    import django

    django.setup()
    import shutil

    from django.conf import settings

    with open(path, "rb") as stored:
        items = pickle.load(stored)
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    try:
        seconds, queries = _written(items)
    finally:
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    print(f"{seconds * 1000 / len(items):.2f} {queries / len(items):.2f}")


def _written(items) -> tuple[float, int]:
    """Seconds and queries to write the items' extractions, in a transaction rolled back afterwards."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from ingest.persist import extraction_persist
    from ingest.services import article_store

    with transaction.atomic():
        articles = [article_store(content=text.encode(), filename=f"growth-{number}.txt", publisher="Bench",
                                  published_at=published)[0] for number, (text, published, _) in enumerate(items)]
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for start in range(0, len(items), BATCH):
                with transaction.atomic():
                    for article, (_, _, extraction) in zip(articles[start:start + BATCH], items[start:start + BATCH],
                                                           strict=True):
                        extraction_persist(article=article, extraction=extraction)
            seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, len(queries)


def _round(url: str, path: str) -> tuple[float, float]:
    env = {**os.environ, "DATABASE_URL": url}
    output = subprocess.run([sys.executable, __file__, "--child", path], env=env, check=True, capture_output=True,
                            text=True).stdout.split()
    return float(output[-2]), float(output[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return

    import django

    django.setup()
    import psycopg
    from django.conf import settings

    from bench.scale import _database_ready, _knowledge_base

    _database_ready()
    size = _knowledge_base(args.incidents, regenerate=False)
    database = settings.DATABASES["default"]
    empty = f"bench_growth_{os.getpid()}"
    base = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{empty}"')
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=PROJECT, check=True,
                       env={**os.environ, "DATABASE_URL": f"{base}/{empty}"})
        with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as stored:
            pickle.dump(_extractions(args.articles), stored)
        results = {"empty": [], "big": []}
        for _ in range(args.rounds):  # alternating, so a busy machine slows both alike
            results["empty"].append(_round(f"{base}/{empty}", stored.name))
            results["big"].append(_round(os.environ["DATABASE_URL"], stored.name))
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')
        if "stored" in locals():
            os.unlink(stored.name)
    (empty_ms, empty_queries), (big_ms, big_queries) = min(results["empty"]), min(results["big"])
    print(f"{args.articles} articles, batches of {BATCH}, best of {args.rounds} alternating rounds; "
          f"big knowledge base: {size}")
    print(f"empty database      {empty_ms:7.2f} ms/article  {empty_queries:6.1f} queries/article")
    print(f"{size['incidents']:>6} incidents    {big_ms:7.2f} ms/article  {big_queries:6.1f} queries/article")
    print(f"ratio big / empty:  {big_ms / empty_ms:.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()
