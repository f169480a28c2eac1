"""App configuration for continuous intake from feeds and watched folders."""
from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = "Feeds"
    default_auto_field = "django.db.models.BigAutoField"
