"""`manage.py watch`: poll due feeds in-process, forever (or once), the embedded default's Celery beat.

`make run` starts it beside the web server (scripts/run.sh); SIGTERM (the script's exit) or Ctrl-C ends it
once the round in hand is done, so no entry is left half-stored.
"""
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from feeds.watcher import watch


class Command(BaseCommand):
    help = "Poll the enabled feeds whose time has come, every KB_WATCH_TICK seconds (Ctrl-C stops)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Poll the due feeds once and exit")
        parser.add_argument("--tick", type=float, default=None, help="Seconds between rounds (KB_WATCH_TICK)")

    def handle(self, *args, once=False, tick=None, **options):
        tick = tick if tick is not None else settings.KB_WATCH_TICK
        stop = threading.Event()
        if not once:
            self.stderr.write(f"Watching feeds: a round every {tick:g} s.")
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            watch(tick=tick, stop=stop, rounds=1 if once else None, report=self.stderr.write)
        except KeyboardInterrupt:
            return
