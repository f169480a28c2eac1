"""Claims grouped into incidents, dated, typed and split into news and background."""
from datetime import date

from ingest.pipeline.claims import find_claims
from ingest.pipeline.dates import find_dates
from ingest.pipeline.incidents import event_type_of, group_incidents
from tests.ingest.pipeline.stand_ins import parsed

ACTORS = {"north": ("Northland", "NA"), "south": ("Southland", "SA")}
PUBLISHED = date(2022, 9, 13)


def _incidents(nlp, text):
    doc, body, actors, places = parsed(nlp, "Border news\n\n" + text, ACTORS)
    dates = find_dates(doc, PUBLISHED)
    claims = find_claims(doc, body=body, actors=actors, places=places, dates=dates)
    return group_incidents(doc, claims=claims, dates=dates, actors=actors, places=places,
                           published_at=PUBLISHED, body=body)


def test_last_week_and_august_are_separate_incidents(nlp):
    incidents, claims = _incidents(nlp, "Northland said Southland killed a soldier in a shootout last week.\n\n"
                                        "Southland said in August that it had lost a soldier.")
    assert len({c.incident_id for c in claims}) == 2
    assert sorted((i.date_start, i.date_precision) for i in incidents) == [
        (date(2022, 8, 1), "month"), (date(2022, 9, 5), "week")]


def test_undated_follow_up_joins_the_incident_before_it(nlp):
    incidents, claims = _incidents(nlp, "On Monday, Southland shelled Northland positions.\n\n"
                                        "Southland, however, accused Northland of provocations.")
    assert len(incidents) == 1 and claims[0].incident_id == claims[1].incident_id


def test_incident_long_before_publication_is_background(nlp):
    incidents, _ = _incidents(nlp, "Southland forces attacked Northland in November 2020.")
    assert incidents[0].background


def test_shelling_cue_gives_explosions_remote_violence():
    assert event_type_of(["Southland launched intensive shelling"], []) == (
        "explosions_remote_violence", "Shelling/artillery/missile attack")


def test_air_strike_cue_gives_air_strike():
    assert event_type_of(["the convoy was attacked from the air"], [])[1] == "Air/drone strike"


def test_exchange_of_fire_gives_armed_clash():
    assert event_type_of(["killed in the latest exchange of fire"], []) == ("battles", "Armed clash")


def test_separately_opens_another_incident_on_the_same_day(nlp):
    _, claims = _incidents(nlp, "On Monday, Southland shelled Northland positions.\n\n"
                                "Separately, Southland drones attacked a Northland depot on Monday.")
    assert claims[0].incident_id != claims[-1].incident_id


def test_last_week_after_a_story_dated_to_the_day_is_another_incident(nlp):
    _, claims = _incidents(nlp, "On Sunday, Southland shelled Northland positions.\n\n"
                                "Last week, Southland shelled a Northland village.")
    assert claims[0].incident_id != claims[-1].incident_id


def test_recalled_event_months_old_is_background_but_the_lead_story_is_news(nlp):
    incidents, claims = _incidents(nlp, "On Sunday, Southland shelled Northland positions.\n\n"
                                        "In April, Southland forces killed ten villagers.")
    background = {i.id: i.background for i in incidents}
    assert background[claims[0].incident_id] is False and background[claims[-1].incident_id] is True


def test_storming_a_village_with_only_civilian_victims_is_violence_against_civilians(nlp):
    incidents, _ = _incidents(nlp, "On Monday, Southland gunmen stormed a village and killed eight farmers.")
    assert incidents[0].event_type == "violence_against_civilians"


def test_campaign_that_began_weeks_before_the_news_is_background(nlp):
    incidents, claims = _incidents(nlp, "On Monday, Southland shelled Northland positions near the border.\n\n"
                                        "Southland began attacking Northland convoys in July.")
    july = next(i for i in incidents if i.date_start == date(2022, 7, 1))
    monday = next(i for i in incidents if i.date_start == date(2022, 9, 12))
    assert july.background and not monday.background


def test_day_of_a_condemnation_does_not_date_the_attack(nlp):
    incidents, claims = _incidents(nlp, "Northland on Tuesday condemned an attack on civilians.\n\n"
                                        "Southland fighters attacked a camp on Sunday morning.")
    assert len(incidents) == 1 and incidents[0].date_start == date(2022, 9, 11)
