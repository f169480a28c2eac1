"""Search finds incidents by what analysts type: names, places, aliases, article text, words joined by slashes."""
import pytest

from incidents import services
from incidents.filtersets import IncidentFilterSet
from incidents.models import Incident
from incidents.selectors import as_filter_data, incident_search_snippets
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def found(search: str) -> list[Incident]:
    services.incident_search_refresh(incident_ids=Incident.objects.values_list("pk", flat=True))
    filterset = IncidentFilterSet(data=as_filter_data({"search": search}), queryset=Incident.objects.all())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def test_a_word_joined_by_a_slash_is_found():
    strike = IncidentFactory(title="Air/drone strike near Kharkiv", sub_event_type="Air/drone strike")
    IncidentFactory(title="Armed clash near Kharkiv", sub_event_type="Armed clash")
    assert found("drone") == [strike]


def test_the_claimants_full_name_finds_the_incident_though_the_quote_does_not_name_it():
    incident = IncidentFactory(title="Border shelling")
    ClaimFactory(incident=incident, claimant=ActorFactory(name="Azerbaijan Defense Ministry"))
    IncidentFactory(title="Other shelling")
    assert found("Azerbaijan Defense Ministry") == [incident]


def test_an_actor_alias_finds_the_incident():
    incident = IncidentFactory(title="Border shelling")
    claim = ClaimFactory(incident=incident)
    claim.perpetrators.add(ActorFactory(name="Azerbaijani Armed Forces", aliases=["Baku"]))
    assert found("Baku") == [incident]


def test_a_place_alternate_name_finds_the_incident():
    incident = IncidentFactory(title="Shelling in the city")
    incident.locations.add(LocationFactory(name="Stepanakert", alternate_names=["Khankendi"]))
    assert found("Khankendi") == [incident]


def test_the_article_text_behind_a_claim_is_searched_but_ranks_below_the_title():
    in_text = IncidentFactory(title="Border incident")
    ClaimFactory(incident=in_text, article=ArticleFactory(text="A governor named Prokudin spoke. Shells fell."),
                 start=0, end=10)
    in_title = IncidentFactory(title="Prokudin reports shelling")
    assert found("Prokudin") == [in_title, in_text]


def test_the_snippet_marks_the_matching_words():
    incident = IncidentFactory(title="Border incident", summary="Mortar fire hit a school in the night.")
    services.incident_search_refresh(incident_ids=[incident.pk])
    snippet = incident_search_snippets(incident_ids=[incident.pk], text="mortar")[incident.pk]
    assert "\x02Mortar\x03 fire" in snippet


def test_country_is_understood_by_name_or_code():
    armenia = IncidentFactory()
    armenia.locations.add(LocationFactory(country_code="AM"))
    IncidentFactory().locations.add(LocationFactory(country_code="AZ"))
    for typed in ("Armenia", "armenia", "AM", "am"):
        filterset = IncidentFilterSet(data=as_filter_data({"country": typed}), queryset=Incident.objects.all())
        assert filterset.is_valid(), filterset.errors
        assert list(filterset.qs) == [armenia], typed


def test_an_unknown_country_is_an_error_not_an_empty_list():
    filterset = IncidentFilterSet(data=as_filter_data({"country": "Armenai"}), queryset=Incident.objects.all())
    assert not filterset.is_valid()
    assert "not a country we know" in str(filterset.errors["country"])


def test_renaming_an_actor_by_merge_makes_the_incident_findable_by_the_old_name(analyst):
    incident = IncidentFactory(title="Border shelling")
    survivor, duplicate = ActorFactory(name="Armenian Ministry of Defence"), ActorFactory(name="Yerevan MoD")
    ClaimFactory(incident=incident, claimant=duplicate)
    services.incident_search_refresh(incident_ids=[incident.pk])
    services.actor_merge(target=survivor, source=duplicate, user=analyst)
    filterset = IncidentFilterSet(data=as_filter_data({"search": "Yerevan"}), queryset=Incident.objects.all())
    assert list(filterset.qs) == [incident]

