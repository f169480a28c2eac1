"""Offline gazetteer lookups and disambiguation (ingest/pipeline/gazetteer.py)."""
import pytest

from ingest.pipeline.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_goris_in_an_armenian_article_is_the_armenian_town(gazetteer):
    place = gazetteer.lookup("Goris", {"AM": 0.6, "AZ": 0.3, "GE": 0.1})
    assert (place.name, place.country_code, place.gazetteer_id) == ("Goris", "AM", "geonames:174895")


def test_damascus_is_the_syrian_capital_even_in_an_american_statement(gazetteer):
    assert gazetteer.lookup("Damascus", {"US": 0.4, "SY": 0.4}).country_code == "SY"


def test_alternate_spelling_finds_the_town(gazetteer):
    place = gazetteer.lookup("Stepanakert", {"AZ": 0.5, "AM": 0.5})
    assert place.country_code == "AZ" and place.precision == "town"


def test_arabic_romanisation_variant_finds_the_town(gazetteer):
    assert gazetteer.lookup("Jabla", {"SY": 1.0}).name == "Jablah"


def test_curated_region_has_coordinates_and_region_precision(gazetteer):
    place = gazetteer.lookup("Nagorno-Karabakh")
    assert place.precision == "region" and place.lat is not None and place.lon is not None


def test_country_alias_and_demonym_and_capital(gazetteer):
    assert (gazetteer.country("U.S."), gazetteer.demonym("Azeri"), gazetteer.capital("Baku")) == ("US", "AZ", "AZ")


def test_country_point_is_not_its_capital(gazetteer):
    armenia, yerevan = gazetteer.countries["AM"], gazetteer.lookup("Yerevan")
    assert abs(armenia.lon - yerevan.lon) > 0.3


def test_unknown_name_is_none(gazetteer):
    assert gazetteer.lookup("Qwxzplorp") is None
