"""The shared read behind titles, summaries and roll-ups: claims that answer every question from memory."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.accounts import incident_accounts, side_of
from incidents.choices import ActorKind, CasualtyGroup
from incidents.derived_selectors import incident_claims_load, incident_locations_load
from incidents.describe import incident_summary
from incidents.models import Claim
from incidents.naming import neutral_title
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def _described_claim():
    """A claim with a claimant under a state, a perpetrator, a target, a place and a figure of one side's forces."""
    armenia = ActorFactory(name="Armenia", kind=ActorKind.STATE)
    ministry = ActorFactory(name="Armenian Defense Ministry", kind=ActorKind.GOVERNMENT_BODY, parent=armenia)
    azerbaijan = ActorFactory(name="Azerbaijan", kind=ActorKind.STATE, country_code="AZ")
    claim = ClaimFactory(claimant=ministry)
    claim.perpetrators.add(azerbaijan)
    claim.targets.add(armenia)
    claim.locations.add(LocationFactory(name="Goris"))
    claim.incident.locations.add(LocationFactory(name="Syunik"))
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=ministry, min=49, max=49)
    return claim


def test_the_title_summary_and_figures_of_loaded_claims_need_no_further_query(django_assert_num_queries):
    incident = _described_claim().incident
    claims = incident_claims_load(incident_ids=[incident.pk])[incident.pk]
    incident_locations_load(incidents=[incident])
    with django_assert_num_queries(0):
        accounts = incident_accounts(claims)
        neutral_title(incident, accounts), incident_summary(accounts, incident)


def test_loaded_claims_tell_the_same_accounts_as_claims_read_with_their_details():
    from incidents.selectors import claims_with_details

    incident = _described_claim().incident
    loaded = incident_claims_load(incident_ids=[incident.pk])[incident.pk]
    detailed = list(claims_with_details(Claim.objects.filter(incident=incident)))
    assert incident_summary(incident_accounts(loaded), incident) == incident_summary(incident_accounts(detailed),
                                                                                    incident)


def test_a_side_above_many_levels_of_parents_is_loaded_in_one_query(django_assert_num_queries):
    top = ActorFactory(name="State", kind=ActorKind.STATE)
    actor = top
    for level in range(5):
        actor = ActorFactory(name=f"Unit {level}", parent=actor)
    claim = ClaimFactory(claimant=actor)
    with django_assert_num_queries(3):  # claims, figures, actors with every parent
        loaded = incident_claims_load(incident_ids=[claim.incident_id])[claim.incident_id]
    with django_assert_num_queries(0):
        assert side_of(loaded[0].claimant) == top


def test_perpetrators_come_in_the_order_of_their_names_as_a_read_of_the_relation_gives_them():
    claim = ClaimFactory()
    claim.perpetrators.add(*(ActorFactory(name=name) for name in ("b forces", "Azerbaijan", "al-Qaeda", "Zeta")))
    loaded = incident_claims_load(incident_ids=[claim.incident_id])[claim.incident_id][0]
    assert list(loaded.perpetrators.all()) == list(Claim.objects.get(pk=claim.pk).perpetrators.all())


def test_claims_come_in_reading_order_by_article_date_then_position():
    incident = IncidentFactory()
    later = ClaimFactory(incident=incident, article__published_at="2022-09-14T00:00:00Z")
    earlier = ClaimFactory(incident=incident, article__published_at="2022-09-13T00:00:00Z")
    assert incident_claims_load(incident_ids=[incident.pk])[incident.pk] == [earlier, later]


def _claims_with_members(incident, count: int) -> None:
    for _ in range(count):
        claim = ClaimFactory(incident=incident, claimant=ActorFactory(parent=ActorFactory(kind=ActorKind.STATE)))
        claim.perpetrators.add(ActorFactory())
        claim.targets.add(ActorFactory())
        claim.locations.add(LocationFactory())
        CasualtyFigureFactory(claim=claim, min=1, max=2)
    incident.locations.add(LocationFactory())


def _queries_to_load(incident_count: int, claim_count: int) -> int:
    incidents = IncidentFactory.create_batch(incident_count)
    for incident in incidents:
        _claims_with_members(incident, claim_count)
    with CaptureQueriesContext(connection) as queries:
        incident_claims_load(incident_ids=[incident.pk for incident in incidents])
        incident_locations_load(incidents=incidents)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_incidents_and_claims():
    assert _queries_to_load(1, 1) == _queries_to_load(3, 4) == 5  # claims, figures, actors, places; incident places
