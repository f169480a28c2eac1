"""The OpenAPI schema, its docs pages (offline assets), and schemathesis run against it as an analyst.

Schemathesis runs every operation with every check it has (`--checks all`: server errors, status codes, content
types, headers, response schemas, schema-violating requests refused, schema-valid requests accepted, ...),
positive and negative data, 10 examples an operation, each example within a deadline (about 40 s in all).
"""
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import CHECKS, is_check_class, load_all_checks
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import ClaimFactory, ClaimLinkFactory, IncidentFactory, LocationFactory

APPLICATION = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/", APPLICATION)
load_all_checks()

# Parameters whose schema-valid values the API may still refuse (400 naming only them), and why the schema
# can't say more. Nothing else is excused from `positive_data_acceptance`.
REFUSED_BEYOND_THE_SCHEMA = {
    "country": "any text by the schema; it must name a country the app knows (a name or ISO code: a list of "
               "hundreds of names and spellings, too long to be an enum)",
    "bbox": "four numbers by the schema's pattern; min <= max and within +-180/+-90 are ranges a pattern can't "
            "hold readably",
    "claim_a": "a claim id by the schema; it must be a claim that exists",
    "claim_b": "a claim id by the schema; it must be a claim that exists",
}


def positive_data_acceptance_beyond_the_schema(ctx, response, case):
    """positive_data_acceptance, except a 400 naming only parameters of REFUSED_BEYOND_THE_SCHEMA."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 400 and set(response.json().get("errors") or {"": 0}) <= set(
                REFUSED_BEYOND_THE_SCHEMA):
            return None
        raise


# `--checks all`: every check schemathesis registers (a check class is stateful-only, run by its runner).
ALL_CHECKS = [positive_data_acceptance_beyond_the_schema if check is positive_data_acceptance else check
              for check in CHECKS.get_all() if not is_check_class(check)]


@pytest.mark.django_db
def test_schema_lists_every_resource(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for route in ("incidents", "claims", "claim-links", "actors", "locations", "articles", "publishers", "deletions"):
        assert f"/api/{route}/" in paths
    assert {"/api/incidents/export.csv", "/api/incidents/{id}/merge/", "/api/incidents/{id}/split/"} <= set(paths)


@pytest.mark.django_db
def test_every_schema_property_is_described(client):
    components = client.get("/api/schema/?format=json").json()["components"]["schemas"]
    undescribed = [
        f"{name}.{prop}" for name, component in components.items() if "properties" in component
        for prop, spec in component["properties"].items()
        if not (spec.get("description") or any(part.get("description") for part in spec.get("allOf", [])))
    ]
    assert undescribed == []


@pytest.mark.django_db
def test_enums_carry_the_domain_names(client):
    components = client.get("/api/schema/?format=json").json()["components"]["schemas"]
    assert {"EventTypeEnum", "ReviewStatusEnum", "LinkRelationEnum", "ClaimKindEnum"} <= set(components)


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "asset"), [("/api/docs/", "swagger-ui-dist"), ("/api/redoc/", "redoc")])
def test_docs_pages_load_their_assets_from_this_server(client, page, asset):
    html = client.get(page).content.decode()
    assert f"/static/drf_spectacular_sidecar/{asset}" in html
    assert "cdn.jsdelivr" not in html


@pytest.mark.django_db
def test_browsable_api_renders_for_a_signed_in_viewer(viewer_client):
    IncidentFactory(title="Shelling near Goris")
    response = viewer_client.get("/api/incidents/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Shelling near Goris" in response.content.decode()


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """As Django's test client does: a WSGI request must not close the connection holding the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def analyst_headers(analyst, wsgi_keeps_the_test_connection, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = tmp_path / "media"  # the articles schemathesis uploads, not in the worktree's .data
    incident = IncidentFactory()
    incident.locations.add(LocationFactory())
    ClaimLinkFactory(claim_a=ClaimFactory(incident=incident), claim_b=ClaimFactory(incident=incident))
    return {"Authorization": f"Token {AuthToken.objects.create(user=analyst, expiry=None)[1]}"}


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(max_examples=10, deadline=timedelta(seconds=10),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case, analyst_headers):
    case.call_and_validate(headers=analyst_headers, checks=ALL_CHECKS)
