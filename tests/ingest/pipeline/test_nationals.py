"""Actors named by nationality or by a business noun, without a name of their own (ingest/pipeline/nationals.py)."""
from tests.ingest.pipeline.lookup import mentioned_as


def test_plural_nationality_noun_that_acts_is_its_state(read):
    text, table = read("Headline here today\n\nThe Egyptians blamed Hamas for the failed talks.")
    egypt = mentioned_as(text, table, "Egyptians")
    assert (egypt.kind, egypt.country_code) == ("state", "EG")


def test_nationals_named_as_victims_are_no_actor(read):
    text, table = read("Headline here today\n\nThe gang abducted three Egyptians near the border in March.")
    assert all(r.country_code != "EG" for r in table.results)


def test_nationals_standing_for_partners_are_their_state(read):
    text, table = read("Headline here today\n\nWe valued the support of our partners, especially the Italians.")
    assert mentioned_as(text, table, "Italians").kind == "state"


def test_a_population_that_acts_is_the_nations_people(read):
    text, table = read("Headline here today\n\nThe Lebanese people deserve a government that serves them.")
    lebanon = mentioned_as(text, table, "Lebanese people")
    assert (lebanon.kind, lebanon.country_code) == ("civilians", "LB")


def test_the_nationality_state_is_the_state(read):
    text, table = read("Headline here today\n\nActivists blame the Iranian state for the blackout.")
    iran = mentioned_as(text, table, "Iranian state")
    assert (iran.kind, iran.country_code) == ("state", "IR")


def test_nationality_before_television_is_a_broadcaster(read):
    text, table = read("Headline here today\n\nThe minister spoke on Libyan television on Sunday.")
    assert mentioned_as(text, table, "Libyan television").kind == "media"


def test_name_after_a_business_noun_is_an_organisation(read):
    text, table = read("Headline here today\n\nThe bridge was built by the Italian company Salini in 1990.")
    salini = mentioned_as(text, table, "Salini")
    assert (salini.kind, salini.country_code) == ("other", "IT")


def test_names_joined_by_and_after_a_business_noun_are_one_organisation(read):
    text, table = read("Headline here today\n\nPlans were drawn up by the Dutch firm Haskoning and Partners.")
    assert mentioned_as(text, table, "Haskoning and Partners").kind == "other"


def test_name_before_a_kin_group_word_is_that_group(read):
    text, table = read("Headline here today\n\nElders of the Misseriya tribe said the herders were attacked.")
    assert mentioned_as(text, table, "Misseriya tribe").kind == "other"


def test_hyphenated_clan_name_is_one_group(read):
    text, table = read("Headline here today\n\nHe was a son of the Al-Rashidi clan and fought in Yemen.")
    assert mentioned_as(text, table, "Al-Rashidi clan").kind == "other"
