"""Merge, split and unlink are previewed and need a reason; merges and unlinks are undone from the history."""
import pytest
from django.urls import reverse

from incidents.models import ClaimLink, Incident
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def test_choosing_incidents_to_merge_shows_which_claims_move_before_anything_changes(analyst_client):
    target, source = IncidentFactory(title="Keep"), IncidentFactory(title="Fold in")
    moving = ClaimFactory(incident=source)
    source.actors.add(ActorFactory(name="Azerbaijan Defense Ministry"))
    html = analyst_client.post(reverse("incidents:incident_merge", args=[target.pk]),
                               {"sources": [source.pk]}).content.decode()
    assert "1 claim moves here" in html and moving.quote[:40] in html
    assert "Azerbaijan Defense Ministry" in html and "Confirm merge" in html
    assert Incident.objects.filter(pk=source.pk).exists()


def test_confirming_a_merge_without_a_reason_is_refused(analyst_client):
    target, source = IncidentFactory(), IncidentFactory()
    response = analyst_client.post(reverse("incidents:incident_merge", args=[target.pk]),
                                   {"sources": [source.pk], "confirmed": "1", "reason": ""})
    assert response.status_code == 400
    assert "Say why: the reason is kept in the history." in response.content.decode()
    assert Incident.objects.filter(pk=source.pk).exists()


def test_a_merge_reason_is_shown_in_the_incidents_history(analyst_client):
    target, source = IncidentFactory(), IncidentFactory()
    analyst_client.post(reverse("incidents:incident_merge", args=[target.pk]),
                        {"sources": [source.pk], "confirmed": "1", "reason": "Both describe the Goris shelling"})
    html = analyst_client.get(reverse("incidents:incident_detail", args=[target.pk])).content.decode()
    assert f"Merged incidents {source.pk}: Both describe the Goris shelling" in html


def test_choosing_claims_to_split_shows_which_move_and_which_stay(analyst_client):
    incident = IncidentFactory()
    staying, leaving = ClaimFactory(incident=incident), ClaimFactory(incident=incident)
    html = analyst_client.post(reverse("incidents:incident_split", args=[incident.pk]),
                               {"claims": [leaving.pk], "title": "Separate clash"}).content.decode()
    assert "1 claim moves to a new incident “Separate clash”" in html and "1 claim stays here" in html
    assert f'data-claim="{leaving.pk}"' in html and f'data-claim="{staying.pk}"' in html
    assert Incident.objects.count() == 1


def test_confirming_a_split_without_a_reason_is_refused(analyst_client):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident)
    response = analyst_client.post(reverse("incidents:incident_split", args=[incident.pk]),
                                   {"claims": [leaving.pk], "confirmed": "1", "reason": ""})
    assert response.status_code == 400
    assert "Say why" in response.content.decode() and Incident.objects.count() == 1


def test_a_merge_is_undone_from_the_incidents_history(analyst_client):
    target, source = IncidentFactory(title="Keep"), IncidentFactory(title="Fold in")
    moved = ClaimFactory(incident=source)
    analyst_client.post(reverse("incidents:incident_merge", args=[target.pk]),
                        {"sources": [source.pk], "confirmed": "1", "reason": "Same"})
    page = analyst_client.get(reverse("incidents:incident_detail", args=[target.pk])).content.decode()
    assert "Undo this merge" in page
    undo_url = page.split('class="undo-form"')[0].rsplit('action="', 1)[1].split('"')[0]
    response = analyst_client.post(undo_url, {"reason": "Different days", "next": f"/incidents/{target.pk}/"},
                                   follow=True)
    assert "Undone: the merged incidents are back with their claims." in response.content.decode()
    moved.refresh_from_db()
    assert moved.incident_id == source.pk and Incident.objects.get(pk=source.pk).title == "Fold in"
    after = analyst_client.get(reverse("incidents:incident_detail", args=[target.pk])).content.decode()
    assert "Undo this merge" not in after


def test_an_unlink_is_restored_from_the_incidents_history(analyst_client):
    link = ClaimLinkFactory(reason="One denies the other")
    incident_id = link.claim_a.incident_id
    analyst_client.post(reverse("incidents:claim_link_delete", args=[link.pk]), {"reason": "Wrong pair"})
    page = analyst_client.get(reverse("incidents:incident_detail", args=[incident_id])).content.decode()
    assert "Unlinked: Wrong pair" in page and "Restore this link" in page
    undo_url = page.split('class="undo-form"')[0].rsplit('action="', 1)[1].split('"')[0]
    response = analyst_client.post(undo_url, follow=True)
    assert "Undone: the link is back." in response.content.decode()
    assert ClaimLink.objects.get(pk=link.pk).reason == "One denies the other"


def test_viewers_see_no_undo_and_cannot_undo(viewer_client, analyst):
    from incidents import services
    from incidents.models import ReversibleChange

    link = ClaimLinkFactory()
    services.claim_link_delete(link=link, user=analyst, reason="Wrong")
    page = viewer_client.get(reverse("incidents:incident_detail", args=[link.claim_a.incident_id])).content.decode()
    assert "Restore this link" not in page
    change = ReversibleChange.objects.get()
    assert viewer_client.post(reverse("incidents:change_undo", args=[change.pk])).status_code == 403
    assert not ClaimLink.objects.exists()
