"""Who may write what: anonymous, viewer, analyst and staff against every write of the API."""
import pytest
from django.test import override_settings

from tests.factories import ClaimFactory, ClaimLinkFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def _incident_with_two_claims():
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    return incident, ClaimFactory(incident=incident)


WRITES = {
    "patch incident": lambda client: client.patch(
        f"/api/incidents/{IncidentFactory().pk}/", {"title": "T"}, format="json", HTTP_IF_MATCH='"1"'),
    "patch claim": lambda client: client.patch(
        f"/api/claims/{ClaimFactory().pk}/", {"credibility": 2}, format="json", HTTP_IF_MATCH='"1"'),
    "create link": lambda client: client.post(
        "/api/claim-links/", {"claim_a": ClaimFactory().pk, "claim_b": ClaimFactory().pk, "relation": "contradicts"},
        format="json"),
    "delete link": lambda client: client.delete(
        f"/api/claim-links/{ClaimLinkFactory().pk}/", {"reason": "different days"}, format="json"),
    "merge": lambda client: client.post(
        f"/api/incidents/{IncidentFactory().pk}/merge/", {"sources": [IncidentFactory().pk], "reason": "same"},
        format="json"),
    "split": lambda client: (lambda pair: client.post(
        f"/api/incidents/{pair[0].pk}/split/", {"claims": [pair[1].pk], "reason": "other event"},
        format="json"))(_incident_with_two_claims()),
    "upload article": lambda client: client.post(
        "/api/articles/", {"text": "Shelling near Goris killed two.", "title": "T"}, format="json"),
}
ALLOWED = {
    "anonymous": dict.fromkeys(WRITES, 401),
    "viewer": dict.fromkeys(WRITES, 403),
    "analyst": {**{name: "ok" for name in WRITES}, "upload article": 403},
    "staff": {name: "ok" for name in WRITES},
}


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("write", WRITES)
def test_write_permission_matrix(role, write, request):
    client = request.getfixturevalue(f"{role}_api")
    response = WRITES[write](client)
    expected = ALLOWED[role][write]
    if expected == "ok":
        assert response.status_code in (200, 201, 202, 204), response.content
    else:
        assert response.status_code == expected, response.content


def test_anonymous_reads_are_401_with_a_token_challenge(anonymous_api):
    response = anonymous_api.get("/api/incidents/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@override_settings(KB_ANONYMOUS_READ=True)
def test_anonymous_reads_when_the_setting_allows_but_still_cannot_write(anonymous_api):
    incident = IncidentFactory()
    assert anonymous_api.get("/api/incidents/").status_code == 200
    assert anonymous_api.patch(f"/api/incidents/{incident.pk}/", {"title": "T"}, format="json").status_code == 401


def test_signed_in_user_without_a_role_cannot_read(django_user_model):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/api/incidents/").status_code == 403


def test_token_authenticates(analyst_token):
    from rest_framework.test import APIClient

    client = APIClient(HTTP_AUTHORIZATION=f"Token {analyst_token}")
    assert client.get("/api/incidents/").status_code == 200


def test_session_writes_need_the_csrf_token(analyst):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(analyst)
    incident = IncidentFactory()
    response = client.patch(f"/api/incidents/{incident.pk}/", {"title": "T"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_anonymous_clients_are_throttled(anonymous_api, settings):
    settings.KB_ANONYMOUS_READ = True
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "1000/minute"}}
    codes = [anonymous_api.get("/api/actors/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_token_clients_are_throttled(analyst_token, settings):
    from rest_framework.test import APIClient

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anon": "100/minute", "user": "2/minute"}}
    client = APIClient(HTTP_AUTHORIZATION=f"Token {analyst_token}")
    codes = [client.get("/api/actors/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
