"""factory_boy factories for the domain models and users, shared by every test package."""
import hashlib
from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from incidents.choices import (
    ActorKind,
    CasualtyGroup,
    CasualtyKind,
    ClaimKind,
    EventType,
    LinkRelation,
    LocationPrecision,
    Ownership,
)
from incidents.models import (
    Actor,
    ActorMention,
    Article,
    CasualtyFigure,
    Claim,
    ClaimLink,
    Deletion,
    Incident,
    IncidentPairRejection,
    Location,
    LocationMention,
    Publisher,
)

ARTICLE_TEXT = (
    "The Defense Ministry said its forces shelled positions near Goris on Tuesday, "
    "killing 3 soldiers. The other side denied the report."
)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with password 'password'; pass `groups=["analyst"]` to put it in role groups."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in extracted))


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Publisher {n}")
    domain = factory.Sequence(lambda n: f"publisher{n}.example.org")
    ownership = Ownership.PRIVATE


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article whose sha256 is the digest of its text, so each distinct text is a distinct article."""

    class Meta:
        model = Article

    publisher = factory.SubFactory(PublisherFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"{ARTICLE_TEXT} ({n})")
    sha256 = factory.LazyAttribute(lambda article: hashlib.sha256(article.text.encode()).hexdigest())
    language = "en"
    original_filename = factory.Sequence(lambda n: f"article-{n}.txt")
    content_type = "text/plain"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = ActorKind.MILITARY
    country_code = "AM"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Place {n}")
    country_code = "AM"
    latitude = 39.51111
    longitude = 46.34168
    precision = LocationPrecision.TOWN
    gazetteer_id = factory.Sequence(lambda n: f"test:{n}")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"Shelling near Goris #{n}")
    event_type = EventType.EXPLOSIONS_REMOTE_VIOLENCE
    sub_event_type = "Shelling/artillery/missile attack"
    date_start = date(2022, 9, 13)
    date_end = date(2022, 9, 13)


class IncidentPairRejectionFactory(factory.django.DjangoModelFactory):
    """An analyst's verdict that two incidents differ, stored in id order as the model's constraint demands."""

    class Meta:
        model = IncidentPairRejection

    incident_a = factory.SubFactory(IncidentFactory)
    incident_b = factory.SubFactory(IncidentFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        incident_a, incident_b = kwargs["incident_a"], kwargs["incident_b"]
        if incident_a.pk > incident_b.pk:
            kwargs["incident_a"], kwargs["incident_b"] = incident_b, incident_a
        return super()._create(model_class, *args, **kwargs)


class DeletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deletion

    kind = "incident"
    object_id = factory.Sequence(lambda n: 1000 + n)


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim quoting the first sentence of its article's text."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    incident = factory.SubFactory(IncidentFactory)
    claimant = factory.SubFactory(ActorFactory)
    kind = ClaimKind.ATTACK
    start = 0
    end = factory.LazyAttribute(lambda claim: claim.article.text.index(".") + 1)
    quote = factory.LazyAttribute(lambda claim: claim.article.text[claim.start:claim.end])


class CasualtyFigureFactory(factory.django.DjangoModelFactory):
    """One casualty figure of a claim: killed, people the text does not place, unless told."""

    class Meta:
        model = CasualtyFigure

    claim = factory.SubFactory(ClaimFactory)
    kind = CasualtyKind.KILLED
    group = CasualtyGroup.UNKNOWN


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    """A link between two claims, stored in id order as the model's constraint demands."""

    class Meta:
        model = ClaimLink

    claim_a = factory.SubFactory(ClaimFactory)
    claim_b = factory.SubFactory(ClaimFactory)
    relation = LinkRelation.CONTRADICTS
    reason = "One side denies what the other reports."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        claim_a, claim_b = kwargs["claim_a"], kwargs["claim_b"]
        if claim_a.pk > claim_b.pk:
            kwargs["claim_a"], kwargs["claim_b"] = claim_b, claim_a
        return super()._create(model_class, *args, **kwargs)


class ActorMentionFactory(factory.django.DjangoModelFactory):
    """A mention of an actor at the article's first word."""

    class Meta:
        model = ActorMention

    article = factory.SubFactory(ArticleFactory)
    actor = factory.SubFactory(ActorFactory)
    start = 0
    end = factory.LazyAttribute(lambda mention: mention.article.text.index(" "))
    text = factory.LazyAttribute(lambda mention: mention.article.text[mention.start:mention.end])


class LocationMentionFactory(factory.django.DjangoModelFactory):
    """A mention of a location at the article's last word."""

    class Meta:
        model = LocationMention

    article = factory.SubFactory(ArticleFactory)
    location = factory.SubFactory(LocationFactory)
    start = factory.LazyAttribute(lambda mention: mention.article.text.rindex(" ") + 1)
    end = factory.LazyAttribute(lambda mention: len(mention.article.text))
    text = factory.LazyAttribute(lambda mention: mention.article.text[mention.start:mention.end])
