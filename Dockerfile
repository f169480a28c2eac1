# The web app and the Celery worker share this image; docker-compose.yml picks the command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN DATABASE_URL=postgres://unused@localhost/unused DJANGO_SECRET_KEY=build-only-never-served \
    python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --create-home kb && mkdir -p /app/.data/media && chown -R kb /app/.data
USER kb

EXPOSE 8000
# Workers and threads sized to the machine's cores (gunicorn.conf.py).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
