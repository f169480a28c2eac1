"""Speakers named with a portfolio, quotations introduced by the paragraph before, "loss of life", reporting
days, events told as happening "on the same day", characterised attacks ("the X attack was unprovoked"),
returning to the lead story after recalling an older one, "This time" after a dated aside, and denials of
involvement by a spokesman answering "separatists"."""
from datetime import date

from ingest.pipeline import extract_text
from tests.ingest.pipeline.lookup import actor_name, claim_saying

MINISTER_STATEMENT = (
    "Minister condemns attack on aid office\n"
    "Minister for the Middle East Jane Holloway has condemned the attack on the aid office in Hargeisa.\n"
    "\u201cI condemn this attack on people working to help others. It is a sad fact that the attack killed "
    "guards at the gate.\n"
    "\u201cOur staff are safe.\u201d\n"
    "The Prime Minister said there had been a tragic loss of life among the guards.\n"
)

REPORTED_NEXT_DAY = (
    "Officials: air strike kills 9 civilians\n\n"
    "Officials in Kunduz province said Sunday that an air strike hit a house near the border, killing nine "
    "civilians.\n\n"
    "The coalition said its aircraft struck the house after troops came under fire from it on Saturday.\n\n"
    "The deaths came on the same day that a roadside bomb killed four soldiers.\n"
)


BORDER_CLASH = (
    "Army strikes militia after border raid\n\n"
    "Two soldiers were killed on Tuesday night in clashes along the northern border.\n\n"
    "Army helicopters struck militia positions after al-Shabab fighters attacked a border post near Baidoa.\n\n"
    "The fighting is the first since last September, when al-Shabab attacked an army convoy, killing a soldier.\n\n"
    "Government officials say the al-Shabab attack was unprovoked.\n"
)

MISSILE_ASIDE = (
    "Statement on missile strikes\n"
    "On the night of 8 January, Russia launched a barrage of missiles at Ukraine, killing four civilians. "
    "What was different was the missile it used. Russia first fired this missile at Dnipro in November 2024. "
    "This time it struck a depot near Lviv.\n"
)


DENIED_INVOLVEMENT = (
    "Air strike hits apartment block\n\n"
    "An air strike destroyed an apartment building in the town of Snizhne on Tuesday, killing at least 11 people.\n\n"
    "Separatists blamed the Ukrainian air force for the attack.\n\n"
    "Military spokesman Andriy Lysenko denied Ukrainian involvement, saying no military planes had flown in the "
    "east since Monday. Kyiv also accuses the Russian military of downing a transport plane on Monday near "
    "Luhansk.\n"
)


def _extract(nlp, text):
    return extract_text(text, published_at=date(2024, 3, 4), nlp=nlp)


def test_a_name_after_a_title_and_its_portfolio_is_a_person(nlp):
    result = _extract(nlp, MINISTER_STATEMENT)
    assert "Jane Holloway" in {a.name for a in result.actors if a.kind == "person"}


def test_a_title_portfolio_is_no_place(nlp):
    result = _extract(nlp, MINISTER_STATEMENT)
    assert "Middle East" not in {p.name for p in result.locations}


def test_a_quotation_after_a_speakers_paragraph_is_that_speakers(nlp):
    result = _extract(nlp, MINISTER_STATEMENT)
    assert actor_name(result, claim_saying(result, "killed guards").claimant_id) == "Jane Holloway"


def test_a_loss_of_life_is_some_deaths_not_one(nlp):
    result = _extract(nlp, MINISTER_STATEMENT)
    figure = claim_saying(result, "loss of life").fatalities
    assert (figure.min, figure.max) == (1, None)


def test_the_day_a_report_was_given_does_not_part_it_from_the_day_before(nlp):
    result = _extract(nlp, REPORTED_NEXT_DAY)
    assert claim_saying(result, "hit a house").incident_id == claim_saying(result, "came under fire").incident_id


def test_an_event_on_the_same_day_is_another_incident(nlp):
    result = _extract(nlp, REPORTED_NEXT_DAY)
    assert claim_saying(result, "roadside bomb").incident_id != claim_saying(result, "came under fire").incident_id


def test_an_attack_characterised_by_a_side_is_its_accusation(nlp):
    result = _extract(nlp, BORDER_CLASH)
    claim = claim_saying(result, "was unprovoked")
    assert (claim.kind, actor_name(result, claim.claimant_id)) == ("accusation", "Government")


def test_a_named_force_before_an_attack_noun_is_its_doer(nlp):
    result = _extract(nlp, BORDER_CLASH)
    assert [actor_name(result, p) for p in claim_saying(result, "was unprovoked").perpetrator_ids] == ["al-Shabaab"]


def test_a_definite_attack_after_a_recalled_one_is_the_lead_incident(nlp):
    result = _extract(nlp, BORDER_CLASH)
    assert claim_saying(result, "was unprovoked").incident_id == claim_saying(result, "border post").incident_id


def test_this_time_is_not_dated_by_the_aside_before_it(nlp):
    result = extract_text(MISSILE_ASIDE, published_at=date(2026, 1, 15), nlp=nlp)
    assert claim_saying(result, "struck a depot").incident_id == claim_saying(result, "barrage").incident_id


def test_fighters_named_only_by_a_word_who_speak_are_an_armed_group(nlp):
    result = _extract(nlp, DENIED_INVOLVEMENT)
    claimant = claim_saying(result, "blamed the Ukrainian air force").claimant_id
    assert next((a.name, a.kind) for a in result.actors if a.id == claimant) == ("separatists", "armed_group")


def test_a_denial_of_involvement_is_a_claim_read_with_its_denier(nlp):
    result = _extract(nlp, DENIED_INVOLVEMENT)
    denial = next(c for c in result.claims if c.kind == "denial")
    assert denial.text.startswith("Military spokesman Andriy Lysenko denied Ukrainian involvement")


def test_a_denial_goes_with_what_it_denies_whatever_days_it_names(nlp):
    result = extract_text(DENIED_INVOLVEMENT, published_at=date(2014, 7, 15), nlp=nlp)  # a Tuesday
    denial = next(c for c in result.claims if c.kind == "denial")
    assert denial.incident_id == claim_saying(result, "apartment building").incident_id


def test_a_country_named_only_in_the_headline_does_not_part_the_story(nlp):
    text = ("Attack on Syria aid convoy condemned\n\n"
            "The Foreign Secretary welcomed the report on the attack on an aid convoy near Aleppo on 19 September.\n\n"
            "The report found the convoy was attacked from the air. The strike was carried out by forces of the "
            "regime or Russia, he said.\n")
    result = extract_text(text, published_at=date(2016, 12, 21), nlp=nlp)
    blamed, found = claim_saying(result, "carried out by"), claim_saying(result, "attacked from the air")
    assert blamed.incident_id == found.incident_id
