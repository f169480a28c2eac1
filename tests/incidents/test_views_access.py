"""Who may open which page: anonymous visitors sign in first, viewers read, analysts edit, staff upload."""
import pytest
from django.test import Client
from django.urls import reverse

from incidents.models import ClaimLink
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory()


def read_urls(claim) -> list[str]:
    actor, place = ActorFactory(), LocationFactory()
    return [
        reverse("incidents:incident_list"),
        reverse("incidents:incident_detail", args=[claim.incident_id]),
        reverse("incidents:article_detail", args=[claim.article_id]),
        reverse("incidents:actor_detail", args=[actor.pk]),
        reverse("incidents:location_detail", args=[place.pk]),
    ]


def edit_urls(claim) -> list[str]:
    actor, place = ActorFactory(), LocationFactory()
    return [
        reverse("incidents:incident_edit", args=[claim.incident_id]),
        reverse("incidents:incident_merge", args=[claim.incident_id]),
        reverse("incidents:incident_split", args=[claim.incident_id]),
        reverse("incidents:claim_edit", args=[claim.pk]),
        reverse("incidents:claim_link_create", args=[claim.pk]),
        reverse("incidents:claim_move", args=[claim.pk]),
        reverse("incidents:actor_merge", args=[actor.pk]),
        reverse("incidents:location_merge", args=[place.pk]),
        reverse("incidents:duplicate_queue"),
    ]


def test_anonymous_visitor_is_sent_to_sign_in_from_every_page(client, claim):
    for url in read_urls(claim) + edit_urls(claim):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


def test_sign_in_page_shows_the_form(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content and b'name="password"' in response.content


def test_signing_in_with_the_right_password_opens_the_incident_list(client, viewer):
    response = client.post(reverse("login"), {"username": "viewer", "password": "password"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Incidents" in response.content.decode()


def test_signing_in_with_a_wrong_password_says_so(client, viewer):
    response = client.post(reverse("login"), {"username": "viewer", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_anonymous_read_setting_opens_the_pages_read_only(client, claim, settings):
    settings.KB_ANONYMOUS_READ = True
    for url in read_urls(claim):
        assert client.get(url).status_code == 200, url
    for url in edit_urls(claim):
        assert client.get(url).status_code == 302, url


def test_viewer_reads_every_page(viewer_client, claim):
    for url in read_urls(claim):
        assert viewer_client.get(url).status_code == 200, url


def test_viewer_cannot_open_any_edit_page(viewer_client, claim):
    for url in edit_urls(claim):
        assert viewer_client.get(url).status_code == 403, url


def test_viewer_cannot_link_claims(viewer_client, claim):
    other = ClaimFactory(incident=claim.incident)
    url = reverse("incidents:claim_link_create", args=[claim.pk])
    response = viewer_client.post(url, {"other_claim": other.pk, "relation": "contradicts", "reason": "x"})
    assert response.status_code == 403
    assert not claim.links_as_a.exists() and not claim.links_as_b.exists()


def test_viewer_cannot_remove_a_link(viewer_client):
    link = ClaimLinkFactory()
    response = viewer_client.post(reverse("incidents:claim_link_delete", args=[link.pk]), {"reason": "Wrong"})
    assert response.status_code == 403
    assert ClaimLink.objects.filter(pk=link.pk).exists()


def test_viewer_sees_no_edit_buttons_on_the_incident(viewer_client, claim):
    page = viewer_client.get(reverse("incidents:incident_detail", args=[claim.incident_id])).content.decode()
    assert "Edit incident" not in page and "Link…" not in page


def test_analyst_sees_edit_buttons_on_the_incident(analyst_client, claim):
    page = analyst_client.get(reverse("incidents:incident_detail", args=[claim.incident_id])).content.decode()
    assert "Edit incident" in page and "Link…" in page


def test_analyst_can_open_every_edit_page(analyst_client, claim):
    for url in edit_urls(claim):
        assert analyst_client.get(url).status_code == 200, url


def test_user_without_a_role_is_refused(claim):
    client = Client()
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("incidents:incident_list")).status_code == 403


def test_staff_see_the_upload_link(staff_client):
    page = staff_client.get(reverse("incidents:incident_list")).content.decode()
    assert reverse("admin:incidents_article_upload") in page


def test_staff_can_open_the_upload_page(staff_client):
    assert staff_client.get(reverse("admin:incidents_article_upload")).status_code == 200


def test_analysts_do_not_see_the_upload_link(analyst_client):
    page = analyst_client.get(reverse("incidents:incident_list")).content.decode()
    assert reverse("admin:incidents_article_upload") not in page
