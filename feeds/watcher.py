"""The watcher: the loop that polls the due feeds every tick, for the embedded default (no broker).

`manage.py watch` runs it, and `make run` (scripts/run.sh) starts that command beside the web server, so
there is one loop per machine rather than one per web process; with a broker, Celery beat schedules the
same `feeds_poll_due` instead. A round that fails (the database away, a bug) is logged and the next tick
tries again: the loop outlives any one round, or the feeds would stop being polled without anyone seeing.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections

from feeds.models import FeedPoll
from feeds.services import feeds_poll_due

logger = logging.getLogger(__name__)


def poll_line(poll: FeedPoll) -> str:
    """One line per poll, as the watcher prints it."""
    line = (f"{poll.feed}: {poll.get_outcome_display()}; {poll.entries_seen} seen, "
            f"{poll.entries_new} new, {poll.entries_failed} failed")
    return line + (f" ({poll.error})" if poll.error else "")


def watch(*, tick: float, stop: threading.Event | None = None, rounds: int | None = None,
          report: Callable[[str], None] = logger.info) -> int:
    """Poll the due feeds, then wait `tick` seconds, until `stop` is set or `rounds` are done; returns the rounds."""
    stop = stop or threading.Event()
    done = 0
    while True:
        try:
            for poll in feeds_poll_due():
                report(poll_line(poll))
        except Exception as error:  # noqa: BLE001 - the loop must go on; the next round tries again
            logger.exception("a round of the feed watcher failed")
            report(f"This round failed ({type(error).__name__}: {error}); trying again in {tick:g} s.")
        done += 1
        if (rounds is not None and done >= rounds) or stop.wait(tick):
            return done
        # A long-running loop, like a request: drop connections past CONN_MAX_AGE or broken (the database
        # restarted) before the next round.
        close_old_connections()
