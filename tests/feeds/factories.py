"""Factories of the feed tests."""
import factory

from feeds.choices import FeedKind
from feeds.models import Feed
from tests.factories import PublisherFactory


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    name = factory.Sequence(lambda n: f"Test feed {n}")
    publisher = factory.SubFactory(PublisherFactory)
    kind = FeedKind.RSS
    url = "http://127.0.0.1:1/feed.xml"
    poll_interval = 600
