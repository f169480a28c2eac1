"""The read selectors: filtered lists, one incident with its claims, and duplicate suggestions."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents import selectors, services
from incidents.choices import EventType
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_incident_list_applies_filters():
    wanted = IncidentFactory(event_type=EventType.BATTLES, sub_event_type="Armed clash")
    IncidentFactory()
    assert list(selectors.incident_list(filters={"event_type": "battles"})) == [wanted]


def test_incident_list_refuses_invalid_filters_with_a_message():
    with pytest.raises(ValidationError, match="minlon,minlat,maxlon,maxlat"):
        list(selectors.incident_list(filters={"bbox": "north"}))


def test_incident_list_is_empty_for_a_user_without_a_role(django_user_model):
    IncidentFactory()
    outsider = django_user_model.objects.create_user("outsider", password="x")
    assert list(selectors.incident_list(user=outsider)) == []


def test_incident_list_counts_claims():
    incident = IncidentFactory()
    ClaimFactory.create_batch(2, incident=incident)
    assert selectors.incident_list().get().claim_count == 2


def test_incident_get_loads_claims_and_links_without_further_queries():
    incident = IncidentFactory()
    link = ClaimLinkFactory(claim_a=ClaimFactory(incident=incident), claim_b=ClaimFactory(incident=incident))
    loaded = selectors.incident_get(pk=incident.pk)
    with CaptureQueriesContext(connection) as queries:
        shown = [
            (claim.claimant.name, claim.article.publisher.name, [*claim.links_as_a.all(), *claim.links_as_b.all()])
            for claim in loaded.claims.all()
        ]
    assert len(queries) == 0
    assert shown[0][2] == [link]


def test_claim_list_filters_by_incident():
    claim = ClaimFactory()
    ClaimFactory()
    assert list(selectors.claim_list(filters={"incident": claim.incident_id})) == [claim]


def test_duplicate_suggestions_pair_incidents_at_same_place_and_time_with_reasons():
    place, actor = LocationFactory(name="Goris"), ActorFactory(name="Azerbaijani Armed Forces")
    first, second = IncidentFactory(date_start=date(2022, 9, 13)), IncidentFactory(date_start=date(2022, 9, 13))
    for incident in (first, second):
        incident.locations.add(place)
        incident.actors.add(actor)
    suggestion = selectors.duplicate_suggestions()[0]
    assert {suggestion.a, suggestion.b} == {first, second}
    assert "same place: Goris" in suggestion.reasons
    assert "shared actors: Azerbaijani Armed Forces" in suggestion.reasons


def test_duplicate_suggestions_skip_incidents_far_apart_in_time():
    place = LocationFactory()
    for day in (date(2022, 9, 1), date(2022, 9, 20)):
        IncidentFactory(date_start=day, date_end=day).locations.add(place)
    assert selectors.duplicate_suggestions() == []


def test_duplicate_suggestions_skip_rejected_pairs(analyst):
    place = LocationFactory()
    first, second = IncidentFactory(), IncidentFactory()
    first.locations.add(place)
    second.locations.add(place)
    services.incident_pair_reject(incident_a=first, incident_b=second, user=analyst)
    assert selectors.duplicate_suggestions() == []
