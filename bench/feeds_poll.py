"""How fast the poller turns feed entries into extracted articles, and where the time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_<name> .venv/bin/python bench/feeds_poll.py \
        [--feeds 100] [--entries 20] [--baseline 100] [--port 8205]

Runs in a throwaway database (created and dropped here). A local HTTP server (127.0.0.1 only) serves
`--feeds` RSS feeds of `--entries` items each; every item's page is a sample article of tests/data made
distinct (its own date and a line naming the item), so none is a duplicate. One round of
`feeds_poll_due` polls them all. Prints entries/s and the share of the poll's time spent fetching
(feeds and pages over HTTP, parsing the feeds), reading (the HTML reader), extracting (the spaCy
pipeline) and writing (storing articles and entries, persisting extractions), and, as the baseline
measured in the same run, the upload path (`article_store` + `articles_extract`) on `--baseline`
of the same pages' texts: the poller's entries/s as a ratio of it.

The per-host delay is 0 here: every feed is on one host, and at the default KB_FEED_HOST_DELAY of
1 s a real poll of one host is bounded by one page a second, whatever the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def sample_texts() -> list[tuple[str, str]]:
    data = PROJECT / "tests" / "data"
    texts = []
    for folder in (data, data / "dev", data / "cross"):
        for path in sorted(folder.glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            texts.append((title.strip(), body.strip()))
    return texts


def build_site(feeds: int, entries: int) -> tuple[dict[str, bytes], list[str]]:
    """Paths to bodies: the feeds and their pages; and each page's text (for the baseline)."""
    texts, site, plain = sample_texts(), {}, []
    base = date(2022, 9, 13)
    for feed in range(feeds):
        items = []
        for item in range(entries):
            title, body = texts[(feed * entries + item) % len(texts)]
            day = base + timedelta(days=feed * entries + item)
            body = f"{body}\n\n(Feed {feed}, item {item}, {day.isoformat()}.)"
            paragraphs = "".join(f"<p>{escape(part)}</p>" for part in body.split("\n\n") if part.strip())
            path = f"/page/{feed}/{item}.html"
            site[path] = (f"<!doctype html><html lang='en'><head><title>{escape(title)}</title>"
                          f"<meta property='article:published_time' content='{day.isoformat()}'></head><body>"
                          f"<nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
                          "<footer>Bench outlet</footer></body></html>").encode()
            plain.append(f"{title}\n\n{body}")
            items.append(f"<item><title>{escape(title)}</title><link>{{base}}{path}</link><guid>{path}</guid></item>")
        site[f"/feed/{feed}.xml"] = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Bench</title>"
                                     f"{''.join(items)}</channel></rss>")
    return site, plain


def serve(site: dict, port: int) -> ThreadingHTTPServer:
    base = f"http://127.0.0.1:{port}"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            body = site.get(self.path)
            if body is None:
                self.send_error(404)
                return
            if isinstance(body, str):
                body = body.replace("{base}", base).encode()
                kind = "application/rss+xml"
            else:
                kind = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_persist(timings):
    """Wrap the persisting step of extraction so its time counts as writing, not extracting."""
    import ingest.services

    original = ingest.services.extraction_persist

    def persist(**kwargs):
        started = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            timings.persisting += time.perf_counter() - started

    ingest.services.extraction_persist = persist


def baseline(texts: list[str]) -> float:
    from ingest.services import article_store, articles_extract

    started = time.perf_counter()
    articles = [article_store(content=f"{text}\n(baseline {time.time()})".encode(), filename=f"baseline-{n}.txt",
                              publisher="Baseline")[0] for n, text in enumerate(texts)]
    for _ in articles_extract(articles=articles):
        pass
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--baseline", type=int, default=100, help="pages ingested through the upload path")
    parser.add_argument("--port", type=int, default=8205)
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    settings.KB_FEED_HOST_DELAY = 0
    settings.KB_FEED_ALLOW_PRIVATE = True  # the bench server is on 127.0.0.1
    databases = setup_databases(verbosity=0, interactive=False)
    site, texts = build_site(options.feeds, options.entries)
    server = serve(site, options.port)
    try:
        from feeds.models import Feed, FeedEntry
        from feeds.services import EntryTimings, feeds_poll_due
        from ingest.pipeline import load_nlp

        load_nlp(settings.SPACY_MODEL)  # loaded once, outside both timings
        baseline(texts[:1])  # the pipeline's first article pays for lazy loads (gazetteer, lexicons)
        Feed.objects.bulk_create([Feed(name=f"Bench feed {n}", url=f"http://127.0.0.1:{options.port}/feed/{n}.xml",
                                       poll_interval=900) for n in range(options.feeds)])
        timings = EntryTimings()
        timings.persisting = 0.0
        timed_persist(timings)
        started = time.perf_counter()
        polls = feeds_poll_due(timings=timings)
        elapsed = time.perf_counter() - started
        stored = FeedEntry.objects.filter(state="stored").count()
        failed = [poll.error for poll in polls if poll.error] + list(
            FeedEntry.objects.exclude(state="stored").values_list("error", flat=True)[:3])
        writing = timings.writing + timings.persisting
        extracting = timings.extracting - timings.persisting
        other = elapsed - (timings.fetching + timings.reading + extracting + writing)
        rate = stored / elapsed
        print(f"{len(polls)} feeds, {stored} entries stored in {elapsed:.1f} s: {rate:.2f} entries/s"
              + (f"; problems: {failed[:3]}" if failed else ""))
        for name, seconds in (("fetching", timings.fetching), ("reading", timings.reading),
                              ("extracting", extracting), ("writing", writing), ("other", other)):
            print(f"  {name:11} {seconds:8.1f} s  {seconds / elapsed:6.1%}")
            if name == "writing":  # which half of writing: storing pages, or persisting their extractions
                for part, part_seconds in (("storing", timings.writing), ("persisting", timings.persisting)):
                    print(f"    {part:10} {part_seconds:7.1f} s  {part_seconds / elapsed:6.1%}")
        upload_rate = baseline(texts[: options.baseline])
        print(f"baseline (upload path, {min(options.baseline, len(texts))} of the same texts): "
              f"{upload_rate:.2f} articles/s; poller / upload path = {rate / upload_rate:.2f}")
    finally:
        server.shutdown()
        teardown_databases(databases, verbosity=0)
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
