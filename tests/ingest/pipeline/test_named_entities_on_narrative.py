"""Named actors and places on strike lists, encyclopedic and narrative text (issue 9, section 2b)."""
import pytest

from ingest.pipeline import extract_text

STRIKE_LIST = """Task force aircraft conducted strikes against rebel targets in Syria.
Syria
.       Near Qasr Tawil, one strike engaged a rebel tactical unit.
.       Near Ain Dahab, two strikes destroyed a fighting position.
"""


@pytest.fixture(scope="module")
def strike_list(nlp):
    return extract_text(STRIKE_LIST, nlp=nlp)


def _names(results):
    return {r.name for r in results}


def test_line_initial_near_x_is_a_place(strike_list):
    assert {"Qasr Tawil", "Ain Dahab"} <= _names(strike_list.locations)


def test_line_initial_near_x_is_not_a_person(strike_list):
    assert not any("Near" in a.name or a.kind == "person" for a in strike_list.actors)


def test_a_country_alone_on_its_line_is_a_heading_not_an_actor(strike_list):
    assert "Syria" not in _names(strike_list.actors)
    assert "Syria" in _names(strike_list.locations)


HEADLINE = "Headline here today\n\n"


def _read(nlp, text):
    return extract_text(text, nlp=nlp)


def _mention_texts(text, results):
    return {text[s:e] for r in results for s, e in r.mentions}


def test_an_organisation_the_lexicon_cannot_type_is_kept_as_the_model_found_it(nlp):
    text = HEADLINE + "In May, the domains were seized by the registry operator Bluewater Holdings, officials said."
    result = _read(nlp, text)
    assert any("Bluewater Holdings" in t for t in _mention_texts(text, result.actors))


def test_citation_marks_and_glued_brackets_do_not_stick_to_names(nlp):
    text = ("Tarek Mansouri(Arabic: x), also known as Abu Samir,[1] is a militia commander. "
            "Mansouri was captured in 2009.")
    names = _mention_texts(text, _read(nlp, text).actors)
    assert "Abu Samir" in names or "Tarek Mansouri" in names
    assert not any("[" in n or "(" in n for n in names)


def test_a_dam_is_a_place_not_an_actor(nlp):
    text = "Rebels captured the Qarawi Dam after days of fighting, the army said."
    result = _read(nlp, text)
    assert "Qarawi Dam" in _mention_texts(text, result.locations)
    assert "Qarawi Dam" not in _mention_texts(text, result.actors)


def test_a_river_is_a_place(nlp):
    text = "Floodwater from the Zarqan River reached the town of Bayji, officials said."
    assert any("Zarqan River" in t for t in _mention_texts(text, _read(nlp, text).locations))


def test_a_country_that_condemns_is_an_actor_not_a_place(nlp):
    text = "The United States strongly condemns the bombing in Iraq today."
    result = _read(nlp, text)
    assert "United States" in {a.name for a in result.actors}
    assert "United States" not in {p.name for p in result.locations}
    assert "Iraq" in {p.name for p in result.locations}


def test_nationality_named_security_forces_are_an_actor(nlp):
    text = "The coalition will keep supporting Iraqi security forces in their campaign, the statement said."
    assert "Iraqi security forces" in _mention_texts(text, _read(nlp, text).actors)


def test_attributive_marines_are_an_actor(nlp):
    text = "He commanded a garrison on the island and was taken prisoner by U.S. Marines in 1991."
    assert "U.S. Marines" in _mention_texts(text, _read(nlp, text).actors)


def test_a_headline_phrase_in_title_case_is_not_an_organisation(nlp):
    text = "Rebel Attacks in Qarawi and Regime Offensive Actions in the North\n\nRebels attacked Qarawi on Monday."
    assert not any("Offensive Actions" in a.name for a in _read(nlp, text).actors)


def test_an_acronym_for_a_thing_destroyed_is_not_an_organisation(nlp):
    text = HEADLINE + "Near Bayji, one strike destroyed a VBIED and an ISIL-held building."
    assert "VBIED" not in {a.name for a in _read(nlp, text).actors}


def test_a_country_after_a_place_and_a_comma_is_where_it_is_not_an_actor(nlp):
    text = HEADLINE + "He took part in the retaking of Qaryatayn, Syria, before moving north."
    assert "Syria" not in {a.name for a in _read(nlp, text).actors}


def test_a_country_named_only_as_whose_forces_act_is_not_a_place(nlp):
    text = HEADLINE + "U.S. forces are advising partners operating in the north of the country."
    result = _read(nlp, text)
    assert "U.S. forces" in _mention_texts(text, result.actors)
    assert "United States" not in {p.name for p in result.locations}
