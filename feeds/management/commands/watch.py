"""`manage.py watch`: poll due feeds in-process, forever (or once), the embedded default's Celery beat."""
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from feeds.services import feeds_poll_due


class Command(BaseCommand):
    help = "Poll the enabled feeds whose time has come, every KB_WATCH_TICK seconds (Ctrl-C stops)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Poll the due feeds once and exit")
        parser.add_argument("--tick", type=float, default=None, help="Seconds between rounds (KB_WATCH_TICK)")

    def handle(self, *args, once=False, tick=None, **options):
        tick = tick if tick is not None else settings.KB_WATCH_TICK
        if not once:
            self.stderr.write(f"Watching feeds: a round every {tick:g} s.")
        while True:
            for poll in feeds_poll_due():
                line = (f"{poll.feed}: {poll.get_outcome_display()}; {poll.entries_seen} seen, "
                        f"{poll.entries_new} new, {poll.entries_failed} failed")
                self.stderr.write(line + (f" ({poll.error})" if poll.error else ""))
            if once:
                return
            try:
                time.sleep(tick)
            except KeyboardInterrupt:
                return
            # A long-running loop, like a request: drop connections past CONN_MAX_AGE or broken.
            close_old_connections()
