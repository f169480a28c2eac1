"""Analysts edit incidents and claims, link and unlink claims and move them; stale saves are refused."""
import pytest
from django.urls import reverse

from incidents.choices import EventType
from incidents.models import ClaimLink, Incident
from incidents.services import claim_update, incident_update
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def incident_form(incident, **changes) -> dict:
    data = {
        "version": incident.version, "title": incident.title, "summary": incident.summary,
        "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
        "date_start": incident.date_start, "date_end": incident.date_end, "date_precision": incident.date_precision,
        "review_status": incident.review_status,
        "locations": [place.pk for place in incident.locations.all()],
        "actors": [actor.pk for actor in incident.actors.all()],
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def claim_form(claim, **changes) -> dict:
    data = {"version": claim.version, "claimant": claim.claimant_id or "", "kind": claim.kind,
            "credibility": claim.credibility, "review_status": claim.review_status, "analyst_note": ""}
    data.update(changes)
    return data


def test_analyst_saves_an_incident_edit(analyst_client):
    incident = IncidentFactory()
    url = reverse("incidents:incident_edit", args=[incident.pk])
    response = analyst_client.post(url, incident_form(incident, title="Shelling of Goris", review_status="verified"),
                                   follow=True)
    assert "Incident saved." in response.content.decode()
    incident.refresh_from_db()
    assert (incident.title, incident.review_status, incident.version) == ("Shelling of Goris", "verified", 2)


def test_fatalities_set_by_hand_are_kept_as_an_override(analyst_client):
    incident = IncidentFactory()
    url = reverse("incidents:incident_edit", args=[incident.pk])
    analyst_client.post(url, incident_form(incident, fatalities_overridden="on", fatalities_low=2,
                                           fatalities_best=3, fatalities_high=5))
    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (2, 3, 5)
    assert incident.fatalities_overridden


def test_a_sub_event_type_of_another_event_type_is_refused_on_its_field(analyst_client):
    incident = IncidentFactory()
    url = reverse("incidents:incident_edit", args=[incident.pk])
    response = analyst_client.post(url, incident_form(incident, event_type=EventType.PROTESTS))
    assert response.status_code == 400
    assert "is not a sub-event type of protests" in response.content.decode()


def test_a_stale_save_of_the_same_field_is_refused_keeping_the_typed_value_and_naming_who(analyst_client, analyst):
    incident = IncidentFactory(title="Original")
    stale = incident_form(incident, title="Mine")
    incident_update(incident=incident, version=incident.version, data={"title": "Theirs"}, user=analyst)
    response = analyst_client.post(reverse("incidents:incident_edit", args=[incident.pk]), stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved." in html and "changed by someone else" in html
    assert "<td>Mine</td><td><strong>Theirs</strong></td><td>analyst</td>" in html
    assert 'name="title" value="Mine"' in html and 'name="version" value="2"' in html
    assert Incident.objects.get(pk=incident.pk).title == "Theirs"


def test_a_stale_save_of_other_fields_is_merged_without_asking(analyst_client, analyst):
    incident = IncidentFactory(title="Original", summary="")
    stale = incident_form(incident, summary="Shells hit the town at night.")
    incident_update(incident=incident, version=incident.version, data={"title": "Theirs"}, user=analyst)
    response = analyst_client.post(reverse("incidents:incident_edit", args=[incident.pk]), stale, follow=True)
    assert "Incident saved. It was also changed meanwhile by analyst; both changes are kept." in (
        response.content.decode())
    incident.refresh_from_db()
    assert (incident.title, incident.summary, incident.version) == ("Theirs", "Shells hit the town at night.", 3)


def test_analyst_saves_a_claim_edit(analyst_client):
    claim = ClaimFactory()
    perpetrator = ActorFactory(name="Azerbaijan")
    url = reverse("incidents:claim_edit", args=[claim.pk])
    response = analyst_client.post(url, claim_form(claim, credibility=2, perpetrators=[perpetrator.pk],
                                                   analyst_note="Checked."))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.credibility, claim.analyst_note) == (2, "Checked.")
    assert list(claim.perpetrators.all()) == [perpetrator]


def test_a_stale_claim_save_is_refused(analyst_client, analyst):
    claim = ClaimFactory()
    stale = claim_form(claim, credibility=1)
    claim_update(claim=claim, version=claim.version, data={"credibility": 4}, user=analyst)
    response = analyst_client.post(reverse("incidents:claim_edit", args=[claim.pk]), stale)
    assert response.status_code == 409
    assert ("<td>Credibility (Admiralty 1–6)</td><td>1 – confirmed by other sources</td>"
            "<td><strong>4 – doubtful</strong></td><td>analyst</td>") in response.content.decode()
    claim.refresh_from_db()
    assert claim.credibility == 4


def test_link_page_offers_claims_of_the_same_incident(analyst_client):
    claim = ClaimFactory()
    sibling = ClaimFactory(incident=claim.incident)
    html = analyst_client.get(reverse("incidents:claim_link_create", args=[claim.pk])).content.decode()
    assert f'name="other_claim" value="{sibling.pk}"' in html


def test_link_search_narrows_the_candidates(analyst_client):
    claim = ClaimFactory()
    ClaimFactory(incident=claim.incident)
    html = analyst_client.get(reverse("incidents:claim_link_create", args=[claim.pk]), {"q": "no such words"})
    assert 'name="other_claim"' not in html.content.decode()


def test_analyst_links_two_claims_as_contradicting(analyst_client, analyst):
    claim = ClaimFactory()
    other = ClaimFactory(incident=claim.incident)
    response = analyst_client.post(reverse("incidents:claim_link_create", args=[claim.pk]),
                                   {"other_claim": other.pk, "relation": "contradicts", "reason": "Each blames"},
                                   follow=True)
    assert f"Linked claim {claim.pk} with claim {other.pk} (contradicts)." in response.content.decode()
    link = ClaimLink.objects.get()
    assert (link.relation, link.reason, link.created_by) == ("contradicts", "Each blames", analyst)


def test_linking_an_already_linked_pair_says_why_it_is_refused(analyst_client):
    link = ClaimLinkFactory()
    response = analyst_client.post(reverse("incidents:claim_link_create", args=[link.claim_a_id]),
                                   {"other_claim": link.claim_b_id, "relation": "corroborates", "reason": "x"})
    assert response.status_code == 400
    assert "are already linked" in response.content.decode()


def test_a_link_without_a_reason_is_refused(analyst_client):
    claim = ClaimFactory()
    other = ClaimFactory(incident=claim.incident)
    response = analyst_client.post(reverse("incidents:claim_link_create", args=[claim.pk]),
                                   {"other_claim": other.pk, "relation": "contradicts", "reason": ""})
    assert response.status_code == 400
    assert not ClaimLink.objects.exists()


def test_analyst_removes_a_link_and_returns_to_the_page(analyst_client):
    link = ClaimLinkFactory()
    back = reverse("incidents:incident_detail", args=[link.claim_a.incident_id])
    response = analyst_client.post(reverse("incidents:claim_link_delete", args=[link.pk]),
                                   {"next": back, "reason": "Not the same day"})
    assert response["Location"] == back
    assert not ClaimLink.objects.exists()


def test_removing_a_link_first_shows_the_link_that_goes(analyst_client):
    link = ClaimLinkFactory(reason="One denies the other")
    html = analyst_client.get(reverse("incidents:claim_link_delete", args=[link.pk])).content.decode()
    assert "The link that goes" in html and "One denies the other" in html and link.claim_a.quote[:30] in html
    assert ClaimLink.objects.exists()


def test_removing_a_link_without_a_reason_is_refused(analyst_client):
    link = ClaimLinkFactory()
    response = analyst_client.post(reverse("incidents:claim_link_delete", args=[link.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Say why: the reason is kept in the history." in response.content.decode()
    assert ClaimLink.objects.exists()


def test_analyst_moves_a_claim_to_another_incident(analyst_client):
    claim = ClaimFactory()
    target = IncidentFactory(title="The right incident")
    move_page = analyst_client.get(reverse("incidents:claim_move", args=[claim.pk])).content.decode()
    assert f'value="{target.pk}"' in move_page
    response = analyst_client.post(reverse("incidents:claim_move", args=[claim.pk]), {"incident": target.pk},
                                   follow=True)
    assert "Claim moved to “The right incident”." in response.content.decode()
    claim.refresh_from_db()
    assert claim.incident == target
