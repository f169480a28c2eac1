"""gunicorn settings, read from the working directory: processes and threads sized to the machine.

Requests are short (uploads answer at once; extraction runs in workers), so each process gets a few threads
for the time a request waits on PostgreSQL. KB_WEB_WORKERS / KB_WEB_THREADS override the sizing.
"""
import multiprocessing
import os

workers = int(os.environ.get("KB_WEB_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("KB_WEB_THREADS", 4))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
keepalive = 5
