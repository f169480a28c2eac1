"""What the tests that run real Celery worker processes share: the environment a worker subprocess needs to
reach this test's database and a Redis db of the test's own, the app pointed at that broker (and put back
after), and the article statuses the tests wait on."""
import contextlib
import os
from pathlib import Path

from django.db import connection
from django.db.models import Count

from config.celery import app as celery_app
from incidents.models import Article

ROOT = Path(__file__).resolve().parents[2]


def worker_env(broker: str, **settings: str) -> dict[str, str]:
    """The environment of a worker subprocess: this test's database, the broker, and the given settings."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": broker,
        "DJANGO_LOG_LEVEL": "WARNING",
        **settings,
    }


@contextlib.contextmanager
def sending_through(broker: str, settings):
    """This process sends tasks to `broker` (emptied first) instead of running them eagerly, until the end."""
    import ingest.tasks  # noqa: F401 - registers the task with the app this process sends through

    settings.CELERY_BROKER_URL = broker
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    with celery_app.connection_for_write() as connection_to_broker:
        connection_to_broker.default_channel.client.flushdb()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


def statuses_of(ids) -> dict[str, int]:
    """How many of the articles are in each ingest status."""
    return dict(Article.objects.filter(pk__in=ids).values_list("status").annotate(n=Count("pk")).order_by())
