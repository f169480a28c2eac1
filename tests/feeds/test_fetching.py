"""The poller's HTTP client on a local server: retries with backoff, politeness per host, private addresses."""
import time

import pytest

from feeds.fetching import Fetcher, FetchError, FetchLimits
from tests.feeds.server import Page

LIMITS = FetchLimits(timeout=2, host_delay=0, retries=2, backoff=0.05, allow_private=True)


def test_a_transient_failure_is_retried_until_the_page_comes(server):
    answers = iter([Page("busy", "text/plain", 503), Page("busy", "text/plain", 503), Page("<p>ok</p>")])
    server.routes["/flaky"] = lambda handler: next(answers)

    with Fetcher(LIMITS) as fetcher:
        result = fetcher.get(server.url("/flaky"))

    assert result.content == b"<p>ok</p>" and len(server.requests) == 3


def test_a_missing_page_is_not_retried(server):
    with Fetcher(LIMITS) as fetcher, pytest.raises(FetchError, match="404") as error:
        fetcher.get(server.url("/missing"))

    assert not error.value.transient and len(server.requests) == 1


def test_requests_to_one_host_wait_the_politeness_delay(server):
    server.routes["/a"] = Page("a")
    started = time.monotonic()

    with Fetcher(FetchLimits(timeout=2, host_delay=0.4, allow_private=True)) as fetcher:
        fetcher.get(server.url("/a"))
        fetcher.get(server.url("/a"))

    assert time.monotonic() - started >= 0.4


def test_conditional_get_sends_the_etag_and_last_modified(server):
    server.routes["/feed"] = Page("", status=304)

    with Fetcher(LIMITS) as fetcher:
        result = fetcher.get(server.url("/feed"), etag='"v1"', last_modified="Tue, 13 Sep 2022 06:00:00 GMT")

    headers = server.requests[0][1]
    assert result.not_modified
    assert headers["If-None-Match"] == '"v1"' and headers["If-Modified-Since"] == "Tue, 13 Sep 2022 06:00:00 GMT"


def test_a_local_address_is_refused_unless_allowed(server):
    server.routes["/a"] = Page("a")

    with Fetcher(FetchLimits(timeout=2, host_delay=0)) as fetcher, pytest.raises(FetchError, match="private"):
        fetcher.get(server.url("/a"))

    assert server.requests == []
