"""Places written as a phrase around a name, and names that are no place (ingest/pipeline/place_forms.py)."""
import pytest

from ingest.pipeline import extract_text
from ingest.pipeline.actors import find_actors
from ingest.pipeline.body import find_body
from ingest.pipeline.places import find_places
from tests.ingest.pipeline.lookup import mentioned_as


@pytest.fixture
def read(nlp):
    def _read(text):
        doc = nlp(text)
        body = find_body(text)
        return text, find_places(doc, find_actors(doc, body), body)
    return _read


def _texts(text, table):
    return {text[s:e] for place in table.results for s, e in place.mentions}


def test_name_before_a_lower_case_feature_noun_is_one_place(read):
    text, table = read("Headline here today\n\nEngineers diverted the spring floods into the Qattara depression.")
    assert mentioned_as(text, table, "Qattara depression").precision == "point"


def test_two_countries_joined_before_border_are_the_border_not_the_first_country(read):
    text, table = read("Headline here today\n\nSmugglers moved fuel across the Niger-Chad border at night.")
    assert "Niger-Chad border" in _texts(text, table)
    assert "Niger" not in _texts(text, table)


def test_nationality_before_a_word_for_its_ground_is_the_country(read):
    text, table = read("Headline here today\n\nThe drone came down inside Turkish territory on Monday.")
    turkey = mentioned_as(text, table, "Turkish territory")
    assert (turkey.country_code, turkey.precision) == ("TR", "country")


def test_city_that_names_an_agreement_is_not_a_place(read):
    text, table = read("Headline here today\n\nRebels in Ukraine accused Kyiv of breaking the Minsk accords again.")
    assert "Minsk" not in _texts(text, table)


def test_town_whose_name_has_an_apostrophe_and_an_al_is_a_place_without_a_preposition(read):
    text, table = read("Headline here today\n\nThe new commander, a native of Al-Sa'dah, took over in Yemen.")
    assert mentioned_as(text, table, "Al-Sa'dah").country_code == "YE"


def test_cultural_center_being_built_is_a_place_not_an_organisation(nlp):
    text = "Headline here today\n\nThe council got permission to build the Al-Noor Cultural Center near Minneapolis."
    result = extract_text(text, nlp=nlp)
    assert "Al-Noor Cultural Center" in {p.name for p in result.locations}
    assert "Al-Noor Cultural Center" not in {a.name for a in result.actors}
