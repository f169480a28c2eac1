"""Who started it ("the fighting began when X troops crossed"), whose statement it is ("a statement from X
says"), a claim of responsibility confirming the toll of the attack it owns, fighters named by their people
("Kachin rebels") and "the government" of a story about one country."""
from datetime import date

from ingest.pipeline import extract_text
from tests.ingest.pipeline.lookup import claim_saying

BORDER_FIGHTING = (
    "Clashes on the border\n\n"
    "Hezbollah fighters attacked an army post near Ghajar on Monday.\n\n"
    "A statement from Hezbollah says the fighting began when Israeli troops crossed into Lebanese territory.\n\n"
    "A military spokesman said the fighting erupted when militants attacked a checkpoint.\n"
)

ROCKET = (
    "Hamas rocket kills one Israeli\n\n"
    "A rocket fired from Gaza killed an Israeli man in Sderot on Monday. "
    "Hamas claimed responsibility for the attack.\n"
)


def _names(result, ids):
    names = {a.id: a.name for a in result.actors}
    return [names[i] for i in ids]


def test_a_statement_from_a_side_is_that_sides(nlp):
    result = extract_text(BORDER_FIGHTING, published_at=date(2005, 11, 21), nlp=nlp)
    assert _names(result, [claim_saying(result, "fighting began").claimant_id]) == ["Hezbollah"]


def test_the_fighting_began_when_others_acted_blames_them(nlp):
    result = extract_text(BORDER_FIGHTING, published_at=date(2005, 11, 21), nlp=nlp)
    claim = claim_saying(result, "fighting began")
    assert (claim.kind, _names(result, claim.perpetrator_ids)) == ("accusation", ["Israel"])


def test_the_fighting_erupted_when_they_attacked_reports_their_attack(nlp):
    result = extract_text(BORDER_FIGHTING, published_at=date(2005, 11, 21), nlp=nlp)
    assert claim_saying(result, "attacked a checkpoint").kind == "attack"


def test_a_claim_of_responsibility_corroborates_the_toll_of_the_act_it_owns(nlp):
    result = extract_text(ROCKET, published_at=date(2008, 2, 27), nlp=nlp)
    toll, owned = claim_saying(result, "Hamas rocket kills"), claim_saying(result, "claimed responsibility")
    assert (frozenset((toll.id, owned.id)), "corroborates") in {
        (frozenset((link.a, link.b)), link.relation) for link in result.claim_links}


HEADQUARTERS_SHELLED = (
    "Rebels say army shelled their academy\n\n"
    "Ethnic Kachin rebels in Myanmar, also known as Burma, say the government has attacked their headquarters near "
    "Laiza, home to the Kachin Independence Army. The rebels said Myanmar troops fired artillery at the school.\n"
)


def test_fighters_named_by_their_people_are_the_group_named_with_that_word(nlp):
    result = extract_text(HEADQUARTERS_SHELLED, published_at=date(2014, 11, 20), nlp=nlp)
    assert _names(result, [claim_saying(result, "attacked their headquarters").claimant_id]) == [
        "Kachin Independence Army"]


def test_the_government_in_a_story_about_one_country_is_that_countrys_state(nlp):
    result = extract_text(HEADQUARTERS_SHELLED, published_at=date(2014, 11, 20), nlp=nlp)
    assert _names(result, claim_saying(result, "attacked their headquarters").perpetrator_ids) == ["Myanmar"]


def test_missiles_slamming_into_a_market_report_a_strike(nlp):
    text = "Strike on market\n\nThe missiles slammed into the al-Thabet market in Saada province on Monday.\n"
    result = extract_text(text, published_at=date(2019, 7, 29), nlp=nlp)
    assert [c.kind for c in result.claims if "slammed" in c.text] == ["attack"]


def test_a_car_crashing_into_a_wall_is_no_attack(nlp):
    text = "Road news\n\nA car crashed into a wall on Monday.\n"
    result = extract_text(text, published_at=date(2019, 7, 29), nlp=nlp)
    assert result.claims == []
