"""`make run` alone polls feeds: the watcher it starts beside the server (`manage.py watch`, a process of its
own) turns a feed a staff member adds in the admin into incidents within one poll interval."""
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from feeds.choices import PollOutcome
from feeds.models import Feed
from feeds.services import feeds_poll_due, polling
from feeds.watcher import watch
from incidents.models import Incident
from tests.factories import PublisherFactory
from tests.feeds.factories import FeedFactory
from tests.feeds.pages import DATA, news_page, rss, sample_text
from tests.feeds.server import Page

PROJECT = Path(__file__).resolve().parents[2]
RAFAH = DATA / "holdout" / "ap-rafah-house-strike.txt"
POLL_INTERVAL = 30  # the shortest the admin accepts


def _database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def watcher(transactional_db, tmp_path):
    """`manage.py watch` started as scripts/run.sh starts it, on the test database; stopped at teardown."""
    env = {name: value for name, value in os.environ.items()
           if name not in {"CELERY_BROKER_URL", "TEST_DATABASE_NAME", "DJANGO_SETTINGS_MODULE"}}
    env.update(DATABASE_URL=_database_url(), DJANGO_SECRET_KEY="test-watcher", KB_WATCH_TICK="1",
               KB_FEED_ALLOW_PRIVATE="true", KB_FEED_HOST_DELAY="0", KB_FEED_TIMEOUT="5", KB_DB_POOL_SIZE="0",
               MEDIA_ROOT=str(tmp_path / "media"))
    log = (tmp_path / "watch.log").open("w")
    process = subprocess.Popen([sys.executable, "manage.py", "watch"], cwd=PROJECT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    yield process, tmp_path / "watch.log"
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()
    said = (tmp_path / "watch.log").read_text()[-3000:]
    assert process.returncode == 0, f"the watcher did not stop on SIGTERM:\n{said}"


def test_run_script_starts_the_watcher_beside_the_server():
    script = (PROJECT / "scripts" / "run.sh").read_text()

    assert re.search(r'^"\$PY" manage\.py watch &$', script, re.MULTILINE)
    assert script.index("manage.py watch &") < script.index("manage.py runserver")


@pytest.mark.django_db(transaction=True)
def test_a_feed_added_in_the_admin_becomes_incidents_within_one_poll_interval(
        server, watcher, staff_client, analyst_client):
    process, log = watcher
    title, body = sample_text(RAFAH)
    server.routes["/news/rafah-strike"] = Page(news_page(body, title=title, published="2024-02-13T06:00:00Z"))
    server.routes["/rss.xml"] = Page(rss([{"title": title, "link": server.url("/news/rafah-strike")}]),
                                     "application/rss+xml")
    publisher = PublisherFactory(name="AP")

    added = time.monotonic()
    response = staff_client.post(reverse("admin:feeds_feed_add"), {
        "name": "AP Middle East", "publisher": publisher.pk, "kind": "rss", "url": server.url("/rss.xml"),
        "path": "", "language": "en", "poll_interval": POLL_INTERVAL, "enabled": "on",
        "polls-TOTAL_FORMS": 0, "polls-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302
    feed = Feed.objects.get()
    incidents = Incident.objects.filter(claims__article__feed_entries__feed=feed).distinct()
    while not incidents.exists() and time.monotonic() - added < POLL_INTERVAL and process.poll() is None:
        time.sleep(0.5)

    assert incidents.exists(), f"no incident after {time.monotonic() - added:.0f} s; watcher said:\n" + (
        log.read_text()[-3000:])
    listed = analyst_client.get(reverse("incidents:incident_list"), {"feed": feed.pk}).content.decode()
    assert incidents.first().title in listed
    assert "AP Middle East" in analyst_client.get(reverse("feeds:source_list")).content.decode()


@pytest.mark.django_db(transaction=True)  # between rounds the watcher closes its connections, as a process would
def test_over_several_rounds_the_watcher_polls_a_feed_once_per_interval(server):
    server.routes["/feed.xml"] = Page(rss([]), "application/rss+xml")
    FeedFactory(url=server.url("/feed.xml"))

    rounds = watch(tick=0.05, rounds=3, report=lambda line: None)

    assert rounds == 3 and len([path for path, _ in server.requests if path == "/feed.xml"]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_round_that_fails_does_not_end_the_watcher(monkeypatch):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database away")
        return []

    monkeypatch.setattr("feeds.watcher.feeds_poll_due", flaky)
    lines = []

    watch(tick=0, rounds=2, report=lines.append)

    assert len(calls) == 2 and "This round failed (RuntimeError: database away)" in lines[0]


@pytest.mark.django_db
def test_a_feed_whose_poll_crashes_shows_as_failing_and_the_others_are_still_polled(server, monkeypatch):
    server.routes["/good.xml"] = Page(rss([]), "application/rss+xml")
    server.routes["/bad.xml"] = Page(rss([]), "application/rss+xml")
    bad = FeedFactory(name="A bad feed", url=server.url("/bad.xml"))
    good = FeedFactory(name="B good feed", url=server.url("/good.xml"))
    real = polling._entries_record

    def crash_on_bad(feed, items):
        if feed.pk == bad.pk:
            raise RuntimeError("unexpected")
        return real(feed, items)

    monkeypatch.setattr("feeds.services.polling._entries_record", crash_on_bad)

    feeds_poll_due()

    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.last_outcome == PollOutcome.FAILED and "the poller failed (RuntimeError: unexpected)" in bad.last_error
    assert good.last_outcome == PollOutcome.OK
