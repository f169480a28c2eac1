"""Settings of the test suite: config.settings with a test-only secret key and plain HTTP (the test client and
the live server speak http://), set before the settings are read so subprocesses (workers, commands) inherit them."""
import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-key-never-used-to-serve-anything")
os.environ.setdefault("KB_HTTPS", "false")
# Tests open connections from threads (live server, worker thread) that a small pool would make wait.
os.environ.setdefault("KB_DB_POOL_SIZE", "0")

from config.settings import *  # noqa: E402,F403
