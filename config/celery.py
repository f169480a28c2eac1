"""The Celery application; tasks run in workers when CELERY_BROKER_URL is set, in-process otherwise."""
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The pools each prefork child inherited; kept so that nothing in the child ever finalizes them (issue 13).
_INHERITED_DB_POOLS: list = []


@worker_process_init.connect
def _forget_inherited_db_pools(**kwargs) -> None:
    """In a forked pool process, forget the main process's psycopg pools (DATABASES OPTIONS "pool").

    The main process queries the database before it forks (the watchdog at worker start, `ingest.tasks`),
    so each child inherits its open pool: threads that did not survive the fork and idle connections whose
    sockets the main process still uses. Closing that pool in the child, as Celery's Django fixup does next,
    sends PostgreSQL's Terminate on those sockets, which ends the main process's connections (its watchdog
    then fails), and waits forever on the pool's lock if a thread of the main process held it at the fork.
    Forgetting it instead sends nothing (psycopg finishes a connection only in the process that opened
    it); the child opens a pool of its own on its first query. This handler is connected at import, so it
    runs before the fixup's, which is connected when the worker starts.
    """
    from django.db import connections

    for alias in connections:
        pools = getattr(type(connections[alias]), "_connection_pools", None)  # Django's open pools by alias
        if pools and alias in pools:
            _INHERITED_DB_POOLS.append(pools.pop(alias))
