"""WSGI entry point for gunicorn and runserver; starts the in-process extraction worker when there is no broker."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["KB_SERVING"] = "1"  # the settings refuse to serve without a secret key outside DEBUG
application = get_wsgi_application()

from ingest.background import start_if_local  # noqa: E402 - needs the apps loaded by get_wsgi_application

start_if_local()
