"""The list's bulk "set credibility" action: one credibility for every claim of the ticked incidents."""
import pytest
from django.urls import reverse

from incidents.models import Claim
from tests.factories import ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db
URL = reverse("incidents:incidents_credibility_set")


def test_the_list_offers_analysts_the_credibility_action_on_the_ticked_incidents(analyst_client):
    IncidentFactory()
    page = analyst_client.get(reverse("incidents:incident_list")).content.decode()
    assert f'formaction="{URL}"' in page
    assert '<label for="bulk-credibility">Credibility of all their claims</label>' in page
    assert '<option value="2">2 – probably true</option>' in page


def test_the_ticked_incidents_claims_get_the_credibility_and_the_message_counts_them(analyst_client):
    ticked = [IncidentFactory(), IncidentFactory()]
    for incident, count in zip(ticked, (2, 1), strict=True):
        ClaimFactory.create_batch(count, incident=incident, credibility=6)
    untouched = ClaimFactory(credibility=6)

    response = analyst_client.post(URL, {"incidents": [i.pk for i in ticked], "credibility": 2}, follow=True)

    assert "Credibility “2 – probably true” set on 3 claims of the 2 ticked incidents." in response.content.decode()
    assert set(Claim.objects.filter(incident__in=ticked).values_list("credibility", flat=True)) == {2}
    assert Claim.objects.get(pk=untouched.pk).credibility == 6


def test_the_message_counts_only_the_claims_that_changed(analyst_client):
    incident = IncidentFactory()
    ClaimFactory(incident=incident, credibility=2)
    ClaimFactory(incident=incident, credibility=4)

    response = analyst_client.post(URL, {"incidents": [incident.pk], "credibility": 2}, follow=True)

    assert "set on 1 claim of the 1 ticked incident." in response.content.decode()


def test_when_every_claim_already_has_it_the_message_says_nothing_changed(analyst_client):
    claim = ClaimFactory(credibility=3)

    response = analyst_client.post(URL, {"incidents": [claim.incident_id], "credibility": 3}, follow=True)

    assert "No claim changed: every claim of the 1 ticked incident already had credibility “3 – possibly true”." in (
        response.content.decode())
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_it_goes_back_to_the_list_the_analyst_was_on(analyst_client):
    claim = ClaimFactory()
    response = analyst_client.post(URL, {"incidents": [claim.incident_id], "credibility": 1,
                                         "next": "/?search=Goris"})
    assert response["Location"] == "/?search=Goris"


def test_without_ticking_anything_it_says_so(analyst_client):
    response = analyst_client.post(URL, {"credibility": 2}, follow=True)
    assert "Nothing changed: Tick at least one incident in the list first." in response.content.decode()


def test_a_credibility_outside_the_scale_changes_nothing(analyst_client):
    claim = ClaimFactory(credibility=6)
    response = analyst_client.post(URL, {"incidents": [claim.incident_id], "credibility": 9}, follow=True)
    assert "Nothing changed: Select a valid choice." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).credibility == 6


def test_viewers_may_not_set_credibility(viewer_client):
    claim = ClaimFactory(credibility=6)
    assert viewer_client.post(URL, {"incidents": [claim.incident_id], "credibility": 1}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).credibility == 6
