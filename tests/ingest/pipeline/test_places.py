"""Places: gazetteer geocoding, disambiguation and towns the model misses (ingest/pipeline/places.py)."""
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



def test_goris_is_the_armenian_town_in_an_armenian_article(read):
    text, table = read("Headline here today\n\nArmenia said Azerbaijan shelled positions near Goris.")
    goris = mentioned_as(text, table, "Goris")
    assert (goris.country_code, goris.gazetteer_id, goris.precision) == ("AM", "geonames:174895", "town")


def test_towns_the_model_misses_in_a_list_after_the_cities_of(read):
    text, table = read("Headline here today\n\nArmenia said Azerbaijan shelled the cities of Goris, Sotk, and Jermuk.")
    assert {mentioned_as(text, table, t).country_code for t in ("Goris", "Sotk", "Jermuk")} == {"AM"}


def test_curated_region_is_found_with_region_precision(read):
    text, table = read("Headline here today\n\nThey fought over the disputed Nagorno-Karabakh region.")
    assert mentioned_as(text, table, "Nagorno-Karabakh").precision == "region"


def test_country_name_is_a_country_location(read):
    text, table = read("Headline here today\n\nRussia started a military operation in Ukraine.")
    ukraine = mentioned_as(text, table, "Ukraine")
    assert (ukraine.precision, ukraine.country_code, ukraine.gazetteer_id) == ("country", "UA", "geonames:690791")


def test_direction_word_before_a_place_is_kept_in_the_mention(read):
    text, table = read("Headline here today\n\nThe convoy was hit in northern Syria.")
    assert mentioned_as(text, table, "northern Syria").country_code == "SY"


def test_province_of_names_the_province(read):
    text, table = read("Headline here today\n\nBombs hit Jabla in the northwest province of Latakia in Syria.")
    assert mentioned_as(text, table, "Latakia").precision == "region"


def test_camp_missing_from_the_gazetteer_is_a_point_without_coordinates(read):
    text, table = read("Headline here today\n\nRockets hit Camp Hurriya in Iraq.")
    camp = mentioned_as(text, table, "Camp Hurriya")
    assert (camp.precision, camp.lat, camp.country_code) == ("point", None, "IQ")


def test_gaza_town_tagged_as_a_person_is_a_place(read):
    text, table = read("Headline here today\n\nAn airstrike killed 12 people in Khan Younis in the Gaza Strip.")
    assert mentioned_as(text, table, "Khan Younis").country_code == "PS"


def test_title_words_are_not_towns(read):
    text, table = read("Headline here today\n\nUS Secretary of State Antony Blinken said Washington was alarmed.")
    assert "Secretary" not in {p.name for p in table.results}


def test_places_in_returns_the_places_of_a_range(read):
    text, table = read("Headline here today\n\nShelling hit Kharkiv. Later Bakhmut was hit.")
    start = text.index("Shelling")
    assert [table.by_id[i].name for i in table.places_in(start, text.index("Later"))] == ["Kharkiv"]


def test_facility_name_is_not_its_last_words_namesake_town(read):
    text, table = read("Doctors at its South Hospital in El Fasher treated 160 wounded people.")
    assert all(p.name != "Hospital" for p in table.results)
    assert mentioned_as(text, table, "South Hospital").lat is None


def test_common_word_in_an_organisation_name_is_not_a_town(read):
    _, table = read("Canada supports the African Union Transition Mission in Somalia (ATMIS).")
    assert all(p.name != "Mission" for p in table.results)


def test_headline_noun_tagged_as_a_place_is_not_a_place(read):
    _, table = read("Gunmen kill eight villagers in Zamfara attack\n\nGunmen killed eight villagers, police said.")
    assert all(p.name.lower() != "gunmen" for p in table.results)


def test_nigerian_state_is_a_region(read):
    text, table = read("Bandits attacked a village near Gusau, the Zamfara State capital, on Monday.")
    state = mentioned_as(text, table, "Zamfara State")
    assert (state.precision, state.country_code) == ("region", "NG")


def test_region_word_after_a_city_name_gives_the_oblast(read):
    text, table = read("Russian drones attacked the Odesa region overnight, officials in Ukraine said.")
    region = mentioned_as(text, table, "Odesa region")
    assert (region.precision, region.country_code) == ("region", "UA")


def test_small_namesake_town_far_from_the_article_country_keeps_no_coordinates(read):
    text, table = read("Headline here today\n\nMali's army said Malian troops killed 500 people in the village of "
                       "Moura, in Mali.")
    moura = mentioned_as(text, table, "Moura")
    assert (moura.country_code, moura.lat) == ("ML", None)


def test_dictionary_word_town_listed_with_towns_of_the_article_country_is_found(read):
    text, table = read("Headline here today\n\nMali's army said Malian rebels overran the north of the country, "
                       "including Timbuktu, Gao and Kidal.")
    assert mentioned_as(text, table, "Timbuktu").country_code == "ML"


def test_a_people_before_rebels_is_not_a_town(read):
    text, table = read("Headline here today\n\nIn Mali, Tuareg rebels overran the north. The army retook Kidal from "
                       "Tuareg rebels.")
    assert not [p for p in table.results if any(text[s:e] == "Tuareg" for s, e in p.mentions)]


def test_countries_listed_as_members_of_a_coalition_are_not_places(nlp):
    result = extract_text("Strikes continue\n\nCoalition nations which have conducted strikes in Iraq include "
                          "Australia, Belgium, Canada and France.\n", nlp=nlp)
    assert [place.name for place in result.locations] == ["Iraq"]


def test_a_town_named_like_a_word_is_kept_where_the_model_reads_a_place_in_the_article_s_country(nlp):
    result = extract_text("Strikes in Syria\n\nHe took part in the retaking of Palmyra, Syria, before being "
                          "sent to Raqqa.\n", nlp=nlp)
    assert "Tadmur" in [place.name for place in result.locations]
