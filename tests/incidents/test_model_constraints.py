"""The database refuses rows that break the domain's rules, whatever code tries to write them."""
from datetime import date

import pytest
from django.db import IntegrityError

from tests.factories import (
    ActorFactory,
    ActorMentionFactory,
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IncidentFactory,
    LocationFactory,
    LocationMentionFactory,
    PublisherFactory,
)

pytestmark = pytest.mark.django_db


def test_claim_span_must_start_before_it_ends():
    with pytest.raises(IntegrityError, match="claim_span_order"):
        ClaimFactory(start=10, end=10)


def test_claim_fatalities_min_cannot_exceed_max():
    with pytest.raises(IntegrityError, match="claim_fatalities_min_le_max"):
        ClaimFactory(fatalities_min=5, fatalities_max=2)


def test_claim_injured_min_cannot_exceed_max():
    with pytest.raises(IntegrityError, match="claim_injured_min_le_max"):
        ClaimFactory(injured_min=9, injured_max=1)


def test_claim_with_open_ended_fatalities_is_accepted():
    claim = ClaimFactory(fatalities_min=10, fatalities_max=None)
    assert claim.fatalities_min == 10


def test_claim_credibility_above_six_is_refused():
    with pytest.raises(IntegrityError, match="claim_credibility_1_6"):
        ClaimFactory(credibility=7)


def test_claim_credibility_zero_is_refused():
    with pytest.raises(IntegrityError, match="claim_credibility_1_6"):
        ClaimFactory(credibility=0)


def test_claimed_date_end_cannot_precede_start():
    with pytest.raises(IntegrityError, match="claim_dates_ordered"):
        ClaimFactory(claimed_date_start=date(2022, 9, 13), claimed_date_end=date(2022, 9, 12))


def test_incident_date_end_cannot_precede_start():
    with pytest.raises(IntegrityError, match="incident_dates_ordered"):
        IncidentFactory(date_start=date(2022, 9, 13), date_end=date(2022, 9, 1))


def test_incident_fatalities_low_cannot_exceed_high():
    with pytest.raises(IntegrityError, match="incident_fatalities_low_le_high"):
        IncidentFactory(fatalities_low=10, fatalities_high=3)


def test_incident_fatalities_best_must_lie_within_low_and_high():
    with pytest.raises(IntegrityError, match="incident_fatalities_best_in_range"):
        IncidentFactory(fatalities_low=2, fatalities_best=50, fatalities_high=10)


def test_claim_cannot_be_linked_with_itself():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="claim_link_pair_ordered"):
        ClaimLinkFactory(claim_a=claim, claim_b=claim)


def test_claim_link_stored_in_reverse_id_order_is_refused():
    first, second = ClaimFactory(), ClaimFactory()
    with pytest.raises(IntegrityError, match="claim_link_pair_ordered"):
        ClaimLinkFactory._meta.model.objects.create(claim_a=second, claim_b=first, relation="contradicts")


def test_the_same_pair_of_claims_is_linked_only_once():
    link = ClaimLinkFactory()
    with pytest.raises(IntegrityError, match="claim_link_pair_unique"):
        ClaimLinkFactory(claim_a=link.claim_a, claim_b=link.claim_b, relation="corroborates")


def test_claim_link_factory_orders_the_pair_by_id():
    first, second = ClaimFactory(), ClaimFactory()
    link = ClaimLinkFactory(claim_a=second, claim_b=first)
    assert (link.claim_a, link.claim_b) == (first, second)


def test_two_articles_with_the_same_sha256_are_refused():
    article = ArticleFactory()
    with pytest.raises(IntegrityError, match="sha256"):
        ArticleFactory(sha256=article.sha256, text="Different text, same digest claimed.")


def test_publisher_names_are_unique():
    PublisherFactory(name="Press TV")
    with pytest.raises(IntegrityError, match="name"):
        PublisherFactory._meta.model.objects.create(name="Press TV")


def test_actor_cannot_be_its_own_parent():
    actor = ActorFactory()
    actor.parent = actor
    with pytest.raises(IntegrityError, match="actor_not_own_parent"):
        actor.save()


def test_the_same_actor_name_kind_and_country_is_refused_twice():
    actor = ActorFactory()
    with pytest.raises(IntegrityError, match="actor_unique_name_kind_country"):
        ActorFactory(name=actor.name, kind=actor.kind, country_code=actor.country_code)


def test_actor_mention_span_must_start_before_it_ends():
    with pytest.raises(IntegrityError, match="actor_mention_span_order"):
        ActorMentionFactory(start=5, end=3)


def test_location_mention_span_must_start_before_it_ends():
    with pytest.raises(IntegrityError, match="location_mention_span_order"):
        LocationMentionFactory(start=8, end=8)


def test_location_latitude_beyond_ninety_is_refused():
    with pytest.raises(IntegrityError, match="location_latitude_range"):
        LocationFactory(latitude=91)


def test_location_longitude_beyond_one_eighty_is_refused():
    with pytest.raises(IntegrityError, match="location_longitude_range"):
        LocationFactory(longitude=-181)


def test_two_locations_with_the_same_gazetteer_id_are_refused():
    LocationFactory(gazetteer_id="geonames:174895")
    with pytest.raises(IntegrityError, match="gazetteer_id"):
        LocationFactory(gazetteer_id="geonames:174895")
