"""The admin: every registered domain model's list, add and change pages work for staff and refuse others."""
import pytest
from django.contrib import admin
from django.urls import reverse

from incidents import services
from incidents.models import Article, CasualtyFigure, Claim, ClaimLink, Deletion
from tests.factories import (
    ActorFactory,
    ActorMentionFactory,
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    DeletionFactory,
    IncidentFactory,
    IncidentPairRejectionFactory,
    LocationFactory,
    LocationMentionFactory,
    PublisherFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    factory._meta.model: factory
    for factory in [
        ActorFactory, ActorMentionFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory, DeletionFactory,
        IncidentFactory, IncidentPairRejectionFactory, LocationFactory, LocationMentionFactory, PublisherFactory,
    ]
}
DOMAIN_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "incidents"),
    key=lambda model: model._meta.model_name,
)
# Tombstones are written by services only; articles come in through the upload page (tested in tests/ingest).
ADDABLE_MODELS = [model for model in DOMAIN_MODELS if model not in (Deletion, Article)]
HISTORIED_MODELS = [model for model in DOMAIN_MODELS if hasattr(model, "history")]


def _ids(model) -> str:
    return model._meta.model_name


def _url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def test_every_domain_model_except_article_is_registered_here():
    names = {model._meta.model_name for model in DOMAIN_MODELS} - {"article"}
    assert names == {
        "actor", "actormention", "claim", "claimlink", "deletion", "incident", "incidentpairrejection",
        "location", "locationmention", "publisher",
    }


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=_ids)
def test_changelist_lists_rows_for_staff(staff_client, model):
    row = FACTORIES[model]()
    response = staff_client.get(_url(model, "changelist"))
    assert response.status_code == 200
    assert _url(model, "change", row.pk) in response.content.decode()


@pytest.mark.parametrize("model", ADDABLE_MODELS, ids=_ids)
def test_add_page_renders_for_staff(staff_client, model):
    response = staff_client.get(_url(model, "add"))
    assert response.status_code == 200
    assert f"Add {model._meta.verbose_name}" in response.content.decode()


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=_ids)
def test_change_page_renders_for_staff(staff_client, model):
    row = FACTORIES[model]()
    response = staff_client.get(_url(model, "change", row.pk))
    assert response.status_code == 200
    assert str(row) in response.content.decode()


@pytest.mark.parametrize("model", HISTORIED_MODELS, ids=_ids)
def test_history_page_renders_for_staff(staff_client, model):
    row = FACTORIES[model]()
    response = staff_client.get(_url(model, "history", row.pk))
    assert response.status_code == 200
    assert "Added" in response.content.decode() or "Created" in response.content.decode()


@pytest.mark.parametrize("page", ["changelist", "add"])
@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=_ids)
def test_anonymous_visitor_is_sent_to_login(client, model, page):
    response = client.get(_url(model, page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=_ids)
def test_anonymous_visitor_cannot_open_a_change_page(client, model):
    row = FACTORIES[model]()
    response = client.get(_url(model, "change", row.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_analyst_without_staff_flag_is_sent_to_login(analyst_client):
    response = analyst_client.get(_url(Claim, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_incident_page_shows_its_claims_inline(staff_client):
    claim = ClaimFactory()
    response = staff_client.get(_url(claim.incident._meta.model, "change", claim.incident.pk))
    assert claim.quote in response.content.decode()


def test_claim_page_shows_the_claims_it_is_linked_with(staff_client):
    link = ClaimLinkFactory()
    response = staff_client.get(_url(Claim, "change", link.claim_b.pk))
    page = response.content.decode()
    assert "Links (to claims with a lower id)" in page
    assert str(link.claim_a) in page


def test_actor_page_lists_mentions_without_inputs_to_change_them(staff_client):
    mention = ActorMentionFactory()
    response = staff_client.get(_url(mention.actor._meta.model, "change", mention.actor.pk))
    page = response.content.decode()
    assert mention.article.title in page
    assert "actormention_set-0-text" not in page


def test_location_page_lists_mentions_without_inputs_to_change_them(staff_client):
    mention = LocationMentionFactory()
    response = staff_client.get(_url(mention.location._meta.model, "change", mention.location.pk))
    page = response.content.decode()
    assert mention.article.title in page
    assert "locationmention_set-0-text" not in page


def test_claim_search_finds_claims_by_claimant_name(staff_client):
    wanted = ClaimFactory(claimant=ActorFactory(name="Armenian Defense Ministry"))
    other = ClaimFactory(claimant=ActorFactory(name="Azerbaijani Defense Ministry"))
    response = staff_client.get(_url(Claim, "changelist"), {"q": "Armenian"})
    page = response.content.decode()
    assert _url(Claim, "change", wanted.pk) in page
    assert _url(Claim, "change", other.pk) not in page


def test_claimant_autocomplete_offers_matching_actors(staff_client):
    ActorFactory(name="Armenian Defense Ministry")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "incidents", "model_name": "claim", "field_name": "claimant", "term": "Armen"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Armenian Defense Ministry"]


def _link_form(claim_a, claim_b) -> dict:
    return {"claim_a": claim_a.pk, "claim_b": claim_b.pk, "relation": "contradicts", "reason": "", "origin": "analyst"}


def test_link_added_with_the_later_claim_first_is_stored_in_id_order(staff_client):
    earlier, later = ClaimFactory(), ClaimFactory()
    response = staff_client.post(_url(ClaimLink, "add"), _link_form(later, earlier))
    assert response.status_code == 302
    assert ClaimLink.objects.get().claim_a == earlier


def test_linking_a_claim_with_itself_is_refused_with_a_clear_message(staff_client):
    claim = ClaimFactory()
    response = staff_client.post(_url(ClaimLink, "add"), _link_form(claim, claim))
    assert response.status_code == 200
    assert "A claim cannot be linked with itself" in response.content.decode()
    assert not ClaimLink.objects.exists()


def test_linking_the_same_pair_twice_is_refused(staff_client):
    link = ClaimLinkFactory()
    response = staff_client.post(_url(ClaimLink, "add"), _link_form(link.claim_b, link.claim_a))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ClaimLink.objects.count() == 1


def test_deletion_tombstones_cannot_be_added_by_hand(staff_client):
    response = staff_client.get(_url(Deletion, "add"))
    assert response.status_code == 403


def test_deleting_a_claim_in_the_admin_leaves_tombstones_for_it_and_its_links(staff_client):
    link = ClaimLinkFactory()
    claim = link.claim_a

    response = staff_client.post(reverse("admin:incidents_claim_delete", args=[claim.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert set(Deletion.objects.values_list("kind", "object_id")) == {("claim", claim.pk), ("claim-link", link.pk)}


def test_deleting_incidents_with_the_admin_action_leaves_a_tombstone_for_each(staff_client):
    incidents = IncidentFactory.create_batch(2)

    response = staff_client.post(reverse("admin:incidents_incident_changelist"), {
        "action": "delete_selected", "_selected_action": [incident.pk for incident in incidents], "post": "yes",
    })

    assert response.status_code == 302
    assert sorted(Deletion.objects.values_list("kind", "object_id")) == sorted(
        ("incident", incident.pk) for incident in incidents
    )


def test_saving_an_incident_in_the_admin_makes_older_versions_stale(rf, staff_user):
    incident = IncidentFactory()
    request = rf.post("/")
    request.user = staff_user

    admin.site._registry[type(incident)].save_model(request, incident, form=None, change=True)

    incident.refresh_from_db()
    assert incident.version == 2


def test_changing_a_claims_figures_in_the_admin_rolls_its_incident_up_again(rf, staff_user):
    incident = IncidentFactory()
    claim = ClaimFactory(incident=incident, fatalities_min=2, fatalities_max=2)
    services.incident_rollup_casualties(incident=incident)
    request = rf.post("/")
    request.user = staff_user
    claim.fatalities_min = claim.fatalities_max = 7

    admin.site._registry[Claim].save_model(request, claim, form=None, change=True)

    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (7, 7, 7)


def test_deleting_a_claim_in_the_admin_drops_its_figures_from_the_incident(staff_client):
    incident = IncidentFactory()
    ClaimFactory(incident=incident, fatalities_min=2, fatalities_max=2)
    counted = ClaimFactory(incident=incident, fatalities_min=9, fatalities_max=9)
    services.incident_rollup_casualties(incident=incident)

    staff_client.post(reverse("admin:incidents_claim_delete", args=[counted.pk]), {"post": "yes"})

    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_high) == (2, 2)


def _claim_change_post(claim, figures, *, initial=0) -> dict:
    """The claim's change page as the admin posts it, its figures inline being `figures` (dicts of fields)."""
    data = {
        "kind": claim.kind, "article": claim.article.pk, "start": claim.start, "end": claim.end, "quote": claim.quote,
        "incident": claim.incident_id, "claimed_date_precision": "unknown", "credibility": 6,
        "review_status": "unreviewed", "origin": "extracted",
        "figures-TOTAL_FORMS": len(figures), "figures-INITIAL_FORMS": initial,
        "links_as_a-TOTAL_FORMS": 0, "links_as_a-INITIAL_FORMS": 0,
        "links_as_b-TOTAL_FORMS": 0, "links_as_b-INITIAL_FORMS": 0,
    }
    for number, figure in enumerate(figures):
        data.update({f"figures-{number}-{name}": "" if value is None else value for name, value in figure.items()})
    return data


def test_claim_page_edits_its_figures_inline_and_its_totals_and_incident_follow(staff_client, staff_user):
    india = ActorFactory(name="India")
    claim = ClaimFactory()
    response = staff_client.post(_url(Claim, "change", claim.pk), _claim_change_post(claim, [
        {"kind": "killed", "group": "forces", "actor": india.pk, "min": 2, "max": 2},
        {"kind": "killed", "group": "civilians", "min": 1, "max": 1}]))
    assert response.status_code == 302
    claim.refresh_from_db()
    claim.incident.refresh_from_db()
    assert [(f.group, f.actor, f.min) for f in claim.figures.all()] == [("forces", india, 2), ("civilians", None, 1)]
    assert (claim.fatalities_min, claim.incident.fatalities_best) == (3, 3)
    assert {record.history_user for record in CasualtyFigure.history.filter(claim_id=claim.pk)} == {staff_user}


def test_claim_page_refuses_a_figure_with_its_least_above_its_most_on_that_field(staff_client):
    claim = ClaimFactory()
    response = staff_client.post(_url(Claim, "change", claim.pk), _claim_change_post(claim, [
        {"kind": "killed", "group": "civilians", "min": 9, "max": 2}]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Count: the most (2) cannot be less than the least (9)." in html
    assert "casualty_figure_min_le_max" not in html
    assert not claim.figures.exists()
