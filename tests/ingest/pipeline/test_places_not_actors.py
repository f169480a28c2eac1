"""Names the actor pass leaves to the places: countries where someone goes or what is fought over, sites."""
from ingest.pipeline import extract_text


def _read(nlp, body):
    text = "Headline here today\n\n" + body
    return text, extract_text(text, nlp=nlp)


def test_country_after_a_motion_verb_and_to_is_a_place_not_a_party(nlp):
    _, result = _read(nlp, "The prisoner was later transferred to Egypt before his release.")
    assert result.actors == []
    assert [p.precision for p in result.locations if p.name == "Egypt"] == ["country"]


def test_refugees_returning_to_a_country_do_not_make_it_an_actor(nlp):
    _, result = _read(nlp, "Thousands of refugees are returning to Syria from Lebanon.")
    assert "Syria" not in {a.name for a in result.actors}


def test_country_fought_over_is_a_place_not_a_party(nlp):
    _, result = _read(nlp, "He commanded a brigade in the war over Eritrea in 1998.")
    assert "Eritrea" not in {a.name for a in result.actors}
    assert "Eritrea" in {p.name for p in result.locations}


def test_name_opening_with_a_site_word_is_no_organisation(nlp):
    _, result = _read(nlp, "The flood reached Lakes Mweru and Bangweulu after the rains.")
    assert not any(a.name.startswith("Lakes") for a in result.actors)
