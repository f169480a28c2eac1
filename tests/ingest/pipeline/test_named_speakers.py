"""Who speaks and acts when named loosely: "a Saudi-coalition airstrike" and "a coalition spokesman", "the
Saudis accuse", a described source with the person's name in apposition, hyphenated given names; and what
they deny: a toll called inflated, a clause ("denied they lost control of the base"), the blame laid on them
("accused the Houthis of attacking the market themselves")."""
from datetime import date

from ingest.pipeline import extract_text
from tests.ingest.pipeline.lookup import actor_name, claim_saying

MARKET_STRIKE = (
    "Air strike on market kills 10\n\n"
    "A Saudi-coalition airstrike on a market in northern Yemen has killed at least 10 people.\n\n"
    "A coalition spokesman accused the Houthis of attacking the market themselves.\n\n"
    "The Saudis accuse Iran of supplying arms to the Houthis.\n\n"
    "A local official, Ahmed Qasim, said 12 people died. UN Secretary-General Ban Ki-moon condemned the attack.\n"
)


def _result(nlp):
    return extract_text(MARKET_STRIKE, published_at=date(2019, 7, 29), nlp=nlp)


def test_a_nation_joined_to_coalition_by_a_hyphen_names_the_coalition(nlp):
    result = _result(nlp)
    perpetrators = claim_saying(result, "airstrike on a market").perpetrator_ids
    assert [actor_name(result, p) for p in perpetrators] == ["Saudi-coalition"]


def test_a_coalition_spokesman_speaks_for_the_coalition(nlp):
    result = _result(nlp)
    assert actor_name(result, claim_saying(result, "accused the Houthis").claimant_id) == "Saudi-coalition"


def test_a_nation_named_by_its_people_as_subject_is_its_state(nlp):
    result = _result(nlp)
    assert actor_name(result, claim_saying(result, "accuse Iran").claimant_id) == "Saudi Arabia"


def test_a_source_with_a_name_in_apposition_is_that_person(nlp):
    result = _result(nlp)
    assert actor_name(result, claim_saying(result, "12 people died").claimant_id) == "Ahmed Qasim"


def test_a_hyphenated_given_name_is_kept_whole(nlp):
    result = _result(nlp)
    assert "Ban Ki-moon" in {a.name for a in result.actors if a.kind == "person"}


DISPUTED_TOLL = (
    "Scores reported dead in village fighting\n\n"
    "Troops and militants fought in the village of Baga on Friday.\n\n"
    "A local official said 185 people died, although the AFP news agency quotes an army spokesman as saying "
    "that number is inflated.\n"
)


def test_a_toll_called_inflated_is_denied_by_the_one_quoted_saying_so(nlp):
    result = extract_text(DISPUTED_TOLL, published_at=date(2013, 4, 22), nlp=nlp)
    toll, denial = claim_saying(result, "185 people died"), next(c for c in result.claims if c.kind == "denial")
    assert [(link.a, link.b, link.relation) for link in result.claim_links] == [
        (toll.id, denial.id, "contradicts")]


BASE_OVERRUN = (
    "Militants attack army base\n\n"
    "Al-Shabab fighters attacked a military base near Baidoa on Friday.\n\n"
    "The group said its fighters overran the base.\n\n"
    "Government officials denied they lost control of the base.\n"
)


def test_a_denial_of_a_clause_is_a_claim_with_what_it_denies(nlp):
    result = extract_text(BASE_OVERRUN, published_at=date(2016, 5, 1), nlp=nlp)
    denial = next(c for c in result.claims if c.kind == "denial")
    assert denial.text == "Government officials denied they lost control of the base"


def test_a_bare_denial_contradicts_what_the_other_side_says_it_achieved(nlp):
    result = extract_text(BASE_OVERRUN, published_at=date(2016, 5, 1), nlp=nlp)
    boast, denial = claim_saying(result, "overran the base"), next(c for c in result.claims if c.kind == "denial")
    assert {(frozenset((link.a, link.b)), link.relation) for link in result.claim_links} == {
        (frozenset((boast.id, denial.id)), "contradicts")}


def test_a_news_outlet_does_not_give_its_country_to_the_people_it_quotes(nlp):
    text = ("Air strike hits apartment block in Ukraine\n\n"
            "An air strike destroyed an apartment building in eastern Ukraine on Tuesday. Ukrainian officials "
            "said Ukraine would investigate. Spokesman Andriy Lysenko denied any Ukrainian involvement.\n")
    result = extract_text(text, published_at=date(2014, 7, 15), publisher="Voice of America", nlp=nlp)
    assert next(a.country_code for a in result.actors if a.name == "Andriy Lysenko") == "UA"


def test_blaming_the_other_side_for_an_act_blamed_on_you_contradicts_that_account(nlp):
    result = extract_text(MARKET_STRIKE, published_at=date(2019, 7, 29), nlp=nlp)
    strike, shifted = claim_saying(result, "airstrike on a market"), claim_saying(result, "accused the Houthis")
    assert (frozenset((strike.id, shifted.id)), "contradicts") in {
        (frozenset((link.a, link.b)), link.relation) for link in result.claim_links}


def test_an_accusation_about_another_act_of_a_clash_contradicts_nothing(nlp):
    text = ("Clashes near the border\n\n"
            "Army troops and rebels clashed near the town of Adre on Thursday.\n\n"
            "Chadian officials have accused Sudan of supporting the rebels.\n")
    result = extract_text(text, published_at=date(2006, 4, 14), nlp=nlp)
    assert [link for link in result.claim_links if link.relation == "contradicts"] == []


def test_reports_from_a_crew_of_a_toll_are_the_crewsclaim_saying(nlp):
    text = ("Missile hits cargo ship\n\n"
            "The missile struck the vessel on Wednesday. Initial reports from the vessel and the multinational "
            "crew reports two presumed fatalities and six injuries.\n")
    result = extract_text(text, published_at=date(2024, 3, 6), nlp=nlp)
    assert actor_name(result, claim_saying(result, "two presumed fatalities").claimant_id) == "multinational crew"
