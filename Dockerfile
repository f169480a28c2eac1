# The web app and the Celery worker share this image; docker-compose.yml picks the command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN DATABASE_URL=postgres://unused@localhost/unused python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --create-home kb && mkdir -p /app/.data/media && chown -R kb /app/.data
USER kb

EXPOSE 8000
# Threaded workers: their main loop tells the arbiter it is alive while requests run in threads, so --timeout
# only catches a hung worker and never cuts a long streamed export (a sync worker is killed mid-file).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-class", "gthread", \
     "--threads", "4", "--timeout", "120"]
