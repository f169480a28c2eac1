"""Fixtures of the feed tests: the local HTTP server, quick politeness limits, uploads in a temporary folder."""
import pytest

from tests.feeds.server import FeedServer


@pytest.fixture
def server():
    feed_server = FeedServer().start()
    yield feed_server
    feed_server.stop()


@pytest.fixture(autouse=True)
def quick_limits(settings, tmp_path):
    """Short timeouts and no delays, so failure modes are tested in seconds; files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KB_FEED_TIMEOUT = 1.5
    settings.KB_FEED_HOST_DELAY = 0
    settings.KB_FEED_RETRIES = 1
    settings.KB_FEED_RETRY_BACKOFF = 0
    settings.KB_FEED_FOLDER_ROOT = tmp_path / "inbox"
    settings.KB_FEED_ALLOW_PRIVATE = True  # the test server is on 127.0.0.1
    return settings
