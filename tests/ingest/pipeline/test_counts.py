"""Casualty figures read as ranges, from phrases and from parsed sentences."""
import pytest

from ingest.extraction import Count
from ingest.pipeline.counts import casualties_of, read_quantity


@pytest.mark.parametrize(("phrase", "expected"), [
    ("a number of", Count(1, None)),
    ("two of its troops", Count(2, 2)),
    ("more than a dozen", Count(13, None)),
    ("at least ten people", Count(10, None)),
    ("more than 6,500", Count(6501, None)),
    ("a soldier", Count(1, 1)),
    ("up to five", Count(1, 5)),
    ("fewer than five", Count(0, 4)),
    ("nearly two dozen cadets", Count(1, 23)),
    ("between 10 and 12 assailants", Count(10, 12)),
    ("some 500 people", Count(500, None)),
    ("no one", Count(0, 0)),
])
def test_quantity_phrases_read_as_ranges(phrase, expected):
    assert read_quantity(phrase) == expected


def test_bare_plural_is_some():
    assert read_quantity("camp residents", plural=True) == Count(1, None)


def _figures(nlp, text):
    return {c.field: c for t in nlp(text) if (c := casualties_of(t)) is not None}


def test_killed_and_injured_read_separately(nlp):
    found = _figures(nlp, "The army said two of its troops were killed and more than a dozen injured.")
    assert found["fatalities"].count == Count(2, 2)
    assert found["injured"].count == Count(13, None)


def test_victims_shared_by_killed_and_injured_are_flagged(nlp):
    found = _figures(nlp, "More than 60 civilians were killed and injured in the bombings.")
    assert found["fatalities"].shared_victims and found["injured"].shared_victims


def test_casualty_noun_without_figure_is_some(nlp):
    assert _figures(nlp, "There are losses among servicemen.")["fatalities"].count == Count(1, None)


def test_victims_left_dead_by_clashes(nlp):
    found = _figures(nlp, "New clashes leave a number of servicemen dead")
    assert found["fatalities"].count == Count(1, None)
    assert found["fatalities"].group == "forces"


def test_civilian_victims_are_grouped_as_civilians(nlp):
    assert _figures(nlp, "The strike killed three villagers.")["fatalities"].group == "civilians"


def test_bare_number_before_wounded_is_the_injured_figure(nlp):
    found = _figures(nlp, "The army said nine soldiers were killed and up to 15 wounded.")
    assert (found["fatalities"].count, found["injured"].count) == (Count(9, 9), Count(1, 15))


def test_neutralised_counts_a_range_of_dead(nlp):
    found = _figures(nlp, "The army said that its troops had neutralised between 10 and 12 assailants.")
    assert found["fatalities"].count == Count(10, 12)


def test_an_age_is_not_a_count():
    assert read_quantity("a 36-year-old Israeli man") == Count(1, 1)


def test_people_aged_thirty_are_counted_by_their_number():
    assert read_quantity("two men aged 30") == Count(2, 2)
